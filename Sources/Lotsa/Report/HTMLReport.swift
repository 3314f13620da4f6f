import Foundation

/// `report.html`: one self-contained page per proposal, or proposals side by
/// side, for the production chiefs' group. Readable offline and printable: styles
/// inline, charts as inline SVG, no script, no font or image from anywhere else.
/// Headings are Swedish where the region's routines use the word (väntelista,
/// egenregi, leveransplaner, behovsanalys, missiv); docs/report.md gives the English.
///
/// Every section holds one chart per proposal (`<figure class="chart">`), so a
/// single report has exactly one chart per section.
public enum HTMLReport {
    /// The sections, in page order: id and heading.
    public static let sections: [(id: String, title: String)] = [
        ("waiting", "Väntelista och överskridna per prioritetsgrupp"),
        ("sources", "Behandlade per källa och förvaltning"),
        ("providers", "Volymer per vårdgivare (missiv)"),
        ("gap", "Behovsanalys: gap per specialitet"),
        ("deliveries", "Leveransplaner per vecka"),
        ("capacity", "Kapacitetsutnyttjande och knappaste resurser"),
    ]

    static let sourceParts: [(name: String, color: String)] = [
        ("egenregi", "#1b6ca8"), ("överföring mellan förvaltningar", "#edae49"),
        ("VGR:s egna avtal", "#66a182"), ("andra regioners avtal", "#d1495b"),
    ]

    /// Reads the files already staged in `folder` and adds `report.html` to them
    /// (`plan --report`, `run --report`), so the report shows exactly those files.
    public static func write(into folder: OutputFolder) throws(OutputError) {
        var outputs: PlanOutputs
        do {
            outputs = try PlanOutputs.load(folder.staging, displayPath: DisplayPath.of(folder.destination))
            // The folder the report will live in, not the staging folder it is built in.
            outputs.folder = folder.destination
        } catch {
            throw OutputError(path: DisplayPath.of(folder.destination.appendingPathComponent("report.html")),
                              message: "cannot build the report: \(error.description)")
        }
        try folder.write(render([outputs]), to: "report.html")
    }

    /// The page for one proposal, or for several side by side with differences highlighted.
    public static func render(_ proposals: [PlanOutputs]) -> String {
        let comparison = Comparison(proposals, rates: proposals.map { _ in nil })
        let names = comparison.proposals
        let title = proposals.count == 1 ? "Lotsa: \(names[0])" : "Lotsa: jämförelse av förslag – " + names.joined(separator: ", ")
        var html = "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(SVGChart.escape(title))</title>\n<style>\(style)</style>\n</head>\n<body>\n"
        html += "<h1>\(SVGChart.escape(title))</h1>\n"
        let first = proposals[0]
        let horizon = [first.summary.value(at: "horizon.start"), first.summary.value(at: "horizon.end")]
            .compactMap { if case .string(let text)? = $0 { text } else { nil } }.joined(separator: " – ")
        html += "<p class=\"lead\">Planeringsperiod \(SVGChart.escape(horizon)). "
            + (proposals.count == 1 ? "Ett förslag." : "\(proposals.count) förslag sida vid sida; skillnader mot det första är markerade.")
            + "</p>\n"
        html += keyFigures(comparison)
        for section in sections {
            html += "<section id=\"\(section.id)\">\n<h2>\(SVGChart.escape(section.title))</h2>\n"
            html += "<div class=\"side n\(min(proposals.count, 3))\">\n"
            for (index, outputs) in proposals.enumerated() {
                let baseline = index == 0 ? nil : proposals[0]
                html += "<figure class=\"chart\" data-chart=\"\(section.id)\">\n"
                html += "<figcaption>\(SVGChart.escape(names[index]))</figcaption>\n"
                html += chart(section.id, outputs, baseline: baseline)
                html += "\n</figure>\n"
            }
            html += "</div>\n"
            if section.id == "capacity" { html += scarcestSlots(proposals, names: names) }
            html += "</section>\n"
        }
        if proposals.count > 1 { html += missivDifferences(comparison) }
        // Folder names, not paths: the same outputs give the same page wherever they are.
        html += "<footer>Skapad av Lotsa från utdatamapparna: "
            + proposals.map { SVGChart.escape($0.folder.lastPathComponent) }.joined(separator: ", ") + ".</footer>\n"
        return html + "</body>\n</html>\n"
    }

    // MARK: - Sections

