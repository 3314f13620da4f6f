import Foundation
import Synchronization

/// How sampled variants of the outlook are drawn (documented in docs/outlook.md).
public struct SamplingAssumptions: Sendable, Hashable {
    /// Each site's capacity in each week is multiplied by 1 − a, a uniform in this range (absence).
    public var siteAbsence: ClosedRange<Double> = 0...0.10
    /// Each contract's capacity is multiplied by one factor, uniform in this range, for the whole horizon.
    public var contractFactor: ClosedRange<Double> = 0.8...1.0

    public init() {}
}

/// Uncertainty bands: N variants of the outlook, each with referrals drawn from a
/// Poisson distribution around the forecast (per cohort and week), a capacity
/// factor per site and week, and a capacity factor per contract; each planned
/// like the outlook itself, and every KPI's 10th, 50th and 90th percentile.
///
/// Variant i draws from its own SplitMix64 stream, seeded from (seed, i), in a
/// fixed order (cohorts, then sites, then contracts, each sorted by id), and the
/// variants' results are collected by index: the bands depend on the seed only,
/// not on how many threads ran or in which order they finished.
public enum OutlookSampling {
    /// The planning problem of variant `index`.
    public static func variant(_ outlook: OutlookProblem, index: Int, seed: UInt64,
                               assumptions: SamplingAssumptions = SamplingAssumptions()) -> PlanningProblem {
        var random = SplitMix64(seed: seed ^ (UInt64(index + 1) &* 0xD1B5_4A32_D192_ED03))
        var referrals = random.fork(), sites = random.fork(), contracts = random.fork()
        var scenario = outlook.scenario
        var forecast: [ForecastEntry] = []
        for key in outlook.expectedArrivals.keys.sorted() {
            for (t, mean) in outlook.expectedArrivals[key]!.enumerated() where mean > 0 {
                let count = poisson(mean, &referrals)
                if count > 0 { forecast.append(ForecastEntry(cohort: key, period: t + 1, count: count)) }
            }
        }
        scenario.forecast = forecast
        var problem = OutlookProblem.splitCeilingsPerYear(PlanningProblem(scenario: scenario),
                                                          periodsPerYear: outlook.periodsPerYear, years: outlook.years)
        let T = problem.periods
        var siteFactor: [String: [Double]] = [:]
        for site in outlook.scenario.model.sites.keys.sorted() {
            siteFactor[site] = (0..<T).map { _ in
                1 - sites.uniform(assumptions.siteAbsence.lowerBound, assumptions.siteAbsence.upperBound)
            }
        }
        var contractFactor: [String: Double] = [:]
        for contract in outlook.scenario.model.contracts.sorted(by: { ($0.provider, $0.specialty) < ($1.provider, $1.specialty) }) {
            contractFactor[contract.provider + "\u{1F}" + contract.specialty] =
                contracts.uniform(assumptions.contractFactor.lowerBound, assumptions.contractFactor.upperBound)
        }
        for o in problem.offers.indices {
            let provider = problem.providers[problem.offers[o].provider]
            for t in 0..<T {
                let factor = provider.administration != nil
                    ? siteFactor[provider.id]?[t] ?? 1
                    : contractFactor[provider.id + "\u{1F}" + problem.offers[o].specialty] ?? 1
                problem.offers[o].capacity[t] = Int((Double(problem.offers[o].capacity[t]) * factor + 1e-9).rounded(.down))
            }
        }
        return problem
    }

    /// A Poisson draw: Knuth's product of uniforms below a mean of 30, a rounded
    /// normal approximation above (where it is within a fraction of a case).
    static func poisson(_ mean: Double, _ random: inout SplitMix64) -> Int {
        if mean < 30 {
            let limit = exp(-mean)
            var k = 0, product = random.unit()
            while product > limit { k += 1; product *= random.unit() }
            return k
        }
        let u1 = max(random.unit(), 1e-300), u2 = random.unit()
        let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return max(0, Int((mean + mean.squareRoot() * z).rounded()))
    }

