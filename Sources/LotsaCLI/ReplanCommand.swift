import ArgumentParser
import Foundation
import Lotsa

/// `lotsa replan <scenario> --plan <folder> --outcomes <file|sheets> --through <week>`.
struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Mid-year re-plan: weeks up to --through as they happened, the rest re-optimised under the three principles.",
        discussion: """
        Brings the waiting list forward by the outcomes (utfall), places replacements for returned referrals on top \
        of the plan, re-optimises the rest of the year with the scenario's tiers, and lowers a line only when the \
        administration meets the care guarantee, has relieved another administration, or the region meets the \
        guarantee. Writes summary.json, changes.csv, principles.csv, replacements.csv, and the whole year's \
        missiv.csv, delivery_plans.csv, sheets/ and delivery_plans.xlsx (weeks up to --through as they happened, \
        their utfall filled in), unresolved.csv and waiting_projection.csv. With --waiting-list the weeks after \
        --through start from that snapshot instead of the list the outcomes bring forward.
        """)

    @Argument(help: "A scenario folder (with scenario.yaml) or the YAML file itself.")
    var scenario: String

    @Option(name: .long, help: "The output folder of the plan in force (its delivery_plans.csv).")
    var plan: String

    @Option(name: .long, help: "outcomes.csv, a sheets/ folder or a delivery_plans.xlsx with the utfall rows filled in.")
    var outcomes: String

    @Option(name: .long, help: "The last week of outcomes, e.g. 2026-W40.")
    var through: String

    @Option(name: .long, help: "Requested line volumes for the rest of the year: administration,provider,specialty,volume.")
    var requests: String?

    @Option(name: .long, help: "A new waiting-list snapshot at the end of --through (waiting_list.csv format; days_waited counted to the Monday after): the rest of the year starts from it.")
    var waitingList: String?

    @Option(name: .shortAndLong, help: "Output folder (default: out/<scenario name>-replan-<week>).")
    var out: String?

    @OptionGroup var solve: SolveOptions

    func run() throws {
        InterruptHandling.install()
        var options = ReplanRunOptions(planFolder: plan, outcomesPath: outcomes, through: through)
        options.requestsPath = requests
        options.waitingListPath = waitingList
        options.outputDirectory = out.map { URL(fileURLWithPath: $0) }
        options.planner = solve.plannerOptions()
        let report: ReplanRunReport
        do { report = try ReplanRun.run(scenarioPath: scenario, options: options) } catch { throw fail(error) }
        print(ReplanPrinter.text(report))
    }
}

/// What `replan` prints: tiers of the rest of the year, the guarantee slip, and every
/// line that changed with its reason.
enum ReplanPrinter {
    static func text(_ report: ReplanRunReport) -> String {
        let result = report.result
        let rest = result.rest
        var lines = ["\(report.scenario.name): re-planned \(rest.horizon.label(ofPeriod: 1))–\(rest.horizon.label(ofPeriod: rest.periods)) "
                     + "written to \(RunPrinter.displayPath(report.outputDirectory))"]
        for tier in rest.policy.tiers {
            lines.append("  \(tier.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)) "
                         + NumberFormat.csv(result.evaluation.tiers[tier] ?? 0, decimals: 2))
        }
        let beyond = result.evaluation.beyondGuaranteeAtEnd
        if let inForce = result.beyondGuaranteeInForce {
            lines.append("  beyond the guarantee at the end: \(NumberFormat.csv(beyond, decimals: 0)) "
                         + "(plan in force \(NumberFormat.csv(inForce, decimals: 0)); slip \(NumberFormat.csv(beyond - inForce, decimals: 0)))")
        } else {
            lines.append("  beyond the guarantee at the end: \(NumberFormat.csv(beyond, decimals: 0))")
        }
        let returned = result.replacements.reduce(0) { $0 + $1.returned }
        let placed = result.replacements.reduce(0) { $0 + $1.placed.reduce(0) { $0 + $1.cases } }
        lines.append("  returned referrals: \(returned); replacements placed on top of the re-plan: \(placed)")
        let sending = result.changes.filter { $0.kind != "own_production" }
        let counts = [LineChange.Decision.raised, .lowered, .unchanged, .refused].map { d in
            "\(d.rawValue) \(sending.filter { $0.decision == d }.count)"
        }
        lines.append("  delivery-plan lines: " + counts.joined(separator: ", ") + " (solved \(result.solves) time(s))")
        let notable = sending.filter { $0.decision == .lowered || $0.decision == .refused || $0.requested != nil }
        for change in notable {
            lines.append("    \(change.decision.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                         + "\(change.line.administration) → \(change.line.provider) \(change.line.specialty): "
                         + "\(change.before) → \(change.after)  \(change.reason)")
        }
        return lines.joined(separator: "\n")
    }
}
