/// The planning horizon: `periods` consecutive periods of `periodDays` days from `start`.
///
/// Weekly horizons start on a Monday and their periods are ISO weeks (`2026-W14`);
/// the default is the budget year, 1 April – 31 March, from the ISO week that
/// contains 1 April to the one that contains 31 March (52 or 53 weeks).
public struct Horizon: Sendable, Hashable {
    public var start: Day
    public var periods: Int
    public var periodDays: Int

    public init(start: Day, periods: Int, periodDays: Int) {
        self.start = start
        self.periods = periods
        self.periodDays = periodDays
    }

    /// The budget year that starts on 1 April of `year`, in ISO weeks.
    public static func budgetYear(_ year: Int) -> Horizon {
        let first = ISOWeek(containing: Day(year: year, month: 4, day: 1)!)
        let last = ISOWeek(containing: Day(year: year + 1, month: 3, day: 31)!)
        return Horizon(start: first.monday, periods: last - first + 1, periodDays: 7)
    }

    public var isWeekly: Bool { periodDays == 7 && start.weekday == 1 }

    public var lastDay: Day { start.adding(days: periods * periodDays - 1) }

    /// The period that contains `day`: 0 before the horizon, `periods + 1` after it.
    public func period(containing day: Day) -> Int {
        let offset = day - start
        if offset < 0 { return 0 }
        return Swift.min(offset / periodDays + 1, periods + 1)
    }

    /// The first day of period `t` (1-based).
    public func firstDay(ofPeriod t: Int) -> Day {
        start.adding(days: (t - 1) * periodDays)
    }

    /// How periods are written in every output: ISO weeks for weekly horizons, dates otherwise.
    public func label(ofPeriod t: Int) -> String {
        isWeekly ? ISOWeek(containing: firstDay(ofPeriod: t)).description : firstDay(ofPeriod: t).description
    }

    /// The ISO week number the calendar uses for period `t`.
    public func isoWeekNumber(ofPeriod t: Int) -> Int {
        ISOWeek(containing: firstDay(ofPeriod: t)).week
    }

    /// The period a label names, if it lies in the horizon.
    public func period(labelled text: String) -> Int? {
        if isWeekly {
            guard let week = ISOWeek(iso: text) else { return nil }
            let t = week - ISOWeek(containing: start) + 1
            return (1...periods).contains(t) ? t : nil
        }
        guard let day = Day(iso: text) else { return nil }
        let offset = day - start
        guard offset >= 0, offset % periodDays == 0 else { return nil }
        let t = offset / periodDays + 1
        return t <= periods ? t : nil
    }

    /// Scale that turns "patients × periods" into patient-weeks (L / 7 in optimal-plan.md).
    public var weeksPerPeriod: Double { Double(periodDays) / 7 }
}
