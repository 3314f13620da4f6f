/// One component of a plan's quality (optimal-plan.md §4), minimised in the
/// order the policy gives.
public enum Tier: String, Sendable, Hashable, CaseIterable, Codable {
    /// Σ w_p · overdue patients · L/7: weighted overdue patient-weeks.
    case overdue
    /// Cases at providers under another region's contract.
    case otherRegionVolume = "other_region_volume"
    /// Cases at providers under the home region's own contracts.
    case regionContractVolume = "region_contract_volume"
    /// Cases treated at a site of another administration (times km with a distance table).
    case internalTransfers = "internal_transfers"
    /// Σ price · cases.
    case cost
    /// Σ waiting patients · L/7: waiting patient-weeks, so capacity is used early.
    case waiting

    /// The region's rules: medical need, then own capacity before the region's
    /// contracts, the region's contracts before other regions' contracts.
    public static let defaultOrder: [Tier] = [
        .overdue, .otherRegionVolume, .regionContractVolume, .internalTransfers, .cost, .waiting,
    ]
}
