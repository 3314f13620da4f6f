import Foundation

/// The outlook's files: `outlook.csv` (one row per scope), `trend.csv`,
/// `contracts_ending.csv`, `fragility.csv`, `bands.csv` (with samples) and
/// `outlook.json`, which holds all of it and describes every field, so that a
/// report can render it without knowing Lotsa's code.
public struct OutlookTables: Sendable {
    public var outlook: OutlookProblem
    public var analysis: OutlookAnalysis
    public var bands: [Band]?
    public var options: OutlookRunOptions
    public var growth: GrowthTable

    public init(outlook: OutlookProblem, analysis: OutlookAnalysis, bands: [Band]?, options: OutlookRunOptions, growth: GrowthTable) {
        self.outlook = outlook
        self.analysis = analysis
        self.bands = bands
        self.options = options
        self.growth = growth
    }

    var horizon: Horizon { outlook.problem.horizon }

    /// Column name and meaning of `outlook.csv`, in order.
    public static let rowFields: [(String, String)] = [
        ("specialty", "specialty id, * for all specialties"),
        ("administration", "the administration whose patients the row counts, * for the region"),
        ("referrals", "referrals over the horizon (the forecast repeated, with growth)"),
        ("own_capacity", "cases the scope's own sites can take over the horizon (all sites for a specialty or the region)"),
        ("contract_capacity", "contract cases over the horizon while contracts are valid, at most their ceilings; an administration's part is its share of the specialty's referrals"),
        ("load_own", "referrals / own capacity (empty: no own capacity)"),
        ("load_with_contracts", "referrals / (own + contract capacity)"),
        ("waiting_start", "waiting at the start"),
        ("beyond_guarantee_start", "waiting at the start already past the guarantee date"),
        ("waiting_end", "waiting at the end of the horizon"),
        ("beyond_guarantee_end", "beyond the guarantee at the end of the horizon"),
        ("first_week_beyond_guarantee", "the first week with anyone beyond the guarantee (empty: none)"),
        ("treated", "cases treated over the horizon"),
        ("share_at_contracts", "share of the cases treated at contract providers"),
        ("share_at_other_administrations", "share treated at sites of another administration"),
        ("sites_with_capacity", "own sites with capacity in the scope"),
        ("largest_site", "the site with the most own capacity"),
        ("largest_site_share", "its share of own capacity"),
        ("relief_cases_per_week", "smallest extra weekly capacity (whole cases) that brings beyond-guarantee at the end to zero, from the engine (empty: not computed, --no-relief)"),
        ("relief_exact", "the same at the LP optimum, before whole cases (specialty and region rows; empty: not computed)"),
        ("relief_operating_rooms", "the relief in operating rooms at the administration's cases per room-week"),
        ("relief_weeks_to_clear", "weeks until nobody is beyond the guarantee in the plan with the relief capacity added (periods + 1: not within the horizon; empty: not computed)"),
        ("queue_load", "NHSRwaitinglist queue load: weekly demand / weekly own capacity"),
        ("queue_target_size", "target queue size: weekly demand × guarantee weeks / 4"),
        ("queue_relief_capacity", "relief capacity: demand + (waiting at start − target queue size) / horizon weeks, cases a week"),
        ("queue_relief_extra", "queue relief capacity beyond own and contract weekly capacity (≥ 0)"),
    ]

    func label(_ period: Int?) -> String { period.map { horizon.label(ofPeriod: $0) } ?? "" }

    func rowFieldValues(_ row: OutlookRow, _ number: (Double) -> String) -> [String] {
        let f = row.figures, q = row.queueing
        func optional(_ value: Double?) -> String { value.map(number) ?? "" }
        return [f.scope.specialtyLabel, f.scope.administrationLabel, number(f.referrals), number(f.ownCapacity),
                number(f.contractCapacity), optional(f.loadOwn), optional(f.loadWithContracts), number(f.waitingStart),
                number(f.beyondStart), number(f.waitingEnd.last ?? 0), number(f.beyondEnd.last ?? 0),
                label(f.firstPeriodBeyond), number(f.treated), number(f.shareAtContracts),
                number(f.shareAtOtherAdministrations), String(f.sitesWithCapacity), f.largestSite ?? "",
                optional(f.largestSiteShare), row.reliefCases.map(String.init) ?? "", optional(row.reliefExact), optional(row.reliefRooms),
                row.reliefWeeksToClear.map(String.init) ?? "", optional(q.queueLoad), number(q.targetQueueSize),
                number(q.reliefCapacity), number(q.reliefExtra)]
    }

