import ArgumentParser
import Foundation
import Lotsa

/// `lotsa followup <plan folder> --outcomes <file|sheets> [--through W]`.
struct FollowupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followup",
        abstract: "Plan against outcome (utfall) per line and week: who is behind plan, returned referrals and their replacements.",
        discussion: """
        Writes followup_weeks.csv (per line and week, cumulative deviation), followup_lines.csv, \
        followup_providers.csv, followup_administrations.csv (furthest behind plan first) and returned.csv, \
        flat tables for Power BI, and prints the lines, providers and administrations furthest behind.
        """)

    @Argument(help: "The output folder of the plan in force (its delivery_plans.csv and sheets/).")
    var plan: String

    @Option(name: .long, help: "outcomes.csv, or a sheets/ folder with the utfall rows filled in.")
    var outcomes: String

    @Option(name: .long, help: "Follow up to this week (default: the last week with an outcome).")
    var through: String?

    @Option(name: .shortAndLong, help: "Output folder (default: out/followup-<week>).")
    var out: String?

    @Option(name: .long, help: "Rows per table in the terminal.")
    var top: Int = 5

    func run() throws {
        InterruptHandling.install()
        let report: FollowupRunReport
        do {
            report = try FollowupRun.run(planFolder: plan, outcomesPath: outcomes, through: through,
                                         outputDirectory: out.map { URL(fileURLWithPath: $0) })
        } catch {
            throw fail(error)
        }
        print(FollowupPrinter.text(report, top: top))
    }
}

enum FollowupPrinter {
    static func table(_ title: String, _ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func render(_ cells: [String]) -> String {
            "    " + cells.enumerated().map { i, cell in
                i < 3 && !(Int(cell) != nil || cell.hasSuffix("%")) ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[i] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ["  " + title, render(header)] + rows.map(render)
    }

    static func percent(_ share: Double) -> String { NumberFormat.csv(share * 100, decimals: 1) + "%" }

    static func text(_ report: FollowupRunReport, top: Int) -> String {
        let f = report.followup
        var lines = ["follow-up through \(f.through) written to \(RunPrinter.displayPath(report.outputDirectory))"]
        let total = f.administrations.reduce(into: (0, 0)) { $0.0 += $1.planned; $0.1 += $1.sent }
        lines.append("  planned \(total.0), sent \(total.1), deviation \(total.1 - total.0) (recorded weeks)")
        lines += table("lines furthest behind plan", ["line", "planned", "sent", "deviation", "share", "returned"],
                       f.linesBehind.prefix(top).map { line, t in
                           [line.description, String(t.planned), String(t.sent), String(t.deviation), percent(t.share), String(t.returned)]
                       })
        lines += table("providers", ["provider", "planned", "sent", "deviation", "share"],
                       f.providers.prefix(top).map { [$0.key, String($0.planned), String($0.sent), String($0.deviation), percent($0.share)] })
        lines += table("administrations", ["administration", "planned", "sent", "deviation", "share"],
                       f.administrations.prefix(top).map { [$0.key, String($0.planned), String($0.sent), String($0.deviation), percent($0.share)] })
        if f.returns.isEmpty {
            lines.append("  no referrals returned")
        } else {
            lines += table("returned referrals", ["line", "week", "returned", "replacement"],
                           f.returns.prefix(top * 2).map { [$0.line.description, $0.week, String($0.returned), $0.status] })
        }
        return lines.joined(separator: "\n")
    }
}
