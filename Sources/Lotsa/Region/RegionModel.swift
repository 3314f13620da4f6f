import Collections

/// What a region has: administrations, sites, specialties, capacity, contracts,
/// a capacity calendar and (optionally) distances. Loaded from `Models/<name>/`.
public struct RegionModel: Sendable {
    public var name: String
    /// The region whose own contracts count as region contracts.
    public var homeRegion: String
    public var description: String
    public var administrations: OrderedDictionary<String, Administration>
    public var specialties: OrderedDictionary<String, Specialty>
    public var sites: OrderedDictionary<String, Site>
    public var siteCapacities: [SiteCapacity]
    public var contractProviders: OrderedDictionary<String, ContractProvider>
    public var contracts: [Contract]
    public var calendar: CapacityCalendar
    /// km from an administration to a site of another administration; nil when the
    /// model has no distance table (transfers are then counted in cases).
    public var distances: [String: [String: Double]]?
    /// Cases per staffed room-day per specialty (`room_day_cases.csv`), for the
    /// capacity-shortage mode; empty when the model has no such file.
    public var roomDayRates: OrderedDictionary<String, RoomDayRate> = [:]

    public init(name: String, homeRegion: String, description: String = "",
                administrations: OrderedDictionary<String, Administration>,
                specialties: OrderedDictionary<String, Specialty>,
                sites: OrderedDictionary<String, Site>,
                siteCapacities: [SiteCapacity],
                contractProviders: OrderedDictionary<String, ContractProvider>,
                contracts: [Contract],
                calendar: CapacityCalendar = CapacityCalendar(),
                distances: [String: [String: Double]]? = nil) {
        self.name = name
        self.homeRegion = homeRegion
        self.description = description
        self.administrations = administrations
        self.specialties = specialties
        self.sites = sites
        self.siteCapacities = siteCapacities
        self.contractProviders = contractProviders
        self.contracts = contracts
        self.calendar = calendar
        self.distances = distances
    }

    /// Whether a provider id names a site or a contract provider of this model.
    public func providerExists(_ id: String) -> Bool {
        sites[id] != nil || contractProviders[id] != nil
    }
}
