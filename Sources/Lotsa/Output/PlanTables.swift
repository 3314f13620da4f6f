/// The tables of the output contract (README "Outputs"), one function per file,
/// each sorted in the model's order so runs are byte-identical.
public enum PlanTables {
    /// `missiv.csv`: annual volume per administration × provider × specialty.
    public static func missiv(problem: PlanningProblem, plan: Plan, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "volume"], dialect: dialect)
        for line in DeliveryLines(problem: problem, plan: plan).lines {
            csv.append([line.administration, problem.providers[line.provider].id, line.specialty,
                        csv.number(line.weekly.reduce(0, +))])
        }
        return csv.contents
    }

    /// `delivery_plans.csv`: every week of every missiv line (weeks sum to the volume).
    public static func deliveryPlans(problem: PlanningProblem, plan: Plan, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "planned"], dialect: dialect)
        for line in DeliveryLines(problem: problem, plan: plan).lines {
            for t in 1...problem.periods {
                csv.append([line.administration, problem.providers[line.provider].id, line.specialty,
                            problem.horizon.label(ofPeriod: t), csv.number(line.weekly[t - 1])])
            }
        }
        return csv.contents
    }

    /// `waiting_projection.csv`: per administration, specialty and priority group.
    public static func waitingProjection(problem: PlanningProblem, plan: Plan, dialect: CSVDialectOut = .standard) -> String {
        struct Key: Hashable { var administration: String; var specialty: String; var priority: String }
        let T = problem.periods
        var rows: [Key: [(waiting: Double, overdue: Double, beyond: Double)]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() {
            let key = Key(administration: cohort.key.administration, specialty: cohort.key.specialty,
                          priority: cohort.key.priority)
            var series = rows[key] ?? Array(repeating: (0, 0, 0), count: T + 1)
            let y = plan.treatedCumulative[q]
            for t in 1...T {
                series[t].waiting += Double(cohort.available[t]) - y[t]
                series[t].overdue += max(0, Double(cohort.due[t]) - y[t])
                series[t].beyond += max(0, Double(cohort.guaranteed[t]) - y[t])
            }
            rows[key] = series
        }
        var csv = CSVWriter(header: ["administration", "specialty", "priority", "week", "waiting", "overdue", "beyond_guarantee"],
                            dialect: dialect)
        for administration in problem.administrations {
            for specialty in problem.specialties {
                for priority in problem.policy.priorities {
                    guard let series = rows[Key(administration: administration, specialty: specialty, priority: priority.id)] else { continue }
                    for t in 1...T {
                        csv.append([administration, specialty, priority.id, problem.horizon.label(ofPeriod: t),
                                    csv.number(series[t].waiting), csv.number(series[t].overdue), csv.number(series[t].beyond)])
                    }
                }
            }
        }
        return csv.contents
    }

    /// `capacity_use.csv`: per provider, specialty and period the provider serves.
    public static func capacityUse(problem: PlanningProblem, plan: Plan, shadowPrices: [Int: [Double]],
                                   dialect: CSVDialectOut = .standard) -> String {
        var used: [Int: [Double]] = [:]
        for flow in plan.flows {
            used[flow.offer, default: [Double](repeating: 0, count: problem.periods + 1)][flow.period] += flow.cases
        }
        var csv = CSVWriter(header: ["provider", "specialty", "week", "capacity", "used", "shadow_price"], dialect: dialect)
        for (index, offer) in problem.offers.enumerated() {
            for t in 1...problem.periods where offer.active[t - 1] {
                csv.append([problem.providers[offer.provider].id, offer.specialty, problem.horizon.label(ofPeriod: t),
                            String(offer.capacity[t - 1]), csv.number(used[index]?[t] ?? 0),
                            csv.number(shadowPrices[index]?[t - 1] ?? 0)])
            }
        }
        return csv.contents
    }

    /// `needs.csv`: the needs analysis.
    public static func needs(_ analysis: NeedsAnalysis, dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "specialty", "need", "own_capacity", "gap", "treated_own",
                                     "internal_transfers", "region_contracts", "other_region_contracts",
                                     "treated_for_others", "waiting_end"], dialect: dialect)
        for line in analysis.lines {
            csv.append([line.administration, line.specialty, String(line.need), String(line.ownCapacity), String(line.gap),
                        csv.number(line.treatedOwn), csv.number(line.internalTransfers), csv.number(line.regionContracts),
                        csv.number(line.otherRegionContracts), csv.number(line.treatedForOthers),
                        csv.number(line.waitingAtEnd)])
        }
        return csv.contents
    }
}

/// A plan's cases per (administration, provider, specialty), period by period: the
/// lines of the missiv and of the delivery plans.
public struct DeliveryLines: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        /// Index into ``PlanningProblem/providers``.
        public var provider: Int
        public var specialty: String
        /// Cases per period, index t − 1.
        public var weekly: [Double]
    }

    public var lines: [Line]

    public init(problem: PlanningProblem, plan: Plan) {
        struct Key: Hashable { var administration: String; var provider: Int; var specialty: String }
        var weekly: [Key: [Double]] = [:]
        for flow in plan.flows where flow.cases != 0 {
            let key = Key(administration: flow.group.administration, provider: problem.offers[flow.offer].provider,
                          specialty: flow.group.specialty)
            weekly[key, default: [Double](repeating: 0, count: problem.periods)][flow.period - 1] += flow.cases
        }
        let administrationOrder = Dictionary(uniqueKeysWithValues: problem.administrations.enumerated().map { ($1, $0) })
        let specialtyOrder = Dictionary(uniqueKeysWithValues: problem.specialties.enumerated().map { ($1, $0) })
        lines = weekly.keys.sorted {
            (administrationOrder[$0.administration] ?? 0, $0.provider, specialtyOrder[$0.specialty] ?? 0)
                < (administrationOrder[$1.administration] ?? 0, $1.provider, specialtyOrder[$1.specialty] ?? 0)
        }.map { Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty, weekly: weekly[$0]!) }
    }
}
