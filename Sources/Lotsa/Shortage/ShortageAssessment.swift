import Collections

/// `lotsa assess`: the classification of the daily report, the redistribution
/// proposal, the horizontal prioritisation list and the routine's checklist.
///
/// The status of an administration in a specialty uses its own capacity only: the
/// waiting list is held per administration (the home administration of the
/// referral), so an administration's sites pool their rooms of the specialty and
/// serve its patients (``CapacityCheck/ownCapacity(due:capacity:)``). A site's status
/// is therefore its administration's status in the specialties it has rooms for; the
/// region's Summa row pools every site of the region. After the redistribution, a
/// line's capacity is what the proposal treats of its patients anywhere, and its
/// shortfall the patients due within 14 (30) days whom the proposal treats late.
public struct ShortageAssessment: Sendable {
    /// One administration (or the region: nil) in one specialty.
    public struct Line: Sendable, Hashable {
        public var administration: String?
        public var specialty: String
        public var before: CapacityCheck
        public var after: CapacityCheck
        /// The binding day of a shortage within 30 days: the last day d ≤ 30 on which
        /// due(d) − capacity(d) reaches shortfall(30) (> 0); nil without a shortage. Own
        /// capacity on days 1…d is what must be used up before others help.
        public var bindingDay: Int?
    }

    /// A site row of the report.
    public struct SiteRow: Sendable, Hashable {
        public var site: String
        public var name: String
        public var administration: String
        public var report: DailyReport.Line?
        /// Cases the site's reported rooms do on days 1…14 and 1…30, per specialty.
        public var capacity14: [String: Int]
        public var capacity30: [String: Int]
        /// Worst status over the specialties it has rooms for; nil when it has none
        /// (or did not report).
        public var before: ShortageStatus?
        public var after: ShortageStatus?
        /// The specialties with that worst status.
        public var beforeSpecialties: [String]
        public var afterSpecialties: [String]
    }

    public var date: Day
    public var days: Int
    public var region: String
    public var specialties: [String]
    public var administrations: [String]
    public var sites: [SiteRow]
    /// Per administration, then specialty (model and report order).
    public var lines: [Line]
    /// Per specialty, the region's own sites pooled.
    public var regionLines: [Line]
    public var redistribution: Redistribution
    public var prioritisation: PrioritisationList
    public var checklist: [ShortageChecklist.Item]
    public var notReported: [String]

    /// Kapacitetsbrist: operations with a target date within 30 days risk not being
    /// performed — some administration cannot treat, with its own capacity, every
    /// patient due within 30 days in time.
    public var capacityShortage: Bool { lines.contains { $0.before.shortfall30 > 0 } }

    public func lines(of administration: String) -> [Line] { lines.filter { $0.administration == administration } }

