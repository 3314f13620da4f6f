import ArgumentParser
import Foundation
import Lotsa

/// `lotsa plan <scenario>`: the needs analysis, the allocation and the delivery plans.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Solve a scenario and write its outputs (summary.json, missiv.csv, delivery_plans.csv, …).")

    @Argument(help: "A scenario folder (with scenario.yaml) or the YAML file itself.")
    var scenario: String

    @Option(name: .shortAndLong, help: "Output folder for this scenario (default: out/<scenario name>).")
    var out: String?

    @Flag(name: .long, help: "Also write every LP solved, in CPLEX LP format, under lp/ (audit).")
    var writeLP = false

    @Option(name: .long, help: "Also write each block's min-cost flow network (DIMACS, with every step's costs) into this folder (audit).")
    var writeNetwork: String?

    @Flag(name: .long, help: "Also write the tables for Swedish Excel (; and decimal comma) under excel-sv/.")
    var excel = false

    @Flag(name: .long, help: "Also write report.html (the HTML report) into the output folder.")
    var report = false

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        var options = PlanRunOptions()
        options.outputDirectory = out.map { URL(fileURLWithPath: $0) }
        options.planner = solve.plannerOptions()
        options.writeLP = writeLP
        options.networkDirectory = writeNetwork.map { URL(fileURLWithPath: $0) }
        options.swedishExcel = excel
        options.htmlReport = self.report
        let report: PlanRunReport
        do {
            report = try PlanRun.run(scenarioPath: scenario, options: options)
        } catch {
            throw fail(error)
        }
        print(RunPrinter.text(report))
        if solve.verbose { FileHandle.standardError.write(Data(RunPrinter.timings(report).utf8)) }
    }
}

/// What `plan` and `check` print on success.
enum RunPrinter {
    static func text(_ report: PlanRunReport) -> String {
        var lines = ["\(report.scenario.name): optimal plan written to \(displayPath(report.outputDirectory))"]
        if case .object(let tiers)? = report.summary.value(at: "tiers"),
           case .array(let integer)? = (tiers.first(where: { $0.0 == "published" }) ?? tiers.first(where: { $0.0 == "integer" }))?.1 {
            for case .object(let entry) in integer {
                if case .string(let name)? = entry.first(where: { $0.0 == "name" })?.1,
                   case .number(let value)? = entry.first(where: { $0.0 == "value" })?.1 {
                    lines.append("  \(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(NumberFormat.csv(value, decimals: 2))")
                }
            }
        }
        let kpis = report.published
        lines.append("  treated: own \(Int(kpis.treatedOwnAdministration)), transfers \(Int(kpis.treatedInternalTransfer)), "
                     + "region contracts \(Int(kpis.treatedRegionContract)), other regions \(Int(kpis.treatedOtherRegionContract)); "
                     + "beyond the guarantee at the end: \(Int(kpis.beyondGuaranteeAtEnd))")
        let waitingBefore = report.integer.tiers[.waiting] ?? 0, waitingAfter = kpis.tiers[.waiting] ?? 0
        lines.append("  steadiness (median over \(report.steadiness.lines.count) delivery lines): total variation "
                     + "\(NumberFormat.csv(report.steadiness.medianTotalVariation, decimals: 2)) "
                     + "(optimum's own weeks \(NumberFormat.csv(report.integerSteadiness.medianTotalVariation, decimals: 2))), "
                     + "weeks without patients \(percent(report.steadiness.medianEmptyWeekShare)) "
                     + "(\(percent(report.integerSteadiness.medianEmptyWeekShare))); "
                     + "price in waiting \(NumberFormat.csv(waitingAfter - waitingBefore, decimals: 2))")
        return lines.joined(separator: "\n")
    }

    static func percent(_ share: Double) -> String {
        NumberFormat.csv((share * 100).rounded(), decimals: 0) + " %"
    }

    /// `lotsa run`'s one line per scenario: where it went and what it achieved.
    static func oneLine(_ report: PlanRunReport) -> String {
        let kpis = report.published
        let seconds = report.timings.reduce(Duration.zero) { $0 + $1.1 }
        return "\(report.scenario.name): optimal, \(displayPath(report.outputDirectory)) in \(format(seconds)); "
            + "treated own \(Int(kpis.treatedOwnAdministration)), transfers \(Int(kpis.treatedInternalTransfer)), "
            + "region contracts \(Int(kpis.treatedRegionContract)), other regions \(Int(kpis.treatedOtherRegionContract)); "
            + "beyond the guarantee \(Int(kpis.beyondGuaranteeAtEnd)); cost \(NumberFormat.csv(kpis.cost, decimals: 0))"
    }

    static func timings(_ report: PlanRunReport) -> String {
        var lines = report.timings.map { "  \($0.0): \(format($0.1))" }
        for block in report.result.blocks {
            let steps = zip(block.steps, block.stepTimes).map { "\($0.0.name) \(format($0.1))" }.joined(separator: ", ")
            lines.append("  block \(block.block.specialty): \(block.rows) rows, \(block.columns) columns, \(block.nonzeros) nonzeros; "
                         + "build \(format(block.buildTime)); \(steps)")
        }
        return "timings:\n" + lines.joined(separator: "\n") + "\n"
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f s", seconds)
    }

    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }
}
