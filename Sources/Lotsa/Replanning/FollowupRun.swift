import Foundation

public struct FollowupRunReport: Sendable {
    public var outputDirectory: URL
    public var followup: Followup
}

/// `lotsa followup <plan folder> --outcomes <file|sheets>`: reads the plan folder's
/// delivery plans (no scenario needed: the outcomes are checked against the plan's
/// own administrations, providers, specialties and weeks) and writes the follow-up tables.
public enum FollowupRun {
    public static func run(planFolder: String, outcomesPath: String, through: String?,
                           outputDirectory: URL?) throws(LotsaError) -> FollowupRunReport {
        let plan: [LineKey: [String: Int]], followed: Set<LineKey>, catalogue: OutcomeCatalogue, outcomes: Outcomes
        let last: String
        do {
            (plan, followed, catalogue, outcomes, last) = try readInputs(planFolder: planFolder, outcomesPath: outcomesPath,
                                                                         through: through)
        } catch {
            throw .input(error)
        }
        let followup = Followup.build(plan: plan, followed: followed, weeks: catalogue.weeks, outcomes: outcomes, through: last)
        let destination = outputDirectory ?? URL(fileURLWithPath: "out").appendingPathComponent("followup-\(last)")
        do {
            let inputs = RunInputs(folders: [URL(fileURLWithPath: planFolder)], files: [URL(fileURLWithPath: outcomesPath)])
            let folder = try OutputFolder(destination: destination, inputs: inputs)
            try folder.write(FollowupTables.weeks(followup), to: "followup_weeks.csv")
            try folder.write(FollowupTables.totals(followup.linesBehind.map(\.1), keyColumns: ["administration", "provider", "specialty"],
                                                   split: { key in
                                                       let parts = key.components(separatedBy: " → ")
                                                       let right = parts[1].split(separator: " ", maxSplits: 1).map(String.init)
                                                       return [parts[0], right[0], right[1]]
                                                   }), to: "followup_lines.csv")
            try folder.write(FollowupTables.totals(followup.providers, keyColumns: ["provider"], split: { [$0] }),
                             to: "followup_providers.csv")
            try folder.write(FollowupTables.totals(followup.administrations, keyColumns: ["administration"], split: { [$0] }),
                             to: "followup_administrations.csv")
            try folder.write(FollowupTables.returns(followup), to: "returned.csv")
            try folder.commit()
        } catch {
            throw .output(error)
        }
        return FollowupRunReport(outputDirectory: destination, followup: followup)
    }

    static func readInputs(planFolder: String, outcomesPath: String, through: String?) throws(InputError)
        -> ([LineKey: [String: Int]], Set<LineKey>, OutcomeCatalogue, Outcomes, String) {
        let (plan, followed, catalogue) = try readPlan(folder: planFolder)
        let outcomes = try OutcomeLoader.load(path: outcomesPath, catalogue: catalogue)
        if let through {
            guard ISOWeek(iso: through) != nil, catalogue.weeks.contains(through) else {
                throw InputError(SourceLocation(file: "--through", field: "--through"), "the week is outside the plan's weeks",
                                 expected: "an ISO week from \(catalogue.weeks.first ?? "?") to \(catalogue.weeks.last ?? "?")",
                                 found: through)
            }
            return (plan, followed, catalogue, outcomes, through)
        }
        guard let week = outcomes.lastWeek else {
            throw InputError(SourceLocation(file: outcomesPath), "no outcomes recorded", expected: "at least one week with an utfall")
        }
        return (plan, followed, catalogue, outcomes, week.description)
    }

    /// The plan folder's weekly plan per line, the lines its sheets follow, and the catalogue outcomes are checked against.
    static func readPlan(folder: String) throws(InputError) -> ([LineKey: [String: Int]], Set<LineKey>, OutcomeCatalogue) {
        let url = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(SourceLocation(file: DisplayPath.of(url)), "no such folder",
                             expected: "the output folder of the plan in force (with delivery_plans.csv)", kind: .missingFile)
        }
        var ledger = InputLedger()
        let csvURL = url.appendingPathComponent("delivery_plans.csv")
        let table = try ledger.csv(csvURL, displayPath: DisplayPath.of(csvURL),
                                   required: ["administration", "provider", "specialty", "week", "planned"])
        var plan: [LineKey: [String: Int]] = [:]
        var administrations = Set<String>(), providers: [String] = [], specialties = Set<String>(), offered = Set<String>()
        var weeks = Set<ISOWeek>()
        for row in table.rows {
            let line = LineKey(administration: try row.string("administration"), provider: try row.string("provider"),
                               specialty: try row.string("specialty"))
            let week = try row.isoWeek("week")
            plan[line, default: [:]][week.description, default: 0] += try row.count("planned")
            administrations.insert(line.administration)
            if !providers.contains(line.provider) { providers.append(line.provider) }
            specialties.insert(line.specialty)
            offered.insert("\(line.provider)|\(line.specialty)")
            weeks.insert(week)
        }
        let catalogue = OutcomeCatalogue(administrations: administrations.sorted(), providers: providers,
                                         specialties: specialties.sorted(), offered: offered,
                                         weeks: weeks.sorted().map(\.description))
        // The lines the sheets follow (what is sent to other providers).
        var followed = Set<LineKey>()
        let sheets = url.appendingPathComponent("sheets")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sheets.path))?.filter { $0.hasSuffix(".csv") }.sorted() ?? []
        let providerOfFile = Dictionary(providers.map { (DeliverySheets.fileName($0), $0) }, uniquingKeysWith: { a, _ in a })
        for name in names {
            guard let provider = providerOfFile[String(name.dropLast(4))] else { continue }
            let sheetURL = sheets.appendingPathComponent(name)
            let sheet = try ledger.csv(sheetURL, displayPath: DisplayPath.of(sheetURL), required: ["administration", "specialty", "row"],
                                       optional: catalogue.weeks + ["total"])
            for row in sheet.rows where row["row"] == "plan" {
                followed.insert(LineKey(administration: try row.string("administration"), provider: provider,
                                        specialty: try row.string("specialty")))
            }
        }
        return (plan, followed, catalogue)
    }
}
