import LinearProgramming

/// The same block as ``BlockFormulation``, written as a minimum-cost flow network,
/// which is what the allocation problem is (optimal-plan.md §2–§4):
///
/// * node (q, t) holds cohort q's patients present in period t; it receives the
///   cohort's arrivals of period t (period 1: the backlog too);
/// * from it a *treat* arc goes to the node of q's group in t, and two *carry* arcs go
///   to (q, t + 1) (or the sink after T): the first carries up to A_q(t) − D_q(t)
///   patients who are not yet due, the second the overdue rest, at the priority's
///   weight — so O_q(t) = max(0, D_q(t) − Y_q(t)) is exactly the flow on it;
/// * group (g, t) sends cases along *send* arcs to the offers its cohorts may use;
/// * offer (o, t) passes at most cap(o, t) on its *capacity* arc, into the offer's
///   ceiling node (capacity: the ceiling) or straight to the sink.
///
/// Every tier is a cost on arcs, so each lexicographic step is a min-cost flow on
/// the optimal face of the previous ones, solved exactly in integers by
/// ``NetworkSimplex`` (whose optimality certificate is checked before use).
public struct NetworkFormulation: Sendable {
    public var network: MinCostFlow
    /// Each tier's cost per arc.
    public var tierCosts: [Tier: [Double]]
    /// treat arc per block cohort and period (index t − 1).
    public var treatArcs: [[Int]]
    /// send arc per block arc and period (−1 where the offer does not serve).
    public var sendArcs: [[Int]]
    /// capacity arc per block offer position and period (−1 where inactive).
    public var capacityArcs: [[Int]]

    public init(problem: PlanningProblem, block: SpecialtyBlock) {
        let T = problem.periods
        let L = problem.horizon.weeksPerPeriod
        let cohorts = block.cohorts.map { problem.cohorts[$0] }
        var network = MinCostFlow(nodes: 0)
        let cohortBase = 0
        let groupBase = cohorts.count * T
        let offerBase = groupBase + block.groups.count * T
        var ceilingNode: [Int: Int] = [:]
        let nodeCount = offerBase + block.offers.count * T
        for _ in 0..<nodeCount { network.addNode() }
        for (position, offerIndex) in block.offers.enumerated() where problem.offers[offerIndex].ceiling != nil {
            ceilingNode[position] = network.addNode()
        }
        let sink = network.addNode()

        var groupOf = [Int](repeating: 0, count: cohorts.count)
        for (g, members) in block.groupMembers.enumerated() { for local in members { groupOf[local] = g } }

        // One cost array per tier, in Tier.allCases order, appended arc by arc.
        let tiers = Tier.allCases
        var costs = [[Double]](repeating: [], count: tiers.count)
        let position = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { ($1, $0) })
        func arc(_ from: Int, _ to: Int, upper: Double, _ tierCost: [(Tier, Double)] = []) -> Int {
            let index = network.addArc(from: from, to: to, upper: upper)
            for k in costs.indices { costs[k].append(0) }
            for (tier, value) in tierCost { costs[position[tier]!][index] = value }
            return index
        }

        var total = 0.0
        var treatArcs: [[Int]] = []
        for (q, cohort) in cohorts.enumerated() {
            let size = Double(cohort.total)
            total += size
            var treats: [Int] = []
            for t in 1...T {
                let node = cohortBase + q * T + t - 1
                network.supply[node] = Double(cohort.available[t] - (t == 1 ? 0 : cohort.available[t - 1]))
                treats.append(arc(node, groupBase + groupOf[q] * T + t - 1, upper: size))
                let next = t < T ? node + 1 : sink
                let notDue = Double(cohort.available[t] - cohort.due[t])
                if notDue > 0 {
                    _ = arc(node, next, upper: notDue, [(.waiting, L)])
                }
                if cohort.due[t] > 0 {
                    _ = arc(node, next, upper: size, [(.waiting, L), (.overdue, cohort.weight * L)])
                }
            }
            treatArcs.append(treats)
        }
        var offerPosition: [Int: Int] = [:]
        for (position, offer) in block.offers.enumerated() { offerPosition[offer] = position }
        var sendArcs: [[Int]] = []
        for blockArc in block.arcs {
            let offer = problem.offers[blockArc.offer]
            let position = offerPosition[blockArc.offer]!
            var tierCost: [(Tier, Double)] = [(.cost, offer.price)]
            switch problem.providers[offer.provider].kind {
            case .otherRegionContract: tierCost.append((.otherRegionVolume, 1))
            case .regionContract: tierCost.append((.regionContractVolume, 1))
            case .site:
                if let weight = problem.transferWeight(administration: block.groups[blockArc.group].administration,
                                                       provider: offer.provider) {
                    tierCost.append((.internalTransfers, weight))
                }
            }
            sendArcs.append((1...T).map { t in
                guard offer.active[t - 1], offer.capacity[t - 1] > 0 else { return -1 }
                return arc(groupBase + blockArc.group * T + t - 1, offerBase + position * T + t - 1,
                           upper: Double(offer.capacity[t - 1]), tierCost)
            })
        }
        var capacityArcs: [[Int]] = []
        for (position, offerIndex) in block.offers.enumerated() {
            let offer = problem.offers[offerIndex]
            let exit = ceilingNode[position] ?? sink
            capacityArcs.append((1...T).map { t in
                guard offer.active[t - 1] else { return -1 }
                return arc(offerBase + position * T + t - 1, exit, upper: Double(offer.capacity[t - 1]))
            })
            if let node = ceilingNode[position], let ceiling = offer.ceiling {
                _ = arc(node, sink, upper: Double(ceiling))
            }
        }
        network.supply[sink] = -total
        self.network = network
        self.tierCosts = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { ($1, costs[$0]) })
        self.treatArcs = treatArcs
        self.sendArcs = sendArcs
        self.capacityArcs = capacityArcs
    }

    /// The cost vectors to minimise, in the policy's order (one weighted sum for `weighted`).
    public func objectives(policy: Policy) -> [(name: String, costs: [Double])] {
        switch policy.objective {
        case .lexicographic:
            return policy.tiers.map { ($0.rawValue, tierCosts[$0]!) }
        case .weighted:
            var sum = [Double](repeating: 0, count: network.arcCount)
            for tier in policy.tiers {
                let weight = policy.tierWeights[tier] ?? 1
                for (k, cost) in tierCosts[tier]!.enumerated() where cost != 0 { sum[k] += weight * cost }
            }
            return [("weighted", sum)]
        }
    }

    /// The constant part of a tier that the network leaves out: none — waiting is
    /// carried on the carry arcs, so every tier's value is Σ cost · flow.
    public static let constantsIncluded = true
}
