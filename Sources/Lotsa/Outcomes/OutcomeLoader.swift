import Foundation

/// Reads outcomes (utfall) from any of the forms analysts keep them in, and checks
/// them against the planning problem like every other input: each problem is one
/// ``InputError`` naming file, line and field.
///
/// The form is decided in one place, ``form(of:)``, on the path alone:
/// * a folder — the `sheets/` that `plan` and `periodise` write, with the "utfall"
///   rows filled in (``OutcomeSheets``);
/// * a file ending in `.xlsx` — the delivery-plan workbook `delivery_plans.xlsx`,
///   its "utfall" rows typed in (``DeliveryPlanWorkbookReader``); it has no
///   optional `returned` rows (a re-plan writes them for lines that had returns);
/// * any other file — `outcomes.csv`, `administration,provider,specialty,week,sent,returned`
///   (``OutcomeTable``).
///
/// ```swift
/// let outcomes = try OutcomeLoader.load(path: "outcomes.csv", problem: problem)
/// ```
public enum OutcomeLoader {
    /// The forms an outcome source can take.
    public enum Form: Sendable, Equatable {
        case csv, sheetsFolder, workbook
    }

    /// The single dispatch point on the path's form.
    public static func form(of url: URL) -> Form {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .sheetsFolder
        }
        return url.pathExtension.lowercased() == "xlsx" ? .workbook : .csv
    }

    public static func load(path: String, problem: PlanningProblem) throws(InputError) -> Outcomes {
        try load(path: path, catalogue: OutcomeCatalogue(problem: problem))
    }

    public static func load(path: String, catalogue: OutcomeCatalogue) throws(InputError) -> Outcomes {
        let url = URL(fileURLWithPath: path)
        let display = DisplayPath.of(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: display), "no such file or folder",
                             expected: "outcomes.csv, a sheets/ folder with utfall rows, or a delivery-plan workbook",
                             kind: .missingFile)
        }
        let outcomes: Outcomes
        switch form(of: url) {
        case .csv:
            outcomes = try OutcomeTable.read(url: url, displayPath: display)
        case .sheetsFolder:
            outcomes = try OutcomeSheets.read(folder: url, displayPath: display, catalogue: catalogue)
        case .workbook:
            outcomes = try workbook(url: url, displayPath: display)
        }
        try validate(outcomes, catalogue: catalogue)
        return outcomes
    }

    /// The typed-in "utfall" cells of a delivery-plan workbook as records; each keeps
    /// its cell (`vanerkliniken!AF7`) for diagnostics.
    static func workbook(url: URL, displayPath: String) throws(InputError) -> Outcomes {
        let entries = try DeliveryPlanWorkbookReader.read(url, displayPath: displayPath)
        var records: [OutcomeRecord] = []
        for entry in entries {
            let location = SourceLocation(file: "\(displayPath):\(entry.cell)")
            guard let week = entry.isoWeek else {
                throw InputError(location, "the column is not an ISO week", expected: "a week such as 2026-W20",
                                 found: entry.week)
            }
            records.append(OutcomeRecord(administration: entry.administration, provider: entry.provider,
                                         specialty: entry.specialty, week: week, sent: entry.sent, returned: entry.returned,
                                         location: location))
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError(SourceLocation(file: displayPath), "cannot read the file", kind: .missingFile)
        }
        return Outcomes(records: records, files: [InputFile(data: data, displayPath: displayPath)],
                        recordsReplacements: false)
    }

    /// Every record names a known administration, provider and specialty the
    /// provider offers, a week of the horizon, at most once per line and week; and a
    /// line never has more returned than it was sent up to that week.
    public static func validate(_ outcomes: Outcomes, catalogue: OutcomeCatalogue) throws(InputError) {
        let administrations = Set(catalogue.administrations)
        let providers = Set(catalogue.providers)
        let weeks = Set(catalogue.weeks)
        var seen: [String: SourceLocation] = [:]
        for record in outcomes.records {
            func fail(_ field: String, _ message: String, expected: String, found: String) -> InputError {
                var location = record.location
                if field != "week" { location.field = field }
                return InputError(location, message, expected: expected, found: found)
            }
            guard administrations.contains(record.administration) else {
                throw fail("administration", "unknown administration",
                           expected: catalogue.administrations.count <= 12 ? catalogue.administrations.joined(separator: ", ")
                                                                         : "an id from the model",
                           found: record.administration)
            }
            guard providers.contains(record.provider) else {
                throw fail("provider", "unknown provider", expected: "a provider id from the model", found: record.provider)
            }
            guard catalogue.specialties.contains(record.specialty) else {
                throw fail("specialty", "unknown specialty", expected: catalogue.specialties.joined(separator: ", "),
                           found: record.specialty)
            }
            guard catalogue.offered.contains("\(record.provider)|\(record.specialty)") else {
                throw fail("specialty", "\(record.provider) has no capacity in this specialty",
                           expected: "a specialty the provider offers", found: record.specialty)
            }
            guard weeks.contains(record.week.description) else {
                throw fail("week", "the week is outside the planning horizon",
                           expected: "a week from \(catalogue.weeks.first ?? "?") to \(catalogue.weeks.last ?? "?")",
                           found: record.week.description)
            }
            let key = "\(record.line)|\(record.week)"
            if let earlier = seen[key] {
                throw fail("week", "this line already has an outcome for this week (at \(earlier))",
                           expected: "one outcome per administration, provider, specialty and week",
                           found: record.week.description)
            }
            seen[key] = record.location
        }
        // Returns never exceed what was sent (and replaced) on the line so far.
        let byLine = Dictionary(grouping: outcomes.records, by: \.line)
        for line in byLine.keys.sorted() {
            var sent = 0, returned = 0, replaced = 0, previousReturned = 0
            for record in byLine[line]!.sorted(by: { $0.week < $1.week }) {
                sent += record.sent
                replaced += record.replaced ?? previousReturned
                returned += record.returned
                previousReturned = record.returned
                if returned > sent + replaced {
                    var location = record.location
                    location.field = location.field.map { $0 == "week" ? "returned" : $0 } ?? "returned"
                    throw InputError(location, "more referrals returned than were sent on this line so far",
                                     expected: "at most \(sent + replaced - (returned - record.returned)) returned",
                                     found: String(record.returned))
                }
            }
        }
    }
}

/// What outcomes are checked against: the administrations, providers, specialties
/// each provider offers, and the weeks of the horizon — from the scenario (replan)
/// or from the plan folder itself (followup).
public struct OutcomeCatalogue: Sendable {
    public var administrations: [String]
    /// Provider ids, in the model's order.
    public var providers: [String]
    public var specialties: [String]
    /// "provider|specialty" pairs a provider offers.
    public var offered: Set<String>
    /// Week labels of the horizon, in order.
    public var weeks: [String]

    public init(administrations: [String], providers: [String], specialties: [String], offered: Set<String>, weeks: [String]) {
        self.administrations = administrations
        self.providers = providers
        self.specialties = specialties
        self.offered = offered
        self.weeks = weeks
    }

    public init(problem: PlanningProblem) {
        self.init(administrations: problem.administrations, providers: problem.providers.map(\.id),
                  specialties: problem.specialties,
                  offered: Set(problem.offers.map { "\(problem.providers[$0.provider].id)|\($0.specialty)" }),
                  weeks: (1...problem.periods).map { problem.horizon.label(ofPeriod: $0) })
    }
}
