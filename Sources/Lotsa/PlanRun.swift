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
    /// Also write each block's min-cost flow network (DIMACS, every step's costs) to this folder.
    public var networkDirectory: URL?
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
    /// The published plan: the optimum's missiv, periodised.
    public var plan: Plan
    /// The allocation's optimum in whole patients, before its weeks were periodised.
    public var integer: PlanEvaluation
    /// Steadiness of the published (periodised) plan and of the optimum's own weeks.
    public var steadiness: Steadiness
    public var integerSteadiness: Steadiness
}

/// `lotsa plan`: scenario files in, the output contract out.
public enum PlanRun {
    public static func run(scenarioPath: String, options: PlanRunOptions) throws(LotsaError) -> PlanRunReport {
        var stopwatch = Stopwatch()
        // With a shared pool (`run`, `check`), reading and writing hold a slot like
        // a block's solve does; the solve and the periodisation take slots block by
        // block themselves, so they run outside one (holding a slot while waiting
        // for others could starve a pool of one).
        func inSlot<T>(_ body: () throws(LotsaError) -> T) throws(LotsaError) -> T {
            guard let pool = options.planner.pool else { return try body() }
            return try pool.withSlot(body)
        }

        options.progress?("read inputs")
        let (scenario, problem, destination) = try inSlot { () throws(LotsaError) -> (Scenario, PlanningProblem, URL) in
            let scenario: Scenario
            do throws(InputError) { scenario = try ScenarioLoader.load(path: scenarioPath) } catch { throw .input(error) }
            let destination = options.outputDirectory ?? options.outputRoot.appendingPathComponent(scenario.name)
            // Before solving: a run that cannot write its outputs should fail at once.
            do throws(OutputError) { try OutputDestination.check(destination, inputs: scenario.inputs) } catch {
                throw .output(error)
            }
            return (scenario, PlanningProblem(scenario: scenario), destination)
        }
        stopwatch.lap("read inputs")

        let result: PlanningResult
        var plannerOptions = options.planner
        plannerOptions.keepModels = options.writeLP
        options.progress?("solve")
        do throws(PlanningError) { result = try Planner.solve(problem, options: plannerOptions) } catch { throw .planning(error) }
        stopwatch.lap("build and solve")

        let (integral, method) = PlanPublisher.publish(result.plan, problem: problem)
        let violations = PlanVerifier.violations(of: integral, problem: problem)
        guard violations.isEmpty else {
            throw .internalError("the published plan breaks a hard rule: " + violations.prefix(5).joined(separator: "; "))
        }
        stopwatch.lap("integral plan")

        options.progress?("periodise")
        // The missiv is the optimum's; its weeks are the periodisation of that missiv (§5).
        let missiv = DecidedVolumes.missiv(of: integral, problem: problem)
        let periodisation: PeriodisationResult
        do {
            periodisation = try Periodiser.periodise(problem, decided: missiv, options: options.planner, start: integral)
        } catch {
            throw .planning(error)
        }
        let published = periodisation.plan
        let lpEvaluation = PlanEvaluation(problem: problem, plan: result.plan)
        let integerEvaluation = PlanEvaluation(problem: problem, plan: integral)
        let publishedEvaluation = PlanEvaluation(problem: problem, plan: published)
        try PeriodisationCheck.verify(published: published, periodisation: periodisation, integral: integerEvaluation,
                                      evaluation: publishedEvaluation, problem: problem)
        stopwatch.lap("periodise")
        let steadiness = (integer: Steadiness(problem: problem, plan: integral),
                          published: Steadiness(problem: problem, plan: published))
        let summary = Summary.build(scenario: scenario, problem: problem, result: result, lp: lpEvaluation,
                                    integer: integerEvaluation, published: publishedEvaluation, method: method,
                                    largestFraction: result.plan.largestFraction(),
                                    periodisation: periodisation,
                                    integerDeviation: Periodiser.deviation(of: Periodiser.lines(
                                        of: integral, decided: missiv, targets: periodisation.lines.map(\.target),
                                        problem: problem)),
                                    steadiness: steadiness)

        options.progress?("write outputs")
        try inSlot { () throws(LotsaError) in
        do throws(OutputError) {
            let folder = try OutputFolder(destination: destination, inputs: scenario.inputs)
            try writeTables(folder, problem: problem, plan: published, result: result, summary: summary,
                            dialect: .standard, prefix: "")
            try DeliveryPlanWorkbook(scenario: scenario, problem: problem, plan: published)
                .write(to: folder.url(for: DeliveryPlanWorkbook.fileName))
            if options.swedishExcel {
                try writeTables(folder, problem: problem, plan: published, result: result, summary: nil,
                                dialect: .swedishExcel, prefix: "excel-sv/")
            }
            if options.writeLP { try AuditExport.write(result: result, problem: problem, to: folder) }
            if options.htmlReport { try HTMLReport.write(into: folder) }
            try folder.commit()
            if let networkDirectory = options.networkDirectory {
                let networks = try OutputFolder(destination: networkDirectory, inputs: scenario.inputs)
                try NetworkExport.write(problem: problem, to: networks)
                try networks.commit()
            }
        } catch {
            throw .output(error)
        }
        }
        stopwatch.lap("write outputs")
        return PlanRunReport(scenario: scenario, outputDirectory: destination, summary: summary,
                             published: publishedEvaluation, timings: stopwatch.laps, result: result,
                             plan: published, integer: integerEvaluation, steadiness: steadiness.published,
                             integerSteadiness: steadiness.integer)
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
