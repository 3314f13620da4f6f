import Foundation
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
/// minimum-cost flow, solved exactly by ``NetworkSimplex`` in lexicographic
/// steps — overdue, then the deviation (x − τ)² from the capacity-proportional share
/// (``ConvexDeviation``), then waiting (a decided missiv without a start plan puts
/// "place as much as possible" first), then, for a start plan's fixed totals, two
/// settling steps that choose among the optima left (see ``warmStart``):
///
/// ```
/// source ─cap(t)→ week t ─unit arcs, 2k − 1 − round(2τ)→ line a in week t ─→ cohort q in week t
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

    /// Whether each offer's solve starts from the current spread (the default) or from
    /// the solver's own crash start (`LOTSA_SPREAD_START=cold`, kept for measuring).
    /// On L (seed 1) the warm start cuts the periodisation by more than half (issue 17).
    ///
    /// Each offer's steps (overdue, deviation, waiting) have many optimal flows, and
    /// which one the solver lands on depends on where it starts; the next offer of the
    /// sweep sees whichever came out, so a warm start alone made the descent take
    /// another path (on L +1.3 % deviation; generated seed 29 less steady than the
    /// optimum's own weeks). So with fixed totals ``respread`` ends with two settling
    /// steps that break those ties by rules of their own, not by the start:
    /// 1. lines by volume, smallest first (then by name), weigh n, n − 1, …, 1 a case
    ///    and week: among equally good weeks the smaller lines take the earlier ones,
    ///    and each line's cases form one run instead of alternating with another
    ///    line's (seed 29: 1, 0, 2 against 0, 1, 2);
    /// 2. the same for the cohorts, those with patients due soonest first (then the
    ///    larger priority weight): which patients a line's cases treat.
    /// Both starts reach the same value on every step. Preferring the current spread
    /// instead (−1 a case kept) was tried: the descent then stays in the integer plan's
    /// ties, and the bundled scenarios came out less steady.
    static let warmStart = ProcessInfo.processInfo.environment["LOTSA_SPREAD_START"] != "cold"

    struct Outcome: Sendable {
        /// Cases per (problem cohort, offer, period − 1).
        var cases: [Int: [Int: [Int]]]
        var nodes: Int
        var arcs: Int
        /// Whether what could not be placed is the least possible: each offer's
        /// shortfall is what it would be with every patient to itself.
        var shortfallIsLeast = true
    }

    /// Periodises the `decided` volumes per line key in place of the LP. With a
    /// `start`, its lines must be exactly the decided lines (checked by the caller) and
    /// keep their totals; without one, each offer places as much of its decided lines
    /// as the patients the other offers leave allow, then spreads them (what a
    /// foreign missiv needs; the caller checks what could not be placed).
    static func spread(_ problem: PlanningProblem, start: Plan?, warm: Plan? = nil, decided: [IntegralRounding.LineKey: Int],
                       options: PlannerOptions) throws(PlanningError) -> (plan: Plan, nodes: Int, arcs: Int, shortfallIsLeast: Bool) {
        let blocks = SpecialtyBlock.blocks(of: problem)
        let outcomes = try BlockPool.solve(blocks.count, order: Planner.largestFirst(blocks),
                                           parallelism: options.parallelism) { index throws(PlanningError) in
            try spreadBlock(problem, blocks[index], start: start, warm: warm, decided: decided, options: options)
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
        return (Plan(treatedCumulative: cumulative, flows: flows), nodes, arcs, outcomes.allSatisfy(\.shortfallIsLeast))
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

    /// What a line must carry at one offer.
    enum LineTotal: Equatable {
        /// Exactly this many cases (the start plan's line, the decided volume).
        case fixed(Int)
        /// Up to this many, as many as possible first (a decided volume with no start plan).
        case decided(Int)
        /// Any number, no target (an administration's own site the missiv does not name).
        case free
    }

    static func spreadBlock(_ problem: PlanningProblem, _ block: SpecialtyBlock, start: Plan?, warm: Plan? = nil,
                            decided: [IntegralRounding.LineKey: Int],
                            options: PlannerOptions) throws(PlanningError) -> Outcome {
        var cases = start.map { cohortCases(problem, block, start: $0) }
            ?? warm.map { trimmed(cohortCases(problem, block, start: $0), problem, block, decided: decided) } ?? [:]
        // Offers of the block that carry at least one line; without a start, the
        // decided ones first (they place their volumes before own sites take patients),
        // then the administrations' own sites.
        let offers: [Int]
        if start != nil {
            offers = block.offers.filter { offer in
                cases.values.contains { $0[offer]?.contains { $0 != 0 } == true }
            }
        } else {
            let named = Set(decided.filter { $0.value > 0 && $0.key.specialty == block.specialty }
                .map { IntegralRounding.LineKey(administration: "", provider: $0.key.provider, specialty: $0.key.specialty) })
            let isNamed = { (offer: Int) in
                named.contains(IntegralRounding.LineKey(administration: "", provider: problem.offers[offer].provider,
                                                        specialty: problem.offers[offer].specialty))
            }
            let administrations = Set(block.groups.map(\.administration))
            offers = block.offers.filter(isNamed) + block.offers.filter { offer in
                !isNamed(offer) && problem.providers[problem.offers[offer].provider].administration.map(administrations.contains) == true
            }
        }
        var nodes = 0, arcs = 0
        let clock = ContinuousClock()
        let deadline = options.solver.timeLimit.map { clock.now + $0 }
        var previous = (unresolved: Int.max, value: Double.infinity)
        var shortfall: [Int: Int] = [:]
        for _ in 0..<sweeps {
            var unresolved = 0, value = 0.0
            for offer in offers {
                let totals = lineTotals(problem, block, offer: offer, cases: cases, decided: start == nil ? decided : nil)
                let step = try respread(problem, block, offer: offer, totals: totals, cases: &cases, deadline: deadline)
                unresolved += step.unresolved
                shortfall[offer] = step.unresolved
                value += step.deviation
                nodes = max(nodes, step.nodes); arcs = max(arcs, step.arcs)
            }
            // Decided volumes: stop when nothing more is placed and the spread no longer improves.
            if unresolved > previous.unresolved || (unresolved == previous.unresolved && value >= previous.value - 0.5) { break }
            previous = (unresolved, value)
        }
        var outcome = Outcome(cases: cases, nodes: nodes, arcs: arcs)
        // An offer alone, with every patient to itself, places at least what it can in
        // any periodisation: when each offer's shortfall is its own alone, no spread
        // places more (the LP's unresolved is the same).
        for (offer, short) in shortfall where short > 0 {
            var alone = cases.mapValues { $0.filter { $0.key == offer } }
            let totals = lineTotals(problem, block, offer: offer, cases: alone, decided: decided)
            let step = try respread(problem, block, offer: offer, totals: totals, cases: &alone, deadline: deadline)
            if step.unresolved < short { outcome.shortfallIsLeast = false }
        }
        return outcome
    }

    /// A warm start for decided volumes from a feasible plan (the allocation's optimum,
    /// whose `overdue` no periodisation can beat): lines the missiv does not name are
    /// dropped (own sites kept), lines above their decided volume lose their latest
    /// cases. Removing cases keeps every hard rule; the sweeps then place the rest.
    static func trimmed(_ start: [Int: [Int: [Int]]], _ problem: PlanningProblem, _ block: SpecialtyBlock,
                        decided: [IntegralRounding.LineKey: Int]) -> [Int: [Int: [Int]]] {
        var cases = start
        let T = problem.periods
        for offer in block.offers {
            let theOffer = problem.offers[offer]
            for administration in problem.administrations {
                let cohorts = block.cohorts.filter {
                    problem.cohorts[$0].key.administration == administration && cases[$0]?[offer] != nil
                }
                guard !cohorts.isEmpty else { continue }
                let key = IntegralRounding.LineKey(administration: administration, provider: theOffer.provider,
                                                   specialty: theOffer.specialty)
                let keep: Int
                if let volume = decided[key] {
                    keep = volume
                } else if problem.providers[theOffer.provider].administration == administration {
                    continue
                } else {
                    keep = 0
                }
                var total = cohorts.reduce(0) { $0 + cases[$1]![offer]!.reduce(0, +) }
                var t = T - 1
                while total > keep && t >= 0 {
                    for q in cohorts.reversed() where total > keep {
                        let take = min(total - keep, cases[q]![offer]![t])
                        cases[q]![offer]![t] -= take
                        total -= take
                    }
                    t -= 1
                }
                for q in cohorts where cases[q]![offer]!.allSatisfy({ $0 == 0 }) { cases[q]![offer] = nil }
            }
        }
        return cases
    }

    /// The lines at `offer` and what each must carry: the current totals when the
    /// spread started from a plan (`decided` nil); otherwise the decided volumes, and
    /// an administration's own site free.
    static func lineTotals(_ problem: PlanningProblem, _ block: SpecialtyBlock, offer: Int, cases: [Int: [Int: [Int]]],
                           decided: [IntegralRounding.LineKey: Int]?) -> [String: LineTotal] {
        let theOffer = problem.offers[offer]
        var totals: [String: LineTotal] = [:]
        guard let decided else {
            var volume: [String: Int] = [:]
            for q in block.cohorts {
                if let series = cases[q]?[offer] {
                    let total = series.reduce(0, +)
                    if total > 0 { volume[problem.cohorts[q].key.administration, default: 0] += total }
                }
            }
            for (administration, total) in volume { totals[administration] = .fixed(total) }
            return totals
        }
        for administration in Set(block.groups.map(\.administration)) {
            let key = IntegralRounding.LineKey(administration: administration, provider: theOffer.provider,
                                               specialty: theOffer.specialty)
            if let volume = decided[key] {
                if volume > 0 { totals[administration] = .decided(volume) }
            } else if problem.providers[theOffer.provider].administration == administration {
                totals[administration] = .free
            }
        }
        return totals
    }

    /// Solves one offer's network with the other offers fixed and writes its cases back.
    /// Returns the cases it could not place (decided totals only) and the deviation.
    /// With fixed totals, `warmStart` starts the solver from the current spread (a
    /// feasible flow of this network); the settling steps make the result the same in
    /// value either way.
    static func respread(_ problem: PlanningProblem, _ block: SpecialtyBlock, offer: Int, totals: [String: LineTotal],
                         cases: inout [Int: [Int: [Int]]], deadline: ContinuousClock.Instant?,
                         warmStart: Bool = SteadySpread.warmStart)
    throws(PlanningError) -> (unresolved: Int, deviation: Double, nodes: Int, arcs: Int) {
        let T = problem.periods
        let L = problem.horizon.weeksPerPeriod
        let theOffer = problem.offers[offer]
        let administrations = problem.administrations.filter { totals[$0] != nil }
        guard !administrations.isEmpty else { return (0, 0, 0, 0) }
        let placing = totals.values.contains { if case .fixed = $0 { false } else { true } }
        // Cohorts that may be sent here by those administrations.
        let chainCohorts = block.groupMembers.indices.flatMap { g -> [Int] in
            guard totals[block.groups[g].administration] != nil,
                  problem.isEligible(block.groups[g], theOffer) else { return [] }
            return block.groupMembers[g].map { block.cohorts[$0] }
        }
        let weeks = (1...T).filter { theOffer.active[$0 - 1] && theOffer.capacity[$0 - 1] > 0 }

        var network = MinCostFlow(nodes: 0)
        var unresolvedCost: [Double] = [], overdueCost: [Double] = [], deviationCost: [Double] = [], waitingCost: [Double] = []
        var lineOrderCost: [Double] = [], cohortOrderCost: [Double] = []
        // The current spread as a flow of this network: the solver starts from it
        // instead of from nothing (it is feasible when the totals are fixed).
        var startFlow: [Double] = []
        func arc(_ from: Int, _ to: Int, lower: Double = 0, upper: Double, unresolved: Double = 0,
                 overdue: Double = 0, deviation: Double = 0, waiting: Double = 0, lineOrder: Double = 0, cohortOrder: Double = 0, flow: Int = 0) -> Int {
            unresolvedCost.append(unresolved)
            startFlow.append(Double(flow))
            overdueCost.append(overdue); deviationCost.append(deviation); waitingCost.append(waiting)
            lineOrderCost.append(lineOrder); cohortOrderCost.append(cohortOrder)
            return network.addArc(from: from, to: to, lower: lower, upper: upper)
        }
        let capacityTotal = weeks.reduce(0) { $0 + theOffer.capacity[$1 - 1] }
        // This offer's current cases per chain cohort and week.
        let current: [Int: [Int]] = Dictionary(chainCohorts.map { q in (q, cases[q]?[offer] ?? [Int](repeating: 0, count: T)) },
                                               uniquingKeysWith: { first, _ in first })
        let used = (0..<T).map { t in chainCohorts.reduce(0) { $0 + current[$1]![t] } }
        let source = network.addNode(supply: Double(capacityTotal))
        let sink = network.addNode(supply: Double(-capacityTotal))
        _ = arc(source, sink, upper: Double(capacityTotal), flow: capacityTotal - used.reduce(0, +))
        // Placing volumes: the annual ceiling bounds what the weeks take together
        // (fixed totals already respect it).
        var weeksFrom = source
        if placing, let ceiling = theOffer.ceiling, ceiling < capacityTotal {
            weeksFrom = network.addNode()
            _ = arc(source, weeksFrom, upper: Double(max(0, ceiling)))
        }
        var lineNode: [String: Int] = [:]
        var decidedArcs: [(volume: Int, arc: Int)] = []
        for administration in administrations {
            let node = network.addNode()
            lineNode[administration] = node
            switch totals[administration]! {
            case .fixed(let total):
                _ = arc(node, sink, lower: Double(total), upper: Double(total), flow: total)
            case .decided(let volume):
                decidedArcs.append((volume, arc(node, sink, upper: Double(volume), unresolved: -1)))
            case .free:
                _ = arc(node, sink, upper: Double(capacityTotal))
            }
        }
        // Cohort chains: node (q, t) for t = 1...T.
        var chainBase: [Int: Int] = [:]
        for q in chainCohorts {
            let cohort = problem.cohorts[q]
            let base = network.nodeCount
            chainBase[q] = base
            for _ in 1...T { network.addNode() }
            var others = 0, carried = 0
            for t in 1...T {
                carried += current[q]![t - 1]
                for (o, series) in cases[q] ?? [:] where o != offer { others += series[t - 1] }
                let available = max(0, cohort.available[t] - others)
                let due = min(available, max(0, cohort.due[t] - others))
                let next = t < T ? base + t : lineNode[cohort.key.administration]!
                if due > 0 {
                    _ = arc(base + t - 1, next, upper: Double(due), overdue: -cohort.weight * L, waiting: -L,
                            flow: min(carried, due))
                }
                if available > due {
                    _ = arc(base + t - 1, next, upper: Double(available - due), waiting: -L, flow: carried - min(carried, due))
                }
            }
        }
        // The settling steps (fixed totals, ``warmStart``): weights n, n − 1, …, 1 a case
        // and week, lines by volume (smallest first, then name), cohorts by the week
        // they first have patients due (soonest first, then the larger priority weight).
        var lineWeight: [String: Int] = [:], cohortWeight: [Int: Int] = [:]
        if !placing {
            let volume = { (administration: String) -> Int in
                if case .fixed(let total) = totals[administration]! { total } else { 0 }
            }
            let lines = administrations.sorted { (volume($0), $0) < (volume($1), $1) }
            for (position, administration) in lines.enumerated() { lineWeight[administration] = lines.count - position }
            let firstDue = { (q: Int) -> Int in problem.cohorts[q].due.firstIndex { $0 > 0 } ?? problem.cohorts[q].due.count }
            let cohorts = chainCohorts.sorted {
                (firstDue($0), -problem.cohorts[$0].weight, $0) < (firstDue($1), -problem.cohorts[$1].weight, $1)
            }
            for (position, q) in cohorts.enumerated() { cohortWeight[q] = cohorts.count - position }
        }
        // Weeks, line-weeks and the arcs into the chains.
        var sendArcs: [(q: Int, t: Int, arc: Int)] = []
        let membersOf = Dictionary(grouping: chainCohorts) { problem.cohorts[$0].key.administration }
        for t in weeks {
            let capacity = Double(theOffer.capacity[t - 1])
            let week = network.addNode()
            _ = arc(weeksFrom, week, upper: capacity, flow: used[t - 1])
            for administration in administrations {
                let lineWeek = network.addNode()
                let members = membersOf[administration] ?? []
                // The line's current cases this week, over its pieces cheapest first.
                var rest = members.reduce(0) { $0 + current[$1]![t - 1] }
                switch totals[administration]! {
                case .fixed(let volume), .decided(let volume):
                    for piece in ConvexDeviation.pieces(volume: volume, capacity: theOffer.capacity[t - 1],
                                                        capacityTotal: capacityTotal) {
                        let take = min(rest, piece.units)
                        rest -= take
                        _ = arc(week, lineWeek, upper: Double(piece.units), deviation: Double(piece.cost),
                                lineOrder: Double((lineWeight[administration] ?? 0) * t), flow: take)
                    }
                case .free:
                    _ = arc(week, lineWeek, upper: capacity, flow: rest)
                }
                for q in members {
                    sendArcs.append((q, t, arc(lineWeek, chainBase[q]! + t - 1, upper: capacity,
                                               cohortOrder: Double((cohortWeight[q] ?? 0) * t), flow: current[q]![t - 1])))
                }
            }
        }
        let solution: MinCostFlowSolution
        do {
            let costs = placing ? [unresolvedCost, overdueCost, deviationCost, waitingCost]
                : [overdueCost, deviationCost, waitingCost, lineOrderCost, cohortOrderCost]
            solution = try NetworkSimplex().solveLexicographic(network, costs: costs, deadline: deadline,
                                                               start: placing || !warmStart ? nil : startFlow)
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message):
                // A failed optimality certificate is a solver bug, not bad input. The
                // current spread is feasible and keeps the optimum's tiers, so it stays
                // (as below); the placing step has none and leaves the exact LP to the caller.
                if placing { throw .solverFault(specialty: block.specialty, message: message) }
                return (0, 0, network.nodeCount, network.arcCount)
            }
        }
        if solution.status == .timeLimit {
            throw .solverStopped(specialty: block.specialty, tier: "periodisation", status: solution.status)
        }
        // The current spread is feasible for this network, so anything but an optimum
        // would be a bug; the current spread then stays as it is.
        guard solution.status == .optimal else {
            if placing { throw .solverFault(specialty: block.specialty, message: "periodisation network \(solution.status)") }
            return (0, 0, network.nodeCount, network.arcCount)
        }
        for q in chainCohorts { cases[q, default: [:]][offer] = [Int](repeating: 0, count: T) }
        for entry in sendArcs {
            let value = Int(solution.flow[entry.arc].rounded())
            if value != 0 { cases[entry.q]![offer]![entry.t - 1] += value }
        }
        for q in chainCohorts where cases[q]![offer]!.allSatisfy({ $0 == 0 }) { cases[q]![offer] = nil }
        let unresolved = decidedArcs.reduce(0) { $0 + $1.volume - Int(solution.flow[$1.arc].rounded()) }
        let deviation = solution.values[placing ? 2 : 1]
        return (unresolved, deviation, network.nodeCount, network.arcCount)
    }
}
