import ArgumentParser
import Foundation
import Lotsa

/// `lotsa validate <scenario>`: read and check every input without solving.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Read a scenario and its model and report the first problem, without solving.",
        discussion: """
        On success prints per specialty: patients waiting at the snapshot, how many are past their target \
        date and past the care guarantee, referrals over the horizon, and capacity over the horizon at own \
        sites, the region's own contracts and other regions' contracts. Also checks that every KPI its \
        expectations name is one summary.json has.
        """)

    @Argument(help: "A scenario folder (with scenario.yaml) or the YAML file itself.")
    var scenario: String

    func run() throws {
        let loaded: Scenario
        do { loaded = try ScenarioLoader.load(path: scenario) } catch { throw fail(.input(error)) }
        let problem = PlanningProblem(scenario: loaded)
        do {
            try KPICatalogue.check(loaded.expectations, known: KPICatalogue.paths(for: loaded, problem: problem))
        } catch {
            throw fail(.input(error))
        }
        let waiting = loaded.backlog.reduce(0) { $0 + $1.count }
        let referrals = problem.cohorts.reduce(0) { $0 + $1.total } - waiting
        print("\(loaded.name): valid — model \(loaded.model.name), \(problem.horizon.periods) periods from "
              + "\(problem.horizon.label(ofPeriod: 1)), \(problem.cohorts.count) cohorts, \(waiting) waiting, "
              + "\(referrals) referrals, \(problem.offers.count) provider offers, \(loaded.inputFiles.count) files read")
        print("per specialty (patients at the snapshot; referrals and capacity over the horizon, contracts capped by their ceilings):")
        print(ScenarioTotals(problem: problem).table)
    }
}