    static func chart(_ id: String, _ outputs: PlanOutputs, baseline: PlanOutputs?) -> String {
        switch id {
        case "waiting":
            let weeks = outputs.weeks
            let index = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1, $0) })
            var series: [SVGChart.Series] = []
            for (number, priority) in outputs.priorities.enumerated() {
                var waiting = [Double](repeating: 0, count: weeks.count), overdue = waiting
                for point in outputs.waiting where point.priority == priority {
                    waiting[index[point.week]!] += point.waiting
                    overdue[index[point.week]!] += point.overdue
                }
                let color = SVGChart.palette[number % SVGChart.palette.count]
                series.append(.init(name: "väntande \(priority)", values: waiting, color: color))
                series.append(.init(name: "överskridna \(priority)", values: overdue, color: color, dashed: true))
            }
            return SVGChart.lines(series, weeks: weeks, label: "Väntande och överskridna per vecka och prioritetsgrupp")
        case "sources":
            let bars = sourceBars(outputs)
            return SVGChart.stackedBars(bars, parts: sourceParts, label: "Behandlade per källa och förvaltning",
                                        highlight: changed(bars.map { ($0.label, $0.parts) }, baseline.map(sourceBars)))
        case "providers":
            let bars = providerBars(outputs)
            return SVGChart.stackedBars(bars.map { ($0.label, [$0.value]) }, parts: [("missivvolym", "#1b6ca8")],
                                        label: "Årsvolym per vårdgivare",
                                        highlight: changed(bars.map { ($0.label, [$0.value]) }, baseline.map { providerBars($0).map { ($0.label, [$0.value]) } }))
        case "gap":
            let bars = gapBars(outputs)
            return SVGChart.signedBars(bars, label: "Behov minus egen kapacitet per specialitet",
                                       highlight: changed(bars.map { ($0.label, [$0.value]) }, baseline.map { gapBars($0).map { ($0.label, [$0.value]) } }))
        case "deliveries":
            let weeks = outputs.weeks
            let index = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1, $0) })
            var order: [String] = [], rows: [String: [Double]] = [:]
            for point in outputs.deliveries where point.planned != 0 {
                if rows[point.provider] == nil { order.append(point.provider); rows[point.provider] = [Double](repeating: 0, count: weeks.count) }
                if let column = index[point.week] { rows[point.provider]![column] += point.planned }
            }
            return SVGChart.heatMap(rows: order.map { ($0, rows[$0]!) }, weeks: weeks, label: "Planerade fall per vårdgivare och vecka")
        default:
            let bars = capacityBars(outputs)
            return SVGChart.stackedBars(bars, parts: [("utnyttjad", "#1b6ca8"), ("ledig", "#d9e4ee")],
                                        label: "Kapacitet per vårdgivare: utnyttjad och ledig",
                                        highlight: changed(bars.map { ($0.label, $0.parts) }, baseline.map(capacityBars)))
        }
    }

    static func sourceBars(_ outputs: PlanOutputs) -> [(label: String, parts: [Double])] {
        var order: [String] = [], parts: [String: [Double]] = [:]
        for line in outputs.needs {
            if parts[line.administration] == nil { order.append(line.administration); parts[line.administration] = [0, 0, 0, 0] }
            parts[line.administration]![0] += line.treatedOwn
            parts[line.administration]![1] += line.internalTransfers
            parts[line.administration]![2] += line.regionContracts
            parts[line.administration]![3] += line.otherRegionContracts
        }
        return order.map { ($0, parts[$0]!) }
    }

    static func providerBars(_ outputs: PlanOutputs) -> [(label: String, value: Double)] {
        var order: [String] = [], volume: [String: Double] = [:]
        for line in outputs.missiv {
            if volume[line.provider] == nil { order.append(line.provider) }
            volume[line.provider, default: 0] += line.volume
        }
        return order.map { ($0, volume[$0]!) }
    }

    static func gapBars(_ outputs: PlanOutputs) -> [(label: String, value: Double)] {
        var order: [String] = [], gap: [String: Double] = [:]
        for line in outputs.needs {
            if gap[line.specialty] == nil { order.append(line.specialty) }
            gap[line.specialty, default: 0] += line.gap
        }
        return order.map { ($0, gap[$0]!) }
    }

    static func capacityBars(_ outputs: PlanOutputs) -> [(label: String, parts: [Double])] {
        var order: [String] = [], sums: [String: (Double, Double)] = [:]
        for point in outputs.capacity {
            if sums[point.provider] == nil { order.append(point.provider); sums[point.provider] = (0, 0) }
            sums[point.provider]!.0 += point.used
            sums[point.provider]!.1 += point.capacity
        }
        return order.map { ($0, [sums[$0]!.0, max(0, sums[$0]!.1 - sums[$0]!.0)]) }
    }

    /// Labels whose values differ from the first proposal's (all labels new to it count as changed).
    static func changed(_ bars: [(String, [Double])], _ baseline: [(String, [Double])]?) -> Set<String> {
        guard let baseline else { return [] }
        let before = Dictionary(baseline.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        return Set(bars.filter { label, values in
            guard let old = before[label] else { return true }
            return zip(old, values).contains { abs($0 - $1) > 1e-6 } || old.count != values.count
        }.map(\.0))
    }

    // MARK: - Tables

    static func keyFigures(_ comparison: Comparison) -> String {
        let several = comparison.proposals.count > 1
        var html = "<section id=\"figures\">\n<h2>Nyckeltal</h2>\n<table>\n<thead><tr><th>mått</th>"
        html += comparison.proposals.map { "<th>\(SVGChart.escape($0))</th>" }.joined()
        html += several ? "<th>\(comparison.differenceTitle == "difference" ? "skillnad" : "spridning")</th>" : ""
        html += "</tr></thead>\n<tbody>\n"
        for row in comparison.rows where row.scope == "region" {
            html += "<tr\(several && row.differs ? " class=\"changed\"" : "")><td>\(SVGChart.escape(swedish(row.measure)))</td>"
            html += row.values.map { "<td class=\"num\">\(Comparison.format($0))</td>" }.joined()
            html += several ? "<td class=\"num\">\(Comparison.format(row.difference))</td>" : ""
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    /// Measure names as the region's documents say them.
    static func swedish(_ measure: String) -> String {
        let words: [(String, String)] = [
            ("treated own administration", "behandlade i egenregi"),
            ("treated internal transfers", "överförda mellan förvaltningar"),
            ("treated region contracts", "VGR:s egna avtal"),
            ("treated other regions' contracts", "andra regioners avtal"),
            ("overdue patient-weeks", "överskridna patientveckor"),
            ("beyond guarantee at end", "utanför vårdgarantin vid årets slut"),
            ("internal transfers (case-km)", "överföringar (fall × km)"),
            ("cost", "kostnad (kr)"),
            ("tier", "nivå"),
        ]
        for (english, swedish) in words where measure.hasPrefix(english) {
            return swedish + measure.dropFirst(english.count)
        }
        return measure
    }

    static func scarcestSlots(_ proposals: [PlanOutputs], names: [String]) -> String {
        var html = "<div class=\"side n\(min(proposals.count, 3))\">\n"
        for (index, outputs) in proposals.enumerated() {
            let scarce = outputs.capacity.enumerated().filter { $0.element.shadowPrice > 0 }
                .sorted { $0.element.shadowPrice != $1.element.shadowPrice ? $0.element.shadowPrice > $1.element.shadowPrice : $0.offset < $1.offset }
                .prefix(10).map(\.element)
            html += "<table class=\"slots\"><caption>Knappaste resurser (skuggpris), \(SVGChart.escape(names[index]))</caption>\n"
            html += "<thead><tr><th>vårdgivare</th><th>specialitet</th><th>vecka</th><th>kapacitet</th><th>utnyttjad</th><th>skuggpris</th></tr></thead>\n<tbody>\n"
            if scarce.isEmpty { html += "<tr><td colspan=\"6\">Ingen kapacitet är knapp.</td></tr>\n" }
            for slot in scarce {
                html += "<tr><td>\(SVGChart.escape(slot.provider))</td><td>\(SVGChart.escape(slot.specialty))</td><td>\(SVGChart.escape(slot.week))</td>"
                    + "<td class=\"num\">\(Comparison.format(slot.capacity))</td><td class=\"num\">\(Comparison.format(slot.used))</td>"
                    + "<td class=\"num\">\(Comparison.format(slot.shadowPrice))</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html + "</div>\n"
    }

    static func missivDifferences(_ comparison: Comparison) -> String {
        var html = "<section id=\"missiv\">\n<h2>Missivrader som skiljer mest</h2>\n<table>\n<thead><tr><th>förvaltning</th><th>vårdgivare</th><th>specialitet</th>"
        html += comparison.proposals.map { "<th>\(SVGChart.escape($0))</th>" }.joined() + "<th>spridning</th></tr></thead>\n<tbody>\n"
        if comparison.missivDifferences.isEmpty { html += "<tr><td colspan=\"\(4 + comparison.proposals.count)\">Inga skillnader.</td></tr>\n" }
        for line in comparison.missivDifferences {
            html += "<tr class=\"changed\"><td>\(SVGChart.escape(line.administration))</td><td>\(SVGChart.escape(line.provider))</td><td>\(SVGChart.escape(line.specialty))</td>"
            html += line.volumes.map { "<td class=\"num\">\(Comparison.format($0))</td>" }.joined()
            html += "<td class=\"num\">\(Comparison.format(line.spread))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#222;margin:24px auto;max-width:1500px;padding:0 16px}
    h1{font-size:1.5em;margin-bottom:4px}h2{font-size:1.15em;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}
    .lead{color:#555;margin-top:0}table{border-collapse:collapse;font-size:13px;margin:8px 0}
    th,td{border-bottom:1px solid #e2e2e2;padding:3px 8px;text-align:left}th{background:#f4f6f8}
    td.num{text-align:right;font-variant-numeric:tabular-nums}tr.changed td{background:#fff3cd;font-weight:600}
    caption{text-align:left;font-weight:600;padding:4px 0}.side{display:grid;gap:16px;align-items:start}
    .side.n1{grid-template-columns:1fr}.side.n2{grid-template-columns:1fr 1fr}.side.n3{grid-template-columns:1fr 1fr 1fr}
    figure{margin:0}figcaption{font-weight:600;font-size:13px;margin-bottom:2px}
    svg text{font-size:11px;fill:#333}svg .tick{font-size:10px;fill:#666}svg .small{font-size:9px}
    svg .grid{stroke:#e5e5e5}svg .axis{stroke:#888}svg .changed{fill:#b8860b;font-weight:700}
    footer{margin-top:32px;color:#777;font-size:12px}
    @media print{body{margin:0;max-width:none}section{break-inside:avoid}h2{break-after:avoid}}
    """
}
