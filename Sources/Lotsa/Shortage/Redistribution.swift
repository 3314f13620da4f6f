/// The redistribution proposal: who sends how many patients of which priority group
/// to which site of another administration or contract provider, per day.
///
/// The ``Planner`` decides cases per cohort group (administration, specialty, care
/// type, ASA class), provider and day; which priority group a case belongs to is
/// free within the group and does not change any tier. The proposal names it by a
/// fixed rule: each day a group's most urgent patients are placed first, at its own
/// administration's sites, then at other administrations' sites, then at the
/// region's contracts, then at other regions' contracts.
public struct Redistribution: Sendable {
    public struct Move: Sendable, Hashable {
        /// Day t of the horizon (1…N) and its date.
        public var day: Int
        public var date: Day
        public var administration: String
        public var specialty: String
        public var priority: String
        /// The provider's id and name.
        public var provider: String
        public var providerName: String
        /// `other_administration`, `region_contract` or `other_region_contract`.
        public var kind: String
        /// The administration of a receiving site, nil for a contract.
        public var receivingAdministration: String?
        public var patients: Int
    }

    /// Moves in order of day, sending administration, specialty, priority and provider.
    public var moves: [Move]

    public func total(kind: String) -> Int { moves.filter { $0.kind == kind }.reduce(0) { $0 + $1.patients } }

    static func build(_ dayProblem: DayProblem, plan: Plan) -> Redistribution {
        let problem = dayProblem.problem
        let rank = Dictionary(uniqueKeysWithValues: problem.policy.priorities.enumerated().map { ($1.id, $0) })
        var cohortsOfGroup: [CohortGroup: [Int]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() { cohortsOfGroup[cohort.group, default: []].append(q) }
        var flowsOf: [CohortGroup: [Int: [(offer: Int, cases: Int)]]] = [:]
        for flow in plan.flows {
            let cases = Int(flow.cases.rounded())
            if cases > 0 { flowsOf[flow.group, default: [:]][flow.period, default: []].append((flow.offer, cases)) }
        }
        func providerRank(_ offer: Int, _ group: CohortGroup) -> (Int, Int) {
            let index = problem.offers[offer].provider
            switch problem.providers[index].kind {
            case .site(let administration): return (administration == group.administration ? 0 : 1, index)
            case .regionContract: return (2, index)
            case .otherRegionContract: return (3, index)
            }
        }
        var totals: [MoveKey: Int] = [:]
        for group in flowsOf.keys.sorted() {
            let cohorts = cohortsOfGroup[group, default: []].sorted {
                (rank[problem.cohorts[$0].key.priority]!, $0) < (rank[problem.cohorts[$1].key.priority]!, $1)
            }
            for (day, flows) in flowsOf[group]! {
                var remaining = cohorts.map { q in
                    Int((plan.treatedCumulative[q][day] - plan.treatedCumulative[q][day - 1]).rounded())
                }
                var c = 0
                for flow in flows.sorted(by: { providerRank($0.offer, group) < providerRank($1.offer, group) }) {
                    var cases = flow.cases
                    while cases > 0 && c < cohorts.count {
                        let take = min(cases, remaining[c])
                        if take > 0 {
                            cases -= take
                            remaining[c] -= take
                            if providerRank(flow.offer, group).0 > 0 {
                                let key = MoveKey(day: day, administration: group.administration, specialty: group.specialty,
                                                  priorityRank: rank[problem.cohorts[cohorts[c]].key.priority]!,
                                                  priority: problem.cohorts[cohorts[c]].key.priority,
                                                  provider: problem.offers[flow.offer].provider)
                                totals[key, default: 0] += take
                            }
                        }
                        if remaining[c] == 0 { c += 1 }
                    }
                }
            }
        }
        let moves = totals.keys.sorted().map { key -> Move in
            let provider = problem.providers[key.provider]
            let kind: String
            switch provider.kind {
            case .site: kind = "other_administration"
            case .regionContract: kind = "region_contract"
            case .otherRegionContract: kind = "other_region_contract"
            }
            return Move(day: key.day, date: dayProblem.date.adding(days: key.day - 1), administration: key.administration,
                        specialty: key.specialty, priority: key.priority, provider: provider.id,
                        providerName: provider.name, kind: kind, receivingAdministration: provider.administration,
                        patients: totals[key]!)
        }
        return Redistribution(moves: moves)
    }

    private struct MoveKey: Hashable, Comparable {
        var day: Int
        var administration: String
        var specialty: String
        var priorityRank: Int
        var priority: String
        var provider: Int

        static func < (lhs: MoveKey, rhs: MoveKey) -> Bool {
            (lhs.day, lhs.administration, lhs.specialty, lhs.priorityRank, lhs.provider)
                < (rhs.day, rhs.administration, rhs.specialty, rhs.priorityRank, rhs.provider)
        }
    }

    /// Swedish words for the kinds, as the routine names them.
    public static func label(kind: String) -> String {
        switch kind {
        case "other_administration": return "annan förvaltning"
        case "region_contract": return "regionens avtal"
        default: return "annan regions avtal"
        }
    }
}
