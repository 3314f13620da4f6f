import Foundation

/// Writes outcomes from a plan in force, for examples and tests: every line sends
/// exactly its plan, except where a deviation says otherwise. That keeps the bundled
/// mid-year example reproducible from whatever plan is in force.
///
/// A deviation names a provider (and optionally an administration and specialty) and
/// either scales what is sent from week `from` (`factor`: 0.6 = 60 % of plan, rounded
/// down) or returns referrals in one `week` (`returned`).
public struct OutcomeDeviation: Sendable, Hashable {
    public var administration: String?
    public var provider: String
    public var specialty: String?
    public var from: ISOWeek?
    public var factor: Double?
    public var week: ISOWeek?
    public var returned: Int?

    public init(administration: String? = nil, provider: String, specialty: String? = nil, from: ISOWeek? = nil,
                factor: Double? = nil, week: ISOWeek? = nil, returned: Int? = nil) {
        self.administration = administration
        self.provider = provider
        self.specialty = specialty
        self.from = from
        self.factor = factor
        self.week = week
        self.returned = returned
    }

    func applies(to line: LineKey) -> Bool {
        line.provider == provider && (administration ?? line.administration) == line.administration
            && (specialty ?? line.specialty) == line.specialty
    }
}

public enum OutcomeSimulation {
    /// `outcomes.csv` for the lines of `planFolder`'s sheets (what is sent elsewhere),
    /// weeks from the first through `through`.
    public static func outcomesCSV(planFolder: String, through: ISOWeek,
                                   deviations: [OutcomeDeviation]) throws(InputError) -> String {
        let (plan, followed, catalogue) = try FollowupRun.readPlan(folder: planFolder)
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "sent", "returned"])
        for line in followed.sorted() {
            for label in catalogue.weeks {
                let week = ISOWeek(iso: label)!
                guard week <= through else { break }
                var sent = plan[line]?[label] ?? 0
                var returned = 0
                for deviation in deviations where deviation.applies(to: line) {
                    if let factor = deviation.factor, let from = deviation.from, week >= from {
                        sent = Int((Double(sent) * factor).rounded(.down))
                    }
                    if let r = deviation.returned, deviation.week == week { returned += r }
                }
                csv.append([line.administration, line.provider, line.specialty, label, String(sent), String(returned)])
            }
        }
        return csv.contents
    }
}

/// A bundled re-plan example that `lotsa check` runs: a folder with `replan.yaml`.
///
/// ```yaml
/// name: vgr-2026-midyear
/// scenario: ../vgr-2026-baseline     # planned first: that plan is the plan in force
/// through: 2026-W40
/// requests: requests.csv
/// outcomes:                          # simulated from the plan in force (OutcomeSimulation)
///   - {provider: X, from: 2026-W27, factor: 0.5}
///   - {administration: A, provider: Y, specialty: kir, week: 2026-W38, returned: 6}
/// expectations:
///   - {kpi: changes.refused, min: 1}
/// ```
public struct ReplanCase: Sendable {
    public var name: String
    public var scenarioPath: String
    public var through: String
    public var requestsPath: String?
    public var deviations: [OutcomeDeviation]
    public var expectations: [Expectation]

