import ArgumentParser
import Foundation
import Lotsa

/// `lotsa check <scenario>…`: the scenario regression test CI runs.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Solve scenarios and compare their KPIs with the expectations in scenario.yaml.",
        discussion: "Fails (exit 1) with a table of every KPI outside its stated tolerance.")

    @Argument(help: "Scenario folders.")
    var scenarios: [String]

    @Option(name: .shortAndLong, help: "Parent folder of the outputs: each scenario's go to <out>/<scenario name> (default: out).")
    var out: String = "out"

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        try preflight()
        var failures: [String] = []
        // Mid-year examples (a folder with replan.yaml): plan, simulated outcomes,
        // replan and followup, one after the other.
        for path in scenarios where ReplanCase.isCase(path) {
            let example: ReplanCase
            let report: ReplanCaseRun.Report
            do { example = try ReplanCase.load(path: path) } catch { throw fail(.input(error)) }
            do {
                report = try ReplanCaseRun.run(example, outputRoot: URL(fileURLWithPath: out), planner: solve.plannerOptions())
            } catch {
                throw fail(error)
            }
            let outcome = ExpectationCheck.evaluate(example.expectations, summary: report.summary)
            print(outcome.report(scenario: example.name))
            if !outcome.passed { failures.append(example.name) }
        }
        var options = PlanRunOptions()
        options.planner = solve.plannerOptions()
        options.outputRoot = URL(fileURLWithPath: out)
        // The same pool as `lotsa run`: scenarios in parallel, blocks sharing the cores.
        let outcomes = BatchRunner.run(scenarios.filter { !ReplanCase.isCase($0) }, options: options,
                                       threads: solve.threads) { report in
            ExpectationCheck.evaluate(report.scenario.expectations, summary: report.summary)
                .report(scenario: report.scenario.name)
        }
        for outcome in outcomes {
            switch outcome {
            case .success(let report):
                if !ExpectationCheck.evaluate(report.scenario.expectations, summary: report.summary).passed {
                    failures.append(report.scenario.name)
                }
            case .failure(let error):
                throw ExitCode(error.exitCode)
            }
        }
        if !failures.isEmpty {
            throw fail(.expectationsNotMet(["expectations not met: " + failures.joined(separator: ", ")]))
        }
    }

    /// Before any solve: every expectation names a KPI summary.json has (exit 65),
    /// and no two scenarios share a `name` — each writes `<out>/<name>`, so one would
    /// overwrite the other's outputs (exit 64, naming both).
    func preflight() throws {
        var owners: [String: String] = [:]
        for path in scenarios where !ReplanCase.isCase(path) {
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(path: path)
                let known = KPICatalogue.paths(for: scenario, problem: PlanningProblem(scenario: scenario))
                try KPICatalogue.check(scenario.expectations, known: known)
            } catch {
                throw fail(.input(error))
            }
            if let other = owners[scenario.name] {
                FileHandle.standardError.write(Data((
                    "error: \(other) and \(path) both have the name '\(scenario.name)' and would write the same "
                    + "folder \(out)/\(scenario.name); give one of them another `name` in its scenario.yaml, "
                    + "or check them in separate runs with different --out\n").utf8))
                throw ExitCode(64)
            }
            owners[scenario.name] = path
        }
    }
}
