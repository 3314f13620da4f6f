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
    /// rows in the order of `lines`.
    public static func sheets(problem: PlanningProblem, lines: [DeliveryLines.Line],
                              dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let weeks = (1...problem.periods).map { problem.horizon.label(ofPeriod: $0) }
        var result: [(String, String)] = []
        var names = Set<String>()
        for provider in problem.providers.indices {
            let ofProvider = lines.filter { $0.provider == provider }
            guard !ofProvider.isEmpty else { continue }
            var csv = CSVWriter(header: ["administration", "specialty", "row"] + weeks + ["total"], dialect: dialect)
            for line in ofProvider {
                csv.append([line.administration, line.specialty, "plan"] + line.weekly.map { csv.number($0) }
                           + [csv.number(line.weekly.reduce(0, +))])
                csv.append([line.administration, line.specialty, "utfall"] + weeks.map { _ in "" } + [""])
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