    public static func isCase(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("replan.yaml").path)
    }

    public static func load(path: String) throws(InputError) -> ReplanCase {
        let folder = URL(fileURLWithPath: path)
        let url = folder.appendingPathComponent("replan.yaml")
        var ledger = InputLedger()
        let root = try ledger.yaml(url, displayPath: DisplayPath.of(url))
        let mapping = try root.mapping(allowedKeys: ["name", "description", "scenario", "through", "requests", "outcomes",
                                                    "expectations"])
        let through = try mapping.requiredString("through")
        guard ISOWeek(iso: through) != nil else {
            throw try mapping.required("through").error("not an ISO week", expected: "a week like 2026-W40", found: through)
        }
        var deviations: [OutcomeDeviation] = []
        if let list = mapping["outcomes"] {
            for item in try list.sequence() {
                let entry = try item.mapping(allowedKeys: ["administration", "provider", "specialty", "from", "factor",
                                                          "week", "returned"])
                func week(_ key: String) throws(InputError) -> ISOWeek? {
                    guard let node = entry[key] else { return nil }
                    let text = try node.string()
                    guard let week = ISOWeek(iso: text) else {
                        throw node.error("not an ISO week", expected: "a week like 2026-W30", found: text)
                    }
                    return week
                }
                let deviation = OutcomeDeviation(
                    administration: try entry["administration"]?.string(), provider: try entry.requiredString("provider"),
                    specialty: try entry["specialty"]?.string(), from: try week("from"),
                    factor: try entry["factor"]?.double(range: 0...10), week: try week("week"),
                    returned: try entry["returned"]?.int(range: 0...1_000_000))
                guard (deviation.factor != nil && deviation.from != nil) || (deviation.returned != nil && deviation.week != nil) else {
                    throw item.error("a deviation needs from and factor, or week and returned",
                                     expected: "{provider: X, from: 2026-W27, factor: 0.5}")
                }
                deviations.append(deviation)
            }
        }
        func relative(_ text: String) -> String { folder.appendingPathComponent(text).standardizedFileURL.path }
        return ReplanCase(name: try mapping["name"]?.string() ?? folder.lastPathComponent,
                          scenarioPath: relative(try mapping.requiredString("scenario")), through: through,
                          requestsPath: try mapping["requests"].map { node throws(InputError) in relative(try node.string()) },
                          deviations: deviations,
                          expectations: try mapping["expectations"].map { node throws(InputError) in
                              try ScenarioLoader.parseExpectations(node)
                          } ?? [])
    }
}

/// What `lotsa check` does with a re-plan example: plan the scenario (the plan in
/// force), simulate the outcomes, re-plan and follow up, each into its own folder
/// under `<root>/<name>/`, and return the re-plan's summary for the expectations.
public enum ReplanCaseRun {
    public struct Report: Sendable {
        public var replan: ReplanRunReport
        public var followup: FollowupRunReport
        public var summary: JSONValue
    }

    public static func run(_ example: ReplanCase, outputRoot: URL, planner: PlannerOptions) throws(LotsaError) -> Report {
        let base = outputRoot.appendingPathComponent(example.name)
        var planOptions = PlanRunOptions()
        planOptions.planner = planner
        planOptions.outputDirectory = base.appendingPathComponent("plan-in-force")
        let plan = try PlanRun.run(scenarioPath: example.scenarioPath, options: planOptions)
        let outcomes: String
        do {
            outcomes = try OutcomeSimulation.outcomesCSV(planFolder: plan.outputDirectory.path,
                                                        through: ISOWeek(iso: example.through)!, deviations: example.deviations)
        } catch {
            throw .input(error)
        }
        let outcomesFolder = base.appendingPathComponent("outcomes")
        do {
            let folder = try OutputFolder(destination: outcomesFolder, inputs: RunInputs(folders: [plan.outputDirectory]))
            try folder.write(outcomes, to: "outcomes.csv")
            try folder.commit()
        } catch {
            throw .output(error)
        }
        let outcomesPath = outcomesFolder.appendingPathComponent("outcomes.csv").path
        var options = ReplanRunOptions(planFolder: plan.outputDirectory.path, outcomesPath: outcomesPath, through: example.through)
        options.requestsPath = example.requestsPath
        options.planner = planner
        options.outputDirectory = base.appendingPathComponent("replan")
        let replan = try ReplanRun.run(scenarioPath: example.scenarioPath, options: options)
        let followup = try FollowupRun.run(planFolder: plan.outputDirectory.path, outcomesPath: outcomesPath,
                                           through: example.through, outputDirectory: base.appendingPathComponent("followup"))
        var summary = replan.summary
        if case .object(var entries) = summary {
            let f = followup.followup
            entries.append(("followup", .object([
                ("planned", .number(Double(f.administrations.reduce(0) { $0 + $1.planned }))),
                ("sent", .number(Double(f.administrations.reduce(0) { $0 + $1.sent }))),
                ("returned", .number(Double(f.administrations.reduce(0) { $0 + $1.returned }))),
            ])))
            summary = .object(entries)
        }
        return Report(replan: replan, followup: followup, summary: summary)
    }
}