    public func rowsCSV() -> String {
        var csv = CSVWriter(header: Self.rowFields.map(\.0))
        let writer = csv
        for row in analysis.rows { csv.append(rowFieldValues(row) { writer.number($0, decimals: 4) }) }
        return csv.contents
    }

    public func trendCSV() -> String {
        var csv = CSVWriter(header: ["specialty", "administration", "year", "week", "waiting", "beyond_guarantee"])
        let writer = csv
        for row in analysis.rows {
            let f = row.figures
            csv.append([f.scope.specialtyLabel, f.scope.administrationLabel, "0", "start",
                        writer.number(f.waitingStart), writer.number(f.beyondStart)])
            for year in 1...outlook.years {
                csv.append([f.scope.specialtyLabel, f.scope.administrationLabel, String(year),
                            horizon.label(ofPeriod: outlook.lastPeriod(ofYear: year)),
                            writer.number(f.waitingEnd[year - 1]), writer.number(f.beyondEnd[year - 1])])
            }
        }
        return csv.contents
    }

    var endingContracts: [EndingContract] {
        analysis.rows.filter { $0.figures.scope.administration == nil && $0.figures.scope.specialty != nil }
            .flatMap(\.figures.endingContracts)
    }

    public func contractsCSV() -> String {
        var csv = CSVWriter(header: ["specialty", "provider", "valid_to", "weekly_capacity", "cases", "share_while_active"])
        let writer = csv
        for c in endingContracts {
            csv.append([c.specialty, c.provider, c.validTo.description, writer.number(c.weeklyCapacity),
                        writer.number(c.cases), writer.number(c.shareWhileActive, decimals: 4)])
        }
        return csv.contents
    }

    public func fragilityCSV() -> String {
        var csv = CSVWriter(header: ["rank", "specialty", "fragile", "score", "reasons"])
        let writer = csv
        for (k, a) in analysis.fragility.enumerated() {
            csv.append([String(k + 1), a.specialty, a.fragile ? "yes" : "no", writer.number(a.score, decimals: 3),
                        a.reasons.joined(separator: "; ")])
        }
        return csv.contents
    }

    public func bandsCSV() -> String {
        var csv = CSVWriter(header: ["specialty", "administration", "kpi", "p10", "p50", "p90"])
        let writer = csv
        for band in bands ?? [] {
            csv.append([band.specialty, band.administration, band.kpi, writer.number(band.p10, decimals: 4),
                        writer.number(band.p50, decimals: 4), writer.number(band.p90, decimals: 4)])
        }
        return csv.contents
    }

