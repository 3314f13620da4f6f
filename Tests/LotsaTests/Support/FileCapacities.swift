import Foundation
@testable import Lotsa

/// Weekly capacities and annual ceilings worked out from a generated scenario's
/// files by the rules that docs/scenario-format.md states, without the program's
/// own reading of them: a check of the published plan against `problem.offers`
/// would only show that the program agrees with itself.
///
/// Rules: a site's capacity is ⌊rooms × cases_per_room_week × calendar⌋; a
/// contract's is ⌊weekly_capacity × calendar⌋ in every week that has at least one
/// day inside `valid_from … valid_to`, else 0; the calendar multiplies the factors
/// of every row for the ISO week number whose scope is `all`, `sites`/`contracts`
/// as the provider is, or the provider's id. Handles what `RandomScenarios` writes
/// (plain comma-separated files, a horizon starting 2026-W14 within one year).
struct FileCapacities {
    /// Cases per week, by "provider,specialty" and period 1…T.
    var weekly: [String: [Int]] = [:]
    /// Annual ceilings, by "provider,specialty".
    var ceiling: [String: Int] = [:]

    init(_ files: ScenarioFiles, periods: Int) {
        let start = Day(year: 2026, month: 3, day: 30)!  // Monday of 2026-W14
        let calendar = Self.rows(files.calendar ?? "week,factor,scope\n")
        func factor(week t: Int, provider: String, isSite: Bool) -> Double {
            calendar.reduce(1.0) { product, row in
                guard Int(row["week"]!) == 13 + t else { return product }
                let scope = row["scope"].flatMap { $0.isEmpty ? nil : $0 } ?? "all"
                let applies = scope == "all" || scope == provider || scope == (isSite ? "sites" : "contracts")
                return applies ? product * Double(row["factor"]!)! : product
            }
        }
        for row in Self.rows(files.siteCapacity) {
            let site = row["site"]!, base = Double(row["rooms"]!)! * Double(row["cases_per_room_week"]!)!
            weekly["\(site),\(row["specialty"]!)"] = (1...periods).map { t in
                Int((base * factor(week: t, provider: site, isSite: true) + 1e-9).rounded(.down))
            }
        }
        for row in Self.rows(files.contracts) {
            let provider = row["provider"]!, key = "\(provider),\(row["specialty"]!)"
            let base = Double(row["weekly_capacity"]!)!
            let from = row["valid_from"].flatMap { Day(iso: $0) }, to = row["valid_to"].flatMap { Day(iso: $0) }
            weekly[key] = (1...periods).map { t in
                let first = start.adding(days: 7 * (t - 1)), last = first.adding(days: 6)
                let valid = (from.map { $0 <= last } ?? true) && (to.map { $0 >= first } ?? true)
                return valid ? Int((base * factor(week: t, provider: provider, isSite: false) + 1e-9).rounded(.down)) : 0
            }
            if let text = row["annual_ceiling"], let value = Int(text) { ceiling[key] = value }
        }
    }

    static func rows(_ text: String) -> [[String: String]] {
        var lines = text.split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }
}
