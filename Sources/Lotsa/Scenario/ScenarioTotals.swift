/// The totals `lotsa validate` prints per specialty, so a person can check a
/// scenario against the region's own figures before solving: patients waiting at
/// the snapshot (and how many are past their target date or the care guarantee),
/// referrals over the horizon, and capacity over the horizon — own sites, the home
/// region's contracts and other regions' contracts (contract capacity capped by the
/// annual ceiling).
public struct ScenarioTotals: Sendable {
    public struct Specialty: Sendable, Hashable {
        public var specialty: String
        public var waiting = 0
        public var pastTarget = 0
        public var pastGuarantee = 0
        public var referrals = 0
        public var ownCapacity = 0
        public var regionContractCapacity = 0
        public var otherRegionContractCapacity = 0

        public var contractCapacity: Int { regionContractCapacity + otherRegionContractCapacity }
    }

    /// In the problem's specialty order.
    public var specialties: [Specialty]

    public init(problem: PlanningProblem) {
        var rows = Dictionary(uniqueKeysWithValues: problem.specialties.map { ($0, Specialty(specialty: $0)) })
        for cohort in problem.cohorts {
            let s = cohort.key.specialty
            rows[s, default: Specialty(specialty: s)].waiting += cohort.available[0]
            rows[s]!.pastTarget += cohort.due[0]
            rows[s]!.pastGuarantee += cohort.guaranteed[0]
            rows[s]!.referrals += cohort.total - cohort.available[0]
        }
        for offer in problem.offers {
            var capacity = 0
            for t in offer.capacity.indices where offer.active[t] { capacity += max(0, offer.capacity[t]) }
            if let ceiling = offer.ceiling { capacity = min(capacity, ceiling) }
            let s = offer.specialty
            switch problem.providers[offer.provider].kind {
            case .site: rows[s, default: Specialty(specialty: s)].ownCapacity += capacity
            case .regionContract: rows[s, default: Specialty(specialty: s)].regionContractCapacity += capacity
            case .otherRegionContract: rows[s, default: Specialty(specialty: s)].otherRegionContractCapacity += capacity
            }
        }
        specialties = problem.specialties.compactMap { rows[$0] }
    }

    /// The table `lotsa validate` prints, with a total row.
    public var table: String {
        let header = ["specialty", "waiting", "past target", "past guarantee", "referrals", "own capacity",
                      "region contracts", "other regions"]
        func cells(_ row: Specialty) -> [String] {
            [row.specialty, String(row.waiting), String(row.pastTarget), String(row.pastGuarantee), String(row.referrals),
             String(row.ownCapacity), String(row.regionContractCapacity), String(row.otherRegionContractCapacity)]
        }
        var total = Specialty(specialty: "total")
        for row in specialties {
            total.waiting += row.waiting; total.pastTarget += row.pastTarget; total.pastGuarantee += row.pastGuarantee
            total.referrals += row.referrals; total.ownCapacity += row.ownCapacity
            total.regionContractCapacity += row.regionContractCapacity
            total.otherRegionContractCapacity += row.otherRegionContractCapacity
        }
        let rows = [header] + specialties.map(cells) + [cells(total)]
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, text in
                column == 0 ? text.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - text.count) + text
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
