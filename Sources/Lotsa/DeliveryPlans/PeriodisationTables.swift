/// The files `lotsa periodise` writes, one function per file; lines in the order of
/// the decided file, so runs are byte-identical.
public enum PeriodisationTables {
    /// `missiv.csv`: the output contract's columns (`volume` = the planned volume,
    /// what the weeks of delivery_plans.csv add up to) and the decided volume beside it.
    public static func missiv(_ result: PeriodisationResult, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "volume", "decided"], dialect: dialect)
        for line in result.lines {
            csv.append([line.administration, result.problem.providers[line.provider].id, line.specialty,
                        String(line.planned), String(line.decided)])
        }
        return csv.contents
    }

    /// `delivery_plans.csv`: every week of every decided line, zeros included.
    public static func deliveryPlans(_ result: PeriodisationResult, dialect: CSVDialectOut = .standard) -> String {
        let problem = result.problem
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "planned"], dialect: dialect)
        for line in result.lines {
            for t in 1...problem.periods {
                csv.append([line.administration, problem.providers[line.provider].id, line.specialty,
                            problem.horizon.label(ofPeriod: t), String(line.weekly[t - 1])])
            }
        }
        return csv.contents
    }

    /// `unresolved.csv`: outlösta volymer, one row for every decided line (zeros too).
    public static func unresolved(_ result: PeriodisationResult, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "decided", "planned", "unresolved"],
                            dialect: dialect)
        for line in result.lines {
            csv.append([line.administration, result.problem.providers[line.provider].id, line.specialty,
                        String(line.decided), String(line.planned), String(line.unresolved)])
        }
        return csv.contents
    }

    /// `sheets/<provider>.csv`: the routine's form, one per provider with a decided line.
    public static func sheets(_ result: PeriodisationResult, dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let lines = result.lines.map {
            DeliveryLines.Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                               weekly: $0.weekly.map(Double.init))
        }
        return DeliverySheets.sheets(problem: result.problem, lines: lines, dialect: dialect)
    }

    /// `summary.json` of a periodisation.
    public static func summary(scenario: Scenario, result: PeriodisationResult, decided: DecidedVolumes,
                               lp: PlanEvaluation, published: PlanEvaluation) -> JSONValue {
        let problem = result.problem
        let policy = problem.policy
        let order = policy.tiers + Tier.defaultOrder.filter { !policy.tiers.contains($0) }
        func tiers(_ evaluation: PlanEvaluation) -> JSONValue {
            .array(order.map { .object([("name", .string($0.rawValue)), ("value", .number(evaluation.tiers[$0]!))]) })
        }
        let horizon = problem.horizon
        let unresolvedLines = result.lines.filter { $0.unresolved != 0 }
        return .object([
            ("scenario", .string(scenario.name)),
            ("model", .string(scenario.model.name)),
            ("status", .string("optimal")),
            ("missiv", .string(decided.file.path)),
            ("horizon", .object([
                ("start", .string(horizon.label(ofPeriod: 1))),
                ("end", .string(horizon.label(ofPeriod: horizon.periods))),
                ("periods", .number(Double(horizon.periods))),
                ("period_days", .number(Double(horizon.periodDays))),
            ])),
            ("tiers", .object([
                ("lp", tiers(lp)),
                ("integer", tiers(published)),
            ])),
            ("integer_plan", .object([
                ("method", .string(result.method.rawValue)),
                ("largest_lp_fraction", .number(result.lpPlan.largestFraction())),
            ])),
            ("periodisation", .object([
                ("lines", .number(Double(result.lines.count))),
                ("decided", .number(Double(result.lines.reduce(0) { $0 + $1.decided }))),
                ("planned", .number(Double(result.lines.reduce(0) { $0 + $1.planned }))),
                ("unresolved", .object([
                    ("lp", .number(result.lpUnresolved)),
                    ("integer", .number(Double(result.unresolved))),
                ])),
                ("lines_with_unresolved", .number(Double(unresolvedLines.count))),
                ("deviation", .object([
                    ("lp", .number(result.lpDeviation)),
                    ("integer", .number(result.deviation)),
                ])),
            ])),
            ("kpis", Summary.kpis(published, policy: policy)),
            ("lp_size", .object([
                ("rows", .number(Double(result.rows))),
                ("columns", .number(Double(result.columns))),
                ("nonzeros", .number(Double(result.nonzeros))),
            ])),
            ("inputs", .array((scenario.inputFiles + [decided.file]).map {
                .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", .number(Double($0.bytes)))])
            })),
        ])
    }
}
