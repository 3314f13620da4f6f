import ArgumentParser
import Foundation
import Lotsa

/// `lotsa report <output folder>…`: the self-contained HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write report.html: charts of one output folder, or of several side by side.",
        discussion: """
        One file, readable offline and printable: charts are inline SVG, nothing is loaded \
        from elsewhere. Several folders (or scenarios, solved first) are shown side by side \
        with the differences from the first highlighted.
        """)

    @Argument(help: "Output folders of `plan`/`run` (or scenario folders, solved first).")
    var folders: [String]

    @Option(name: .shortAndLong, help: "Folder to write report.html into (default: out/report).")
    var out: String = "out/report"

    @Option(name: .long, help: "Where scenarios given as arguments are solved to (default: out).")
    var solveInto: String = "out"

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        let urls = try OutputFolders.resolve(folders, outputRoot: solveInto, solve: solve)
        let outputs: [PlanOutputs]
        do { outputs = try urls.map { url throws(InputError) in try PlanOutputs.load(url) } } catch { throw fail(.input(error)) }
        let destination = URL(fileURLWithPath: out)
        do {
            let folder = try OutputFolder(destination: destination, inputs: RunInputs(folders: urls))
            try folder.write(HTMLReport.render(outputs), to: "report.html")
            try folder.commit()
        } catch {
            throw fail(.output(error))
        }
        print("report written to \(RunPrinter.displayPath(destination.standardizedFileURL.appendingPathComponent("report.html")))")
    }
}
