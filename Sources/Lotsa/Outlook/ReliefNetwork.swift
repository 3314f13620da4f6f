import LinearProgramming

/// The question behind relief capacity for one specialty, as a minimum-cost flow:
/// with X extra cases in every week, how few patients can be left beyond the
/// guarantee at the end of the horizon?
///
/// The planner's network (``NetworkFormulation``) without its tier costs, plus:
/// * a relief node per period t, fed by every cohort group of the period (the extra
///   capacity accepts every care type and ASA class, and with transfers allowed it
///   does not matter at which administration's sites it stands: any split of X serves
///   every group), draining into the sink along one *relief arc* of capacity X;
/// * the cohorts' last carry arcs split at the guarantee: A_q(T) − G_q(T) patients
///   may wait at no cost, the rest costs 1 each, so the optimum is the number
///   beyond the guarantee at the end, B(X).
///
/// B is convex and decreasing in X (the optimum of an LP in its right-hand side),
/// whole at whole X, and the relief arcs' reduced costs give a subgradient: a
/// tangent that lies below B. ``ReliefCapacity`` uses that for Newton steps that
/// never pass the smallest X with B(X) = 0.
///
/// `scale` multiplies every supply and capacity: B at a fraction p / q of a case is
/// q · (the scaled network's optimum at relief capacity p), still in whole numbers.
struct ReliefNetwork {
    var network: MinCostFlow
    /// 1 per patient beyond the guarantee at the end.
    var beyondCosts: [Double]
    /// Transfer weight of a case at another administration's site (relief: 0).
    var transferCosts: [Double]
    /// 1 per case on relief capacity.
    var reliefUseCosts: [Double]
    /// relief(t) → sink, per period.
    var reliefArcs: [Int]
    /// group(g, t) → relief(t), per group, every period.
    var reliefUse: [[Int]]
    var scale: Double

    init(problem: PlanningProblem, block: SpecialtyBlock, scale: Double = 1) {
        self.scale = scale
        let T = problem.periods
        let cohorts = block.cohorts.map { problem.cohorts[$0] }
        var network = MinCostFlow(nodes: 0)
        let groupBase = cohorts.count * T
        let offerBase = groupBase + block.groups.count * T
        let reliefBase = offerBase + block.offers.count * T
        for _ in 0..<(reliefBase + T) { network.addNode() }
        var ceilingNode: [Int: Int] = [:]
        for (position, offerIndex) in block.offers.enumerated() where problem.offers[offerIndex].ceiling != nil {
            ceilingNode[position] = network.addNode()
        }
        let sink = network.addNode()
        var beyond: [Double] = [], transfer: [Double] = [], use: [Double] = []
        func arc(_ from: Int, _ to: Int, upper: Double, beyond b: Double = 0, transfer w: Double = 0, use u: Double = 0) -> Int {
            beyond.append(b); transfer.append(w); use.append(u)
            return network.addArc(from: from, to: to, upper: upper * scale)
        }
        var groupOf = [Int](repeating: 0, count: cohorts.count)
        for (g, members) in block.groupMembers.enumerated() { for local in members { groupOf[local] = g } }
        var total = 0.0
        for (q, cohort) in cohorts.enumerated() {
            let size = Double(cohort.total)
            total += size
            for t in 1...T {
                let node = q * T + t - 1
                network.supply[node] = Double(cohort.available[t] - (t == 1 ? 0 : cohort.available[t - 1])) * scale
                _ = arc(node, groupBase + groupOf[q] * T + t - 1, upper: size)
                if t < T {
                    _ = arc(node, node + 1, upper: size)
                } else {
                    let mayWait = Double(cohort.available[T] - cohort.guaranteed[T])
                    if mayWait > 0 { _ = arc(node, sink, upper: mayWait) }
                    _ = arc(node, sink, upper: size, beyond: 1)
                }
            }
        }
        var offerPosition: [Int: Int] = [:]
        for (position, offer) in block.offers.enumerated() { offerPosition[offer] = position }
        for blockArc in block.arcs {
            let offer = problem.offers[blockArc.offer]
            let position = offerPosition[blockArc.offer]!
            let weight = problem.transferWeight(administration: block.groups[blockArc.group].administration,
                                                provider: offer.provider) ?? 0
            for t in 1...T where offer.active[t - 1] && offer.capacity[t - 1] > 0 {
                _ = arc(groupBase + blockArc.group * T + t - 1, offerBase + position * T + t - 1,
                        upper: Double(offer.capacity[t - 1]), transfer: weight)
            }
        }
        for (position, offerIndex) in block.offers.enumerated() {
            let offer = problem.offers[offerIndex]
            let exit = ceilingNode[position] ?? sink
            for t in 1...T where offer.active[t - 1] && offer.capacity[t - 1] > 0 {
                _ = arc(offerBase + position * T + t - 1, exit, upper: Double(offer.capacity[t - 1]))
            }
            if let node = ceilingNode[position], let ceiling = offer.ceiling {
                _ = arc(node, sink, upper: Double(ceiling))
            }
        }
        var reliefUse: [[Int]] = []
        for g in block.groups.indices {
            reliefUse.append((1...T).map { t in arc(groupBase + g * T + t - 1, reliefBase + t - 1, upper: total, use: 1) })
        }
        let reliefArcs = (1...T).map { t in arc(reliefBase + t - 1, sink, upper: 0) }
        network.supply[sink] = -total * scale
        self.network = network
        self.beyondCosts = beyond
        self.transferCosts = transfer
        self.reliefUseCosts = use
        self.reliefArcs = reliefArcs
        self.reliefUse = reliefUse
    }

    /// Sets the relief arcs' capacity, in the scaled network's units.
    mutating func setRelief(_ capacity: Double) {
        for arc in reliefArcs { network.upper[arc] = capacity }
    }

    /// B at the current relief capacity (scaled units) and a subgradient of B in it
    /// (≤ 0): the sum of the saturated relief arcs' reduced costs.
    func beyond() throws(SolverError) -> (value: Double, slope: Double) {
        let solution = try NetworkSimplex().solveLexicographic(network, costs: [beyondCosts])
        guard solution.status == .optimal, let value = solution.values.first else {
            throw .solverFault("relief network: \(solution.status)")
        }
        let slope = reliefArcs.reduce(0.0) { $0 + min(0, solution.firstReducedCosts[$1]) }
        return (value.rounded(), slope.rounded())
    }
}
