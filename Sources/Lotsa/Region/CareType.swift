/// Whether a patient needs a bed (slutenvård) or not (öppenvård). Contracts and small
/// day-surgery units often accept outpatients only.
public enum CareType: String, Sendable, Hashable, CaseIterable, Comparable {
    case outpatient
    case inpatient

    public static func < (lhs: CareType, rhs: CareType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// The care types and highest ASA class a provider accepts for one specialty.
public struct Eligibility: Sendable, Hashable {
    public var careTypes: Set<CareType>
    public var maxASA: Int

    public static let everything = Eligibility(careTypes: Set(CareType.allCases), maxASA: 5)

    public init(careTypes: Set<CareType>, maxASA: Int) {
        self.careTypes = careTypes
        self.maxASA = maxASA
    }

    public func accepts(careType: CareType, asa: Int) -> Bool {
        careTypes.contains(careType) && asa <= maxASA
    }
}
