/// The needs analysis (behovsanalys) per administration and specialty: total need
/// against the administration's own capacity, the gap, and how the plan covers it.
public struct NeedsAnalysis: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        public var specialty: String
        /// Backlog plus referrals over the horizon.
        public var need: Int
        /// Σ capacity of the administration's own sites in the specialty over the horizon.
        public var ownCapacity: Int
        public var gap: Int
        public var treatedOwn: Double
        public var internalTransfers: Double
        public var regionContracts: Double
        public var otherRegionContracts: Double
        /// Cases the administration's sites treat for other administrations.
        public var treatedForOthers: Double
        public var waitingAtEnd: Double
    }

    public var lines: [Line]

    public init(problem: PlanningProblem, plan: Plan) {
        struct Key: Hashable { var administration: String; var specialty: String }
        var need: [Key: Int] = [:]
        var waitingEnd: [Key: Double] = [:]
        let T = problem.periods
        for (q, cohort) in problem.cohorts.enumerated() {
            let key = Key(administration: cohort.key.administration, specialty: cohort.key.specialty)
            need[key, default: 0] += cohort.total
            waitingEnd[key, default: 0] += Double(cohort.available[T]) - plan.treatedCumulative[q][T]
        }
        var ownCapacity: [Key: Int] = [:]
        for offer in problem.offers {
            if let administration = problem.providers[offer.provider].administration {
                ownCapacity[Key(administration: administration, specialty: offer.specialty), default: 0]
                    += offer.capacity.reduce(0, +)
            }
        }
        var own: [Key: Double] = [:], transfer: [Key: Double] = [:], region: [Key: Double] = [:]
        var other: [Key: Double] = [:], forOthers: [Key: Double] = [:]
        for flow in plan.flows {
            let offer = problem.offers[flow.offer]
            let key = Key(administration: flow.group.administration, specialty: flow.group.specialty)
            switch problem.providers[offer.provider].kind {
            case .regionContract: region[key, default: 0] += flow.cases
            case .otherRegionContract: other[key, default: 0] += flow.cases
            case .site(let administration):
                if administration == flow.group.administration {
                    own[key, default: 0] += flow.cases
                } else {
                    transfer[key, default: 0] += flow.cases
                    forOthers[Key(administration: administration, specialty: offer.specialty), default: 0] += flow.cases
                }
            }
        }
        var lines: [Line] = []
        for administration in problem.administrations {
            for specialty in problem.specialties {
                let key = Key(administration: administration, specialty: specialty)
                let needed = need[key] ?? 0
                let capacity = ownCapacity[key] ?? 0
                guard needed > 0 || capacity > 0 else { continue }
                lines.append(Line(administration: administration, specialty: specialty, need: needed,
                                  ownCapacity: capacity, gap: max(0, needed - capacity),
                                  treatedOwn: own[key] ?? 0, internalTransfers: transfer[key] ?? 0,
                                  regionContracts: region[key] ?? 0, otherRegionContracts: other[key] ?? 0,
                                  treatedForOthers: forOthers[key] ?? 0, waitingAtEnd: waitingEnd[key] ?? 0))
            }
        }
        self.lines = lines
    }
}
