/// The tier values and KPIs of a plan, computed from the plan itself, never from
/// solver variables: what is reported is what the plan does.
public struct PlanEvaluation: Sendable {
    /// Every tier's value, by name.
    public var tiers: [Tier: Double]
    /// Cases per source: own administration, internal transfer, region and other-region contracts.
    public var treatedOwnAdministration: Double
    public var treatedInternalTransfer: Double
    public var treatedRegionContract: Double
    public var treatedOtherRegionContract: Double
    /// Overdue patient-weeks (unweighted) per priority group id.
    public var overduePatientWeeks: [String: Double]
    /// Patients past their guarantee date at the end of the horizon.
    public var beyondGuaranteeAtEnd: Double
    /// Patients overdue at the end of the horizon.
    public var overdueAtEnd: Double
    public var waitingAtStart: Int
    public var referrals: Int
    public var waitingAtEnd: Double
    public var cost: Double

    public var treatedTotal: Double {
        treatedOwnAdministration + treatedInternalTransfer + treatedRegionContract + treatedOtherRegionContract
    }

    public init(problem: PlanningProblem, plan: Plan) {
        let T = problem.periods
        let L = problem.horizon.weeksPerPeriod
        var overdue = 0.0, waiting = 0.0, beyond = 0.0, overdueEnd = 0.0, waitingEnd = 0.0
        var perGroup: [String: Double] = [:]
        for priority in problem.policy.priorities { perGroup[priority.id] = 0 }
        var waitingAtStart = 0, referrals = 0
        for (q, cohort) in problem.cohorts.enumerated() {
            let y = plan.treatedCumulative[q]
            waitingAtStart += cohort.available[0]
            referrals += cohort.total - cohort.available[0]
            for t in 1...T {
                let late = max(0, Double(cohort.due[t]) - y[t])
                overdue += cohort.weight * late * L
                perGroup[cohort.key.priority, default: 0] += late * L
                waiting += (Double(cohort.available[t]) - y[t]) * L
            }
            beyond += max(0, Double(cohort.guaranteed[T]) - y[T])
            overdueEnd += max(0, Double(cohort.due[T]) - y[T])
            waitingEnd += Double(cohort.available[T]) - y[T]
        }
        var own = 0.0, transfer = 0.0, region = 0.0, other = 0.0, transferWeighted = 0.0, cost = 0.0
        for flow in plan.flows {
            let offer = problem.offers[flow.offer]
            switch problem.providers[offer.provider].kind {
            case .otherRegionContract: other += flow.cases
            case .regionContract: region += flow.cases
            case .site:
                if let weight = problem.transferWeight(administration: flow.group.administration, provider: offer.provider) {
                    transfer += flow.cases
                    transferWeighted += flow.cases * weight
                } else {
                    own += flow.cases
                }
            }
            cost += flow.cases * offer.price
        }
        tiers = [.overdue: overdue, .otherRegionVolume: other, .regionContractVolume: region,
                 .internalTransfers: transferWeighted, .cost: cost, .waiting: waiting]
        treatedOwnAdministration = own
        treatedInternalTransfer = transfer
        treatedRegionContract = region
        treatedOtherRegionContract = other
        overduePatientWeeks = perGroup
        beyondGuaranteeAtEnd = beyond
        overdueAtEnd = overdueEnd
        self.waitingAtStart = waitingAtStart
        self.referrals = referrals
        waitingAtEnd = waitingEnd
        self.cost = cost
    }
}
