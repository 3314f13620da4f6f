import Foundation

extension PlanningProblem {
    /// Resolves a scenario to numbers: capacity per provider, specialty and period
    /// (calendar and capacity changes applied, whole cases), and each cohort's
    /// cumulative available, due and guaranteed counts.
    public init(scenario: Scenario) {
        let model = scenario.model
        let horizon = scenario.horizon
        let T = horizon.periods
        let scale = horizon.weeksPerPeriod

        let (providers, providerIndex) = Provider.all(in: model)

        func capacity(base: (Int) -> Double, provider: String, specialty: String, isSite: Bool,
                      rooms: Double, casesPerRoom: Double, active: [Bool]) -> [Int] {
            (1...T).map { t in
                guard active[t - 1] else { return 0 }
                var factor = model.calendar.factor(isoWeekNumber: horizon.isoWeekNumber(ofPeriod: t),
                                                   providerID: provider, isSite: isSite)
                var roomsDelta = 0.0
                var casesDelta = 0
                for change in scenario.capacityChanges where change.applies(provider: provider, specialty: specialty, period: t) {
                    factor *= change.factor
                    roomsDelta += change.roomsDelta
                    casesDelta += change.casesDelta
                }
                let weekly = isSite ? max(0, rooms + roomsDelta) * casesPerRoom : base(t)
                // Capacity is whole cases; the epsilon keeps 0.1 × 30 = 3 from flooring to 2.
                let cases = Int((weekly * scale * factor + 1e-9).rounded(.down)) + casesDelta
                return max(0, cases)
            }
        }

        var offers: [Offer] = []
        for specialty in model.specialties.keys {
            for capacityRow in model.siteCapacities where capacityRow.specialty == specialty {
                let active = [Bool](repeating: true, count: T)
                offers.append(Offer(
                    provider: providerIndex[capacityRow.site]!, specialty: specialty,
                    capacity: capacity(base: { _ in 0 }, provider: capacityRow.site, specialty: specialty, isSite: true,
                                       rooms: capacityRow.rooms, casesPerRoom: capacityRow.casesPerRoomWeek, active: active),
                    active: active, ceiling: nil, price: 0, eligibility: capacityRow.eligibility))
            }
            for contract in model.contracts where contract.specialty == specialty {
                let active = (1...T).map { t in
                    contract.serves(from: horizon.firstDay(ofPeriod: t),
                                    through: horizon.firstDay(ofPeriod: t).adding(days: horizon.periodDays - 1))
                }
                offers.append(Offer(
                    provider: providerIndex[contract.provider]!, specialty: specialty,
                    capacity: capacity(base: { _ in contract.weeklyCapacity }, provider: contract.provider,
                                       specialty: specialty, isSite: false, rooms: 0, casesPerRoom: 0, active: active),
                    active: active, ceiling: contract.annualCeiling, price: contract.price,
                    eligibility: contract.eligibility))
            }
        }

        // Difference arrays over t = 0...T+1; index T+1 collects "not within the horizon".
        struct Counts { var available: [Int]; var due: [Int]; var guaranteed: [Int] }
        var counts: [CohortKey: Counts] = [:]
        let empty = Counts(available: .init(repeating: 0, count: T + 2), due: .init(repeating: 0, count: T + 2),
                           guaranteed: .init(repeating: 0, count: T + 2))
        let policy = scenario.policy
        for entry in scenario.backlog {
            var c = counts[entry.cohort] ?? empty
            c.available[0] += entry.count
            c.due[horizon.period(containing: entry.targetDate)] += entry.count
            c.guaranteed[horizon.period(containing: entry.guaranteeDate)] += entry.count
            counts[entry.cohort] = c
        }
        // Forecast rows add up per cohort and period; a scaled forecast is rounded
        // on its running total (half up), so that small weekly counts still grow by
        // the factor over the year instead of rounding back to themselves.
        var arrivals: [CohortKey: [Int]] = [:]
        for entry in scenario.forecast {
            var series = arrivals[entry.cohort] ?? [Int](repeating: 0, count: T + 1)
            if let period = entry.period {
                series[period] += entry.count
            } else {
                for t in 1...T { series[t] += entry.count }
            }
            arrivals[entry.cohort] = series
        }
        let guaranteeLag = scenario.guaranteeDays / horizon.periodDays
        for (key, unscaled) in arrivals {
            var factor = 1.0
            for scaling in scenario.forecastScaling where scaling.applies(to: key) { factor *= scaling.factor }
            var series = unscaled
            if factor != 1 {
                var running = 0, previous = 0
                for t in 1...T {
                    running += unscaled[t]
                    let scaled = Int((Double(running) * factor + 0.5 + 1e-9).rounded(.down))
                    series[t] = scaled - previous
                    previous = scaled
                }
            }
            let targetLag = policy.priority(key.priority)!.days / horizon.periodDays
            var c = counts[key] ?? empty
            for t in 1...T where series[t] > 0 {
                c.available[t] += series[t]
                c.due[min(t + targetLag, T + 1)] += series[t]
                c.guaranteed[min(t + guaranteeLag, T + 1)] += series[t]
            }
            counts[key] = c
        }
        var cohorts: [Cohort] = []
        for key in counts.keys.sorted() {
            let c = counts[key]!
            func cumulative(_ values: [Int]) -> [Int] {
                var running = 0
                return values.prefix(T + 1).map { running += $0; return running }
            }
            cohorts.append(Cohort(key: key, weight: policy.priority(key.priority)!.weight,
                                  available: cumulative(c.available), due: cumulative(c.due),
                                  guaranteed: cumulative(c.guaranteed)))
        }

        self.init(name: scenario.name, horizon: horizon, policy: policy,
                  administrations: Array(model.administrations.keys), specialties: Array(model.specialties.keys),
                  providers: providers, offers: offers, cohorts: cohorts, distances: model.distances)
    }
}
