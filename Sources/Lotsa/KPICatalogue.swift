/// The KPIs an expectation may name, read off a summary.json of the scenario's own
/// shape — never a hand-kept list, so a key a later version writes into
/// summary.json can be expected as soon as it is written.
///
/// `lotsa validate` and `lotsa check` use it to reject a misspelled KPI
/// (`tiers.overdu`) before anything is solved.
public enum KPICatalogue {
    /// Every name ``ExpectationCheck`` can look up in `summary`: each number at a
    /// dotted path, each `{name, value}` entry of a list as `<list path>.<name>`,
    /// and the short forms `tiers.<name>` / `lp_tiers.<name>`.
    public static func paths(in summary: JSONValue) -> [String] {
        var candidates: [String] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case .number: candidates.append(path)
            case .object(let entries):
                for (key, child) in entries { walk(child, path.isEmpty ? key : path + "." + key) }
            case .array(let items):
                for case .object(let entry) in items {
                    if case .string(let name)? = entry.first(where: { $0.0 == "name" })?.1 {
                        candidates.append(path + "." + name)
                        if path == "tiers.integer" { candidates.append("tiers." + name) }
                        if path == "tiers.lp" { candidates.append("lp_tiers." + name) }
                    }
                }
            default: break
            }
        }
        walk(summary, "")
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted && ExpectationCheck.lookup($0, in: summary) != nil }
    }

    /// The KPIs of a scenario: those of the summary.json a run of it writes.
    public static func paths(for scenario: Scenario, problem: PlanningProblem) -> [String] {
        paths(in: Summary.shape(scenario: scenario, problem: problem))
    }

    /// Throws at the first expectation whose KPI is not one of `known` (exit 65).
    public static func check(_ expectations: [Expectation], known: [String]) throws(InputError) {
        let names = Set(known)
        for expectation in expectations where !names.contains(expectation.kpi) {
            var location = expectation.location
            location.field = "kpi"
            let close = known.filter { $0.hasPrefix(expectation.kpi.split(separator: ".").first.map(String.init) ?? "") }
            throw InputError(location, "unknown KPI '\(expectation.kpi)'",
                             expected: "a KPI of summary.json, e.g. " + (close.isEmpty ? known : close).prefix(8).joined(separator: ", "),
                             found: expectation.kpi)
        }
    }
}