    /// A self-describing document: `kind` and `version`, the question asked, the
    /// meaning of every field, then the tables.
    public func json() -> JSONValue {
        func num(_ value: Double?) -> JSONValue {
            guard let value, value.isFinite else { return .null }
            return .number((value * 1e6).rounded() / 1e6)
        }
        let scenario = outlook.scenario
        var document: [(String, JSONValue)] = [
            ("kind", .string("lotsa.outlook")),
            ("version", .number(1)),
            ("title", .string("Outlook at unchanged conditions: load, trend, dependence, relief capacity, fragility")),
            ("scenario", .string(scenario.name)),
            ("model", .string(scenario.model.name)),
            ("years", .number(Double(outlook.years))),
            ("horizon", .object([("first_week", .string(horizon.label(ofPeriod: 1))),
                                 ("last_week", .string(horizon.label(ofPeriod: horizon.periods))),
                                 ("periods", .number(Double(horizon.periods))),
                                 ("periods_per_year", .number(Double(outlook.periodsPerYear)))])),
            ("guarantee_days", .number(Double(scenario.guaranteeDays))),
            ("growth", .array(growth.rows.map { row in
                .object([("specialty", .string(row.specialty ?? "*")), ("administration", .string(row.administration ?? "*")),
                         ("annual_growth", .number(row.annualGrowth))])
            })),
            ("fields", .object(Self.rowFields.map { ($0.0, .string($0.1)) })),
        ]
        let rows: [JSONValue] = analysis.rows.map { row in
            let f = row.figures, q = row.queueing
            return .object([
                ("specialty", .string(f.scope.specialtyLabel)), ("administration", .string(f.scope.administrationLabel)),
                ("load", .object([("referrals", num(f.referrals)), ("own_capacity", num(f.ownCapacity)),
                                  ("contract_capacity", num(f.contractCapacity)), ("load_own", num(f.loadOwn)),
                                  ("load_with_contracts", num(f.loadWithContracts))])),
                ("trend", .object([("waiting_start", num(f.waitingStart)), ("beyond_guarantee_start", num(f.beyondStart)),
                                   ("waiting_end_of_year", .array(f.waitingEnd.map { num($0) })),
                                   ("beyond_guarantee_end_of_year", .array(f.beyondEnd.map { num($0) })),
                                   ("first_week_beyond_guarantee", f.firstPeriodBeyond.map { .string(label($0)) } ?? .null)])),
                ("dependence", .object([("treated", num(f.treated)), ("share_at_contracts", num(f.shareAtContracts)),
                                        ("share_at_other_administrations", num(f.shareAtOtherAdministrations)),
                                        ("sites_with_capacity", .number(Double(f.sitesWithCapacity))),
                                        ("largest_site", f.largestSite.map(JSONValue.string) ?? .null),
                                        ("largest_site_share", num(f.largestSiteShare))])),
                ("relief", .object([("computed", .bool(row.reliefCases != nil)),
                                    ("cases_per_week", num(row.reliefCases.map(Double.init))), ("exact", num(row.reliefExact)),
                                    ("operating_rooms", num(row.reliefRooms)),
                                    ("weeks_to_clear", num(row.reliefWeeksToClear.map(Double.init)))])),
                ("queueing", .object([("demand_per_week", num(q.demandPerWeek)), ("capacity_per_week", num(q.ownCapacityPerWeek)),
                                      ("queue_load", num(q.queueLoad)), ("queue_size", num(q.queueSize)),
                                      ("target_wait_weeks", num(q.targetWaitWeeks)),
                                      ("target_queue_size", num(q.targetQueueSize)),
                                      ("time_to_target_weeks", num(q.timeToTargetWeeks)),
                                      ("relief_capacity", num(q.reliefCapacity)), ("relief_extra", num(q.reliefExtra))])),
            ])
        }
        document.append(("rows", .array(rows)))
        document.append(("kpis", kpiTree()))
        document.append(("contracts_ending", .array(endingContracts.map { c in
            .object([("specialty", .string(c.specialty)), ("provider", .string(c.provider)),
                     ("valid_to", .string(c.validTo.description)), ("weekly_capacity", num(c.weeklyCapacity)),
                     ("cases", num(c.cases)), ("share_while_active", num(c.shareWhileActive))])
        })))
        document.append(("fragility", .array(analysis.fragility.enumerated().map { k, a in
            .object([("rank", .number(Double(k + 1))), ("specialty", .string(a.specialty)), ("fragile", .bool(a.fragile)),
                     ("score", num(a.score)), ("reasons", .array(a.reasons.map(JSONValue.string)))])
        })))
        document.append(("tiers", .array(Tier.allCases.map { tier in
            .object([("name", .string(tier.rawValue)), ("value", num(analysis.tiers[tier]))])
        })))
        document.append(("relief_check", .object([("computed", .bool(analysis.beyondWithRelief != nil)),
                                                  ("beyond_guarantee_end_planned_with_relief", num(analysis.beyondWithRelief)),
                                                  ("methods", .object(analysis.reliefMethods.keys.sorted().map { specialty in
                                                      let entry = analysis.reliefMethods[specialty]!
                                                      return (specialty, .object([("method", .string(entry.method)),
                                                                                  ("solves", .number(Double(entry.solves)))]))
                                                  }))])))
        if let bands {
            let a = options.assumptions
            document.append(("bands", .object([
                ("samples", .number(Double(options.samples))), ("seed", .number(Double(options.seed))),
                ("percentiles", .array([.number(10), .number(50), .number(90)])),
                ("assumptions", .object([
                    ("referrals", .string("Poisson around the forecast, per cohort and week")),
                    ("site_absence", .array([.number(a.siteAbsence.lowerBound), .number(a.siteAbsence.upperBound)])),
                    ("site_absence_meaning", .string("each site's weekly capacity × (1 − a), a uniform in this range, per site and week")),
                    ("contract_factor", .array([.number(a.contractFactor.lowerBound), .number(a.contractFactor.upperBound)])),
                    ("contract_factor_meaning", .string("each contract's capacity × one uniform factor in this range")),
                ])),
                ("rows", .array(bands.map { b in
                    .object([("specialty", .string(b.specialty)), ("administration", .string(b.administration)),
                             ("kpi", .string(b.kpi)), ("p10", num(b.p10)), ("p50", num(b.p50)), ("p90", num(b.p90))])
                })),
            ])))
        }
        return .object(document)
    }

