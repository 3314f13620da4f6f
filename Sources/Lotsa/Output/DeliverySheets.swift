/// Delivery-plan sheets (leveransplaner) as the routine's form has them: one table
/// per provider, the weeks as columns, and for each sending administration and
/// specialty a row "plan" and a row "utfall" (the outcome, filled in week by week
/// by the administrations; empty until outcomes are known).
///
/// ```
/// administration,specialty,row,2026-W14,2026-W15,…,total
/// SU,ort,plan,0,12,…,540
/// SU,ort,utfall,,,…,
/// ```
public enum DeliverySheets {
    /// One sheet per provider that receives patients from another administration
    /// in `plan` (an administration's own production at its own sites is not sent
    /// anywhere and stays out of the sheets; it is in delivery_plans.csv).
    public static func sheets(problem: PlanningProblem, plan: Plan, dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let lines = DeliveryLines(problem: problem, plan: plan).lines.filter {
            problem.providers[$0.provider].administration != $0.administration
        }
        return sheets(problem: problem, lines: lines, dialect: dialect)
    }

    /// One sheet per provider that has a line, keyed by a file name (`<provider id>.csv`);
    /// rows in the order of `lines`. `outcomes` (parallel to `lines`, per period) fills
    /// the utfall rows where known (a re-plan's weeks as happened); `returned`, when a
    /// line has one, adds a `returned` row (read back by ``OutcomeSheets``).
    public static func sheets(problem: PlanningProblem, lines: [DeliveryLines.Line], outcomes: [[Int?]]? = nil,
                              returned: [[Int?]?]? = nil, dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let weeks = (1...problem.periods).map { problem.horizon.label(ofPeriod: $0) }
        var result: [(String, String)] = []
        var names = Set<String>()
        for provider in problem.providers.indices {
            let ofProvider = lines.indices.filter { lines[$0].provider == provider }
            guard !ofProvider.isEmpty else { continue }
            var csv = CSVWriter(header: ["administration", "specialty", "row"] + weeks + ["total"], dialect: dialect)
            for index in ofProvider {
                let line = lines[index]
                csv.append([line.administration, line.specialty, "plan"] + line.weekly.map { csv.number($0) }
                           + [csv.number(line.weekly.reduce(0, +))])
                let recorded = outcomes?[index] ?? weeks.map { _ in nil }
                csv.append([line.administration, line.specialty, "utfall"] + recorded.map { $0.map(String.init) ?? "" }
                           + [recorded.contains { $0 != nil } ? String(recorded.reduce(0) { $0 + ($1 ?? 0) }) : ""])
                if let back = returned?[index] {
                    csv.append([line.administration, line.specialty, "returned"] + back.map { $0.map(String.init) ?? "" }
                               + [String(back.reduce(0) { $0 + ($1 ?? 0) })])
                }
            }
            var name = fileName(problem.providers[provider].id)
            if !names.insert(name).inserted {
                name = fileName(problem.providers[provider].id + "-\(provider + 1)")
                names.insert(name)
            }
            result.append((name + ".csv", csv.contents))
        }
        return result
    }

    /// A provider id as a file name: path separators and a leading dot replaced.
    static func fileName(_ id: String) -> String {
        var name = String(id.map { $0 == "/" || $0 == "\\" || $0 == ":" ? "_" : $0 })
        if name.hasPrefix(".") { name = "_" + name.dropFirst() }
        return name
    }
}
