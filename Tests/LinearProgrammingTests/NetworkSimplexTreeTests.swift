import Testing
@testable import LinearProgramming

/// The network simplex (thread-indexed tree, block search over mixed arcs) against
/// Lotsa's first network simplex and GLPK's LP simplex, on random layered networks
/// large enough for deep trees, long stems and many degenerate pivots.
@Suite("Network simplex tree")
struct NetworkSimplexTreeTests {
    @Test(arguments: 0 ..< 16)
    func agreesWithTheClassicSolverAndGLPK(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &* 7919 &+ 3)
        let (network, costs) = Self.layeredNetwork(&random)
        let ours = try NetworkSimplex().solveLexicographic(network, costs: costs)
        let classic = try ClassicNetworkSimplex().solveLexicographic(network, costs: costs)
        #expect(ours.status == .optimal)
        #expect(ours.values == classic.values)
        #expect(ours.stepTimes.count == costs.count)
        var model = Model()
        let first = model.addVariables(count: network.arcCount, lower: 0, upper: 0)
        var rows = [LinearExpression](repeating: LinearExpression(), count: network.nodeCount)
        for k in 0 ..< network.arcCount {
            let x = Variable(index: first.index + k)
            model.setBounds(x, lower: network.lower[k], upper: network.upper[k])
            rows[Int(network.tail[k])].add(x, 1)
            rows[Int(network.head[k])].add(x, -1)
        }
        for v in 0 ..< network.nodeCount { model.addConstraint(rows[v], .equal(network.supply[v])) }
        let objectives = costs.enumerated().map { step, cost in
            NamedObjective(name: "step\(step)", expression: LinearExpression(
                indices: (0 ..< network.arcCount).map { Int32(first.index + $0) }, coefficients: cost))
        }
        let glpk = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                         strategy: .optimalFace())
        #expect(glpk.status == .optimal)
        for (mine, theirs) in zip(ours.values, glpk.steps.map(\.value)) {
            #expect(abs(mine - theirs) <= 1e-6 * max(1, abs(theirs)))
        }
        // The flow is the caller's arc order, within bounds and balanced.
        var balance = network.supply
        for k in 0 ..< network.arcCount {
            #expect(ours.flow[k] >= network.lower[k] && ours.flow[k] <= network.upper[k])
            balance[Int(network.tail[k])] -= ours.flow[k]
            balance[Int(network.head[k])] += ours.flow[k]
        }
        #expect(balance.allSatisfy { $0 == 0 })
    }

    @Test func infeasibleNetworkIsReported() throws {
        var random = SplitMix(seed: 99)
        var (network, costs) = Self.layeredNetwork(&random)
        network.supply[0] += 1_000_000
        network.supply[network.nodeCount - 1] -= 1_000_000
        network.addArc(from: 0, to: 1, upper: 1)
        costs = costs.map { $0 + [1] }
        let result = try NetworkSimplex().solveLexicographic(network, costs: costs)
        #expect(result.status == .infeasible)
    }

    /// Layers of cohorts over time, like the planner's: supplies in every node of the
    /// first layer and some later ones, arcs to the next layer with random capacities
    /// (some with lower bounds), carry arcs along each row, and a sink.
    static func layeredNetwork(_ random: inout SplitMix) -> (MinCostFlow, [[Double]]) {
        let layers = 4 + Int(random.next() % 6), width = 3 + Int(random.next() % 10)
        var network = MinCostFlow(nodes: layers * width + 1)
        let sink = layers * width
        var total = 0.0
        for v in 0 ..< layers * width where v < width || random.next() % 4 == 0 {
            // The first layer can always feed every lower bound in its column.
            let amount = Double(random.next() % 12) + (v < width ? Double(layers * width) : 0)
            network.supply[v] = amount
            total += amount
        }
        network.supply[sink] = -total
        for layer in 0 ..< layers - 1 {
            for a in 0 ..< width {
                for b in 0 ..< width where random.next() % 3 == 0 {
                    let low = random.next() % 5 == 0 ? 1.0 : 0.0
                    network.addArc(from: layer * width + a, to: (layer + 1) * width + b,
                                   lower: low, upper: low + Double(random.next() % 9))
                }
            }
        }
        for v in 0 ..< layers * width {
            network.addArc(from: v, to: sink, upper: Double(random.next() % 6))
            network.addArc(from: v, to: v / width == layers - 1 ? sink : v + width, upper: total)
        }
        let costs = (0 ..< 3).map { step in
            (0 ..< network.arcCount).map { _ in step == 0 && random.next() % 2 == 0 ? 0 : Double(random.next() % 13) }
        }
        return (network, costs)
    }
}
