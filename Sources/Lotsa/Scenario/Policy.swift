/// How a scenario wants plans judged and what it allows.
public struct Policy: Sendable, Hashable {
    public enum ObjectiveMode: String, Sendable, Hashable {
        /// Minimise the tiers one after the other (the default).
        case lexicographic
        /// Minimise Σ weight · tier in one go.
        case weighted
    }

    /// Tiers in the order they are minimised; dropped tiers are still reported.
    public var tiers: [Tier]
    public var objective: ObjectiveMode
    /// Weights for the `weighted` objective (1 when not given).
    public var tierWeights: [Tier: Double]
    public var internalTransfersAllowed: Bool
    public var defaultCareType: CareType
    public var defaultASA: Int
    public var priorities: [PriorityGroup]
    /// The furthest a patient may be sent to a site of another administration, in
    /// the region model's distance unit (km); nil: no limit. Per specialty overrides it.
    public var maxTransferKm: Double? = nil
    public var maxTransferKmBySpecialty: [String: Double] = [:]

    /// The transfer limit of `specialty`, if any.
    public func maxTransferKm(specialty: String) -> Double? {
        maxTransferKmBySpecialty[specialty] ?? maxTransferKm
    }

    public init(tiers: [Tier] = Tier.defaultOrder, objective: ObjectiveMode = .lexicographic,
                tierWeights: [Tier: Double] = [:], internalTransfersAllowed: Bool = true,
                defaultCareType: CareType = .outpatient, defaultASA: Int = 1,
                priorities: [PriorityGroup] = PriorityGroup.defaults) {
        self.tiers = tiers
        self.objective = objective
        self.tierWeights = tierWeights
        self.internalTransfersAllowed = internalTransfersAllowed
        self.defaultCareType = defaultCareType
        self.defaultASA = defaultASA
        self.priorities = priorities
    }

    public func priority(_ id: String) -> PriorityGroup? {
        priorities.first { $0.id == id }
    }
}
