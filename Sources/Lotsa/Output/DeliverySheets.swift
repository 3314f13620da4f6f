/// Delivery-plan sheets (leveransplaner) as the routine's form has them: one table
/// per provider, the weeks as columns, and for each sending administration and
/// specialty a row "plan" and a row "utfall" (the outcome, filled in week by week
/// by the administrations; empty until outcomes are known).
public enum DeliverySheets {
    /// One CSV file per provider that receives anything, keyed by a file name.
    public static func sheets(problem: PlanningProblem, plan: Plan, dialect: CSVDialectOut = .standard) -> [(String, String)] {
        let lines = DeliveryLines(problem: problem, plan: plan).lines
        let weeks = (1...problem.periods).map { problem.horizon.label(ofPeriod: $0) }
        var result: [(String, String)] = []
        for provider in problem.providers.indices {
            let ofProvider = lines.filter { $0.provider == provider }
            guard !ofProvider.isEmpty else { continue }
            var csv = CSVWriter(header: ["administration", "specialty", "row"] + weeks + ["total"], dialect: dialect)
            for line in ofProvider {
                csv.append([line.administration, line.specialty, "plan"] + line.weekly.map { csv.number($0) }
                           + [csv.number(line.weekly.reduce(0, +))])
                csv.append([line.administration, line.specialty, "utfall"] + weeks.map { _ in "" } + [""])
            }
            result.append(("\(problem.providers[provider].id).csv", csv.contents))
        }
        return result
    }
}
