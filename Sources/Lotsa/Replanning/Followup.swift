import Foundation

/// `lotsa followup`: the plan in force against the outcomes, line by line and week by
/// week (routine step 6: "Plan och utfall visualiseras i Power BI").
///
/// The lines followed are the delivery-plan lines of the plan folder's `sheets/`
/// (what administrations send to other providers) and every line with an outcome.
/// A week without an outcome is "not recorded": it is listed, and left out of the
/// deviation (the re-plan too takes it as planned). Deviation = sent − planned, so a
/// line behind plan has a negative deviation. A return is taken as replaced the week
/// after (the routine: "omgående") when that week is up to `--through`, unless the
/// outcomes record replacements (`replaced`), which are then compared with returns.
public struct Followup: Sendable {
    public struct Week: Sendable {
        public var line: LineKey
        public var week: String
        public var planned: Int
        public var sent: Int?
        public var returned: Int
        public var cumulativePlanned: Int
        public var cumulativeSent: Int
        public var cumulativeDeviation: Int { cumulativeSent - cumulativePlanned }
    }

    public struct Total: Sendable {
        public var key: String
        public var planned = 0, sent = 0, returned = 0, replaced = 0, notRecorded = 0
        public var deviation: Int { sent - planned }
        public var share: Double { planned == 0 ? 0 : Double(deviation) / Double(planned) }
    }

    public struct Return: Sendable {
        public var line: LineKey
        public var week: String
        public var returned: Int
        /// "replaced", "outstanding (due 2026-W41)" or "replaced in part".
        public var status: String
    }

    public var through: String
    public var weeks: [Week]
    public var lines: [(LineKey, Total)]
    public var providers: [Total]
    public var administrations: [Total]
    public var returns: [Return]

    public static func build(plan: [LineKey: [String: Int]], followed: Set<LineKey>, weeks allWeeks: [String],
                             outcomes: Outcomes, through: String) -> Followup {
        let weekLabels = allWeeks.filter { ISOWeek(iso: $0)! <= ISOWeek(iso: through)! }
        var recorded: [LineKey: [String: OutcomeRecord]] = [:]
        for record in outcomes.records where record.week <= ISOWeek(iso: through)! {
            recorded[record.line, default: [:]][record.week.description] = record
        }
        let lineKeys = followed.union(recorded.keys).sorted()
        var weeks: [Week] = []
        var totals: [(LineKey, Total)] = []
        var returns: [Return] = []
        for line in lineKeys {
            var total = Total(key: line.description)
            var cumulativePlanned = 0, cumulativeSent = 0
            var returnedSoFar = 0, replacedSoFar = 0
            for (index, week) in weekLabels.enumerated() {
                let planned = plan[line]?[week] ?? 0
                let record = recorded[line]?[week]
                if let record {
                    cumulativePlanned += planned
                    cumulativeSent += record.sent
                    total.planned += planned
                    total.sent += record.sent
                    total.returned += record.returned
                    returnedSoFar += record.returned
                    replacedSoFar += record.replaced ?? 0
                } else if planned > 0 {
                    total.notRecorded += 1
                }
                weeks.append(Week(line: line, week: week, planned: planned, sent: record?.sent, returned: record?.returned ?? 0,
                                  cumulativePlanned: cumulativePlanned, cumulativeSent: cumulativeSent))
                if let record, record.returned > 0 {
                    let status: String
                    if outcomes.recordsReplacements {
                        status = replacedSoFar >= returnedSoFar ? "replaced" : "outstanding \(returnedSoFar - replacedSoFar)"
                    } else if index + 1 < weekLabels.count {
                        status = "replaced \(weekLabels[index + 1]) (assumed: not in sent)"
                    } else {
                        status = "outstanding: due \(ISOWeek(iso: week)!.adding(weeks: 1))"
                    }
                    returns.append(Return(line: line, week: week, returned: record.returned, status: status))
                }
            }
            total.replaced = outcomes.recordsReplacements ? replacedSoFar
                : max(0, total.returned - (recorded[line]?[weekLabels.last ?? ""]?.returned ?? 0))
            totals.append((line, total))
        }
        func aggregate(_ key: (LineKey) -> String) -> [Total] {
            var byKey: [String: Total] = [:]
            for (line, total) in totals {
                var sum = byKey[key(line)] ?? Total(key: key(line))
                sum.planned += total.planned; sum.sent += total.sent; sum.returned += total.returned
                sum.replaced += total.replaced; sum.notRecorded += total.notRecorded
                byKey[key(line)] = sum
            }
            return byKey.values.sorted { ($0.deviation, $0.key) < ($1.deviation, $1.key) }
        }
        return Followup(through: through, weeks: weeks, lines: totals, providers: aggregate(\.provider),
                        administrations: aggregate(\.administration), returns: returns)
    }

    /// Lines furthest behind plan first (most negative deviation).
    public var linesBehind: [(LineKey, Total)] {
        lines.sorted { ($0.1.deviation, $0.0) < ($1.1.deviation, $1.0) }
    }
}

/// The files `lotsa followup` writes (flat tables for Power BI).
public enum FollowupTables {
    public static func weeks(_ f: Followup) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "planned", "sent", "returned",
                                     "recorded", "cumulative_planned", "cumulative_sent", "cumulative_deviation"])
        for w in f.weeks {
            csv.append([w.line.administration, w.line.provider, w.line.specialty, w.week, String(w.planned),
                        w.sent.map(String.init) ?? "", String(w.returned), w.sent == nil ? "no" : "yes",
                        String(w.cumulativePlanned), String(w.cumulativeSent), String(w.cumulativeDeviation)])
        }
        return csv.contents
    }

    public static func totals(_ rows: [Followup.Total], keyColumns: [String], split: (String) -> [String]) -> String {
        var csv = CSVWriter(header: keyColumns + ["planned", "sent", "deviation", "deviation_share", "returned",
                                                  "replaced", "weeks_not_recorded"])
        for t in rows {
            csv.append(split(t.key) + [String(t.planned), String(t.sent), String(t.deviation), csv.number(t.share, decimals: 4),
                                       String(t.returned), String(t.replaced), String(t.notRecorded)])
        }
        return csv.contents
    }

    public static func returns(_ f: Followup) -> String {
        var csv = CSVWriter(header: ["administration", "provider", "specialty", "week", "returned", "replacement"])
        for r in f.returns {
            csv.append([r.line.administration, r.line.provider, r.line.specialty, r.week, String(r.returned), r.status])
        }
        return csv.contents
    }
}
