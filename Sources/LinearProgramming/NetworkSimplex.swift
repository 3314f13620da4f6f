/// The primal network simplex method for ``MinCostFlow``, in exact integer
/// arithmetic, minimising several cost vectors lexicographically.
///
/// Why Lotsa has its own: the planning LP is a minimum-cost flow (see the planner's
/// `NetworkFormulation`), and a network simplex solves it orders of magnitude faster
/// than a general simplex method. GLPK ships two network codes: RELAX-IV, which
/// Debian's build disables ("temporarily disabled due to licensing problems"), and
/// out-of-kilter, which is slower here than GLPK's own LP simplex. GLPK's LP simplex
/// remains the reference: every result of this solver carries an optimality
/// certificate that is checked before it is used (feasible flow, and reduced costs
/// of the right sign on every arc), and the planner falls back to GLPK when the
/// check fails or costs cannot be made whole.
///
/// The method is the classic spanning-tree one (Dantzig; Cunningham's strongly
/// feasible trees against cycling), with the tree kept the way the fastest codes
/// keep it (Kovács 2015 measures LEMON's as the fastest): a preorder *thread* with
/// its reverse, subtree sizes and each subtree's last node, so that finding the
/// cycle, re-hanging a subtree and updating potentials cost the size of what
/// changes, not the depth of the tree; potentials are shifted on the smaller side
/// of the cut (the moved subtree, or the rest of the tree). The entering arc is chosen by block search
/// (blocks of about 2√m arcs) over the arcs in a mixed order, so that one block
/// spans the whole network. Between lexicographic steps the tree is kept (a warm
/// start): arcs with a non-zero reduced cost are fixed at their flow, which keeps
/// exactly the optimal face, and fixed arcs are no longer priced.
///
/// The hot loop works on raw buffers (``NetworkSimplexTree``) so that it runs
/// without bounds checks; every index it uses comes from the tree itself.
public struct NetworkSimplex: Sendable {
    public init() {}

    /// Minimises each cost vector in turn over the optimal face of the earlier ones.
    ///
    /// `stepTimes[0]` includes building the initial tree.
    ///
    /// - Throws: ``SolverError/invalidModel(_:)`` when costs cannot be scaled to whole
    ///   numbers or data are not whole numbers; ``SolverError/solverFault(_:)`` when the
    ///   optimality certificate fails (a bug: callers fall back to the LP).
    /// - Parameter start: a flow per arc to start from (a feasible plan the caller
    ///   already has, such as the current spread of a periodisation), instead of the
    ///   crash start. It is used only when it is whole and within every arc's bounds;
    ///   what it leaves out of balance is carried by the artificial arcs.
    public func solveLexicographic(_ network: MinCostFlow, costs: [[Double]],
                                   deadline: ContinuousClock.Instant? = nil,
                                   start: [Double]? = nil) throws(SolverError) -> MinCostFlowSolution {
        var factors: [Double] = []
        for (step, cost) in costs.enumerated() {
            guard cost.count == network.arcCount else {
                throw .invalidModel("cost vector \(step + 1) has \(cost.count) entries for \(network.arcCount) arcs")
            }
            guard let factor = GLPKNetworkSolver.scale(for: cost) else {
                throw .invalidModel("costs of step \(step + 1) cannot be scaled to whole numbers")
            }
            factors.append(factor)
        }
        let clock = ContinuousClock()
        let setUp = clock.now, setUpCPU = CPUClock.thread()
        let tree = try NetworkSimplexTree(network, start: start.flatMap { Self.wholeFlow($0, within: network) })
        var values: [Double] = []
        var firstReduced: [Double] = []
        var times: [Duration] = []
        var cpuTimes: [Double] = []
        var pivots: [Int] = []
        func solution(_ status: SolutionStatus) -> MinCostFlowSolution {
            MinCostFlowSolution(status: status, flow: tree.flows, values: values, firstReducedCosts: firstReduced,
                                stepTimes: times, stepCPUTimes: cpuTimes, pivots: pivots)
        }
        for (step, cost) in costs.enumerated() {
            let start = step == 0 ? setUp : clock.now, startCPU = step == 0 ? setUpCPU : CPUClock.thread()
            // The optimal face of the steps before (kept from here on, so timed with this step).
            if step > 0 { tree.fixNonZeroReducedCosts() }
            tree.setCosts(cost.map { Int64(($0 * factors[step]).rounded()) })
            let finished = tree.optimise(deadline: deadline)
            times.append(clock.now - start)
            cpuTimes.append(CPUClock.thread() - startCPU)
            pivots.append(tree.pivotCount)
            guard finished else { return solution(.timeLimit) }
            if let problem = tree.certificateProblem() {
                throw .solverFault("network simplex: optimality certificate failed at step \(step + 1): \(problem)")
            }
            if tree.artificialFlow() != 0 { return solution(.infeasible) }
            let flows = tree.flows
            var value = 0.0
            for k in 0..<network.arcCount where flows[k] != 0 { value += cost[k] * flows[k] }
            values.append(value)
            if step == 0 { firstReduced = tree.reducedCosts().map { Double($0) / factors[step] } }
        }
        return solution(.optimal)
    }

    /// The start flow in whole numbers, or nil when it is not one flow per arc, whole
    /// and within the arcs' bounds (then the solver starts as without one).
    static func wholeFlow(_ start: [Double], within network: MinCostFlow) -> [Int64]? {
        guard start.count == network.arcCount else { return nil }
        var flow = [Int64](repeating: 0, count: start.count)
        for k in start.indices {
            guard let whole = try? MinCostFlow.whole(start[k], "start flow"),
                  start[k] >= network.lower[k], start[k] <= network.upper[k] else { return nil }
            flow[k] = whole
        }
        return flow
    }
}