    /// Every KPI by path `kpis.<specialty>.<administration>.<kpi>` (`*` for all),
    /// plus `kpis.fragile_specialties`, `kpis.tiers.<tier>` and, with samples,
    /// `kpis.bands.<specialty>.<administration>.<kpi>.p10|p50|p90`: what
    /// expectations (`--expect`) and reports look up.
    func kpiTree() -> JSONValue {
        func num(_ value: Double) -> JSONValue { value.isFinite ? .number((value * 1e6).rounded() / 1e6) : .null }
        func nest(_ items: [(String, String, String, JSONValue)]) -> [(String, JSONValue)] {
            var specialties: [(String, [(String, [(String, JSONValue)])])] = []
            for (specialty, administration, kpi, value) in items {
                if specialties.last?.0 != specialty { specialties.append((specialty, [])) }
                if specialties[specialties.count - 1].1.last?.0 != administration {
                    specialties[specialties.count - 1].1.append((administration, []))
                }
                let s = specialties.count - 1, a = specialties[s].1.count - 1
                specialties[s].1[a].1.append((kpi, value))
            }
            return specialties.map { ($0.0, .object($0.1.map { ($0.0, .object($0.1)) })) }
        }
        var items: [(String, String, String, JSONValue)] = []
        for row in analysis.rows {
            for (kpi, value) in OutlookKPIs.values(row) {
                items.append((row.figures.scope.specialtyLabel, row.figures.scope.administrationLabel, kpi, num(value)))
            }
        }
        var tree = nest(items)
        tree.append(("fragile_specialties", .number(Double(analysis.fragility.filter(\.fragile).count))))
        tree.append(("tiers", .object(Tier.allCases.map { ($0.rawValue, num(analysis.tiers[$0] ?? 0)) })))
        if let bands {
            tree.append(("bands", .object(nest(bands.map { b in
                (b.specialty, b.administration, b.kpi, .object([("p10", num(b.p10)), ("p50", num(b.p50)), ("p90", num(b.p90))]))
            }))))
        }
        return .object(tree)
    }

    /// What the terminal table says where relief capacity was left out (`--no-relief`).
    public static let notComputed = "not computed"

