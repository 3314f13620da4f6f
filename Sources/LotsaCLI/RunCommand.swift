import ArgumentParser
import Foundation
import Lotsa

/// `lotsa run <scenario>…`: several proposals in one call, solved in parallel on
/// one pool of the machine's cores, each into its own output folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Solve several scenarios in parallel, each into out/<scenario name>/ (the same files as `plan`).",
        discussion: """
        Scenarios and their specialty blocks share one pool of --threads workers (default: \
        the number of cores). On a terminal, standard error shows each scenario's step and \
        elapsed time; standard output gets one line per scenario when it is done.
        """)

    @Argument(help: "Scenario folders (with scenario.yaml) or YAML files.")
    var scenarios: [String]

    @Option(name: .shortAndLong, help: "Folder for the outputs (one subfolder per scenario; default: out).")
    var out: String = "out"

    @Flag(name: .long, help: "Also write the tables for Swedish Excel (; and decimal comma) under excel-sv/.")
    var excel = false

    @Flag(name: .long, help: "Also write report.html (the HTML report) into each output folder.")
    var report = false

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        var options = PlanRunOptions()
        options.outputRoot = URL(fileURLWithPath: out)
        options.planner = solve.plannerOptions()
        options.swedishExcel = excel
        options.htmlReport = report
        let outcomes = BatchRunner.run(scenarios, options: options, threads: solve.threads) { report in
            RunPrinter.oneLine(report)
        }
        if let failure = outcomes.compactMap({ if case .failure(let error) = $0 { error } else { nil } }).first {
            throw ExitCode(failure.exitCode)
        }
    }
}

/// Runs a batch of scenarios on one shared pool with the progress display, and
/// prints each scenario's result line (or its error) as it finishes.
enum BatchRunner {
    static func run(_ paths: [String], options: PlanRunOptions, threads: Int?,
                    resultLine: @escaping @Sendable (PlanRunReport) -> String) -> [Result<PlanRunReport, LotsaError>] {
        let pool = WorkerPool(size: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let display = ProgressDisplay(names: paths.map { URL(fileURLWithPath: $0).lastPathComponent })
        display.start()
        let outcomes = ScenarioBatch.run(paths, options: options, pool: pool,
                                         progress: { display.step($0, $1) },
                                         finished: { index, outcome in
            switch outcome {
            case .success(let report): display.finished(index, resultLine: resultLine(report))
            case .failure(let error):
                display.finished(index, resultLine: "\(paths[index]): failed (exit \(error.exitCode))")
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
            }
        })
        display.stop()
        return outcomes
    }
}
