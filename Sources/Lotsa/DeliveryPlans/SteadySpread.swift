import LinearProgramming

/// Spreads the lines of a feasible plan steadily over the weeks, keeping every line's
/// annual total and never raising `overdue` (docs/optimal-plan.md §5–§6).
///
/// Given a plan whose lines (administration, provider, specialty) already have the
/// decided totals — for `lotsa plan`, the LP optimum and its own missiv — the
/// periodisation only has to move cases between weeks and between administrations
/// inside each provider's weeks. That is what this does, one offer (provider and
/// specialty) at a time with every other offer held fixed (block coordinate descent),
/// a few sweeps over the offers of a specialty. For one offer the problem is a
/// minimum-cost flow, solved exactly by ``NetworkSimplex`` in three lexicographic
/// steps — overdue, then the L1 deviation from the capacity-proportional target, then
/// waiting:
///
/// ```
/// source ─cap(t)→ week t ─≤ target, 0 │ rest, 1→ line a in week t ─→ cohort q in week t
/// cohort q in week t ─(X_q(t): cases of q at this offer by week t)→ cohort q in week t+1 … → line a ─V_a→ sink
/// source ────────────────────────────── unused capacity ─────────────────────────────→ sink
/// ```
///
/// The chain of a cohort carries its cumulative count at this offer, so availability
/// (A_q(t) minus what other offers took) is an upper bound on a chain arc and
/// overdue, max(0, D_q(t) − others − X_q(t)), is a cheaper first part of it. Line
/// totals are the fixed flow into the sink; capacities the source's arcs. Because
/// the starting plan is feasible for every offer's problem and its `overdue` is
/// already the optimum of the whole allocation, each step keeps `overdue` exactly;
/// volume, transfer and cost tiers depend on line totals only and cannot move.
/// Only `waiting` may rise: steadiness is bought with later treatment, never with
/// overdue patients.
enum SteadySpread {
    /// At most this many sweeps over the offers of a specialty (stops earlier when a
    /// sweep no longer lowers the deviation).
    static let sweeps = 4

    struct Outcome: Sendable {
        /// Cases per (problem cohort, offer, period − 1).
        var cases: [Int: [Int: [Int]]]
        var nodes: Int
        var arcs: Int
    }

