/// Everything the formulation needs, resolved to numbers: cohorts with their
/// cumulative counts, providers with capacity per period, and the policy.
///
/// Built from a ``Scenario`` by ``PlanningProblem/init(scenario:)``; benchmarks and
/// tests may build one directly.
public struct PlanningProblem: Sendable {
    public var name: String
    public var horizon: Horizon
    public var policy: Policy
    public var administrations: [String]
    public var specialties: [String]
    public var providers: [Provider]
    /// Sorted by specialty, then provider order.
    public var offers: [Offer]
    /// Sorted by ``CohortKey``.
    public var cohorts: [Cohort]
    /// km from an administration to a site of another one; nil: transfers count in cases.
    public var distances: [String: [String: Double]]?

    public init(name: String, horizon: Horizon, policy: Policy, administrations: [String], specialties: [String],
                providers: [Provider], offers: [Offer], cohorts: [Cohort], distances: [String: [String: Double]]?) {
        self.name = name
        self.horizon = horizon
        self.policy = policy
        self.administrations = administrations
        self.specialties = specialties
        self.providers = providers
        self.offers = offers
        self.cohorts = cohorts
        self.distances = distances
    }

    public var periods: Int { horizon.periods }

    /// The `internal_transfers` weight of one case of `administration` treated by
    /// `provider`: nil when it is not a transfer, else km (or 1 without distances).
    public func transferWeight(administration: String, provider: Int) -> Double? {
        guard let site = providers[provider].administration, site != administration else { return nil }
        guard let distances else { return 1 }
        return distances[administration]?[providers[provider].id] ?? 0
    }

    /// Whether cohorts of `group` may be treated under `offer`.
    public func isEligible(_ group: CohortGroup, _ offer: Offer) -> Bool {
        guard offer.specialty == group.specialty,
              offer.eligibility.accepts(careType: group.careType, asa: group.asa) else { return false }
        if !policy.internalTransfersAllowed, let site = providers[offer.provider].administration,
           site != group.administration {
            return false
        }
        // A transfer limit: never to a site of another administration further away.
        if let limit = policy.maxTransferKm(specialty: group.specialty),
           let km = transferWeight(administration: group.administration, provider: offer.provider),
           distances != nil, km > limit {
            return false
        }
        return true
    }
}
