import Foundation
import LinearProgramming

/// Options of one `lotsa plan` run.
public struct PlanRunOptions: Sendable {
    /// Where the scenario's folder goes; default `<outputRoot>/<scenario name>`.
    public var outputDirectory: URL?
    /// The folder that holds one output folder per scenario.
    public var outputRoot = URL(fileURLWithPath: "out")
    public var planner = PlannerOptions()
    /// Also write each block's LP, one file per lexicographic step, under `lp/`.
    public var writeLP = false
    /// Also write the Swedish-Excel (`;`, decimal comma) copies of the tables under `excel-sv/`.
    public var swedishExcel = false
    /// Also write `report.html`, the self-contained HTML report, into the folder.
    public var htmlReport = false
    /// Told the name of each phase as it starts (`read inputs`, `solve`, `write
    /// outputs`), for a progress display; called from the run's own thread.
    public var progress: (@Sendable (String) -> Void)?

    public init() {}
}

/// What a run did, for the command line to print.
public struct PlanRunReport: Sendable {
    public var scenario: Scenario
    public var outputDirectory: URL
    public var summary: JSONValue
    public var published: PlanEvaluation
    public var timings: [(String, Duration)]
    public var result: PlanningResult
}

/// `lotsa plan`: scenario files in, the output contract out.
public enum PlanRun {
    public static func run(scenarioPath: String, options: PlanRunOptions) throws(LotsaError) -> PlanRunReport {
        var stopwatch = Stopwatch()
        // With a shared pool (`run`, `check`), reading and writing hold a slot like
        // a block's solve does; the solve itself takes slots block by block.
        func inSlot<T>(_ body: () throws(LotsaError) -> T) throws(LotsaError) -> T {
            guard let pool = options.planner.pool else { return try body() }
            return try pool.withSlot(body)
        }

        options.progress?("read inputs")
        let (scenario, problem) = try inSlot { () throws(LotsaError) -> (Scenario, PlanningProblem) in
            let scenario: Scenario
            do throws(InputError) { scenario = try ScenarioLoader.load(path: scenarioPath) } catch { throw .input(error) }
            return (scenario, PlanningProblem(scenario: scenario))
        }
        stopwatch.lap("read inputs")

        let result: PlanningResult
        var plannerOptions = options.planner
        plannerOptions.keepModels = options.writeLP
        options.progress?("solve")
        do throws(PlanningError) { result = try Planner.solve(problem, options: plannerOptions) } catch { throw .planning(error) }
        stopwatch.lap("build and solve")

        options.progress?("write outputs")
        let (destination, summary, publishedEvaluation) = try inSlot { () throws(LotsaError) -> (URL, JSONValue, PlanEvaluation) in
        let (published, method) = PlanPublisher.publish(result.plan, problem: problem)
        let violations = PlanVerifier.violations(of: published, problem: problem)
        guard violations.isEmpty else {
            throw .internalError("the published plan breaks a hard rule: " + violations.prefix(5).joined(separator: "; "))
        }
        let lpEvaluation = PlanEvaluation(problem: problem, plan: result.plan)
        let publishedEvaluation = PlanEvaluation(problem: problem, plan: published)
        let summary = Summary.build(scenario: scenario, problem: problem, result: result, lp: lpEvaluation,
                                    published: publishedEvaluation, method: method,
                                    largestFraction: result.plan.largestFraction())

        let destination = options.outputDirectory ?? options.outputRoot.appendingPathComponent(scenario.name)
        do throws(OutputError) {
            let folder = try OutputFolder(destination: destination)
            try writeTables(folder, problem: problem, plan: published, result: result, summary: summary,
                            dialect: .standard, prefix: "")
            if options.swedishExcel {
                try writeTables(folder, problem: problem, plan: published, result: result, summary: nil,
                                dialect: .swedishExcel, prefix: "excel-sv/")
            }
            if options.writeLP { try AuditExport.write(result: result, problem: problem, to: folder) }
            if options.htmlReport { try HTMLReport.write(into: folder) }
            try folder.commit()
        } catch {
            throw .output(error)
        }
        return (destination, summary, publishedEvaluation)
        }
        stopwatch.lap("write outputs")
        return PlanRunReport(scenario: scenario, outputDirectory: destination, summary: summary,
                             published: publishedEvaluation, timings: stopwatch.laps, result: result)
    }

    static func writeTables(_ folder: OutputFolder, problem: PlanningProblem, plan: Plan, result: PlanningResult,
                            summary: JSONValue?, dialect: CSVDialectOut, prefix: String) throws(OutputError) {
        if let summary { try folder.write(summary.serialized(), to: prefix + "summary.json") }
        try folder.write(PlanTables.missiv(problem: problem, plan: plan, dialect: dialect), to: prefix + "missiv.csv")
        try folder.write(PlanTables.deliveryPlans(problem: problem, plan: plan, dialect: dialect),
                         to: prefix + "delivery_plans.csv")
        try folder.write(PlanTables.waitingProjection(problem: problem, plan: plan, dialect: dialect),
                         to: prefix + "waiting_projection.csv")
        try folder.write(PlanTables.capacityUse(problem: problem, plan: plan, shadowPrices: result.shadowPrices,
                                                dialect: dialect), to: prefix + "capacity_use.csv")
        try folder.write(PlanTables.needs(NeedsAnalysis(problem: problem, plan: plan), dialect: dialect),
                         to: prefix + "needs.csv")
        for (name, sheet) in DeliverySheets.sheets(problem: problem, plan: plan, dialect: dialect) {
            try folder.write(sheet, to: prefix + "sheets/" + name)
        }
    }
}
