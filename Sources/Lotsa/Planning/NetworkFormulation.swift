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
    /// The two carry arcs per block cohort and period (index t − 1), −1 where absent.
    public var carryArcs: [[CarryArcs]]
    /// The ceiling arc per block offer position (−1 for an offer without a ceiling).
    public var ceilingArcs: [Int]

    /// Where a cohort's untreated patients go at the end of a period.
    public struct CarryArcs: Sendable {
        /// Up to A_q(t) − D_q(t) patients who are not yet due.
        public var notDue = -1
        /// The overdue rest.
        public var overdue = -1
    }

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

        // Each tier's non-zero costs as (arc, cost) entries, made dense at the end: most
        // arcs cost nothing in most tiers, and appending a zero to every tier's array
        // for every arc made building a sizeable share of the solve once the first step
        // starts from a plan. Room for every arc is reserved up front.
        let tiers = Tier.allCases
        let arcEstimate = cohorts.count * T * 3 + block.arcs.count * T + block.offers.count * (T + 1)
        network.reserveCapacity(arcs: arcEstimate)
        var entries = [[(arc: Int32, cost: Double)]](repeating: [], count: tiers.count)
        let tierPosition = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { ($1, $0) })
        let waitingTier = tierPosition[.waiting]!, overdueTier = tierPosition[.overdue]!
        entries[waitingTier].reserveCapacity(cohorts.count * T * 2)
        entries[overdueTier].reserveCapacity(cohorts.count * T)
        func arc(_ from: Int, _ to: Int, upper: Double, _ tierCost: [(tier: Int, cost: Double)] = []) -> Int {
            let index = network.addArc(from: from, to: to, upper: upper)
            for entry in tierCost where entry.cost != 0 { entries[entry.tier].append((Int32(index), entry.cost)) }
            return index
        }

        var total = 0.0
        var treatArcs: [[Int]] = []
        var carryArcs: [[CarryArcs]] = []
        for (q, cohort) in cohorts.enumerated() {
            let size = Double(cohort.total)
            total += size
            var treats: [Int] = []
            var carries: [CarryArcs] = []
            for t in 1...T {
                let node = cohortBase + q * T + t - 1
                network.supply[node] = Double(cohort.available[t] - (t == 1 ? 0 : cohort.available[t - 1]))
                treats.append(arc(node, groupBase + groupOf[q] * T + t - 1, upper: size))
                let next = t < T ? node + 1 : sink
                let notDue = Double(cohort.available[t] - cohort.due[t])
                var carry = CarryArcs()
                if notDue > 0 {
                    carry.notDue = arc(node, next, upper: notDue)
                    entries[waitingTier].append((Int32(carry.notDue), L))
                }
                if cohort.due[t] > 0 {
                    carry.overdue = arc(node, next, upper: size)
                    entries[waitingTier].append((Int32(carry.overdue), L))
                    if cohort.weight != 0 { entries[overdueTier].append((Int32(carry.overdue), cohort.weight * L)) }
                }
                carries.append(carry)
            }
            treatArcs.append(treats)
            carryArcs.append(carries)
        }
        var offerPosition: [Int: Int] = [:]
        for (position, offer) in block.offers.enumerated() { offerPosition[offer] = position }
        var sendArcs: [[Int]] = []
        for blockArc in block.arcs {
            let offer = problem.offers[blockArc.offer]
            let position = offerPosition[blockArc.offer]!
            var tierCost: [(tier: Int, cost: Double)] = [(tierPosition[.cost]!, offer.price)]
            switch problem.providers[offer.provider].kind {
            case .otherRegionContract: tierCost.append((tierPosition[.otherRegionVolume]!, 1))
            case .regionContract: tierCost.append((tierPosition[.regionContractVolume]!, 1))
            case .site:
                if let weight = problem.transferWeight(administration: block.groups[blockArc.group].administration,
                                                       provider: offer.provider) {
                    tierCost.append((tierPosition[.internalTransfers]!, weight))
                }
            }
            sendArcs.append((1...T).map { t in
                guard offer.active[t - 1], offer.capacity[t - 1] > 0 else { return -1 }
                return arc(groupBase + blockArc.group * T + t - 1, offerBase + position * T + t - 1,
                           upper: Double(offer.capacity[t - 1]), tierCost)
            })
        }
        var capacityArcs: [[Int]] = []
        var ceilingArcs = [Int](repeating: -1, count: block.offers.count)
        for (position, offerIndex) in block.offers.enumerated() {
            let offer = problem.offers[offerIndex]
            let exit = ceilingNode[position] ?? sink
            capacityArcs.append((1...T).map { t in
                guard offer.active[t - 1] else { return -1 }
                return arc(offerBase + position * T + t - 1, exit, upper: Double(offer.capacity[t - 1]))
            })
            if let node = ceilingNode[position], let ceiling = offer.ceiling {
                ceilingArcs[position] = arc(node, sink, upper: Double(ceiling))
            }
        }
        network.supply[sink] = -total
        self.network = network
        let arcCount = network.arcCount
        self.tierCosts = Dictionary(uniqueKeysWithValues: tiers.enumerated().map { k, tier in
            var costs = [Double](repeating: 0, count: arcCount)
            for entry in entries[k] { costs[Int(entry.arc)] = entry.cost }
            return (tier, costs)
        })
        self.treatArcs = treatArcs
        self.sendArcs = sendArcs
        self.capacityArcs = capacityArcs
        self.carryArcs = carryArcs
        self.ceilingArcs = ceilingArcs
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
