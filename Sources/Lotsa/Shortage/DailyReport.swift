import Collections
import Foundation

/// The daily operating-room report (rapportmall) of the routine for capacity
/// shortage at a special event: one row per site with its operating rooms, staffed
/// rooms and staffed rooms per specialty, as each site reports it every morning.
public struct DailyReport: Sendable {
    /// One site's line of the report.
    public struct Line: Sendable, Hashable {
        /// The model's site id.
        public var site: String
        public var administration: String
        /// The physical line in the report, for messages.
        public var line: Int
        /// Whether the site reported at all (a row of empty cells is "not reported").
        public var reported: Bool
        /// Op-salar.
        public var operatingRooms: Int?
        /// Bemannade op-salar.
        public var staffedRooms: Int?
        /// Staffed rooms per specialty (the columns Kir, Ort, Gyn, …), in report order.
        public var rooms: OrderedDictionary<String, Int>
        /// Disponibla: rooms the site reports as available (informative).
        public var availableRooms: Int?
    }

    /// The path as shown to the user.
    public var path: String
    /// The report's date column, when it has one.
    public var date: Day?
    /// The specialties the report has columns for, in its order: the specialties assessed.
    public var specialties: [String]
    /// Lines in the report's order; sites the report does not name are absent.
    public var lines: [Line]
    /// The file read, with its checksum.
    public var input: InputFile?

    public func line(site: String) -> Line? { lines.first { $0.site == site } }

    /// Administrations in the order the report first names them, then the model's
    /// others: the template's order of rows.
    public func administrationOrder(model: RegionModel) -> [String] {
        var order: [String] = []
        for line in lines where !order.contains(line.administration) { order.append(line.administration) }
        return order + model.administrations.keys.filter { !order.contains($0) }
    }

    /// The sites of `administration` in the report's order, then the model's others.
    public func siteOrder(model: RegionModel, administration: String) -> [String] {
        let reported = lines.filter { $0.administration == administration }.map(\.site)
        return reported + model.sites.values.filter { $0.administration == administration && !reported.contains($0.id) }.map(\.id)
    }
}

/// Reads `daily_report.csv` through the shared CSV reader and checks it against the
/// region model: every site known, counts whole, staffed ≤ rooms, rooms per
/// specialty ≤ staffed, a rate per room-day for every specialty reported.
public enum DailyReportTable {
    static let required = ["administration", "site"]
    static let optional = ["or_rooms", "staffed_or_rooms", "available_rooms", "contact", "date"]

    public static func read(path: String, model: RegionModel) throws(InputError) -> DailyReport {
        // Through the ledger, like every input: a missing file is exit 66, and the
        // file's checksum goes into assessment.json.
        var ledger = InputLedger()
        let table = try ledger.csv(URL(fileURLWithPath: path), displayPath: path, required: required,
                                   optional: optional + Array(model.specialties.keys))
        var report = try read(table, model: model)
        report.input = ledger.files.first
        return report
    }

    static func read(_ table: CSVTable, model: RegionModel) throws(InputError) -> DailyReport {
        let specialties = table.header.filter { model.specialties[$0] != nil }
        for specialty in specialties where model.roomDayRates[specialty] == nil {
            throw InputError(table.headerLocation(specialty), "the region model has no cases per room-day for this specialty",
                             expected: "a row for \(specialty) in the model's room_day_cases.csv", found: specialty)
        }
        var byName: [String: String] = [:]
        for site in model.sites.values { byName[site.name] = site.id; byName[site.id] = site.id }
        var contractNames = Set<String>()
        for provider in model.contractProviders.values { contractNames.insert(provider.name); contractNames.insert(provider.id) }

        var lines: [String: DailyReport.Line] = [:]
        var date: (day: Day, row: CSVRow)?
        for row in table.rows {
            let countColumns = ["or_rooms", "staffed_or_rooms", "available_rooms"] + specialties
            let reported = countColumns.contains { row.optionalString($0) != nil }
            let name = try row.string("site")
            guard let site = byName[name] else {
                // The template's last row is another region's hospital: a contract
                // provider of the model, whose capacity the contracts give.
                if contractNames.contains(name) && !reported { continue }
                let suggestion = closestMatch(to: name, among: Array(byName.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                throw row.error("site", "unknown site\(suggestion)",
                                expected: contractNames.contains(name)
                                    ? "a site of the region model (a contract provider's row must be empty)"
                                    : "a site name or id of the region model", found: name)
            }
            let administration = try row.reference("administration", in: model.administrations.keys, kind: "administration")
            let home = model.sites[site]!.administration
            guard administration == home else {
                throw row.error("administration", "the site \(name) belongs to another administration",
                                expected: home, found: administration)
            }
            guard lines[site] == nil else {
                throw row.error("site", "the site is already reported on line \(lines[site]!.line)",
                                expected: "one row per site", found: name)
            }
            if let day = try row.optionalDay("date") {
                if let first = date, first.day != day {
                    throw row.error("date", "the report mixes dates (line \(first.row.line) has \(first.day))",
                                    expected: "one date for the whole report", found: day.description)
                }
                date = date ?? (day, row)
            }
            func optionalCount(_ column: String) throws(InputError) -> Int? {
                row.optionalString(column) == nil ? nil : try row.count(column)
            }
            let rooms = try optionalCount("or_rooms")
            let staffed = try optionalCount("staffed_or_rooms")
            if let rooms, let staffed, staffed > rooms {
                throw row.error("staffed_or_rooms", "more staffed rooms than operating rooms",
                                expected: "at most \(rooms) (or_rooms)", found: String(staffed))
            }
            var perSpecialty = OrderedDictionary<String, Int>()
            for specialty in specialties { perSpecialty[specialty] = try optionalCount(specialty) ?? 0 }
            let assigned = perSpecialty.values.reduce(0, +)
            if let staffed, assigned > staffed {
                throw row.error(specialties.last { perSpecialty[$0]! > 0 } ?? "staffed_or_rooms",
                                "the rooms per specialty add up to \(assigned), more than the staffed rooms",
                                expected: "at most \(staffed) (staffed_or_rooms)",
                                found: specialties.map { "\($0) \(perSpecialty[$0]!)" }.joined(separator: ", "))
            }
            if staffed == nil, assigned > 0, let rooms, assigned > rooms {
                throw row.error(specialties.last { perSpecialty[$0]! > 0 }!,
                                "the rooms per specialty add up to \(assigned), more than the operating rooms",
                                expected: "at most \(rooms) (or_rooms)", found: String(assigned))
            }
            let available = try optionalCount("available_rooms")
            if let available, let rooms, available > rooms {
                throw row.error("available_rooms", "more available rooms than operating rooms",
                                expected: "at most \(rooms) (or_rooms)", found: String(available))
            }
            lines[site] = DailyReport.Line(site: site, administration: home, line: row.line, reported: reported,
                                           operatingRooms: rooms, staffedRooms: staffed, rooms: perSpecialty,
                                           availableRooms: available)
        }
        return DailyReport(path: table.path, date: date?.day, specialties: specialties,
                           lines: lines.values.sorted { $0.line < $1.line })
    }
}
