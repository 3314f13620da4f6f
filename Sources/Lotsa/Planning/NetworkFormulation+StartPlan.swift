import LinearProgramming

extension NetworkFormulation {
    /// A feasible plan to start the network simplex from, as a flow per arc: what a
    /// planner would do by hand, week by week.
    ///
    /// Why: from the crash start (nobody treated) the first step spends most of its
    /// pivots discovering that patients should be treated at all. Started from a plan
    /// that already treats the due patients where there is room, it only has to
    /// repair that plan; the optimum (every tier's value) is the same whatever the start.
    ///
    /// Each week, in order:
    /// 1. patients who are due by the end of the week, the highest priority weight first;
    /// 2. then every other patient present, the nearest target week first, but only at
    ///    offers that add nothing to any volume or transfer tier (the administration's
    ///    own sites), so that the start does not buy volume at contracts or transfers
    ///    for patients who could wait.
    ///
    /// A cohort takes its group's offers in the order the policy's tiers prefer them
    /// (the send arc's costs compared tier by tier), each while it has weekly capacity
    /// and annual ceiling left. Whoever is not treated waits on the carry arcs.
    public func startFlow(problem: PlanningProblem, block: SpecialtyBlock) -> [Double] {
        let T = problem.periods
        var flow = [Double](repeating: 0, count: network.arcCount)
        let cohorts = block.cohorts.map { problem.cohorts[$0] }
        var groupOf = [Int](repeating: 0, count: cohorts.count)
        for (g, members) in block.groupMembers.enumerated() { for local in members { groupOf[local] = g } }
        var offerPosition: [Int: Int] = [:]
        for (position, offer) in block.offers.enumerated() { offerPosition[offer] = position }

        // Each group's block arcs, preferred first; and whether an arc is free of every
        // volume and cost tier (then patients who are not due may use it).
        let tiers = problem.policy.tiers.filter { $0 != .overdue && $0 != .waiting }
        var preferred = [[Int]](repeating: [], count: block.groups.count)
        var free = [Bool](repeating: false, count: block.arcs.count)
        var key = [[Double]](repeating: [], count: block.arcs.count)
        for (a, arc) in block.arcs.enumerated() {
            guard let index = sendArcs[a].first(where: { $0 >= 0 }) else { continue }
            key[a] = tiers.map { tierCosts[$0]![index] }
            free[a] = tiers.allSatisfy { $0 == .cost || tierCosts[$0]![index] == 0 }
            preferred[arc.group].append(a)
        }
        for g in preferred.indices {
            preferred[g].sort { key[$0].lexicographicallyPrecedes(key[$1]) || (key[$0] == key[$1] && $0 < $1) }
        }

        var ceilingLeft = block.offers.map { problem.offers[$0].ceiling.map { max(0, $0) } ?? Int.max }
        var treated = [Int](repeating: 0, count: cohorts.count)
        var treatedBefore = treated
        let byWeight = cohorts.indices.sorted { (cohorts[$0].weight, $1) > (cohorts[$1].weight, $0) }
        for t in 1...T {
            var capacityLeft = block.offers.map { problem.offers[$0].capacity[t - 1] }
            // Treats up to `wanted` of cohort q this week; returns how many.
            func treat(_ q: Int, _ wanted: Int, onlyFree: Bool) -> Int {
                var left = wanted
                for a in preferred[groupOf[q]] where left > 0 && (!onlyFree || free[a]) {
                    let send = sendArcs[a][t - 1]
                    guard send >= 0 else { continue }
                    let position = offerPosition[block.arcs[a].offer]!
                    let take = min(left, capacityLeft[position], ceilingLeft[position])
                    guard take > 0 else { continue }
                    capacityLeft[position] -= take
                    if ceilingLeft[position] != Int.max { ceilingLeft[position] -= take }
                    flow[send] += Double(take)
                    left -= take
                }
                return wanted - left
            }
            for q in byWeight {
                let due = min(cohorts[q].due[t], cohorts[q].available[t]) - treated[q]
                if due > 0 { treated[q] += treat(q, due, onlyFree: false) }
            }
            // The others, nearest target week first.
            let waiting = cohorts.indices.filter { cohorts[$0].available[t] > treated[$0] }
            let nextDue = waiting.map { q in t < T ? (t + 1...T).first { cohorts[q].due[$0] > treated[q] } ?? T + 1 : T + 1 }
            for k in waiting.indices.sorted(by: { (nextDue[$0], waiting[$0]) < (nextDue[$1], waiting[$1]) }) {
                let q = waiting[k]
                treated[q] += treat(q, cohorts[q].available[t] - treated[q], onlyFree: true)
            }
            // The week's flows: the send arcs are set above; treat, capacity and
            // ceiling arcs carry what was treated, the carry arcs the rest.
            for (position, arcs) in capacityArcs.enumerated() where arcs[t - 1] >= 0 {
                let used = problem.offers[block.offers[position]].capacity[t - 1] - capacityLeft[position]
                flow[arcs[t - 1]] = Double(used)
                if ceilingArcs[position] >= 0 { flow[ceilingArcs[position]] += Double(used) }
            }
            for q in cohorts.indices {
                flow[treatArcs[q][t - 1]] = Double(treated[q] - treatedBefore[q])
                treatedBefore[q] = treated[q]
                let carried = cohorts[q].available[t] - treated[q]
                let notDue = min(carried, max(0, cohorts[q].available[t] - cohorts[q].due[t]))
                let arcs = carryArcs[q][t - 1]
                if arcs.notDue >= 0 { flow[arcs.notDue] = Double(notDue) }
                if arcs.overdue >= 0 { flow[arcs.overdue] = Double(carried - notDue) }
            }
        }
        return flow
    }

    /// ``startFlow(problem:block:)`` with the time it took, which belongs to the first
    /// step's time wherever a solve from it is measured (the plan's laps, the replay
    /// beside LEMON).
    public func timedStartFlow(problem: PlanningProblem, block: SpecialtyBlock) -> TimedStartFlow {
        let clock = ContinuousClock()
        let began = clock.now, beganCPU = CPUClock.thread()
        let flow = startFlow(problem: problem, block: block)
        return TimedStartFlow(flow: flow, time: clock.now - began, cpuSeconds: CPUClock.thread() - beganCPU)
    }
}

/// A start plan and the wall and CPU time it took to make.
public struct TimedStartFlow: Sendable {
    public var flow: [Double]
    public var time: Duration
    public var cpuSeconds: Double
}

extension MinCostFlowSolution {
    /// Counts making the start plan in the first step's times.
    mutating func countInFirstStep(_ start: TimedStartFlow) {
        guard !stepTimes.isEmpty else { return }
        stepTimes[0] += start.time
        if !stepCPUTimes.isEmpty { stepCPUTimes[0] += start.cpuSeconds }
    }
}
