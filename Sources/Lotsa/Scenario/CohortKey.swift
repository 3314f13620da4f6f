/// What the patients of one cohort share: home administration, specialty, priority
/// group, care type and ASA class (optimal-plan.md §2). Within a cohort patients
/// differ only in their dates.
public struct CohortKey: Sendable, Hashable, Comparable {
    public var administration: String
    public var specialty: String
    public var priority: String
    public var careType: CareType
    public var asa: Int

    public init(administration: String, specialty: String, priority: String, careType: CareType, asa: Int) {
        self.administration = administration
        self.specialty = specialty
        self.priority = priority
        self.careType = careType
        self.asa = asa
    }

    public static func < (lhs: CohortKey, rhs: CohortKey) -> Bool {
        (lhs.specialty, lhs.administration, lhs.priority, lhs.careType.rawValue, lhs.asa)
            < (rhs.specialty, rhs.administration, rhs.priority, rhs.careType.rawValue, rhs.asa)
    }
}
