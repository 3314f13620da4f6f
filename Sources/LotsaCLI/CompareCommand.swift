import ArgumentParser
import Foundation
import Lotsa

/// `lotsa compare <scenario or output folder>…`: proposals side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Put proposals side by side: tiers, patients per source, overdue, cost, transfers; region and per administration.",
        discussion: """
        Each argument is an output folder of `plan`/`run` (with summary.json) or a scenario, \
        which is solved first (like `run`, into out/<scenario name>/). Prints the tables and \
        writes comparison.csv, missiv_differences.csv and comparison.md (and report.html with \
        --report) to the --out folder.
        """)

    @Argument(help: "Output folders or scenario folders, two or more (one compares it with itself).")
    var proposals: [String]

    @Option(name: .shortAndLong, help: "Folder for the comparison files (default: out/comparison).")
    var out: String = "out/comparison"

    @Option(name: .long, help: "Where scenarios given as arguments are solved to (default: out).")
    var solveInto: String = "out"

    @Option(name: .long, help: "How many missiv lines to list (those that differ most).")
    var missivLines: Int = 15

    @Flag(name: .long, help: "Also write report.html with the proposals side by side.")
    var report = false

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        let folders = try OutputFolders.resolve(proposals, outputRoot: solveInto, solve: solve)
        let outputs: [PlanOutputs]
        do { outputs = try folders.map { url throws(InputError) in try PlanOutputs.load(url) } } catch { throw fail(.input(error)) }
        let comparison = Comparison(outputs, rates: outputs.map(ModelRates.of), missivLines: missivLines)
        print(comparison.text(), terminator: "")
        do {
            let folder = try OutputFolder(destination: URL(fileURLWithPath: out), inputs: RunInputs(folders: folders))
            try folder.write(comparison.csv(), to: "comparison.csv")
            try folder.write(comparison.missivCSV(), to: "missiv_differences.csv")
            try folder.write(comparison.markdown(), to: "comparison.md")
            if report { try folder.write(HTMLReport.render(outputs), to: "report.html") }
            try folder.commit()
        } catch {
            throw fail(.output(error))
        }
        print("comparison written to \(RunPrinter.displayPath(URL(fileURLWithPath: out).standardizedFileURL))")
    }
}

/// Turns `compare`/`report` arguments into output folders: a folder with
/// summary.json is used as it is; a scenario is solved first on one shared pool.
enum OutputFolders {
    static func resolve(_ arguments: [String], outputRoot: String, solve: SolveOptions) throws -> [URL] {
        var folders: [URL?] = []
        var scenarios: [(position: Int, path: String)] = []
        for (position, argument) in arguments.enumerated() {
            let url = URL(fileURLWithPath: argument)
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("summary.json").path) {
                folders.append(url)
            } else {
                folders.append(nil)
                scenarios.append((position, argument))
            }
        }
        if !scenarios.isEmpty {
            var options = PlanRunOptions()
            options.outputRoot = URL(fileURLWithPath: outputRoot)
            options.planner = solve.plannerOptions()
            let outcomes = BatchRunner.run(scenarios.map(\.path), options: options, threads: solve.threads) { RunPrinter.oneLine($0) }
            for (scenario, outcome) in zip(scenarios, outcomes) {
                switch outcome {
                case .success(let report): folders[scenario.position] = report.outputDirectory
                case .failure(let error): throw ExitCode(error.exitCode)
                }
            }
        }
        return folders.map { $0! }
    }
}
