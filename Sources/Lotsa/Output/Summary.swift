/// `summary.json`: what a run decided, in one small file (README "Outputs").
public enum Summary {
    public static func build(scenario: Scenario, problem: PlanningProblem, result: PlanningResult,
                             lp: PlanEvaluation, integer: PlanEvaluation, published: PlanEvaluation,
                             method: PlanPublisher.Method, largestFraction: Double,
                             periodisation: PeriodisationResult, integerDeviation: Double,
                             steadiness: (integer: Steadiness, published: Steadiness)) -> JSONValue {
        let policy = problem.policy
        let order = policy.tiers + Tier.defaultOrder.filter { !policy.tiers.contains($0) }
        func tiers(_ evaluation: PlanEvaluation) -> JSONValue {
            .array(order.map { .object([("name", .string($0.rawValue)), ("value", .number(evaluation.tiers[$0]!))]) })
        }
        let horizon = problem.horizon
        let rows = result.blocks.reduce(0) { $0 + $1.rows }
        let columns = result.blocks.reduce(0) { $0 + $1.columns }
        let nonzeros = result.blocks.reduce(0) { $0 + $1.nonzeros }
        let tierSets: JSONValue = .object([
            ("lp", tiers(lp)),
            ("integer", tiers(integer)),
            ("published", tiers(published)),
        ])
        let integerPlan: JSONValue = .object([
            ("method", .string(method.rawValue)),
            ("largest_lp_fraction", .number(largestFraction)),
        ])
        let price: JSONValue = .object([
            ("waiting", .number((published.tiers[.waiting] ?? 0) - (integer.tiers[.waiting] ?? 0))),
        ])
        let deviation: JSONValue = .object([
            ("integer", .number(integerDeviation)),
            ("published", .number(periodisation.deviation)),
        ])
        let periodisationJSON: JSONValue = .object([
            ("engine", .string(periodisation.engine.rawValue)),
            ("lines", .number(Double(periodisation.lines.count))),
            ("deviation", deviation),
        ])
        let steadinessSets: JSONValue = .object([
            ("lines", .number(Double(steadiness.published.lines.count))),
            ("integer", steadinessJSON(steadiness.integer)),
            ("published", steadinessJSON(steadiness.published)),
        ])
        return .object([
            ("scenario", .string(scenario.name)),
            ("model", .string(scenario.model.name)),
            ("status", .string("optimal")),
            ("horizon", .object([
                ("start", .string(horizon.label(ofPeriod: 1))),
                ("end", .string(horizon.label(ofPeriod: horizon.periods))),
                ("periods", .number(Double(horizon.periods))),
                ("period_days", .number(Double(horizon.periodDays))),
            ])),
            ("policy", .object([
                ("objective", .string(policy.objective.rawValue)),
                ("tiers", .array(policy.tiers.map { .string($0.rawValue) })),
                ("internal_transfers", .string(policy.internalTransfersAllowed ? "allowed" : "forbidden")),
            ] + transferLimit(policy))),
            ("tiers", tierSets),
            ("integer_plan", integerPlan),
            ("price_of_steadiness", price),
            ("periodisation", periodisationJSON),
            ("steadiness", steadinessSets),
            ("kpis", kpis(published, policy: policy)),
            ("model_size", .object([
                ("algorithm", .string(Set(result.blocks.map(\.algorithm)).sorted().joined(separator: "+"))),
                ("blocks", .number(Double(result.blocks.count))),
                ("rows", .number(Double(rows))),
                ("columns", .number(Double(columns))),
                ("nonzeros", .number(Double(nonzeros))),
            ])),
            ("inputs", .array(scenario.inputFiles.map {
                .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .number(Double($0.bytes)))])
            })),
        ])
    }

    static func steadinessJSON(_ steadiness: Steadiness) -> JSONValue {
        .object([
            ("median_total_variation", .number(rounded(steadiness.medianTotalVariation))),
            ("median_empty_week_share", .number(rounded(steadiness.medianEmptyWeekShare))),
        ])
    }

    /// Six decimals: ratios print the same on every machine.
    static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

    /// `max_transfer_km` when the policy sets one (absent otherwise, so that earlier outputs stay as they were).
    static func transferLimit(_ policy: Policy) -> [(String, JSONValue)] {
        guard policy.maxTransferKm != nil || !policy.maxTransferKmBySpecialty.isEmpty else { return [] }
        var entries: [(String, JSONValue)] = []
        if let all = policy.maxTransferKm { entries.append(("all", .number(all))) }
        for key in policy.maxTransferKmBySpecialty.keys.sorted() {
            entries.append((key, .number(policy.maxTransferKmBySpecialty[key]!)))
        }
        return [("max_transfer_km", .object(entries))]

    }

    /// The summary of the scenario's shape before anything is solved (an empty plan):
    /// the same keys a run writes, for ``KPICatalogue``. Keys a run adds to
    /// summary.json must be added in ``build`` so that they appear here too.
    public static func shape(scenario: Scenario, problem: PlanningProblem) -> JSONValue {
        let empty = Plan(treatedCumulative: problem.cohorts.map { _ in [Double](repeating: 0, count: problem.periods + 1) },
                         flows: [])
        let evaluation = PlanEvaluation(problem: problem, plan: empty)
        let result = PlanningResult(problem: problem, plan: empty, blocks: [], shadowPrices: [:])
        let periodisation = PeriodisationResult(problem: problem, engine: .network, lpPlan: empty, plan: empty,
                                                method: .lpVertex, lines: [], lpUnresolved: 0, lpDeviation: 0,
                                                deviation: 0, rows: 0, columns: 0, nonzeros: 0)
        let steadiness = Steadiness(problem: problem, plan: empty)
        return build(scenario: scenario, problem: problem, result: result, lp: evaluation, integer: evaluation,
                     published: evaluation, method: .lpVertex, largestFraction: 0, periodisation: periodisation,
                     integerDeviation: 0, steadiness: (steadiness, steadiness))
    }

    static func kpis(_ evaluation: PlanEvaluation, policy: Policy) -> JSONValue {
        .object([
            ("patients", .object([
                ("waiting_start", .number(Double(evaluation.waitingAtStart))),
                ("referrals", .number(Double(evaluation.referrals))),
                ("treated", .number(evaluation.treatedTotal)),
                ("waiting_end", .number(evaluation.waitingAtEnd)),
            ])),
            ("treated", .object([
                ("own_administration", .number(evaluation.treatedOwnAdministration)),
                ("internal_transfer", .number(evaluation.treatedInternalTransfer)),
                ("region_contract", .number(evaluation.treatedRegionContract)),
                ("other_region_contract", .number(evaluation.treatedOtherRegionContract)),
            ])),
            ("overdue_patient_weeks", .object(policy.priorities.map {
                ($0.id, .number(evaluation.overduePatientWeeks[$0.id] ?? 0))
            })),
            ("overdue_end", .number(evaluation.overdueAtEnd)),
            ("beyond_guarantee_end", .number(evaluation.beyondGuaranteeAtEnd)),
            ("cost", .number(evaluation.cost)),
        ])
    }
}
