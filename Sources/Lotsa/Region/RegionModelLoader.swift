import Collections
import Foundation

/// Reads a region model folder (`Models/<name>/`): one CSV file per kind of
/// component, checked for unknown and duplicate ids as it is read.
public struct RegionModelLoader: Sendable {
    /// Every file read, for the audit trail.
    public private(set) var ledger: InputLedger
    private let displayRoot: String

    public init(displayRoot: String, ledger: InputLedger = InputLedger()) {
        self.displayRoot = displayRoot
        self.ledger = ledger
    }

    /// Loads the model in `folder`, recording the files it reads in `ledger`.
    public static func load(folder: URL, displayPath: String, ledger: inout InputLedger) throws(InputError) -> RegionModel {
        var loader = RegionModelLoader(displayRoot: displayPath, ledger: ledger)
        let model = try loader.load(folder: folder)
        ledger = loader.ledger
        return model
    }

    mutating func load(folder: URL) throws(InputError) -> RegionModel {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("model.yaml").path) else {
            throw InputError(SourceLocation(file: display("model.yaml")), "no region model here",
                             expected: "a folder with model.yaml, administrations.csv, sites.csv, …",
                             found: "no model.yaml in \(displayRoot)", kind: .missingFile)
        }
        let header = try readYAML(folder, "model.yaml")
        let mapping = try header.mapping(allowedKeys: ["name", "home_region", "description"])
        let name = try mapping.requiredString("name")
        let homeRegion = try mapping.requiredString("home_region")
        let description = try mapping.optionalString("description") ?? ""

        var administrations = OrderedDictionary<String, Administration>()
        let administrationTable = try readCSV(folder, "administrations.csv", required: ["id", "name"])
        try Self.requireRows(administrationTable, "administrations")
        for row in administrationTable.rows {
            let id = try row.identifier("id")
            guard administrations[id] == nil else { throw row.duplicate("id", id) }
            administrations[id] = Administration(id: id, name: try row.string("name"))
        }

        var specialties = OrderedDictionary<String, Specialty>()
        let specialtyTable = try readCSV(folder, "specialties.csv", required: ["id", "name"])
        try Self.requireRows(specialtyTable, "specialties")
        for row in specialtyTable.rows {
            let id = try row.identifier("id")
            guard specialties[id] == nil else { throw row.duplicate("id", id) }
            specialties[id] = Specialty(id: id, name: try row.string("name"))
        }

        var sites = OrderedDictionary<String, Site>()
        let siteTable = try readCSV(folder, "sites.csv", required: ["id", "name", "administration"],
                                    optional: ["or_rooms", "staffed_or_rooms"])
        try Self.requireRows(siteTable, "sites")
        for row in siteTable.rows {
            let id = try row.identifier("id")
            guard sites[id] == nil else { throw row.duplicate("id", id) }
            let administration = try row.reference("administration", in: administrations.keys, kind: "administration")
            let rooms = row.optionalString("or_rooms") == nil ? nil : try row.count("or_rooms")
            let staffed = row.optionalString("staffed_or_rooms") == nil ? nil : try row.count("staffed_or_rooms")
            sites[id] = Site(id: id, name: try row.string("name"), administration: administration,
                             operatingRooms: rooms, staffedOperatingRooms: staffed)
        }

        var siteCapacities: [SiteCapacity] = []
        var seenSiteSpecialty = Set<[String]>()
        let capacityTable = try readCSV(folder, "site_capacity.csv",
                                        required: ["site", "specialty", "rooms", "cases_per_room_week"],
                                        optional: ["care_types", "max_asa"])
        for row in capacityTable.rows {
            let site = try row.reference("site", in: sites.keys, kind: "site")
            let specialty = try row.reference("specialty", in: specialties.keys, kind: "specialty")
            guard seenSiteSpecialty.insert([site, specialty]).inserted else {
                throw row.error("specialty", "site \(site) already has a row for this specialty",
                                expected: "one row per site and specialty", found: specialty)
            }
            siteCapacities.append(SiteCapacity(
                site: site, specialty: specialty,
                rooms: try row.double("rooms", range: 0...10_000),
                casesPerRoomWeek: try row.double("cases_per_room_week", range: 0...10_000),
                eligibility: try row.eligibility()))
        }

        var providers = OrderedDictionary<String, ContractProvider>()
        let providerTable = try readCSV(folder, "contract_providers.csv", required: ["id", "name", "owner_region"])
        for row in providerTable.rows {
            let id = try row.identifier("id")
            guard providers[id] == nil else { throw row.duplicate("id", id) }
            guard sites[id] == nil else {
                throw row.error("id", "a site already has this id", expected: "provider ids distinct from site ids", found: id)
            }
            providers[id] = ContractProvider(id: id, name: try row.string("name"), ownerRegion: try row.string("owner_region"))
        }

