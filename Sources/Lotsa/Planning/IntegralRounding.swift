/// Rounds a fractional plan to whole patients, keeping every hard rule.
///
/// 1. Each arc's cumulative flow is rounded down (floor of the running total), so no
///    group ever sends more than the LP did by any period: availability and ceilings
///    hold, and each arc loses less than one case.
/// 2. Where several arcs round up into the same week of an offer beyond its capacity,
///    the extra case moves to the offer's next week with room (later is always
///    possible for the patient: they stay available).
/// 3. Where a line (administration, provider, specialty) has a required whole-number
///    total — a decided volume — missing cases are added in the earliest week with
///    room at the offer and a patient available in the group.
/// 4. Each group's cases per week are handed to its cohorts most urgent first
///    (heaviest priority weight, then most patients due).
///
/// What cannot be placed is reported as unresolved per line.
public enum IntegralRounding {
    /// A line whose total must be met: (administration, provider index, specialty) → cases.
    public struct LineKey: Hashable, Sendable {
        public var administration: String
        public var provider: Int
        public var specialty: String

        public init(administration: String, provider: Int, specialty: String) {
            self.administration = administration
            self.provider = provider
            self.specialty = specialty
        }
    }

    public static func round(_ plan: Plan, problem: PlanningProblem,
                             lineTotals: [LineKey: Int] = [:]) -> (plan: Plan, unresolved: [LineKey: Int]) {
        let T = problem.periods
        struct ArcKey: Hashable { var group: CohortGroup; var offer: Int }
        // 1. Floor of the running total, per arc.
        var lp: [ArcKey: [Double]] = [:]
        for flow in plan.flows {
            lp[ArcKey(group: flow.group, offer: flow.offer), default: [Double](repeating: 0, count: T + 1)][flow.period] += flow.cases
        }
        for key in lineTotals.keys {
            // Lines with a required total but no LP flow still need their arcs.
            for (index, offer) in problem.offers.enumerated()
            where offer.provider == key.provider && offer.specialty == key.specialty {
                for cohort in problem.cohorts where cohort.key.administration == key.administration
                    && cohort.key.specialty == key.specialty && problem.isEligible(cohort.group, offer) {
                    let arc = ArcKey(group: cohort.group, offer: index)
                    if lp[arc] == nil { lp[arc] = [Double](repeating: 0, count: T + 1) }
                }
            }
        }
        let arcs = lp.keys.sorted { ($0.offer, $0.group) < ($1.offer, $1.group) }
        var cases: [ArcKey: [Int]] = [:]
        for arc in arcs {
            var running = 0.0, previous = 0
            var series = [Int](repeating: 0, count: T + 1)
            for t in 1...T {
                running += lp[arc]![t]
                let whole = Int((running + 1e-6).rounded(.down))
                series[t] = max(0, whole - previous)
                previous = max(previous, whole)
            }
            cases[arc] = series
        }
        // Load per offer and week, group sends per week, group availability.
        var load: [Int: [Int]] = [:]
        var sent: [CohortGroup: [Int]] = [:]
        for arc in arcs {
            for t in 1...T {
                load[arc.offer, default: [Int](repeating: 0, count: T + 1)][t] += cases[arc]![t]
                sent[arc.group, default: [Int](repeating: 0, count: T + 1)][t] += cases[arc]![t]
            }
        }
        var available: [CohortGroup: [Int]] = [:]
        for cohort in problem.cohorts {
            var series = available[cohort.group] ?? [Int](repeating: 0, count: T + 1)
            for t in 0...T { series[t] += cohort.available[t] }
            available[cohort.group] = series
        }
        func room(_ offer: Int, _ t: Int) -> Int {
            problem.offers[offer].active[t - 1] ? problem.offers[offer].capacity[t - 1] - (load[offer]?[t] ?? 0) : 0
        }
        // 2. Capacity repair: push excess cases to the offer's next week with room.
        for arc in arcs {
            for t in 1...T where room(arc.offer, t) < 0 && cases[arc]![t] > 0 {
                var excess = min(-room(arc.offer, t), cases[arc]![t])
                var later = t + 1
                while excess > 0 {
                    cases[arc]![t] -= 1
                    load[arc.offer]![t] -= 1
                    sent[arc.group]![t] -= 1
                    while later <= T && room(arc.offer, later) <= 0 { later += 1 }
                    if later <= T {
                        cases[arc]![later] += 1
                        load[arc.offer]![later] += 1
                        sent[arc.group]![later] += 1
                    }
                    excess -= 1
                }
            }
        }
        // 3. Required line totals.
        var unresolved: [LineKey: Int] = [:]
        for (line, required) in lineTotals.sorted(by: { ($0.key.administration, $0.key.provider, $0.key.specialty) < ($1.key.administration, $1.key.provider, $1.key.specialty) }) {
            let lineArcs = arcs.filter { $0.group.administration == line.administration
                && problem.offers[$0.offer].provider == line.provider && $0.group.specialty == line.specialty }
            var missing = required - lineArcs.reduce(0) { $0 + cases[$1]!.reduce(0, +) }
            var ceilingRoom: [Int: Int] = [:]
            for arc in lineArcs {
                if let ceiling = problem.offers[arc.offer].ceiling {
                    let used = (load[arc.offer] ?? []).reduce(0, +)
                    ceilingRoom[arc.offer] = ceiling - used
                }
            }
            while missing > 0 {
                var placed = false
                search: for t in 1...T {
                    for arc in lineArcs where room(arc.offer, t) > 0 && (ceilingRoom[arc.offer] ?? 1) > 0 {
                        // One more case sent by the group from week t on must stay within its patients.
                        var cumulative = 0
                        var fits = true
                        for u in 1...T {
                            cumulative += sent[arc.group]![u] + (u == t ? 1 : 0)
                            if u >= t && cumulative > available[arc.group]![u] { fits = false; break }
                        }
                        guard fits else { continue }
                        cases[arc]![t] += 1
                        load[arc.offer]![t] += 1
                        sent[arc.group]![t] += 1
                        if ceilingRoom[arc.offer] != nil { ceilingRoom[arc.offer]! -= 1 }
                        placed = true
                        break search
                    }
                }
                guard placed else { break }
                missing -= 1
            }
            if missing != 0 { unresolved[line] = missing }
        }
        // 4. Cohort split, most urgent first.
        var flows: [Flow] = []
        for arc in arcs {
            for t in 1...T where cases[arc]![t] > 0 {
                flows.append(Flow(group: arc.group, offer: arc.offer, period: t, cases: Double(cases[arc]![t])))
            }
        }
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: T + 1) }
        var membersOf: [CohortGroup: [Int]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() { membersOf[cohort.group, default: []].append(q) }
        for (group, members) in membersOf {
            let perPeriod = sent[group] ?? [Int](repeating: 0, count: T + 1)
            var treated = [Int](repeating: 0, count: members.count)
            for t in 1...T {
                var remaining = perPeriod[t]
                let order = members.indices.sorted { a, b in
                    let ca = problem.cohorts[members[a]], cb = problem.cohorts[members[b]]
                    if ca.weight != cb.weight { return ca.weight > cb.weight }
                    return (ca.due[t] - treated[a], members[a]) > (cb.due[t] - treated[b], members[b])
                }
                for i in order where remaining > 0 {
                    let take = min(problem.cohorts[members[i]].available[t] - treated[i], remaining)
                    treated[i] += take
                    remaining -= take
                }
                for (i, q) in members.enumerated() { cumulative[q][t] = Double(treated[i]) }
            }
        }
        return (Plan(treatedCumulative: cumulative, flows: flows), unresolved)
    }
}
