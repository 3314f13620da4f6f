/// How many elective waiting-list cases one staffed operating room does in a day in
/// one specialty (`room_day_cases.csv`), and whether rooms run at weekends.
///
/// The capacity-shortage mode (`lotsa assess`) turns the rooms of the daily
/// operating-room report into cases with it: a site's capacity on an open day is
/// ⌊rooms × cases_per_room_day⌋. Planned surgery runs on weekdays, so weekends are
/// closed unless the row says otherwise.
public struct RoomDayRate: Sendable, Hashable {
    public var specialty: String
    public var casesPerRoomDay: Double
    /// Whether rooms of this specialty operate on Saturdays and Sundays.
    public var weekendsOpen: Bool

    public init(specialty: String, casesPerRoomDay: Double, weekendsOpen: Bool = false) {
        self.specialty = specialty
        self.casesPerRoomDay = casesPerRoomDay
        self.weekendsOpen = weekendsOpen
    }

    /// Whether rooms operate on `day`.
    public func isOpen(_ day: Day) -> Bool {
        weekendsOpen || day.weekday <= 5
    }

    /// Whole cases that `rooms` rooms do on an open day.
    public func cases(rooms: Int) -> Int {
        // The epsilon keeps 5 × 1.4 = 7 from flooring to 6.
        Int((Double(rooms) * casesPerRoomDay + 1e-9).rounded(.down))
    }
}
