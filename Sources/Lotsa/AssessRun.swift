import Foundation
import LinearProgramming

/// Options of one `lotsa assess` run.
public struct AssessRunOptions: Sendable {
    /// The assessment date; default: the report's date, else the scenario's horizon start.
    public var date: Day?
    /// Days assessed (30–60).
    public var days = 30
    /// Default `out/<scenario name>-assess-<date>`.
    public var outputDirectory: URL?
    public var planner = PlannerOptions()

    public init() {}

    public static let dayRange = 30...60
}

/// What an assessment produced, for the command line to print and check.
public struct AssessRunReport: Sendable {
    public var assessment: ShortageAssessment
    public var json: JSONValue
    public var outputDirectory: URL
}

/// `lotsa assess`: the daily operating-room report and a scenario in, the 14/30-day
/// classification, redistribution proposal, prioritisation list and checklist out.
public enum AssessRun {
    public static func run(reportPath: String, scenarioPath: String,
                           options: AssessRunOptions) throws(LotsaError) -> AssessRunReport {
        let scenario: Scenario
        let report: DailyReport
        do {
            scenario = try ScenarioLoader.load(path: scenarioPath)
            report = try DailyReportTable.read(path: reportPath, model: scenario.model)
        } catch {
            throw .input(error)
        }
        let date = options.date ?? report.date ?? scenario.horizon.start
        let dayProblem = DayProblem(scenario: scenario, report: report, date: date, days: options.days)
        let result: PlanningResult
        do { result = try Planner.solve(dayProblem.problem, options: options.planner) } catch { throw .planning(error) }
        let (plan, _) = PlanPublisher.publish(result.plan, problem: dayProblem.problem)
        let violations = PlanVerifier.violations(of: plan, problem: dayProblem.problem)
        guard violations.isEmpty else {
            throw .internalError("the redistribution breaks a hard rule: " + violations.prefix(5).joined(separator: "; "))
        }
        let assessment = ShortageAssessment.assess(dayProblem, plan: plan)
        let json = AssessmentTables.json(assessment, scenario: scenario.name, report: report.path,
                                         inputs: scenario.inputFiles + (report.input.map { [$0] } ?? []))
        let destination = options.outputDirectory
            ?? URL(fileURLWithPath: "out").appendingPathComponent("\(scenario.name)-assess-\(date)")
        do {
            let folder = try OutputFolder(destination: destination,
                                          inputs: scenario.inputs.adding(file: URL(fileURLWithPath: report.path)))
            try folder.write(json.serialized(), to: "assessment.json")
            try folder.write(AssessmentTables.classification(assessment), to: "classification.csv")
            try folder.write(AssessmentTables.redistribution(assessment), to: "redistribution.csv")
            try folder.write(AssessmentTables.prioritisation(assessment), to: "prioritisation.csv")
            try folder.write(AssessmentTables.roomsNeeded(assessment), to: "rooms_needed.csv")
            try folder.write(AssessmentTables.checklist(assessment), to: "checklist.csv")
            try folder.write(AssessmentTables.printed(assessment) + "\n", to: "assessment.txt")
            try folder.commit()
        } catch {
            throw .output(error)
        }
        return AssessRunReport(assessment: assessment, json: json, outputDirectory: destination)
    }

    /// Reads `expectations:` from a YAML file (the format of scenario.yaml's) for
    /// `lotsa assess --expect`.
    public static func expectations(path: String) throws(LotsaError) -> [Expectation] {
        do throws(InputError) {
            var ledger = InputLedger()
            let root = try ledger.yaml(URL(fileURLWithPath: path), displayPath: path)
            let mapping = try root.mapping(allowedKeys: ["expectations"])
            guard let node = mapping["expectations"] else {
                throw root.error("missing key 'expectations'", expected: "expectations: [{kpi: ..., value: ...}]")
            }
            return try ScenarioLoader.parseExpectations(node)
        } catch {
            throw .input(error)
        }
    }
}
