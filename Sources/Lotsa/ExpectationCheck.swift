/// Compares a run's summary with a scenario's expectations (`lotsa check`).
public struct ExpectationCheck: Sendable {
    public struct Row: Sendable {
        public var kpi: String
        public var expected: String
        public var found: String
        public var passed: Bool
    }

    public var rows: [Row]
    public var passed: Bool { rows.allSatisfy(\.passed) }

    /// Looks each KPI up in summary.json: `tiers.<name>` is the published plan's
    /// tier (periodised, or the integer plan where nothing was periodised), `lp_tiers.<name>` the LP optimum's, anything else a dotted path.
    public static func evaluate(_ expectations: [Expectation], summary: JSONValue) -> ExpectationCheck {
        ExpectationCheck(rows: expectations.map { expectation in
            let found = lookup(expectation.kpi, in: summary)
            var expected: [String] = []
            var passed = found != nil
            if let value = expectation.value {
                let slack = expectation.tolerance * max(abs(value), 1)
                expected.append("\(NumberFormat.csv(value)) ± \(NumberFormat.csv(expectation.tolerance * 100, decimals: 4))%")
                if let found { passed = passed && abs(found - value) <= slack }
            }
            if let minimum = expectation.min {
                expected.append("≥ \(NumberFormat.csv(minimum))")
                if let found { passed = passed && found >= minimum }
            }
            if let maximum = expectation.max {
                expected.append("≤ \(NumberFormat.csv(maximum))")
                if let found { passed = passed && found <= maximum }
            }
            return Row(kpi: expectation.kpi, expected: expected.joined(separator: ", "),
                       found: found.map { NumberFormat.csv($0) } ?? "no such KPI", passed: passed)
        })
    }

    static func lookup(_ kpi: String, in summary: JSONValue) -> Double? {
        let parts = kpi.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, !parts[1].contains("."), parts[0] == "tiers" || parts[0] == "lp_tiers" {
            // The published plan: the periodised one where the summary has it.
            let published = summary.value(at: "tiers.published") != nil ? "tiers.published" : "tiers.integer"
            let list = summary.value(at: parts[0] == "tiers" ? published : "tiers.lp")
            guard case .array(let entries)? = list else { return nil }
            for case .object(let entry) in entries where entry.contains(where: { $0.0 == "name" && $0.1 == .string(parts[1]) }) {
                if case .number(let value)? = entry.first(where: { $0.0 == "value" })?.1 { return value }
            }
            return nil
        }
        if case .number(let value)? = summary.value(at: kpi) { return value }
        // `<list>.<name>`: the value of a list's `{name, value}` entry, e.g. `tiers.lp.cost`.
        if let dot = kpi.lastIndex(of: "."), case .array(let entries)? = summary.value(at: String(kpi[..<dot])) {
            let name = String(kpi[kpi.index(after: dot)...])
            for case .object(let entry) in entries where entry.contains(where: { $0.0 == "name" && $0.1 == .string(name) }) {
                if case .number(let value)? = entry.first(where: { $0.0 == "value" })?.1 { return value }
            }
        }
        return nil
    }

    /// A table a person reads in a CI log.
    public func report(scenario: String) -> String {
        let failed = rows.filter { !$0.passed }.count
        var lines = [failed == 0 ? "\(scenario): all \(rows.count) expectations met"
                                 : "\(scenario): \(failed) of \(rows.count) expectations not met"]
        let width = max(10, rows.map(\.kpi.count).max() ?? 0)
        for row in rows {
            lines.append("  \(row.passed ? "ok  " : "FAIL") \(row.kpi.padding(toLength: width, withPad: " ", startingAt: 0))"
                         + "  expected \(row.expected)  found \(row.found)")
        }
        return lines.joined(separator: "\n")
    }
}
