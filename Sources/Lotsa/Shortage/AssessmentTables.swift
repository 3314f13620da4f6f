import Foundation

/// The files of `lotsa assess` (CSV and JSON) and the table it prints in the layout of
/// the daily report template: sites under their administration, Summa rows.
public enum AssessmentTables {
    static func text(_ value: Int?) -> String { value.map(String.init) ?? "" }

    /// `classification.csv`: one row per site and specialty it has rooms for, per
    /// administration and specialty, and per specialty for the region.
    public static func classification(_ a: ShortageAssessment) -> String {
        var csv = CSVWriter(header: [
            "level", "administration", "site", "specialty", "or_rooms", "staffed_or_rooms", "rooms", "available_rooms",
            "due_14", "capacity_14", "shortfall_14", "due_30", "capacity_30", "shortfall_30", "status",
            "treated_14_after", "shortfall_14_after", "treated_30_after", "shortfall_30_after", "status_after",
        ])
        func numbers(_ line: ShortageAssessment.Line) -> [String] {
            let b = line.before, f = line.after
            return [String(b.due14), String(b.capacity14), String(b.shortfall14), String(b.due30), String(b.capacity30),
                    String(b.shortfall30), b.status.label, String(f.capacity14), String(f.shortfall14),
                    String(f.capacity30), String(f.shortfall30), f.status.label]
        }
        for administration in a.administrations {
            for site in a.sites where site.administration == administration {
                guard let report = site.report, report.reported else { continue }
                for specialty in a.specialties where (report.rooms[specialty] ?? 0) > 0 {
                    let line = a.lines.first { $0.administration == administration && $0.specialty == specialty }!
                    csv.append(["site", administration, site.site, specialty, text(report.operatingRooms),
                                text(report.staffedRooms), text(report.rooms[specialty]), text(report.availableRooms),
                                "", String(site.capacity14[specialty]!), "", "", String(site.capacity30[specialty]!), "",
                                line.before.status.label, "", "", "", "", line.after.status.label])
                }
            }
            for line in a.lines(of: administration) {
                let rooms = a.sites.filter { $0.administration == administration }
                    .reduce(0) { $0 + ($1.report?.rooms[line.specialty] ?? 0) }
                csv.append(["administration", administration, "", line.specialty, "", "", String(rooms), ""] + numbers(line))
            }
        }
        for line in a.regionLines {
            let rooms = a.sites.reduce(0) { $0 + ($1.report?.rooms[line.specialty] ?? 0) }
            csv.append(["region", a.region, "", line.specialty, "", "", String(rooms), ""] + numbers(line))
        }
        return csv.contents
    }

    public static func redistribution(_ a: ShortageAssessment) -> String {
        var csv = CSVWriter(header: ["day", "date", "administration", "specialty", "priority", "provider", "provider_name",
                                     "kind", "receiving_administration", "patients"])
        for move in a.redistribution.moves {
            csv.append([String(move.day), move.date.description, move.administration, move.specialty, move.priority,
                        move.provider, move.providerName, move.kind, move.receivingAdministration ?? "",
                        String(move.patients)])
        }
        return csv.contents
    }

    public static func prioritisation(_ a: ShortageAssessment) -> String {
        var csv = CSVWriter(header: ["rank", "administration", "specialty", "priority", "late", "untreated", "days_late",
                                     "most_days_late"])
        for (i, entry) in a.prioritisation.entries.enumerated() {
            csv.append([String(i + 1), entry.administration, entry.specialty, entry.priority, String(entry.late),
                        String(entry.untreated), String(entry.daysLate), String(entry.mostDaysLate)])
        }
        return csv.contents
    }

    public static func roomsNeeded(_ a: ShortageAssessment) -> String {
        var csv = CSVWriter(header: ["specialty", "cases_per_room_day", "late_14", "rooms_14", "late_30", "rooms_30"])
        for rooms in a.prioritisation.rooms {
            csv.append([rooms.specialty, csv.number(rooms.casesPerRoomDay), String(rooms.late14), text(rooms.rooms14),
                        String(rooms.late30), text(rooms.rooms30)])
        }
        return csv.contents
    }

