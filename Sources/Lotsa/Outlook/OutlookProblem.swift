import Foundation

/// The scenario's year repeated `years` times, the question `lotsa outlook` asks:
/// what happens if nothing changes?
///
/// * referrals: the scenario's forecast (with its forecast scaling) again every
///   year, times the growth of the year (``GrowthTable``), rounded on running totals;
/// * capacity: every year as the scenario's year, calendar and capacity changes
///   included (a change in weeks 10–20 happens again in weeks 10–20 of every year);
/// * contracts: served only within their validity, so a contract that ends stays
///   ended; an annual ceiling applies to each year's part of the contract (the
///   contract's offer is split per year).
public struct OutlookProblem: Sendable {
    /// The scenario with the repeated horizon, forecast and capacity changes.
    public var scenario: Scenario
    public var problem: PlanningProblem
    public var years: Int
    /// Periods of the scenario's own year.
    public var periodsPerYear: Int
    /// Expected referrals per cohort and period (index t − 1), before rounding:
    /// the means that sampled variants draw around.
    public var expectedArrivals: [CohortKey: [Double]]

    public init(scenario base: Scenario, years: Int, growth: GrowthTable = GrowthTable()) {
        precondition(years >= 1, "an outlook needs at least one year")
        let T = base.horizon.periods
        let total = T * years
        var scenario = base
        scenario.horizon = Horizon(start: base.horizon.start, periods: total, periodDays: base.horizon.periodDays)
        scenario.capacityChanges = (0..<years).flatMap { year in
            base.capacityChanges.map { change in
                var change = change
                change.firstPeriod += year * T
                change.lastPeriod += year * T
                return change
            }
        }
        // One year of arrivals per cohort, then the repeated, scaled years.
        var oneYear: [CohortKey: [Int]] = [:]
        for entry in base.forecast {
            var series = oneYear[entry.cohort] ?? [Int](repeating: 0, count: T)
            if let period = entry.period { series[period - 1] += entry.count } else {
                for t in 0..<T { series[t] += entry.count }
            }
            oneYear[entry.cohort] = series
        }
        var expected: [CohortKey: [Double]] = [:]
        var forecast: [ForecastEntry] = []
        for key in oneYear.keys.sorted() {
            let series = oneYear[key]!
            var scaling = 1.0
            for rule in base.forecastScaling where rule.applies(to: key) { scaling *= rule.factor }
            var means = [Double](repeating: 0, count: total)
            for year in 1...years {
                let factor = scaling * growth.factor(specialty: key.specialty, administration: key.administration, year: year)
                for t in 0..<T { means[(year - 1) * T + t] = Double(series[t]) * factor }
            }
            expected[key] = means
            forecast += Self.rounded(means).enumerated().compactMap { index, count in
                count > 0 ? ForecastEntry(cohort: key, period: index + 1, count: count) : nil
            }
        }
        scenario.forecast = forecast
        scenario.forecastScaling = []
        self.scenario = scenario
        self.years = years
        self.periodsPerYear = T
        self.expectedArrivals = expected
        self.problem = Self.splitCeilingsPerYear(PlanningProblem(scenario: scenario), periodsPerYear: T, years: years)
    }

    /// Whole referrals from expected ones, rounded half up on the running total so
    /// that small weekly means still add up to the year's total.
    static func rounded(_ means: [Double]) -> [Int] {
        var running = 0.0, previous = 0
        return means.map { mean in
            running += mean
            let whole = Int((running + 0.5 + 1e-9).rounded(.down))
            defer { previous = whole }
            return whole - previous
        }
    }

    /// A contract's annual ceiling holds per year: its offer becomes one offer per
    /// year, each active only in its own year's periods.
    static func splitCeilingsPerYear(_ problem: PlanningProblem, periodsPerYear T: Int, years: Int) -> PlanningProblem {
        guard years > 1 else { return problem }
        var problem = problem
        var offers: [Offer] = []
        for offer in problem.offers {
            guard offer.ceiling != nil else { offers.append(offer); continue }
            for year in 0..<years {
                var part = offer
                for t in part.capacity.indices where t / T != year {
                    part.capacity[t] = 0
                    part.active[t] = false
                }
                if part.active.contains(true) { offers.append(part) }
            }
        }
        problem.offers = offers
        return problem
    }

    /// The year (1-based) that period `t` lies in.
    public func year(ofPeriod t: Int) -> Int { (t - 1) / periodsPerYear + 1 }

    /// The last period of year `year`.
    public func lastPeriod(ofYear year: Int) -> Int { year * periodsPerYear }
}
