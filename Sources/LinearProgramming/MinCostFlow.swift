/// A minimum-cost flow network with several cost vectors, minimised
/// lexicographically: the network counterpart of ``Model`` for problems whose
/// constraints are flow conservation and arc bounds only.
///
/// Such problems have integral optima when supplies and bounds are integral, and a
/// dedicated algorithm — ``NetworkSimplex``, Lotsa's exact integer network simplex,
/// which the planner uses — solves them far faster than the simplex method. Each
/// lexicographic step fixes the optimal face exactly through the reduced costs,
/// computed in integer arithmetic. (``GLPKNetworkSolver`` wraps GLPK's RELAX-IV, which
/// Debian's GLPK disables; it is kept for builds that have it.)
///
/// ```swift
/// var network = MinCostFlow(nodes: 2)
/// network.supply[0] = 3; network.supply[1] = -3
/// let arc = network.addArc(from: 0, to: 1, upper: 5)
/// let result = try NetworkSimplex().solveLexicographic(network, costs: [[2]])
/// result.flow[arc] // 3
/// ```
public struct MinCostFlow: Sendable {
    /// Net supply per node (negative: demand). Must sum to zero.
    public var supply: [Double]
    public private(set) var tail: [Int32] = []
    public private(set) var head: [Int32] = []
    public var lower: [Double] = []
    public var upper: [Double] = []

    public init(nodes: Int) {
        supply = [Double](repeating: 0, count: nodes)
    }

    public var nodeCount: Int { supply.count }
    public var arcCount: Int { tail.count }

    @discardableResult
    public mutating func addNode(supply value: Double = 0) -> Int {
        supply.append(value)
        return supply.count - 1
    }

    /// Makes room for this many arcs in all, so that adding them does not reallocate.
    public mutating func reserveCapacity(arcs: Int) {
        tail.reserveCapacity(arcs); head.reserveCapacity(arcs)
        lower.reserveCapacity(arcs); upper.reserveCapacity(arcs)
    }

    /// Adds an arc and returns its index.
    @discardableResult
    public mutating func addArc(from: Int, to: Int, lower low: Double = 0, upper cap: Double) -> Int {
        tail.append(Int32(from))
        head.append(Int32(to))
        lower.append(low)
        upper.append(cap)
        return tail.count - 1
    }
}

/// The result of a lexicographic min-cost-flow solve.
public struct MinCostFlowSolution: Sendable {
    public var status: SolutionStatus
    /// Flow per arc after the last step.
    public var flow: [Double]
    /// Each step's optimum (Σ cost · flow, in the caller's units).
    public var values: [Double]
    /// Reduced cost per arc after the first step, in the caller's units.
    public var firstReducedCosts: [Double]
    public var stepTimes: [Duration]
    /// CPU seconds of the solving thread per step (``NetworkSimplex`` only), for
    /// measuring on a shared machine.
    public var stepCPUTimes: [Double] = []
    /// Pivots per step (``NetworkSimplex`` only), for measuring.
    public var pivots: [Int] = []
}