    public static func checklist(_ a: ShortageAssessment) -> String {
        var csv = CSVWriter(header: ["level", "scope", "question", "answer", "comment", "source"])
        for item in a.checklist {
            csv.append([item.level, item.scope, item.question, item.answer, item.comment, item.source])
        }
        return csv.contents
    }

    /// `assessment.json`: the figures `lotsa assess --expect` checks, by dotted path.
    public static func json(_ a: ShortageAssessment, scenario: String, report: String,
                            inputs: [InputFile] = []) -> JSONValue {
        func n(_ value: Int) -> JSONValue { .number(Double(value)) }
        func check(_ c: CapacityCheck) -> JSONValue {
            .object([("due_14", n(c.due14)), ("capacity_14", n(c.capacity14)), ("shortfall_14", n(c.shortfall14)),
                     ("due_30", n(c.due30)), ("capacity_30", n(c.capacity30)), ("shortfall_30", n(c.shortfall30)),
                     ("status", .string(c.status.label)), ("status_code", n(c.status.rawValue))])
        }
        func count(_ status: ShortageStatus, _ side: (ShortageAssessment.Line) -> CapacityCheck) -> JSONValue {
            n(a.lines.filter { side($0).status == status }.count)
        }
        func total(_ value: (CapacityCheck) -> Int, _ side: (ShortageAssessment.Line) -> CapacityCheck) -> JSONValue {
            n(a.lines.reduce(0) { $0 + value(side($1)) })
        }
        let administrations: [(String, JSONValue)] = a.administrations.map { administration in
            let lines = a.lines(of: administration)
            let before = lines.map(\.before.status).max() ?? .managesAll
            let after = lines.map(\.after.status).max() ?? .managesAll
            return (administration, .object([
                ("status_before", n(before.rawValue)), ("status_after", n(after.rawValue)),
                ("label_before", .string(before.label)), ("label_after", .string(after.label)),
                ("specialties", .object(lines.map { ($0.specialty, .object([("before", check($0.before)),
                                                                             ("after", check($0.after))])) })),
            ]))
        }
        let late = a.prioritisation.entries.reduce(0) { $0 + $1.late }
        return .object([
            ("scenario", .string(scenario)),
            ("report", .string(report)),
            ("date", .string(a.date.description)),
            ("days", n(a.days)),
            ("specialties", .array(a.specialties.map { .string($0) })),
            ("not_reported", .array(a.notReported.map { .string($0) })),
            ("capacity_shortage", .bool(a.capacityShortage)),
            ("kpis", .object([
                ("capacity_shortage", n(a.capacityShortage ? 1 : 0)),
                ("lines_failing_14", .object([("before", count(.fails14, \.before)), ("after", count(.fails14, \.after))])),
                ("lines_failing_30", .object([("before", count(.fails30, \.before)), ("after", count(.fails30, \.after))])),
                ("shortfall_14", .object([("before", total(\.shortfall14, \.before)), ("after", total(\.shortfall14, \.after))])),
                ("shortfall_30", .object([("before", total(\.shortfall30, \.before)), ("after", total(\.shortfall30, \.after))])),
                ("moved", .object([
                    ("other_administration", n(a.redistribution.total(kind: "other_administration"))),
                    ("region_contract", n(a.redistribution.total(kind: "region_contract"))),
                    ("other_region_contract", n(a.redistribution.total(kind: "other_region_contract"))),
                ])),
                ("late_after_30", n(late)),
            ])),
            ("administrations", .object(administrations)),
            ("region", .object(a.regionLines.map { ($0.specialty, .object([("before", check($0.before)),
                                                                            ("after", check($0.after))])) })),
            ("rooms_needed", .object(a.prioritisation.rooms.map { rooms in
                (rooms.specialty, .object([("late_14", n(rooms.late14)), ("rooms_14", rooms.rooms14.map(n) ?? .null),
                                           ("late_30", n(rooms.late30)), ("rooms_30", rooms.rooms30.map(n) ?? .null)]))
            })),
            ("inputs", .array(inputs.map {
                .object([("path", .string($0.path)), ("sha256", .string($0.sha256)), ("bytes", n($0.bytes))])
            })),
        ])
    }

