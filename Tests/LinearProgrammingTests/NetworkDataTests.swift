import Testing
@testable import LinearProgramming

/// Both network simplex solvers count in exact integers; data they cannot count with
/// is refused as an invalid model (and the planner then takes GLPK's simplex) rather
/// than rounded.
@Suite("Network data in whole numbers")
struct NetworkDataTests {
    static func network(supply: Double, demand: Double) -> MinCostFlow {
        var network = MinCostFlow(nodes: 0)
        let a = network.addNode(supply: supply), b = network.addNode(supply: -demand)
        _ = network.addArc(from: a, to: b, upper: 10)
        return network
    }

    static func refusal(_ network: MinCostFlow) -> [String] {
        var messages: [String] = []
        for solve in [{ try NetworkSimplex().solveLexicographic(network, costs: [[1]]) },
                      { try ClassicNetworkSimplex().solveLexicographic(network, costs: [[1]]) }] {
            do {
                _ = try solve()
                messages.append("solved")
            } catch {
                if case .invalidModel(let message) = error as? SolverError { messages.append(message) }
                else { messages.append("\(error)") }
            }
        }
        return messages
    }

    @Test func aFractionalSupplyIsRefusedByBothSolvers() {
        #expect(Self.refusal(Self.network(supply: 2.5, demand: 2.5))
                == Array(repeating: "network supplies must be whole numbers; found 2.5", count: 2))
    }

    @Test func unbalancedSuppliesAreRefusedByBothSolvers() {
        #expect(Self.refusal(Self.network(supply: 3, demand: 2))
                == Array(repeating: "supplies do not sum to zero", count: 2))
    }

    @Test func wholeBalancedSuppliesAreSolved() {
        #expect(Self.refusal(Self.network(supply: 3, demand: 3)) == ["solved", "solved"])
    }
}