    /// Periodises `start` in place of the LP: `targets` per line key. Lines of
    /// `start` must be exactly the decided lines (checked by the caller).
    static func spread(_ problem: PlanningProblem, start: Plan, targets: [IntegralRounding.LineKey: [Int]],
                       options: PlannerOptions) throws(PlanningError) -> (plan: Plan, nodes: Int, arcs: Int) {
        let blocks = SpecialtyBlock.blocks(of: problem)
        let outcomes = try BlockPool.solve(blocks.count, parallelism: options.parallelism) { index throws(PlanningError) in
            try spreadBlock(problem, blocks[index], start: start, targets: targets, options: options)
        }
        let T = problem.periods
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: T + 1) }
        var flows: [Flow] = []
        var nodes = 0, arcs = 0
        for (block, outcome) in zip(blocks, outcomes) {
            nodes += outcome.nodes; arcs += outcome.arcs
            for local in block.cohorts.indices {
                let q = block.cohorts[local]
                var weekly = [Int](repeating: 0, count: T)
                for (_, series) in outcome.cases[q] ?? [:] { for t in 0..<T { weekly[t] += series[t] } }
                for t in 1...T { cumulative[q][t] = cumulative[q][t - 1] + Double(weekly[t - 1]) }
            }
            for arc in block.arcs {
                var weekly = [Int](repeating: 0, count: T)
                for local in block.groupMembers[arc.group] {
                    if let series = outcome.cases[block.cohorts[local]]?[arc.offer] {
                        for t in 0..<T { weekly[t] += series[t] }
                    }
                }
                for t in 1...T where weekly[t - 1] != 0 {
                    flows.append(Flow(group: block.groups[arc.group], offer: arc.offer, period: t, cases: Double(weekly[t - 1])))
                }
            }
        }
        return (Plan(treatedCumulative: cumulative, flows: flows), nodes, arcs)
    }

    /// The start plan's cases per (cohort, offer, week): each group's weekly cases
    /// handed to its cohorts in member order (any split is one the plan allows).
    static func cohortCases(_ problem: PlanningProblem, _ block: SpecialtyBlock, start: Plan) -> [Int: [Int: [Int]]] {
        let T = problem.periods
        let blockGroups = Dictionary(uniqueKeysWithValues: block.groups.enumerated().map { ($1, $0) })
        var sent = [[Int: [Int]]](repeating: [:], count: block.groups.count)
        for flow in start.flows where flow.group.specialty == block.specialty {
            guard let g = blockGroups[flow.group] else { continue }
            sent[g][flow.offer, default: [Int](repeating: 0, count: T)][flow.period - 1] += Int(flow.cases.rounded())
        }
        var cases: [Int: [Int: [Int]]] = [:]
        for (g, members) in block.groupMembers.enumerated() {
            let offers = sent[g].keys.sorted()
            for t in 1...T {
                var treated = members.map { local -> Int in
                    let y = start.treatedCumulative[block.cohorts[local]]
                    return Int((y[t] - y[t - 1]).rounded())
                }
                var m = 0
                for offer in offers {
                    var amount = sent[g][offer]![t - 1]
                    while amount > 0 && m < members.count {
                        let take = min(amount, treated[m])
                        if take > 0 {
                            cases[block.cohorts[members[m]], default: [:]][offer, default: [Int](repeating: 0, count: T)][t - 1] += take
                            treated[m] -= take
                            amount -= take
                        }
                        if treated[m] == 0 { m += 1 }
                    }
                }
            }
        }
        return cases
    }

    static func spreadBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock, start: Plan,
                            targets: [IntegralRounding.LineKey: [Int]],
                            options: PlannerOptions) throws(PlanningError) -> Outcome {
        var cases = cohortCases(problem, block, start: start)
        // Offers of the block that carry at least one line.
        let offers = block.offers.filter { offer in
            cases.values.contains { $0[offer]?.contains { $0 != 0 } == true }
        }
        var nodes = 0, arcs = 0
        let clock = ContinuousClock()
        let deadline = options.solver.timeLimit.map { clock.now + $0 }
        var previous = Int.max
        for _ in 0..<sweeps {
            var deviation = 0
            for offer in offers {
                let step = try respread(problem, block, offer: offer, cases: &cases, targets: targets, deadline: deadline)
                deviation += step.deviation
                nodes = max(nodes, step.nodes); arcs = max(arcs, step.arcs)
            }
            if deviation >= previous { break }
            previous = deviation
        }
        return Outcome(cases: cases, nodes: nodes, arcs: arcs)
    }

    /// Solves one offer's network with the other offers fixed and writes its cases back.
    static func respread(_ problem: PlanningProblem, _ block: SpecialtyBlock, offer: Int,
                         cases: inout [Int: [Int: [Int]]], targets: [IntegralRounding.LineKey: [Int]],
                         deadline: ContinuousClock.Instant?) throws(PlanningError) -> (deviation: Int, nodes: Int, arcs: Int) {
        let T = problem.periods
        let L = problem.horizon.weeksPerPeriod
        let theOffer = problem.offers[offer]
        // Lines at this offer and their current totals.
        var volume: [String: Int] = [:]
        for q in block.cohorts {
            if let series = cases[q]?[offer] {
                let total = series.reduce(0, +)
                if total > 0 { volume[problem.cohorts[q].key.administration, default: 0] += total }
            }
        }
        let administrations = problem.administrations.filter { volume[$0] != nil }
        guard !administrations.isEmpty else { return (0, 0, 0) }
        // Cohorts that may be sent here by those administrations.
        let chainCohorts = block.groupMembers.indices.flatMap { g -> [Int] in
            guard volume[block.groups[g].administration] != nil,
                  problem.isEligible(block.groups[g], theOffer) else { return [] }
            return block.groupMembers[g].map { block.cohorts[$0] }
        }
        let weeks = (1...T).filter { theOffer.active[$0 - 1] && theOffer.capacity[$0 - 1] > 0 }

        var network = MinCostFlow(nodes: 0)
        var overdueCost: [Double] = [], deviationCost: [Double] = [], waitingCost: [Double] = []
        func arc(_ from: Int, _ to: Int, lower: Double = 0, upper: Double,
                 overdue: Double = 0, deviation: Double = 0, waiting: Double = 0) -> Int {
            overdueCost.append(overdue); deviationCost.append(deviation); waitingCost.append(waiting)
            return network.addArc(from: from, to: to, lower: lower, upper: upper)
        }
        let capacityTotal = weeks.reduce(0) { $0 + theOffer.capacity[$1 - 1] }
        let source = network.addNode(supply: Double(capacityTotal))
        let sink = network.addNode(supply: Double(-capacityTotal))
        _ = arc(source, sink, upper: Double(capacityTotal))
        var lineNode: [String: Int] = [:]
        for administration in administrations {
            let node = network.addNode()
            lineNode[administration] = node
            let total = Double(volume[administration]!)
            _ = arc(node, sink, lower: total, upper: total)
        }
        // Cohort chains: node (q, t) for t = 1...T.
        var chainBase: [Int: Int] = [:]
        for q in chainCohorts {
            let cohort = problem.cohorts[q]
            let base = network.nodeCount
            chainBase[q] = base
            for _ in 1...T { network.addNode() }
            var others = 0
            for t in 1...T {
                for (o, series) in cases[q] ?? [:] where o != offer { others += series[t - 1] }
                let available = max(0, cohort.available[t] - others)
                let due = min(available, max(0, cohort.due[t] - others))
                let next = t < T ? base + t : lineNode[cohort.key.administration]!
                if due > 0 {
                    _ = arc(base + t - 1, next, upper: Double(due), overdue: -cohort.weight * L, waiting: -L)
                }
                if available > due {
                    _ = arc(base + t - 1, next, upper: Double(available - due), waiting: -L)
                }
            }
        }
        // Weeks, line-weeks and the arcs into the chains.
        var sendArcs: [(q: Int, t: Int, arc: Int)] = []
        var aboveArcs: [Int] = []
        for t in weeks {
            let capacity = Double(theOffer.capacity[t - 1])
            let week = network.addNode()
            _ = arc(source, week, upper: capacity)
            for administration in administrations {
                let lineWeek = network.addNode()
                let key = IntegralRounding.LineKey(administration: administration, provider: theOffer.provider,
                                                   specialty: theOffer.specialty)
                let target = Double(targets[key]?[t - 1] ?? 0)
                if target > 0 { _ = arc(week, lineWeek, upper: min(target, capacity)) }
                aboveArcs.append(arc(week, lineWeek, upper: capacity, deviation: 1))
                for q in chainCohorts where problem.cohorts[q].key.administration == administration {
                    sendArcs.append((q, t, arc(lineWeek, chainBase[q]! + t - 1, upper: capacity)))
                }
            }
        }
        let solution: MinCostFlowSolution
        do {
            solution = try NetworkSimplex().solveLexicographic(network, costs: [overdueCost, deviationCost, waitingCost],
                                                               deadline: deadline)
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message): throw .solverFault(specialty: block.specialty, message: message)
            }
        }
        if solution.status == .timeLimit {
            throw .solverStopped(specialty: block.specialty, tier: "periodisation", status: solution.status)
        }
        // The current spread is feasible for this network, so anything but an optimum
        // would be a bug; the current spread then stays as it is.
        guard solution.status == .optimal else { return (0, network.nodeCount, network.arcCount) }
        for q in chainCohorts { cases[q, default: [:]][offer] = [Int](repeating: 0, count: T) }
        for entry in sendArcs {
            let value = Int(solution.flow[entry.arc].rounded())
            if value != 0 { cases[entry.q]![offer]![entry.t - 1] += value }
        }
        for q in chainCohorts where cases[q]![offer]!.allSatisfy({ $0 == 0 }) { cases[q]![offer] = nil }
        let above = aboveArcs.reduce(0) { $0 + Int(solution.flow[$1].rounded()) }
        return (above, network.nodeCount, network.arcCount)
    }
}
