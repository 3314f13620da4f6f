/// How steady a plan's delivery lines are (docs/optimal-plan.md §5): what a provider
/// staffing against the plan, and an administration booking against it, feel.
///
/// Per line (administration, provider, specialty):
/// * total variation over volume, Σ|x(t+1) − x(t)| / Σx — 0 for a flat line, 1 when
///   the week-to-week changes add up to the whole annual volume, 2 for 25, 0, 25, 0;
/// * the share of the provider's open weeks (active, with capacity) without a case.
///
/// ```swift
/// let steadiness = Steadiness(problem: problem, plan: plan)
/// steadiness.medianTotalVariation   // 0.2 for a steady plan
/// ```
public struct Steadiness: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        /// Index into ``PlanningProblem/providers``.
        public var provider: Int
        public var specialty: String
        public var totalVariation: Double
        public var emptyWeekShare: Double
    }

    /// Every line with cases, in delivery_plans.csv's order.
    public var lines: [Line]

    public init(problem: PlanningProblem, plan: Plan) {
        let offerOf = Dictionary(problem.offers.enumerated().map { (OfferKey(provider: $1.provider, specialty: $1.specialty), $0) },
                                 uniquingKeysWith: { first, _ in first })
        lines = DeliveryLines(problem: problem, plan: plan).lines.compactMap { line in
            let total = line.weekly.reduce(0, +)
            guard total > 0 else { return nil }
            var variation = 0.0
            for t in line.weekly.indices.dropLast() { variation += abs(line.weekly[t + 1] - line.weekly[t]) }
            var open = 0, empty = 0
            if let index = offerOf[OfferKey(provider: line.provider, specialty: line.specialty)] {
                let offer = problem.offers[index]
                for t in line.weekly.indices where offer.active[t] && offer.capacity[t] > 0 {
                    open += 1
                    if line.weekly[t] == 0 { empty += 1 }
                }
            }
            return Line(administration: line.administration, provider: line.provider, specialty: line.specialty,
                        totalVariation: variation / total, emptyWeekShare: open == 0 ? 0 : Double(empty) / Double(open))
        }
    }

    public var medianTotalVariation: Double { Self.median(lines.map(\.totalVariation)) }
    public var medianEmptyWeekShare: Double { Self.median(lines.map(\.emptyWeekShare)) }

    /// The middle value (the mean of the two middle ones for an even count); 0 when empty.
    public static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private struct OfferKey: Hashable { var provider: Int; var specialty: String }
}