    // MARK: - The terminal

    /// Text columns (`left`) left-aligned, numbers right-aligned, two spaces between columns.
    static func layout(_ rows: [[String]], left: Set<Int>) -> [String] {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max()! }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return left.contains(c) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    static func status(_ status: ShortageStatus?, _ specialties: [String]) -> String {
        guard let status else { return "" }
        return specialties.isEmpty ? status.label : "\(status.label) (\(specialties.joined(separator: ", ")))"
    }

    /// The classification in the template's layout, then the numbers per administration
    /// and specialty, the proposal, the prioritisation list and the checklist.
    public static func printed(_ a: ShortageAssessment) -> String {
        var out: [String] = []
        out.append("Kapacitetsbedömning \(a.date) (\(a.days) dagar): "
                   + (a.capacityShortage ? "KAPACITETSBRIST — operationer med måldatum inom 30 dagar riskerar att inte genomföras"
                                         : "ingen kapacitetsbrist"))
        out.append("")
        let names = a.specialties.map { $0.prefix(1).uppercased() + $0.dropFirst() }
        var rows: [[String]] = [["Ansvarig", "Operationsavd", "Op-salar", "Bemannade"] + names + ["Disponibla", "Före", "Efter omfördelning"]]
        func worst(_ lines: [ShortageAssessment.Line], _ side: (ShortageAssessment.Line) -> CapacityCheck) -> String {
            let top = lines.map { side($0).status }.max() ?? .managesAll
            return status(top, top == .managesAll ? [] : lines.filter { side($0).status == top }.map(\.specialty))
        }
        func sum(_ values: [Int?]) -> String { values.allSatisfy { $0 == nil } ? "" : String(values.compactMap { $0 }.reduce(0, +)) }
        for administration in a.administrations {
            let sites = a.sites.filter { $0.administration == administration }
            for site in sites {
                guard let report = site.report, report.reported else {
                    rows.append([administration, site.name, "", "", ] + names.map { _ in "" } + ["", "ej rapporterad", ""])
                    continue
                }
                rows.append([administration, site.name, text(report.operatingRooms), text(report.staffedRooms)]
                            + a.specialties.map { text(report.rooms[$0]) } + [text(report.availableRooms),
                                                                             status(site.before, site.beforeSpecialties),
                                                                             status(site.after, site.afterSpecialties)])
            }
            let reports = sites.compactMap(\.report)
            let lines = a.lines(of: administration)
            rows.append([administration, "Summa \(administration)", sum(reports.map(\.operatingRooms)), sum(reports.map(\.staffedRooms))]
                        + a.specialties.map { s in sum(reports.map { $0.rooms[s] }) }
                        + [sum(reports.map(\.availableRooms)), worst(lines, \.before), worst(lines, \.after)])
        }
        let reports = a.sites.compactMap(\.report)
        rows.append(["", "Summa \(a.region)", sum(reports.map(\.operatingRooms)), sum(reports.map(\.staffedRooms))]
                    + a.specialties.map { s in sum(reports.map { $0.rooms[s] }) }
                    + [sum(reports.map(\.availableRooms)), worst(a.regionLines, \.before), worst(a.regionLines, \.after)])
        out += layout(rows, left: [0, 1, rows[0].count - 2, rows[0].count - 1])

        out.append("")
        out.append("Per förvaltning och specialitet (patienter med måldatum inom 14 / 30 dagar, egen kapacitet; efter omfördelning):")
        var detail: [[String]] = [["Förvaltning", "Spec", "Mål≤14", "Kap≤14", "Brist≤14", "Mål≤30", "Kap≤30", "Brist≤30",
                                   "Efter: brist≤14", "brist≤30", "Före", "Efter"]]
        for line in a.lines + a.regionLines where line.before.due30 > 0 || line.before.capacity30 > 0 {
            let b = line.before, f = line.after
            detail.append([line.administration ?? "Summa \(a.region)", line.specialty, String(b.due14), String(b.capacity14),
                           String(b.shortfall14), String(b.due30), String(b.capacity30), String(b.shortfall30),
                           String(f.shortfall14), String(f.shortfall30), b.status.label, f.status.label])
        }
        out += layout(detail, left: [0, 1, 10, 11])

        out.append("")
        var totals: [[String]: (patients: Int, first: Day, last: Day)] = [:]
        var order: [[String]] = []
        for move in a.redistribution.moves {
            let key = [move.administration, move.specialty, move.priority, move.providerName,
                       move.receivingAdministration.map { "förvaltning \($0)" } ?? Redistribution.label(kind: move.kind)]
            if let existing = totals[key] {
                totals[key] = (existing.patients + move.patients, min(existing.first, move.date), max(existing.last, move.date))
            } else {
                totals[key] = (move.patients, move.date, move.date)
                order.append(key)
            }
        }
        if order.isEmpty {
            out.append("Omfördelningsförslag: ingen omfördelning behövs")
        } else {
            out.append("Omfördelningsförslag (per dag i redistribution.csv):")
            var proposal: [[String]] = [["Från", "Spec", "Prio", "Till", "", "Patienter", "Dagar"]]
            // Priority groups in numeric order (7 before 14), other ids after them.
            func sortKey(_ key: [String]) -> [String] {
                [key[0], key[1], Int(key[2]).map { String(format: "%09d", $0) } ?? "~" + key[2], key[3], key[4]]
            }
            for key in order.sorted(by: { sortKey($0).lexicographicallyPrecedes(sortKey($1)) }) {
                let total = totals[key]!
                proposal.append(key + [String(total.patients), "\(total.first) – \(total.last)"])
            }
            out += layout(proposal, left: [0, 1, 2, 3, 4, 6])
        }

        out.append("")
        if a.prioritisation.entries.isEmpty {
            out.append("Horisontell prioritering: behövs ej — alla med måldatum inom 30 dagar behandlas i tid efter omfördelning")
        } else {
            out.append("Horisontell prioritering (kohorter som inte hinner behandlas i tid, prioritetsgrupp först, sedan förseningen):")
            var list: [[String]] = [["#", "Förvaltning", "Spec", "Prio", "Sena", "Ej behandlade", "Dagar sena", "Mest sen"]]
            for (i, entry) in a.prioritisation.entries.enumerated() {
                list.append([String(i + 1), entry.administration, entry.specialty, entry.priority, String(entry.late),
                             String(entry.untreated), String(entry.daysLate), String(entry.mostDaysLate)])
            }
            out += layout(list, left: [1, 2, 3])
            out.append("Salar som skulle behövas för att behandla dem i tid: "
                       + a.prioritisation.rooms.filter { $0.late30 > 0 }.map { rooms in
                           "\(rooms.specialty) \(rooms.rooms30.map(String.init) ?? "–") (inom 14 dagar \(rooms.rooms14.map(String.init) ?? "–"))"
                       }.joined(separator: ", "))
        }

        out.append("")
        out.append("Checklista (svar från data ifyllda; övriga lämnas till verksamheten):")
        for item in a.checklist {
            let answer = item.answer.isEmpty ? "[ ]" : item.answer
            out.append("  \(item.level) \(item.scope): \(item.question) \(answer)" + (item.comment.isEmpty ? "" : " — \(item.comment)"))
        }
        if !a.notReported.isEmpty {
            out.append("")
            out.append("Ej rapporterade (ingen kapacitet räknad): " + a.notReported.joined(separator: ", "))
        }
        return out.joined(separator: "\n")
    }
}
