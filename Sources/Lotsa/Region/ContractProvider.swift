/// An external provider (extern vårdgivare) that treats patients under a contract.
///
/// The contract's owner decides its tier: a contract owned by the model's home
/// region is one of the region's own contracts (VGR:s egna avtal); any other owner
/// makes it another region's contract (andra regioners avtal).
public struct ContractProvider: Sendable, Hashable {
    public var id: String
    public var name: String
    public var ownerRegion: String

    public init(id: String, name: String, ownerRegion: String) {
        self.id = id
        self.name = name
        self.ownerRegion = ownerRegion
    }
}

/// The terms of a contract for one specialty.
public struct Contract: Sendable, Hashable {
    public var provider: String
    public var specialty: String
    public var weeklyCapacity: Double
    /// Most cases over the horizon; nil when the contract has no ceiling.
    public var annualCeiling: Int?
    /// Price per case.
    public var price: Double
    public var validFrom: Day?
    public var validTo: Day?
    public var eligibility: Eligibility

    public init(provider: String, specialty: String, weeklyCapacity: Double, annualCeiling: Int?, price: Double,
                validFrom: Day?, validTo: Day?, eligibility: Eligibility) {
        self.provider = provider
        self.specialty = specialty
        self.weeklyCapacity = weeklyCapacity
        self.annualCeiling = annualCeiling
        self.price = price
        self.validFrom = validFrom
        self.validTo = validTo
        self.eligibility = eligibility
    }

    /// A contract serves a period when any day of the period lies in its validity
    /// interval: a contract valid from Wednesday 1 April serves the whole ISO week that
    /// holds 1 April, as delivery plans are written per week.
    public func serves(from first: Day, through last: Day) -> Bool {
        if let validFrom, last < validFrom { return false }
        if let validTo, first > validTo { return false }
        return true
    }
}
