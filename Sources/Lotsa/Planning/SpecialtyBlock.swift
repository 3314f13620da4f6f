/// The part of a planning problem that shares capacity: one specialty.
///
/// Capacity, ceilings and eligibility are all per specialty, so nothing couples two
/// specialties. A lexicographic optimum of a sum of independent blocks is the sum of
/// the blocks' lexicographic optima (each tier's optimal set is the product of the
/// blocks' optimal sets), which lets the planner solve blocks separately and in
/// parallel without changing any tier value.
public struct SpecialtyBlock: Sendable {
    /// An eligible (cohort group, offer) pair: the arcs patients can flow along.
    public struct Arc: Sendable, Hashable {
        public var group: Int
        public var offer: Int
    }

    public var specialty: String
    /// Indices into ``PlanningProblem/cohorts``.
    public var cohorts: [Int]
    public var groups: [CohortGroup]
    /// For each group, positions in `cohorts` of its members.
    public var groupMembers: [[Int]]
    /// Indices into ``PlanningProblem/offers``.
    public var offers: [Int]
    public var arcs: [Arc]

    /// Splits a problem into its specialty blocks (specialties without cohorts are left out).
    public static func blocks(of problem: PlanningProblem) -> [SpecialtyBlock] {
        var cohortsBySpecialty: [String: [Int]] = [:]
        for (index, cohort) in problem.cohorts.enumerated() {
            cohortsBySpecialty[cohort.key.specialty, default: []].append(index)
        }
        var offersBySpecialty: [String: [Int]] = [:]
        for (index, offer) in problem.offers.enumerated() {
            offersBySpecialty[offer.specialty, default: []].append(index)
        }
        return problem.specialties.compactMap { specialty in
            guard let cohorts = cohortsBySpecialty[specialty] else { return nil }
            return SpecialtyBlock(problem: problem, specialty: specialty, cohorts: cohorts,
                                  offers: offersBySpecialty[specialty] ?? [])
        }
    }

    init(problem: PlanningProblem, specialty: String, cohorts: [Int], offers: [Int]) {
        self.specialty = specialty
        self.cohorts = cohorts
        self.offers = offers
        var groups: [CohortGroup] = []
        var members: [[Int]] = []
        var position: [CohortGroup: Int] = [:]
        for (local, index) in cohorts.enumerated() {
            let group = problem.cohorts[index].group
            if let g = position[group] {
                members[g].append(local)
            } else {
                position[group] = groups.count
                groups.append(group)
                members.append([local])
            }
        }
        self.groups = groups
        self.groupMembers = members
        var arcs: [Arc] = []
        for (g, group) in groups.enumerated() {
            for offer in offers where problem.isEligible(group, problem.offers[offer]) {
                arcs.append(Arc(group: g, offer: offer))
            }
        }
        self.arcs = arcs
    }
}
