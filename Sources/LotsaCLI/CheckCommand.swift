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

    @Option(name: .shortAndLong, help: "Folder for the outputs (one subfolder per scenario; default: out).")
    var out: String = "out"

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        var failures: [String] = []
        for path in scenarios {
            if ReplanCase.isCase(path) {
                // A mid-year example (replan.yaml): plan, simulated outcomes, replan, followup.
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
                continue
            }
            var options = PlanRunOptions()
            options.planner = solve.plannerOptions()
            options.outputRoot = URL(fileURLWithPath: out)
            let report: PlanRunReport
            do {
                report = try PlanRun.run(scenarioPath: path, options: options)
            } catch {
                throw fail(error)
            }
            let outcome = ExpectationCheck.evaluate(report.scenario.expectations, summary: report.summary)
            print(outcome.report(scenario: report.scenario.name))
            if !outcome.passed { failures.append(report.scenario.name) }
        }
        if !failures.isEmpty {
            throw fail(.expectationsNotMet(["expectations not met: " + failures.joined(separator: ", ")]))
        }
    }
}
