import Testing
@testable import LinearProgramming

/// The network simplex started from a given flow (what the periodisation's steady
/// spread hands it: the current spread) finds the same optima as from its own start.
@Suite("Network simplex start flow")
struct NetworkSimplexStartTests {
    /// A start that is not a vertex: on the network with supplies and bounds doubled,
    /// the sum of two optimal flows for other costs, so many arcs lie strictly between
    /// their bounds and must be pivoted in before pricing.
    @Test(arguments: 0 ..< 12)
    func startFromAFeasibleFlowGivesTheSameOptima(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &* 104_729 &+ 11)
        let (single, costs) = NetworkSimplexTreeTests.layeredNetwork(&random)
        let one = try NetworkSimplex().solveLexicographic(single, costs: [costs[2]])
        let other = try NetworkSimplex().solveLexicographic(single, costs: [costs[1].map { 12 - $0 }])
        var network = single
        network.supply = single.supply.map { 2 * $0 }
        network.lower = single.lower.map { 2 * $0 }
        network.upper = single.upper.map { 2 * $0 }
        let start = zip(one.flow, other.flow).map { $0 + $1 }
        let between = (0 ..< network.arcCount).filter { start[$0] > network.lower[$0] && start[$0] < network.upper[$0] }
        #expect(between.count > network.nodeCount / 2)

        let cold = try NetworkSimplex().solveLexicographic(network, costs: costs)
        let warm = try NetworkSimplex().solveLexicographic(network, costs: costs, start: start)
        #expect(warm.status == .optimal)
        #expect(warm.values == cold.values)
        // The flow is within bounds and balanced.
        var balance = network.supply
        for k in 0 ..< network.arcCount {
            #expect(warm.flow[k] >= network.lower[k] && warm.flow[k] <= network.upper[k])
            balance[Int(network.tail[k])] -= warm.flow[k]
            balance[Int(network.head[k])] += warm.flow[k]
        }
        #expect(balance.allSatisfy { $0 == 0 })
    }

    /// A start outside an arc's bounds, fractional, or of the wrong length is ignored.
    @Test func unusableStartsAreIgnored() throws {
        var random = SplitMix(seed: 5)
        let (network, costs) = NetworkSimplexTreeTests.layeredNetwork(&random)
        let cold = try NetworkSimplex().solveLexicographic(network, costs: costs)
        let above = network.upper.map { $0 + 1 }
        let fractional = network.lower.map { $0 + 0.5 }
        for start in [above, fractional, [1.0]] {
            #expect(NetworkSimplex.wholeFlow(start, within: network) == nil)
            let result = try NetworkSimplex().solveLexicographic(network, costs: costs, start: start)
            #expect(result.values == cold.values)
        }
    }
}
