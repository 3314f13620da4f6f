import Collections

/// The capacity-shortage question at day granularity: the waiting list on the
/// assessment date, the rooms of the daily report turned into cases per day, and the
/// contracts' weekly capacity spread over their open days — as a ``PlanningProblem``
/// with `period_days` 1, so the same ``Planner`` makes the redistribution proposal.
///
/// Day t (1…N) is `date + t − 1`. Only the specialties the report has columns for are
/// assessed; patients of other specialties are left out.
public struct DayProblem: Sendable {
    public var date: Day
    public var days: Int
    public var report: DailyReport
    public var model: RegionModel
    public var problem: PlanningProblem
    /// Cases per day of each site and assessed specialty (index t − 1), from the report.
    public var siteCapacity: [String: [String: [Int]]]
    /// Per specialty, whether its rooms operate on day t (index t − 1).
    public var open: [String: [Bool]]

    public init(scenario: Scenario, report: DailyReport, date: Day, days: Int) {
        let model = scenario.model
        self.date = date
        self.days = days
        self.report = report
        self.model = model
        let horizon = Horizon(start: date, periods: days, periodDays: 1)
        let dayList = (0..<days).map { date.adding(days: $0) }

        var open: [String: [Bool]] = [:]
        for specialty in report.specialties {
            let rate = model.roomDayRates[specialty]!
            open[specialty] = dayList.map(rate.isOpen)
        }
        self.open = open

        let (providers, providerIndex) = Provider.all(in: model)

        var siteCapacity: [String: [String: [Int]]] = [:]
        var offers: [Offer] = []
        let always = [Bool](repeating: true, count: days)
        for specialty in report.specialties {
            let rate = model.roomDayRates[specialty]!
            for line in report.lines {
                let rooms = line.rooms[specialty] ?? 0
                let perDay = open[specialty]!.map { $0 ? rate.cases(rooms: rooms) : 0 }
                siteCapacity[line.site, default: [:]][specialty] = perDay
                guard perDay.contains(where: { $0 > 0 }) else { continue }
                // Care types and ASA classes a site accepts come from the model.
                let eligibility = model.siteCapacities.first { $0.site == line.site && $0.specialty == specialty }?
                    .eligibility ?? .everything
                offers.append(Offer(provider: providerIndex[line.site]!, specialty: specialty, capacity: perDay,
                                    active: always, ceiling: nil, price: 0, eligibility: eligibility))
            }
            for contract in model.contracts where contract.specialty == specialty {
                let perDay = Self.contractDays(contract, model: model, days: dayList, rate: rate)
                let active = dayList.map { contract.serves(from: $0, through: $0) }
                guard perDay.contains(where: { $0 > 0 }) else { continue }
                offers.append(Offer(provider: providerIndex[contract.provider]!, specialty: specialty, capacity: perDay,
                                    active: active, ceiling: contract.annualCeiling, price: contract.price,
                                    eligibility: contract.eligibility))
            }
        }
        self.siteCapacity = siteCapacity

        // Backlog only: every patient is on the list at the start (available from day 1).
        let assessed = Set(report.specialties)
        var due: [CohortKey: [Int]] = [:]
        var guaranteed: [CohortKey: [Int]] = [:]
        for entry in scenario.backlog where assessed.contains(entry.cohort.specialty) {
            due[entry.cohort, default: [Int](repeating: 0, count: days + 2)][horizon.period(containing: entry.targetDate)] += entry.count
            guaranteed[entry.cohort, default: [Int](repeating: 0, count: days + 2)][horizon.period(containing: entry.guaranteeDate)] += entry.count
        }
        func cumulative(_ values: [Int]) -> [Int] {
            var running = 0
            return values.prefix(days + 1).map { running += $0; return running }
        }
        let policy = scenario.policy
        let cohorts: [Cohort] = due.keys.sorted().map { key in
            let total = due[key]!.reduce(0, +)
            return Cohort(key: key, weight: policy.priority(key.priority)!.weight,
                          available: [Int](repeating: total, count: days + 1),
                          due: cumulative(due[key]!), guaranteed: cumulative(guaranteed[key]!))
        }
        problem = PlanningProblem(name: scenario.name, horizon: horizon, policy: policy,
                                  administrations: Array(model.administrations.keys), specialties: report.specialties,
                                  providers: providers, offers: offers, cohorts: cohorts, distances: model.distances)
    }

    /// A contract's weekly capacity (calendar applied) spread evenly over the open days
    /// of each week, rounded on the running total so that no case is lost to rounding:
    /// 15 a week over five weekdays is 3 a day; 4 a week is 0, 1, 1, 1, 1 (running 0.8,
    /// 1.6, 2.4, 3.2, 4).
    static func contractDays(_ contract: Contract, model: RegionModel, days: [Day], rate: RoomDayRate) -> [Int] {
        let openPerWeek = rate.weekendsOpen ? 7.0 : 5.0
        var running = 0.0, given = 0
        return days.map { day in
            guard rate.isOpen(day), contract.serves(from: day, through: day) else { return 0 }
            let factor = model.calendar.factor(isoWeekNumber: ISOWeek(containing: day).week,
                                               providerID: contract.provider, isSite: false)
            running += contract.weeklyCapacity * factor / openPerWeek
            let total = Int((running + 1e-9).rounded(.down))
            defer { given = total }
            return total - given
        }
    }

    /// Days 1…t on which rooms of `specialty` operate.
    public func openDays(_ specialty: String, through t: Int) -> Int {
        open[specialty]!.prefix(t).filter { $0 }.count
    }
}