    /// The terminal table: the fragility ranking with its figures, the region, and bands.
    public func text() -> String {
        func fmt(_ value: Double?, _ decimals: Int = 2) -> String {
            guard let value, value.isFinite else { return "—" }
            return String(format: "%.\(decimals)f", value)
        }
        func pad(_ s: String, _ n: Int, right: Bool = false) -> String {
            let count = s.count
            guard count < n else { return s }
            let fill = String(repeating: " ", count: n - count)
            return right ? fill + s : s + fill
        }
        var rowOf: [String: OutlookRow] = [:]
        for row in analysis.rows where row.figures.scope.administration == nil {
            rowOf[row.figures.scope.specialtyLabel] = row
        }
        var lines = ["\(outlook.scenario.name): outlook over \(outlook.years) year\(outlook.years == 1 ? "" : "s") "
                     + "(\(horizon.label(ofPeriod: 1)) – \(horizon.label(ofPeriod: horizon.periods))), unchanged conditions"]
        let header = [pad("#", 3), pad("specialty", 9), pad("fragile", 7), pad("load", 5, right: true),
                      pad("w/contr", 7, right: true), pad("waiting start→end", 18, right: true),
                      pad("beyond end", 10, right: true), pad("relief/wk", 12, right: true), pad("rooms", 5, right: true),
                      pad("queue relief", 12, right: true)]
        lines.append(header.joined(separator: " "))
        for (k, a) in analysis.fragility.enumerated() {
            guard let row = rowOf[a.specialty] else { continue }
            let f = row.figures
            lines.append([pad(String(k + 1), 3), pad(a.specialty, 9), pad(a.fragile ? "yes" : "no", 7),
                          pad(fmt(f.loadOwn), 5, right: true), pad(fmt(f.loadWithContracts), 7, right: true),
                          pad("\(Int(f.waitingStart.rounded()))→\(Int((f.waitingEnd.last ?? 0).rounded()))", 18, right: true),
                          pad(String(Int((f.beyondEnd.last ?? 0).rounded())), 10, right: true),
                          pad(row.reliefCases.map(String.init) ?? Self.notComputed, 12, right: true), pad(fmt(row.reliefRooms, 1), 5, right: true),
                          pad(fmt(row.queueing.reliefExtra, 1), 12, right: true)].joined(separator: " "))
            lines.append("      " + a.reasons.joined(separator: "; "))
        }
        if let region = rowOf["*"] {
            let f = region.figures
            lines.append("region: load \(fmt(f.loadOwn)) (\(fmt(f.loadWithContracts)) with contracts); waiting \(Int(f.waitingStart.rounded())) → "
                         + f.waitingEnd.map { String(Int($0.rounded())) }.joined(separator: " → ")
                         + "; beyond the guarantee at the end of each year: " + f.beyondEnd.map { String(Int($0.rounded())) }.joined(separator: ", ")
                         + "; relief " + (region.reliefCases.map { "\($0) cases a week" } ?? Self.notComputed))
        }
        if let bands {
            lines.append("bands over \(options.samples) variants (seed \(options.seed)), P10 / P50 / P90:")
            let wanted = ["load_own", "beyond_guarantee_end_year\(outlook.years)", "relief_cases_per_week", "fragile"]
            // Each column as wide as its name or its widest cell, one space between columns.
            var specialties: [String] = analysis.fragility.map(\.specialty)
            specialties.append("*")
            let cells: [[String]] = specialties.map { specialty in
                wanted.map { kpi -> String in
                    guard let b = bands.first(where: { $0.specialty == specialty && $0.administration == "*" && $0.kpi == kpi }) else {
                        return kpi.hasPrefix("relief") ? Self.notComputed : "—"
                    }
                    let d = kpi.hasPrefix("load") || kpi == "fragile" ? 2 : 0
                    return "\(fmt(b.p10, d)) / \(fmt(b.p50, d)) / \(fmt(b.p90, d))"
                }
            }
            let widths = wanted.indices.map { k in cells.reduce(wanted[k].count) { max($0, $1[k].count) } }
            let names = specialties.map { $0 == "*" ? "region" : $0 }
            let first = names.reduce("specialty".count) { max($0, $1.count) }
            lines.append(([pad("specialty", first)] + wanted.indices.map { pad(wanted[$0], widths[$0], right: true) })
                .joined(separator: " "))
            for (k, name) in names.enumerated() {
                lines.append(([pad(name, first)] + wanted.indices.map { pad(cells[k][$0], widths[$0], right: true) })
                    .joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }
}
