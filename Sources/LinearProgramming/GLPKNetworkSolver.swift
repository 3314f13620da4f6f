import CGLPK

/// Solves ``MinCostFlow`` networks with GLPK's RELAX-IV (Bertsekas–Tseng).
///
/// RELAX-IV needs whole numbers no larger than `Int32.max / 4`; costs are scaled
/// by the smallest power of ten (up to 10⁶) that makes them whole. A network it
/// cannot take is reported as ``SolverError/invalidModel(_:)`` so the caller can
/// fall back to the simplex method.
public struct GLPKNetworkSolver: Sendable {
    public init() {}

    /// The largest magnitude RELAX-IV accepts for any number.
    public static let limit = Double(Int32.max / 4)

    /// The factor (a power of ten up to 10⁶) that makes every cost a whole number
    /// small enough for RELAX-IV, or nil.
    ///
    /// Node prices are sums of costs along paths, so single costs are kept 64 times
    /// below the limit to leave room for them.
    public static func scale(for costs: [Double]) -> Double? {
        var factor = 1.0
        while factor <= 1e6 {
            let whole = costs.allSatisfy { cost in
                let scaled = cost * factor
                return abs(scaled - scaled.rounded()) <= 1e-9 * max(1, abs(scaled))
            }
            if whole {
                let largest = costs.reduce(0) { max($0, abs($1 * factor)) }
                return largest * 64 <= limit ? factor : nil
            }
            factor *= 10
        }
        return nil
    }

    /// Minimises each cost vector in turn, each over the optimal face of the ones
    /// before it (arcs with a non-zero reduced cost keep their flow).
    public func solveLexicographic(_ network: MinCostFlow, costs: [[Double]]) throws(SolverError) -> MinCostFlowSolution {
        let n = network.nodeCount, m = network.arcCount
        guard n <= Int(Int32.max), m <= Int(Int32.max) else { throw .invalidModel("network too large for GLPK") }
        guard abs(network.supply.reduce(0, +)) < 0.5 else { throw .invalidModel("supplies do not sum to zero") }
        for value in network.supply + network.lower + network.upper
        where !(value.isFinite && value == value.rounded() && abs(value) <= Self.limit) {
            throw .invalidModel("network data must be whole numbers below \(Int(Self.limit)); found \(value)")
        }
        for k in 0..<m where network.lower[k] > network.upper[k] {
            throw .invalidModel("arc \(k) has lower bound \(network.lower[k]) above upper bound \(network.upper[k])")
        }
        var lower = network.lower, upper = network.upper
        var flow = [Double](repeating: 0, count: m)
        var reduced = [Double](repeating: 0, count: m)
        var values: [Double] = []
        var firstReduced: [Double] = []
        var times: [Duration] = []
        let clock = ContinuousClock()
        let tails = network.tail.map { Int32($0) }, heads = network.head.map { Int32($0) }
        for (step, cost) in costs.enumerated() {
            guard cost.count == m else { throw .invalidModel("cost vector \(step) has \(cost.count) entries for \(m) arcs") }
            guard let factor = Self.scale(for: cost) else {
                throw .invalidModel("costs of step \(step + 1) cannot be scaled to whole numbers RELAX-IV accepts")
            }
            let scaled = cost.map { ($0 * factor).rounded() }
            let start = clock.now
            let status = run(n: n, m: m, supply: network.supply, tails: tails, heads: heads,
                             lower: lower, upper: upper, cost: scaled, flow: &flow, reduced: &reduced)
            times.append(clock.now - start)
            switch status {
            case 0: break
            case Int32(GLP_ENOPFS):
                return MinCostFlowSolution(status: .infeasible, flow: flow, values: values,
                                           firstReducedCosts: firstReduced, stepTimes: times)
            case LOTSA_GLP_FAULT:
                throw .solverFault("glp_mincost_relax4 raised an error")
            default:
                throw .invalidModel("glp_mincost_relax4 rejected the data (code \(status))")
            }
            var value = 0.0
            for k in 0..<m where flow[k] != 0 { value += cost[k] * flow[k] }
            values.append(value)
            if step == 0 { firstReduced = reduced.map { $0 / factor } }
            // Fix the optimal face for the steps that follow.
            if step < costs.count - 1 {
                for k in 0..<m where reduced[k] != 0 {
                    lower[k] = flow[k]
                    upper[k] = flow[k]
                }
            }
        }
        return MinCostFlowSolution(status: .optimal, flow: flow, values: values,
                                   firstReducedCosts: firstReduced, stepTimes: times)
    }

    private func run(n: Int, m: Int, supply: [Double], tails: [Int32], heads: [Int32], lower: [Double],
                     upper: [Double], cost: [Double], flow: inout [Double], reduced: inout [Double]) -> Int32 {
        var handles = [OpaquePointer?](repeating: nil, count: max(m, 1))
        lotsa_glp_term_out(0)
        defer { lotsa_glp_term_out(1) }
        return handles.withUnsafeMutableBufferPointer { handleBuffer in
            handleBuffer.baseAddress!.withMemoryRebound(to: UnsafeMutablePointer<glp_arc>?.self, capacity: max(m, 1)) { arcs in
                lotsa_glp_relax4(Int32(n), supply, Int32(m), tails, heads, lower, upper, cost, &flow, &reduced, arcs)
            }
        }
    }
}
