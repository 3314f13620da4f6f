import Foundation

/// The delivery plans a re-plan publishes, for the whole year: weeks 1…w (`--through`)
/// as they happened and the re-planned weeks w+1…T after them, so the folder is a
/// complete plan in force for the next re-plan and the workbook is the one the
/// analysts go on filling in.
///
/// * **Plan row, weeks 1…w**: what the plan in force became — the outcome's `sent`
///   where one is recorded, else the plan in force's volume (an administration's own
///   production, and weeks nobody reported, which the re-plan too took as planned).
///   Replacements of returned referrals are not in it (they are never `sent`).
/// * **Plan row, weeks w+1…T**: the re-plan's steady weekly plan.
/// * **Utfall row, weeks 1…w**: the recorded outcomes (`sent`), empty where none was
///   recorded; a `returned` row follows when the line had returns. Weeks after w are
///   empty, to be filled in.
///
/// `delivery_plans.csv`, `missiv.csv`, `sheets/` and `delivery_plans.xlsx` are all
/// written from this one value, so they agree.
public struct ReplanPublication: Sendable {
    public struct Line: Sendable {
        /// The line over the full horizon (provider: index into the problem's providers).
        public var line: DeliveryLines.Line
        /// Recorded `sent` per period of the full horizon; nil where not recorded.
        public var outcome: [Int?]
        /// Returned referrals per period; nil when the line had none.
        public var returned: [Int?]?
        /// The administration sends it elsewhere (not its own production): on the sheets.
        public var isSent: Bool
    }

    /// The full-horizon problem.
    public var problem: PlanningProblem
    public var lines: [Line]

    public init(_ result: ReplanResult) {
        let problem = result.problem
        let T = problem.periods, w = result.through
        let providerIndex = Dictionary(uniqueKeysWithValues: problem.providers.enumerated().map { ($1.id, $0) })
        var weekly: [LineKey: [Double]] = [:]
        for (key, kept) in result.keptWeekly where kept.contains(where: { $0 != 0 }) || result.recorded[key] != nil {
            var series = [Double](repeating: 0, count: T)
            for (index, cases) in kept.enumerated() { series[index] = Double(cases) }
            weekly[key] = series
        }
        for line in DeliveryLines(problem: result.rest, plan: result.periodisation.plan).lines {
            let key = LineKey(administration: line.administration, provider: problem.providers[line.provider].id,
                              specialty: line.specialty)
            var series = weekly[key] ?? [Double](repeating: 0, count: T)
            for (index, cases) in line.weekly.enumerated() { series[w + index] = cases }
            weekly[key] = series
        }
        for key in result.recorded.keys where weekly[key] == nil {
            weekly[key] = [Double](repeating: 0, count: T)
        }
        let administrationOrder = Dictionary(uniqueKeysWithValues: problem.administrations.enumerated().map { ($1, $0) })
        let specialtyOrder = Dictionary(uniqueKeysWithValues: problem.specialties.enumerated().map { ($1, $0) })
        func order(_ key: LineKey) -> (Int, Int, Int) {
            (administrationOrder[key.administration] ?? 0, providerIndex[key.provider] ?? 0, specialtyOrder[key.specialty] ?? 0)
        }
        self.problem = problem
        lines = weekly.keys.filter { providerIndex[$0.provider] != nil }.sorted { order($0) < order($1) }.map { key in
            let p = providerIndex[key.provider]!
            var outcome = [Int?](repeating: nil, count: T)
            var returned = [Int?](repeating: nil, count: T)
            for (t, record) in result.recorded[key] ?? [:] where t <= w {
                outcome[t - 1] = record.sent
                returned[t - 1] = record.returned
            }
            let hasReturns = returned.contains { ($0 ?? 0) > 0 }
            return Line(line: DeliveryLines.Line(administration: key.administration, provider: p,
                                                 specialty: key.specialty, weekly: weekly[key]!),
                        outcome: outcome, returned: hasReturns ? returned : nil,
                        isSent: problem.providers[p].administration != key.administration)
        }
    }

    /// `delivery_plans.csv` of the whole year (the format of `plan`'s).
    public func deliveryPlans(dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "planned"], dialect: dialect)
        for entry in lines {
            let line = entry.line
            for t in 1...problem.periods {
                csv.append([line.administration, problem.providers[line.provider].id, line.specialty,
                            problem.horizon.label(ofPeriod: t), csv.number(line.weekly[t - 1])])
            }
        }
        return csv.contents
    }

    /// `missiv.csv`: each line's volume over the whole year (the weeks as happened plus
    /// the re-plan). Lines without volume (an outcome of 0 only) are left out.
    public func missiv(dialect: CSVDialectOut = .standard) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "volume"], dialect: dialect)
        for entry in lines where entry.line.weekly.contains(where: { $0 != 0 }) {
            csv.append([entry.line.administration, problem.providers[entry.line.provider].id, entry.line.specialty,
                        csv.number(entry.line.weekly.reduce(0, +))])
        }
        return csv.contents
    }

    /// `sheets/<provider>.csv` with the plan row and the recorded utfall (and returned) rows.
    public func sheets(dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let sent = lines.filter(\.isSent)
        return DeliverySheets.sheets(problem: problem, lines: sent.map(\.line), outcomes: sent.map(\.outcome),
                                     returned: sent.map(\.returned), dialect: dialect)
    }

    /// `delivery_plans.xlsx`, its utfall cells of weeks 1…w filled in.
    public func workbook(scenario: Scenario, inputs: [InputFile]) -> DeliveryPlanWorkbook {
        var workbook = DeliveryPlanWorkbook(scenario: scenario, problem: problem,
                                            missiv: lines.filter { $0.line.weekly.contains { $0 != 0 } }.map(\.line),
                                            sent: lines.filter(\.isSent).map(\.line), inputs: inputs)
        let sent = lines.filter(\.isSent)
        for index in workbook.sent.indices {
            workbook.sent[index].outcome = sent[index].outcome
            workbook.sent[index].returned = sent[index].returned
        }
        return workbook
    }
}
