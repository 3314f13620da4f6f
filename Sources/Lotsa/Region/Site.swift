/// A hospital site (sjukhus/enhet) of the home region, run by one administration.
public struct Site: Sendable, Hashable {
    public var id: String
    public var name: String
    public var administration: String
    /// Operating rooms and staffed operating rooms, as in the daily report; informative.
    public var operatingRooms: Int?
    public var staffedOperatingRooms: Int?

    public init(id: String, name: String, administration: String, operatingRooms: Int?, staffedOperatingRooms: Int?) {
        self.id = id
        self.name = name
        self.administration = administration
        self.operatingRooms = operatingRooms
        self.staffedOperatingRooms = staffedOperatingRooms
    }
}

/// What a site can do in one specialty in an ordinary week: rooms × cases per
/// room-week, for waiting-list patients of every administration together.
public struct SiteCapacity: Sendable, Hashable {
    public var site: String
    public var specialty: String
    public var rooms: Double
    public var casesPerRoomWeek: Double
    public var eligibility: Eligibility

    public init(site: String, specialty: String, rooms: Double, casesPerRoomWeek: Double, eligibility: Eligibility) {
        self.site = site
        self.specialty = specialty
        self.rooms = rooms
        self.casesPerRoomWeek = casesPerRoomWeek
        self.eligibility = eligibility
    }
}
