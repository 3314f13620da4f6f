import Testing
@testable import LinearProgramming

/// The network simplex against hand-worked networks, GLPK's LP simplex and GLPK's
/// out-of-kilter code on the same networks.
@Suite("Network simplex")
struct NetworkSimplexTests {
    /// Two sources, two sinks; costs s1→d1 1, s1→d2 4, s2→d1 3, s2→d2 2 (caps 10).
    /// Supplies 5 and 5, demands 4 and 6: optimum ships s1→d1 4, s1→d2 1, s2→d2 5:
    /// 4 + 4 + 10 = 18.
    @Test func smallTransportation() throws {
        var network = MinCostFlow(nodes: 4)
        network.supply = [5, 5, -4, -6]
        network.addArc(from: 0, to: 2, upper: 10)
        network.addArc(from: 0, to: 3, upper: 10)
        network.addArc(from: 1, to: 2, upper: 10)
        network.addArc(from: 1, to: 3, upper: 10)
        let result = try NetworkSimplex().solveLexicographic(network, costs: [[1, 4, 3, 2]])
        #expect(result.status == .optimal)
        #expect(result.values == [18])
        #expect(result.flow == [4, 1, 0, 5])
    }

    @Test func secondObjectiveOnlyChoosesAmongOptimaOfTheFirst() throws {
        // Two parallel arcs of equal first cost; the second objective prefers arc 1.
        var network = MinCostFlow(nodes: 2)
        network.supply = [3, -3]
        network.addArc(from: 0, to: 1, upper: 3)
        network.addArc(from: 0, to: 1, upper: 3)
        network.addArc(from: 0, to: 1, upper: 3)
        let result = try NetworkSimplex().solveLexicographic(network, costs: [[1, 1, 5], [2, 1, 0]])
        #expect(result.values == [3, 3])
        #expect(result.flow == [0, 3, 0])
    }

    @Test func infeasibleSupplyIsReported() throws {
        var network = MinCostFlow(nodes: 2)
        network.supply = [3, -3]
        network.addArc(from: 0, to: 1, upper: 2)
        let result = try NetworkSimplex().solveLexicographic(network, costs: [[1]])
        #expect(result.status == .infeasible)
    }

    @Test func lowerBoundsAreHonoured() throws {
        var network = MinCostFlow(nodes: 2)
        network.supply = [4, -4]
        network.addArc(from: 0, to: 1, lower: 3, upper: 4)
        network.addArc(from: 0, to: 1, upper: 4)
        let result = try NetworkSimplex().solveLexicographic(network, costs: [[5, 1]])
        #expect(result.flow == [3, 1])
        #expect(result.values == [16])
    }

    @Test func fractionalCostsAreScaled() throws {
        var network = MinCostFlow(nodes: 2)
        network.supply = [2, -2]
        network.addArc(from: 0, to: 1, upper: 2)
        let result = try NetworkSimplex().solveLexicographic(network, costs: [[0.25]])
        #expect(result.values == [0.5])
    }

    @Test func costsThatCannotBeMadeWholeAreRejected() {
        var network = MinCostFlow(nodes: 2)
        network.supply = [1, -1]
        network.addArc(from: 0, to: 1, upper: 1)
        #expect(throws: SolverError.self) {
            try NetworkSimplex().solveLexicographic(network, costs: [[1.0 / 3.0]])
        }
    }

    /// Random layered networks, several cost vectors: every step's optimum equals
    /// GLPK's LP simplex on the same network with earlier steps' optima bounded.
    @Test(arguments: 0 ..< 12)
    func agreesWithGLPKOnRandomNetworks(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &+ 17)
        let (network, costs) = Self.randomNetwork(&random)
        let ours = try NetworkSimplex().solveLexicographic(network, costs: costs)
        #expect(ours.status == .optimal)
        // The LP: flow conservation rows, arc bounds as column bounds.
        var model = Model()
        let first = model.addVariables(count: network.arcCount, lower: 0, upper: 0)
        for k in 0 ..< network.arcCount {
            model.setBounds(Variable(index: first.index + k), lower: network.lower[k], upper: network.upper[k])
        }
        for v in 0 ..< network.nodeCount {
            var row = LinearExpression()
            for k in 0 ..< network.arcCount {
                if network.tail[k] == v { row.add(Variable(index: first.index + k), 1) }
                if network.head[k] == v { row.add(Variable(index: first.index + k), -1) }
            }
            model.addConstraint(row, .equal(network.supply[v]))
        }
        let objectives = costs.enumerated().map { step, cost in
            NamedObjective(name: "step\(step)", expression: LinearExpression(
                indices: (0 ..< network.arcCount).map { Int32(first.index + $0) }, coefficients: cost))
        }
        let glpk = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                         strategy: .optimalFace())
        #expect(glpk.status == .optimal)
        // One value per cost vector from both, so zip below cannot hide a missing step.
        #expect(ours.values.count == costs.count)
        #expect(glpk.steps.count == costs.count)
        for (mine, theirs) in zip(ours.values, glpk.steps.map(\.value)) {
            #expect(abs(mine - theirs) <= 1e-6 * max(1, abs(theirs)))
        }
        // And GLPK's own network code (out-of-kilter) on the first objective.
        let kilter = try GLPKNetworkSolver().solveLexicographic(network, costs: [costs[0]])
        #expect(kilter.values.first == ours.values.first)
    }

    static func randomNetwork(_ random: inout SplitMix) -> (MinCostFlow, [[Double]]) {
        let layers = 3 + Int(random.next() % 3), width = 2 + Int(random.next() % 4)
        var network = MinCostFlow(nodes: layers * width + 1)
        let sink = layers * width
        var total = 0.0
        for v in 0 ..< width {
            let amount = Double(random.next() % 9)
            network.supply[v] = amount
            total += amount
        }
        network.supply[sink] = -total
        for layer in 0 ..< layers - 1 {
            for a in 0 ..< width {
                for b in 0 ..< width where random.next() % 3 != 0 {
                    network.addArc(from: layer * width + a, to: (layer + 1) * width + b, upper: Double(1 + random.next() % 7))
                }
            }
        }
        // Every node can always reach the sink, so every instance is feasible.
        for v in 0 ..< layers * width {
            network.addArc(from: v, to: sink, upper: total)
            network.addArc(from: v, to: v % width == width - 1 || v / width == layers - 1 ? sink : v + 1, upper: total)
        }
        let costs = (0 ..< 3).map { _ in (0 ..< network.arcCount).map { _ in Double(random.next() % 11) } }
        return (network, costs)
    }
}

/// A small deterministic generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
