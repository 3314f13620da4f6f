import Foundation

/// Options of one `lotsa replan` run.
public struct ReplanRunOptions: Sendable {
    public var planFolder: String
    public var outcomesPath: String
    /// The last week of outcomes, `2026-W40`.
    public var through: String
    public var requestsPath: String?
    /// A new waiting-list snapshot (`--waiting-list`): the weeks after `--through`
    /// start from it instead of the list brought forward by the outcomes.
    public var waitingListPath: String?
    /// Where the outputs go; default `out/<scenario name>-replan-<through>`.
    public var outputDirectory: URL?
    public var planner = PlannerOptions()

    public init(planFolder: String, outcomesPath: String, through: String) {
        self.planFolder = planFolder
        self.outcomesPath = outcomesPath
        self.through = through
    }
}

public struct ReplanRunReport: Sendable {
    public var scenario: Scenario
    public var outputDirectory: URL
    public var summary: JSONValue
    public var result: ReplanResult
}

/// `lotsa replan`: scenario, plan in force, outcomes and requests in; the rest of the
/// year's delivery plans, changes.csv and the principle tests out. Every input is read
/// and checked before anything is solved; nothing is written on an error.
public enum ReplanRun {
    public static func run(scenarioPath: String, options: ReplanRunOptions) throws(LotsaError) -> ReplanRunReport {
        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(path: scenarioPath) } catch { throw .input(error) }
        let problem = PlanningProblem(scenario: scenario)
        let w: Int
        do { w = try throughPeriod(options.through, problem: problem) } catch { throw .input(error) }
        let planInForce: PlanInForce, outcomes: Outcomes, requests: [LineRequest], snapshot: WaitingListSnapshot?
        do {
            planInForce = try PlanInForce.read(folder: options.planFolder, problem: problem)
            outcomes = try OutcomeLoader.load(path: options.outcomesPath, problem: problem)
            requests = try options.requestsPath.map { path throws(InputError) in try LineRequest.read(path: path, problem: problem) } ?? []
            snapshot = try options.waitingListPath.map { path throws(InputError) in
                try WaitingListSnapshot.read(path: path, scenario: scenario, through: w)
            }
        } catch {
            throw .input(error)
        }
        let result: ReplanResult
        do {
            result = try Replanner.replan(problem: problem, planInForce: planInForce, outcomes: outcomes, through: w,
                                          requests: requests, snapshot: snapshot, options: options.planner)
        } catch {
            throw .planning(error)
        }
        let violations = PlanVerifier.violations(of: result.periodisation.plan, problem: result.rest)
        guard violations.isEmpty else {
            throw .internalError("the re-plan breaks a hard rule: " + violations.prefix(5).joined(separator: "; "))
        }
        let inputFiles = scenario.inputFiles + planInForce.files + outcomes.files + (snapshot.map { [$0.file] } ?? [])
        let summary = ReplanTables.summary(result, scenario: scenario, through: problem.horizon.label(ofPeriod: w),
                                           inputs: inputFiles)
        let destination = options.outputDirectory
            ?? URL(fileURLWithPath: "out").appendingPathComponent("\(scenario.name)-replan-\(problem.horizon.label(ofPeriod: w))")
        do {
            var inputs = scenario.inputs.adding(RunInputs(folders: [URL(fileURLWithPath: options.planFolder)]))
            inputs = inputs.adding(file: URL(fileURLWithPath: options.outcomesPath))
            if let path = options.waitingListPath { inputs = inputs.adding(file: URL(fileURLWithPath: path)) }
            let folder = try OutputFolder(destination: destination, inputs: inputs)
            let rest = result.rest, plan = result.periodisation.plan
            try folder.write(summary.serialized(), to: "summary.json")
            try folder.write(ReplanTables.changes(result), to: "changes.csv")
            try folder.write(ReplanTables.replacements(result), to: "replacements.csv")
            try folder.write(ReplanTables.principles(result), to: "principles.csv")
            // The delivery plans of the whole year: weeks up to --through as they
            // happened, the re-plan after (ReplanPublication).
            let publication = ReplanPublication(result)
            try folder.write(publication.missiv(), to: "missiv.csv")
            try folder.write(publication.deliveryPlans(), to: "delivery_plans.csv")
            try publication.workbook(scenario: scenario, inputs: inputFiles)
                .write(to: folder.url(for: DeliveryPlanWorkbook.fileName))
            try folder.write(PeriodisationTables.unresolved(result.periodisation), to: "unresolved.csv")
            try folder.write(PlanTables.waitingProjection(problem: rest, plan: plan), to: "waiting_projection.csv")
            for (name, sheet) in publication.sheets() {
                try folder.write(sheet, to: "sheets/" + name)
            }
            try folder.commit()
        } catch {
            throw .output(error)
        }
        return ReplanRunReport(scenario: scenario, outputDirectory: destination, summary: summary, result: result)
    }

    /// `--through` as a period of the horizon: a week of the horizon before its last.
    public static func throughPeriod(_ text: String, problem: PlanningProblem) throws(InputError) -> Int {
        let location = SourceLocation(file: "--through", field: "--through")
        let expected = "an ISO week from \(problem.horizon.label(ofPeriod: 1)) to \(problem.horizon.label(ofPeriod: problem.periods - 1))"
        guard let t = problem.horizon.period(labelled: text), t < problem.periods else {
            throw InputError(location, ISOWeek(iso: text) == nil ? "not an ISO week" : "the week is outside the horizon "
                             + "(or its last week, which leaves nothing to re-plan)", expected: expected, found: text)
        }
        return t
    }
}
