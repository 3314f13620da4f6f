import Foundation
import Testing
@testable import LinearProgramming
@testable import Lotsa

/// The allocation's start plan (``NetworkFormulation/startFlow(problem:block:)``): a
/// feasible flow of the block's network, from which the network simplex reaches the
/// same optimum of every step as from its crash start, in fewer pivots.
@Suite struct NetworkStartPlanTests {
    /// Two administrations with 20 patients each, due in week 3, and one region
    /// contract of 10 a week (SteadyPeriodisationTests.twoAdministrations). Nobody is
    /// due in weeks 1 and 2, and a contract is not used for patients who could wait;
    /// in week 3 the contract's 10 go to A's due patients (equal weights: the first
    /// cohort first), in week 4 the next 10. B's patients all wait.
    @Test func duePatientsAreTreatedFirstWhereThereIsRoom() throws {
        let folder = try SteadyPeriodisationTests.twoAdministrations.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let block = try #require(SpecialtyBlock.blocks(of: problem).first)
        let formulation = NetworkFormulation(problem: problem, block: block)
        let flow = formulation.startFlow(problem: problem, block: block)
        let a = try #require(block.cohorts.firstIndex { problem.cohorts[$0].key.administration == "A" })
        let b = try #require(block.cohorts.firstIndex { problem.cohorts[$0].key.administration == "B" })
        #expect(formulation.treatArcs[a].map { flow[$0] } == [0, 0, 10, 10])
        #expect(formulation.treatArcs[b].map { flow[$0] } == [0, 0, 0, 0])
        #expect(Self.violation(flow, of: formulation.network) == nil)
    }

    /// Generated scenarios: every block's start plan is within every arc's bounds and
    /// balances every node, and it treats patients (a start of nobody treated is what
    /// the solver would reach without it).
    @Test(arguments: 0 ..< 12 as Range<UInt64>)
    func theStartPlanIsAFeasibleFlow(seed: UInt64) throws {
        let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
        var treated = 0.0
        for block in SpecialtyBlock.blocks(of: problem) {
            let formulation = NetworkFormulation(problem: problem, block: block)
            let flow = formulation.startFlow(problem: problem, block: block)
            #expect(Self.violation(flow, of: formulation.network) == nil, "seed \(seed) \(block.specialty)")
            treated += formulation.treatArcs.joined().reduce(0) { $0 + flow[$1] }
        }
        #expect(treated > 0, "seed \(seed)")
    }

    /// The same blocks solved from the start plan and from the crash start: equal
    /// optima in every step.
    @Test(arguments: 0 ..< 8 as Range<UInt64>)
    func theSimplexReachesTheSameOptima(seed: UInt64) throws {
        let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
        _ = try Self.firstStepPivots(problem)
    }

    /// On the benchmark's small region the first step takes fewer pivots from the
    /// start plan than from the crash start (counting the pivots that bring the plan's
    /// arcs into the tree). The tiny random scenarios above are too small to show it:
    /// there the plan's own arcs outnumber the pivots the crash start needs.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func theFirstStepTakesFewerPivotsOnAGeneratedRegion(seed: UInt64) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-start-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try ScenarioGenerator(preset: .small, seed: seed).write(to: directory)
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: generated.scenarioDirectory.path))
        let pivots = try Self.firstStepPivots(problem)
        #expect(pivots.fromPlan * 2 < pivots.fromCrash, "seed \(seed): \(pivots)")
    }

    /// Solves every block from the start plan and from the crash start, checks that
    /// every step's optimum agrees, and counts the first step's pivots both ways.
    static func firstStepPivots(_ problem: PlanningProblem) throws -> (fromPlan: Int, fromCrash: Int) {
        var pivots = (fromPlan: 0, fromCrash: 0)
        for block in SpecialtyBlock.blocks(of: problem) {
            let formulation = NetworkFormulation(problem: problem, block: block)
            let costs = formulation.objectives(policy: problem.policy).map(\.costs)
            let fromPlan = try NetworkSimplex().solveLexicographic(
                formulation.network, costs: costs, start: formulation.startFlow(problem: problem, block: block))
            let fromCrash = try NetworkSimplex().solveLexicographic(formulation.network, costs: costs)
            #expect(fromPlan.status == .optimal && fromCrash.status == .optimal)
            #expect(fromPlan.values.count == fromCrash.values.count)
            for (mine, theirs) in zip(fromPlan.values, fromCrash.values) {
                #expect(abs(mine - theirs) <= 1e-9 * max(1, abs(theirs)), "\(problem.name) \(block.specialty)")
            }
            pivots.fromPlan += fromPlan.pivots.first ?? 0
            pivots.fromCrash += fromCrash.pivots.first ?? 0
        }
        return pivots
    }

    /// Why `flow` is not a feasible flow of `network`, or nil.
    static func violation(_ flow: [Double], of network: MinCostFlow) -> String? {
        guard flow.count == network.arcCount else { return "\(flow.count) flows for \(network.arcCount) arcs" }
        var balance = network.supply
        for k in 0 ..< network.arcCount {
            guard flow[k] >= network.lower[k], flow[k] <= network.upper[k], flow[k] == flow[k].rounded() else {
                return "arc \(k): flow \(flow[k]) outside [\(network.lower[k]), \(network.upper[k])]"
            }
            balance[Int(network.tail[k])] -= flow[k]
            balance[Int(network.head[k])] += flow[k]
        }
        if let v = balance.firstIndex(where: { $0 != 0 }) { return "node \(v) is out of balance by \(balance[v])" }
        return nil
    }
}
