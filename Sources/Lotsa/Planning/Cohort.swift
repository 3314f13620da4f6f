/// The patients of one cohort, summarised by the cumulative counts of
/// optimal-plan.md §2, indexed by period t = 0...T.
///
/// Patients within a cohort are treated earliest-target-first, so only these counts
/// matter: `due[t]` = D_q(t), patients whose target period is ≤ t; `available[t]` =
/// A_q(t), backlog plus arrivals in 1...t; `guaranteed[t]` = patients whose guarantee
/// period is ≤ t.
public struct Cohort: Sendable, Hashable {
    public var key: CohortKey
    /// w_p of the cohort's priority group.
    public var weight: Double
    public var available: [Int]
    public var due: [Int]
    public var guaranteed: [Int]

    public init(key: CohortKey, weight: Double, available: [Int], due: [Int], guaranteed: [Int]) {
        self.key = key
        self.weight = weight
        self.available = available
        self.due = due
        self.guaranteed = guaranteed
    }

    /// The group of cohorts that can go to the same providers: eligibility depends on
    /// administration (transfers), specialty, care type and ASA class, not on priority.
    public var group: CohortGroup {
        CohortGroup(administration: key.administration, specialty: key.specialty, careType: key.careType, asa: key.asa)
    }

    /// Patients in the cohort over the whole horizon.
    public var total: Int { available.last ?? 0 }
}

/// Cohorts that differ only in priority share their eligible providers.
public struct CohortGroup: Sendable, Hashable, Comparable {
    public var administration: String
    public var specialty: String
    public var careType: CareType
    public var asa: Int

    public static func < (lhs: CohortGroup, rhs: CohortGroup) -> Bool {
        (lhs.specialty, lhs.administration, lhs.careType.rawValue, lhs.asa)
            < (rhs.specialty, rhs.administration, rhs.careType.rawValue, rhs.asa)
    }
}
