import Foundation
import LinearProgramming

/// Options of one `lotsa periodise` run.
public struct PeriodiseRunOptions: Sendable {
    /// Where the outputs go; default `<outputRoot>/<scenario name>-periodised`.
    public var outputDirectory: URL?
    /// The folder that holds one output folder per run.
    public var outputRoot = URL(fileURLWithPath: "out")
    public var planner = PlannerOptions()
    /// Also write the Swedish-Excel (`;`, decimal comma) copies of the tables under `excel-sv/`.
    public var swedishExcel = false

    public init() {}
}

/// What a periodisation did, for the command line to print.
public struct PeriodiseRunReport: Sendable {
    public var scenario: Scenario
    public var outputDirectory: URL
    public var summary: JSONValue
    public var result: PeriodisationResult
    public var published: PlanEvaluation
    public var timings: [(String, Duration)]
}

/// `lotsa periodise`: a scenario and the decided annual volumes (the missiv) in,
/// weekly delivery plans in whole patients and the unresolved volume per line out.
public enum PeriodiseRun {
    public static func run(scenarioPath: String, missivPath: String,
                           options: PeriodiseRunOptions) throws(LotsaError) -> PeriodiseRunReport {
        var stopwatch = Stopwatch()

        let scenario: Scenario
        do { scenario = try ScenarioLoader.load(path: scenarioPath) } catch { throw .input(error) }
        let problem = PlanningProblem(scenario: scenario)
        let missivURL = URL(fileURLWithPath: missivPath)
        let decided: DecidedVolumes
        do {
            decided = try DecidedVolumes.read(url: missivURL, displayPath: DisplayPath.of(missivURL), problem: problem)
        } catch {
            throw .input(error)
        }
        let destination = options.outputDirectory
            ?? options.outputRoot.appendingPathComponent(scenario.name + "-periodised")
        let inputs = scenario.inputs.adding(file: missivURL)
        // Before solving: a run that cannot write its outputs should fail at once.
        do { try OutputDestination.check(destination, inputs: inputs) } catch { throw .output(error) }
        stopwatch.lap("read inputs")

        let result: PeriodisationResult
        do { result = try Periodiser.periodise(problem, decided: decided, options: options.planner) } catch {
            throw .planning(error)
        }
        stopwatch.lap("build and solve")

        try verify(result)
        let lpEvaluation = PlanEvaluation(problem: problem, plan: result.lpPlan)
        let publishedEvaluation = PlanEvaluation(problem: problem, plan: result.plan)
        let summary = PeriodisationTables.summary(scenario: scenario, result: result, decided: decided,
                                                  lp: lpEvaluation, published: publishedEvaluation)

        do {
            let folder = try OutputFolder(destination: destination, inputs: inputs)
            try folder.write(summary.serialized(), to: "summary.json")
            try writeTables(folder, result: result, dialect: .standard, prefix: "")
            try DeliveryPlanWorkbook(scenario: scenario, periodisation: result, decided: decided)
                .write(to: folder.url(for: DeliveryPlanWorkbook.fileName))
            if options.swedishExcel { try writeTables(folder, result: result, dialect: .swedishExcel, prefix: "excel-sv/") }
            try folder.commit()
        } catch {
            throw .output(error)
        }
        stopwatch.lap("write outputs")
        return PeriodiseRunReport(scenario: scenario, outputDirectory: destination, summary: summary, result: result,
                                  published: publishedEvaluation, timings: stopwatch.laps)
    }

    /// The last check before anything is written: every hard rule of the plan, whole
    /// numbers, and no line planned beyond its decided volume.
    static func verify(_ result: PeriodisationResult) throws(LotsaError) {
        var problems = PlanVerifier.violations(of: result.plan, problem: result.problem)
        if !result.plan.isIntegral(tolerance: 0) { problems.append("the plan is not in whole patients") }
        for line in result.lines {
            if line.weekly.contains(where: { $0 < 0 }) || line.planned > line.decided {
                problems.append("\(line.administration) \(result.problem.providers[line.provider].id) \(line.specialty): "
                                + "\(line.planned) planned of \(line.decided) decided")
            }
        }
        guard problems.isEmpty else {
            throw .internalError("the periodised plan breaks a hard rule: " + problems.prefix(5).joined(separator: "; "))
        }
    }

    static func writeTables(_ folder: OutputFolder, result: PeriodisationResult, dialect: CSVDialectOut,
                            prefix: String) throws(OutputError) {
        try folder.write(PeriodisationTables.missiv(result, dialect: dialect), to: prefix + "missiv.csv")
        try folder.write(PeriodisationTables.deliveryPlans(result, dialect: dialect), to: prefix + "delivery_plans.csv")
        try folder.write(PeriodisationTables.unresolved(result, dialect: dialect), to: prefix + "unresolved.csv")
        for (name, sheet) in PeriodisationTables.sheets(result, dialect: dialect) {
            try folder.write(sheet, to: prefix + "sheets/" + name)
        }
    }
}