    public static func assess(_ dayProblem: DayProblem, plan: Plan) -> ShortageAssessment {
        let problem = dayProblem.problem
        let model = dayProblem.model
        let N = dayProblem.days
        let specialties = dayProblem.report.specialties
        let administrations = dayProblem.report.administrationOrder(model: model)

        func cumulative(_ perDay: [Int]) -> [Int] {
            var running = 0
            return [0] + perDay.map { running += $0; return running }
        }
        let zero = [Int](repeating: 0, count: N + 1)
        func add(_ a: [Int], _ b: [Int]) -> [Int] { zip(a, b).map { $0 + $1 } }
        func ownCapacity(_ administration: String?, _ specialty: String) -> [Int] {
            dayProblem.report.lines
                .filter { administration == nil || $0.administration == administration }
                .map { cumulative(dayProblem.siteCapacity[$0.site]?[specialty] ?? [Int](repeating: 0, count: N)) }
                .reduce(zero, add)
        }
        // Late patients of a cohort due on days 1…H in the plan (see PrioritisationList).
        func late(_ q: Int, within horizon: Int) -> Int {
            let Y = plan.treatedCumulative[q].map { Int($0.rounded()) }
            let D = problem.cohorts[q].due
            return (1...horizon).reduce(0) { total, d in total + max(0, D[d] - max(d == 1 ? 0 : D[d - 1], Y[d])) }
        }
        func line(_ administration: String?, _ specialty: String) -> Line {
            let cohorts = problem.cohorts.indices.filter {
                problem.cohorts[$0].key.specialty == specialty
                    && (administration == nil || problem.cohorts[$0].key.administration == administration)
            }
            let due = cohorts.map { problem.cohorts[$0].due }.reduce(zero, add)
            let before = CapacityCheck.ownCapacity(due: due, capacity: ownCapacity(administration, specialty))

            let treated = cohorts.map { q in plan.treatedCumulative[q].map { Int($0.rounded()) } }.reduce(zero, add)
            let after = CapacityCheck(due14: due[14], capacity14: treated[14],
                                      shortfall14: cohorts.reduce(0) { $0 + late($1, within: 14) },
                                      due30: due[30], capacity30: treated[30],
                                      shortfall30: cohorts.reduce(0) { $0 + late($1, within: 30) })
            let own = ownCapacity(administration, specialty)
            let bindingDay = before.shortfall30 == 0 ? nil : (1...30).last { due[$0] - own[$0] == before.shortfall30 }
            return Line(administration: administration, specialty: specialty, before: before, after: after,
                        bindingDay: bindingDay)
        }
        var lines: [Line] = []
        for administration in administrations {
            for specialty in specialties { lines.append(line(administration, specialty)) }
        }
        var regionLines = specialties.map { line(nil, $0) }
        // After the proposal the region's shortfall is the administrations' together.
        for (i, specialty) in specialties.enumerated() {
            regionLines[i].after = CapacityCheck.sum(lines.filter { $0.specialty == specialty }.map(\.after))
            regionLines[i].after.due14 = regionLines[i].before.due14
            regionLines[i].after.due30 = regionLines[i].before.due30
        }

        var sites: [SiteRow] = []
        var notReported: [String] = []
        for id in administrations.flatMap({ dayProblem.report.siteOrder(model: model, administration: $0) }) {
            let site = model.sites[id]!
            let report = dayProblem.report.line(site: site.id)
            if report?.reported != true { notReported.append(site.id) }
            var capacity14: [String: Int] = [:], capacity30: [String: Int] = [:]
            var runs: [String] = []
            for specialty in specialties {
                let perDay = cumulative(dayProblem.siteCapacity[site.id]?[specialty] ?? [Int](repeating: 0, count: N))
                capacity14[specialty] = perDay[14]
                capacity30[specialty] = perDay[30]
                if (report?.rooms[specialty] ?? 0) > 0 { runs.append(specialty) }
            }
            func worst(_ status: (Line) -> ShortageStatus) -> (ShortageStatus?, [String]) {
                let statuses = runs.map { specialty in
                    (specialty, status(lines.first { $0.administration == site.administration && $0.specialty == specialty }!))
                }
                guard let top = statuses.map(\.1).max() else { return (nil, []) }
                return (top, statuses.filter { $0.1 == top && top != .managesAll }.map(\.0))
            }
            let before = worst { $0.before.status }
            let after = worst { $0.after.status }
            sites.append(SiteRow(site: site.id, name: site.name, administration: site.administration, report: report,
                                 capacity14: capacity14, capacity30: capacity30, before: before.0, after: after.0,
                                 beforeSpecialties: before.1, afterSpecialties: after.1))
        }

        let redistribution = Redistribution.build(dayProblem, plan: plan)
        let prioritisation = PrioritisationList.build(dayProblem, plan: plan)
        var assessment = ShortageAssessment(
            date: dayProblem.date, days: N, region: model.homeRegion, specialties: specialties,
            administrations: administrations, sites: sites, lines: lines, regionLines: regionLines,
            redistribution: redistribution, prioritisation: prioritisation, checklist: [], notReported: notReported)
        assessment.checklist = ShortageChecklist.fill(assessment, dayProblem: dayProblem, plan: plan)
        return assessment
    }
}
