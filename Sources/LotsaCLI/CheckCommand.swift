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
        var options = PlanRunOptions()
        options.planner = solve.plannerOptions()
        options.outputRoot = URL(fileURLWithPath: out)
        // The same pool as `lotsa run`: scenarios in parallel, blocks sharing the cores.
        let outcomes = BatchRunner.run(scenarios, options: options, threads: solve.threads) { report in
            ExpectationCheck.evaluate(report.scenario.expectations, summary: report.summary)
                .report(scenario: report.scenario.name)
        }
        var failures: [String] = []
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
}
