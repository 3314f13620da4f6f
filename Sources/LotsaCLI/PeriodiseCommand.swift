import ArgumentParser
import Foundation
import Lotsa

/// `lotsa periodise <scenario> --missiv <decided.csv>`: decided annual volumes spread over the weeks.
struct PeriodiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "periodise",
        abstract: "Spread decided annual volumes (the missiv) over the weeks: weekly delivery plans in whole patients.",
        discussion: """
        Overdue patients first, then as close as possible to the provider's weekly capacity profile. \
        Volume that capacity, ceilings or patients cannot absorb is reported per line in unresolved.csv \
        (outlösta volymer). Writes summary.json, missiv.csv, delivery_plans.csv, unresolved.csv and \
        sheets/<provider>.csv.
        """)

    @Argument(help: "A scenario folder (with scenario.yaml) or the YAML file itself.")
    var scenario: String

    @Option(name: .long, help: "The decided volumes: administration,provider,specialty,volume (like missiv.csv).")
    var missiv: String

    @Option(name: .shortAndLong, help: "Output folder (default: out/<scenario name>-periodised).")
    var out: String?

    @Flag(name: .long, help: "Also write the tables for Swedish Excel (; and decimal comma) under excel-sv/.")
    var excel = false

    @OptionGroup var solve: SolveOptions

    /// Periodisation solves its LPs with the simplex: `--algorithm network` would be
    /// accepted and ignored, so it is refused (exit 64).
    func validate() throws {
        if solve.algorithm == .network {
            throw ValidationError("periodise solves its LPs with the simplex; --algorithm network does not apply to it")
        }
    }

    func run() throws {
        InterruptHandling.install()
        var options = PeriodiseRunOptions()
        options.outputDirectory = out.map { URL(fileURLWithPath: $0) }
        options.planner = solve.plannerOptions()
        options.swedishExcel = excel
        let report: PeriodiseRunReport
        do {
            report = try PeriodiseRun.run(scenarioPath: scenario, missivPath: missiv, options: options)
        } catch {
            throw fail(error)
        }
        print(PeriodisePrinter.text(report))
        if solve.verbose {
            let lines = report.timings.map { "  \($0.0): \(RunPrinter.format($0.1))" }
            FileHandle.standardError.write(Data(("timings:\n" + lines.joined(separator: "\n") + "\n").utf8))
        }
    }
}

/// What `periodise` prints on success.
enum PeriodisePrinter {
    static func text(_ report: PeriodiseRunReport) -> String {
        let result = report.result
        let decided = result.lines.reduce(0) { $0 + $1.decided }
        let planned = result.lines.reduce(0) { $0 + $1.planned }
        var lines = ["\(report.scenario.name): decided volumes periodised, written to \(RunPrinter.displayPath(report.outputDirectory))",
                     "  \(result.lines.count) lines: decided \(decided), planned \(planned), unresolved \(result.unresolved)"]
        let unresolved = result.lines.filter { $0.unresolved != 0 }
        if unresolved.isEmpty {
            lines.append("  every decided volume is planned")
        } else {
            lines.append("  unresolved volume (outlösta volymer) on \(unresolved.count) line(s):")
            for line in unresolved {
                lines.append("    \(line.administration) → \(result.problem.providers[line.provider].id) \(line.specialty): "
                             + "decided \(line.decided), planned \(line.planned), unresolved \(line.unresolved)")
            }
        }
        let overdue = report.published.tiers[.overdue] ?? 0
        lines.append("  overdue \(NumberFormat.csv(overdue, decimals: 2)); deviation from the capacity profile "
                     + "\(NumberFormat.csv(result.deviation, decimals: 2)) (LP \(NumberFormat.csv(result.lpDeviation, decimals: 2))); "
                     + "integer plan: \(result.method.rawValue)")
        return lines.joined(separator: "\n")
    }
}