        var contracts: [Contract] = []
        var seenContract = Set<[String]>()
        let contractTable = try readCSV(folder, "contracts.csv",
                                        required: ["provider", "specialty", "weekly_capacity", "price"],
                                        optional: ["annual_ceiling", "valid_from", "valid_to", "care_types", "max_asa"])
        for row in contractTable.rows {
            let provider = try row.reference("provider", in: providers.keys, kind: "contract provider")
            let specialty = try row.reference("specialty", in: specialties.keys, kind: "specialty")
            guard seenContract.insert([provider, specialty]).inserted else {
                throw row.error("specialty", "provider \(provider) already has a contract row for this specialty",
                                expected: "one row per provider and specialty", found: specialty)
            }
            let ceiling: Int? = row.optionalString("annual_ceiling") == nil ? nil : try row.count("annual_ceiling")
            let validFrom = try row.optionalDay("valid_from")
            let validTo = try row.optionalDay("valid_to")
            if let validFrom, let validTo, validTo < validFrom {
                throw row.error("valid_to", "the contract ends before it starts",
                                expected: "a date on or after valid_from (\(validFrom))", found: "\(validTo)")
            }
            contracts.append(Contract(
                provider: provider, specialty: specialty,
                weeklyCapacity: try row.double("weekly_capacity", range: 0...1_000_000),
                annualCeiling: ceiling,
                price: try row.double("price", range: 0...1e9),
                validFrom: validFrom, validTo: validTo,
                eligibility: try row.eligibility()))
        }

        var calendar = CapacityCalendar()
        if exists(folder, "calendar.csv") {
            let table = try readCSV(folder, "calendar.csv", required: ["week", "factor"], optional: ["scope"])
            var factorLocations: [SourceLocation] = []
            for row in table.rows {
                if let text = row["week"], let week = ISOWeek(iso: text) {
                    throw row.error("week", "the calendar holds week numbers, the same every year",
                                    expected: "the week number alone, e.g. \(week.week)", found: text)
                }
                let week = try row.int("week", range: 1...53)
                let factor = try row.double("factor", range: 0...10)
                let scope: CalendarScope
                switch row.optionalString("scope") ?? "all" {
                case "all": scope = .all
                case "sites": scope = .sites
                case "contracts": scope = .contracts
                case let id where sites[id] != nil || providers[id] != nil: scope = .provider(id)
                case let other:
                    throw row.error("scope", "unknown scope", expected: "all, sites, contracts or a provider id", found: other)
                }
                calendar.entries.append(.init(week: week, factor: factor, scope: scope))
                factorLocations.append(row.location("factor"))
            }
            try Self.checkCombinedFactors(calendar, locations: factorLocations,
                                          providers: sites.keys.map { ($0, true) } + providers.keys.map { ($0, false) })
        }

        var distances: [String: [String: Double]]?
        if exists(folder, "distances.csv") {
            var table: [String: [String: Double]] = [:]
            let csv = try readCSV(folder, "distances.csv", required: ["administration", "site", "km"])
            for row in csv.rows {
                let administration = try row.reference("administration", in: administrations.keys, kind: "administration")
                let site = try row.reference("site", in: sites.keys, kind: "site")
                guard table[administration, default: [:]][site] == nil else {
                    throw row.error("site", "this administration and site already have a distance",
                                    expected: "one row per administration and site", found: site)
                }
                table[administration, default: [:]][site] = try row.double("km", range: 0...100_000)
            }
            // A transfer without a distance would silently count as zero km.
            for administration in administrations.keys {
                for site in sites.values where site.administration != administration
                    && table[administration]?[site.id] == nil {
                    throw InputError(SourceLocation(file: display("distances.csv"), field: "km"),
                                     "no distance from \(administration) to \(site.id)",
                                     expected: "a row for every administration and every site of another administration",
                                     found: "no row \(administration),\(site.id)")
                }
            }
            distances = table
        }