    /// Plans `samples` variants, `parallelism` at a time (each variant's blocks one
    /// after another), and returns their analyses in variant order.
    public static func run(_ outlook: OutlookProblem, samples: Int, seed: UInt64, options: PlannerOptions,
                           relief: Bool, assumptions: SamplingAssumptions = SamplingAssumptions(),
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(PlanningError) -> [OutlookAnalysis] {
        let inner = { () -> PlannerOptions in
            var inner = options
            inner.parallelism = 1
            return inner
        }()
        let done = Mutex(0)
        return try BlockPool.solve(samples, parallelism: options.parallelism) { index throws(PlanningError) in
            let problem = variant(outlook, index: index, seed: seed, assumptions: assumptions)
            let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: problem, options: inner, relief: relief)
            let finished = done.withLock { value -> Int in value += 1; return value }
            progress?(finished, samples)
            return analysis
        }
    }
}

/// P10, P50 and P90 of one KPI of one scope over the sampled variants.
public struct Band: Sendable, Hashable {
    public var specialty: String
    public var administration: String
    public var kpi: String
    public var p10: Double
    public var p50: Double
    public var p90: Double

    /// Percentiles by linear interpolation between order statistics (R's type 7).
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
        // "None" (no own capacity, nobody ever beyond the guarantee) is +∞ and stays so.
        if sorted[low] == sorted[high] || !sorted[high].isFinite {
            return h - Double(low) < 0.5 || sorted[low] == sorted[high] ? sorted[low] : sorted[high]
        }
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    /// Bands of every KPI of every scope, the tiers and how often each specialty is fragile.
    public static func bands(_ analyses: [OutlookAnalysis]) -> [Band] {
        var values: [[String]: [Double]] = [:]
        var order: [[String]] = []
        func add(_ key: [String], _ value: Double) {
            if values[key] == nil { order.append(key) }
            values[key, default: []].append(value)
        }
        for analysis in analyses {
            for row in analysis.rows {
                for (kpi, value) in OutlookKPIs.values(row) {
                    add([row.figures.scope.specialtyLabel, row.figures.scope.administrationLabel, kpi], value)
                }
            }
            for tier in Tier.allCases { add(["*", "*", "tiers." + tier.rawValue], analysis.tiers[tier] ?? 0) }
            for assessment in analysis.fragility {
                add([assessment.specialty, "*", "fragile"], assessment.fragile ? 1 : 0)
                add([assessment.specialty, "*", "fragility_score"], assessment.score)
            }
        }
        return order.map { key in
            let sorted = values[key]!.filter { !$0.isNaN }.sorted()
            return Band(specialty: key[0], administration: key[1], kpi: key[2],
                        p10: percentile(sorted, 0.1), p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9))
        }
    }
}

/// The numeric KPIs of a row, by the names the CSV and JSON use.
public enum OutlookKPIs {
    public static func values(_ row: OutlookRow) -> [(String, Double)] {
        let f = row.figures
        var list: [(String, Double)] = [
            ("referrals", f.referrals),
            ("load_own", f.loadOwn ?? .infinity),
            ("load_with_contracts", f.loadWithContracts ?? .infinity),
            ("waiting_start", f.waitingStart),
            ("beyond_guarantee_start", f.beyondStart),
        ]
        for (k, value) in f.waitingEnd.enumerated() { list.append(("waiting_end_year\(k + 1)", value)) }
        for (k, value) in f.beyondEnd.enumerated() { list.append(("beyond_guarantee_end_year\(k + 1)", value)) }
        list += [
            ("first_week_beyond_guarantee", f.firstPeriodBeyond.map(Double.init) ?? .infinity),
            ("share_at_contracts", f.shareAtContracts),
            ("share_at_other_administrations", f.shareAtOtherAdministrations),
            ("queue_load", row.queueing.queueLoad ?? .infinity),
            ("queue_target_size", row.queueing.targetQueueSize),
            ("queue_relief_capacity", row.queueing.reliefCapacity),
            ("queue_relief_extra", row.queueing.reliefExtra),
        ]
        // Relief only where it was computed: a missing KPI, not a zero.
        if let cases = row.reliefCases { list.append(("relief_cases_per_week", Double(cases))) }
        if let weeks = row.reliefWeeksToClear { list.append(("relief_weeks_to_clear", Double(weeks))) }
        return list
    }
}