        var model = RegionModel(name: name, homeRegion: homeRegion, description: description,
                                administrations: administrations, specialties: specialties, sites: sites,
                                siteCapacities: siteCapacities, contractProviders: providers, contracts: contracts,
                                calendar: calendar, distances: distances)
        if exists(folder, "room_day_cases.csv") {
            let csv = try readCSV(folder, "room_day_cases.csv", required: ["specialty", "cases_per_room_day"],
                                  optional: ["weekends"])
            for row in csv.rows {
                let specialty = try row.reference("specialty", in: specialties.keys, kind: "specialty")
                guard model.roomDayRates[specialty] == nil else { throw row.duplicate("specialty", specialty) }
                var weekendsOpen = false
                switch row.optionalString("weekends") {
                case nil, "closed": weekendsOpen = false
                case "open": weekendsOpen = true
                case let other?:
                    throw row.error("weekends", "unknown value", expected: "closed (the default) or open", found: other)
                }
                model.roomDayRates[specialty] = RoomDayRate(
                    specialty: specialty, casesPerRoomDay: try row.double("cases_per_room_day", range: 0...1000),
                    weekendsOpen: weekendsOpen)
            }
        }
        return model
    }

    /// A model without administrations, specialties or sites plans nothing;
    /// saying so beats an "unknown id" in the next file.
    private static func requireRows(_ table: CSVTable, _ what: String) throws(InputError) {
        guard table.rows.isEmpty else { return }
        throw InputError(table.headerLocation(), "no \(what): the file has a header but no rows",
                         expected: "at least one row after the header", found: table.header.joined(separator: String(table.delimiter)))
    }

    /// The largest product of calendar factors that one provider may get in one week.
    static let maximumCalendarFactor = 10.0

    /// Factors of matching rows multiply; their product stays within the bound of one
    /// row, so that capacities remain numbers a plan can hold.
    private static func checkCombinedFactors(_ calendar: CapacityCalendar, locations: [SourceLocation],
                                             providers: [(id: String, isSite: Bool)]) throws(InputError) {
        let weeks = Set(calendar.entries.filter { $0.factor > 1 }.map(\.week))
        for week in weeks.sorted() {
            for provider in providers {
                let product = calendar.factor(isoWeekNumber: week, providerID: provider.id, isSite: provider.isSite)
                guard product > maximumCalendarFactor else { continue }
                let last = calendar.entries.indices.last {
                    calendar.entries[$0].week == week && calendar.entries[$0].factor > 1
                        && calendar.entries[$0].applies(providerID: provider.id, isSite: provider.isSite)
                }!
                throw InputError(locations[last], "the factors of week \(week) multiply to \(NumberFormat.json(product)) for \(provider.id)",
                                 expected: "factors whose product for any provider and week is at most \(NumberFormat.json(maximumCalendarFactor))",
                                 found: calendar.entries.filter { $0.week == week && $0.applies(providerID: provider.id, isSite: provider.isSite) }
                                    .map { NumberFormat.json($0.factor) }.joined(separator: " × "))
            }
        }
    }

    private func display(_ file: String) -> String {
        displayRoot.isEmpty ? file : "\(displayRoot)/\(file)"
    }

    private func exists(_ folder: URL, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path)
    }

    private mutating func readCSV(_ folder: URL, _ file: String, required: [String], optional: [String] = []) throws(InputError) -> CSVTable {
        try ledger.csv(folder.appendingPathComponent(file), displayPath: display(file), required: required, optional: optional)
    }

    private mutating func readYAML(_ folder: URL, _ file: String) throws(InputError) -> YAMLNode {
        try ledger.yaml(folder.appendingPathComponent(file), displayPath: display(file))
    }
}
extension CSVRow {
    /// A required id: non-empty, without surrounding spaces or characters that break CSV output.
    func identifier(_ column: String) throws(InputError) -> String {
        let id = try string(column)
        if id.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0.isNewline }) {
            throw error(column, "an id may not contain , ; \" or line breaks", expected: "a plain id such as SU or ort", found: id)
        }
        return id
    }

    func duplicate(_ column: String, _ id: String) -> InputError {
        error(column, "duplicate id", expected: "each id once", found: id)
    }

    /// A reference to an id that must already be known.
    func reference<C: Collection>(_ column: String, in known: C, kind: String) throws(InputError) -> String
    where C.Element == String {
        let id = try string(column)
        guard known.contains(id) else {
            let suggestion = closestMatch(to: id, among: Array(known)).map { " (did you mean '\($0)'?)" } ?? ""
            let list = known.count <= 12 ? known.joined(separator: ", ") : "an id from the model"
            throw error(column, "unknown \(kind)\(suggestion)", expected: list, found: id)
        }
        return id
    }

    /// `care_types` (`outpatient|inpatient`, empty = both) and `max_asa` (1–5, empty = 5).
    func eligibility() throws(InputError) -> Eligibility {
        var careTypes = Set(CareType.allCases)
        if let text = optionalString("care_types") {
            careTypes = []
            for part in text.split(separator: "|", omittingEmptySubsequences: false) {
                let word = part.trimmingCharacters(in: .whitespaces)
                guard let careType = CareType(rawValue: word) else {
                    throw error("care_types", "unknown care type", expected: "outpatient, inpatient or both as outpatient|inpatient", found: text)
                }
                careTypes.insert(careType)
            }
        }
        let maxASA = optionalString("max_asa") == nil ? 5 : try int("max_asa", range: 1...5)
        return Eligibility(careTypes: careTypes, maxASA: maxASA)
    }
}
