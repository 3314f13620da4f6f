import Foundation

/// Proposals side by side (`lotsa compare`): for the region and for each
/// administration the tier values, patients treated per source, overdue
/// patient-weeks per priority group, patients beyond the guarantee at the end,
/// cost and internal transfers in case-km; then the missiv lines that differ most.
public struct Comparison: Sendable {
    /// One measure of one scope (the region or an administration), per proposal.
    public struct Row: Sendable, Equatable {
        /// "region" or the administration's id.
        public var scope: String
        public var measure: String
        /// Per proposal, in the order given; nil where the files cannot tell.
        public var values: [Double?]

        /// Second minus first for two proposals, max minus min for more; nil when
        /// a value is unknown.
        public var difference: Double? {
            let known = values.compactMap { $0 }
            guard known.count == values.count, known.count > 1 else { return known.count == 1 && values.count == 1 ? 0 : nil }
            if known.count == 2 { return known[1] - known[0] }
            return known.max()! - known.min()!
        }

        /// Whether the proposals disagree (beyond rounding of the CSV files).
        public var differs: Bool { (difference.map { abs($0) > 1e-6 }) ?? false }
    }

    /// A missiv line (administration × provider × specialty) and its annual
    /// volume in each proposal (0 where a proposal has no such line).
    public struct MissivDifference: Sendable, Equatable {
        public var administration: String
        public var provider: String
        public var specialty: String
        public var volumes: [Double]
        public var spread: Double { (volumes.max() ?? 0) - (volumes.min() ?? 0) }
    }

    public var proposals: [String]
    public var rows: [Row]
    public var missivDifferences: [MissivDifference]

    /// Rows with a difference between the proposals.
    public var differingRows: [Row] { rows.filter(\.differs) }

    /// `rates[i]` (prices, distances) gives the per-administration cost and case-km of proposal i.
    public init(_ outputs: [PlanOutputs], rates: [ModelRates?], missivLines: Int = 15) {
        proposals = Self.uniqueNames(outputs.map(\.scenario))
        var rows: [Row] = []
        // Tiers: the union of names, in the first proposal's order.
        var tierNames: [String] = []
        for output in outputs { for tier in output.tiers where !tierNames.contains(tier.name) { tierNames.append(tier.name) } }
        for name in tierNames {
            rows.append(Row(scope: "region", measure: "tier \(name)",
                            values: outputs.map { output in output.tiers.first { $0.name == name }?.value }))
        }
        var priorities: [String] = []
        for output in outputs { for priority in output.priorities where !priorities.contains(priority) { priorities.append(priority) } }
        rows += Self.figureRows(scope: "region", outputs.map(ProposalFigures.region), priorities: priorities)
        var administrations: [String] = []
        for output in outputs {
            for line in output.needs where !administrations.contains(line.administration) { administrations.append(line.administration) }
        }
        for administration in administrations {
            let figures = zip(outputs, rates).map { ProposalFigures.from($0, administration: administration, rates: $1) }
            rows += Self.figureRows(scope: administration, figures, priorities: priorities)
        }
        self.rows = rows

        struct Key: Hashable { var administration: String; var provider: String; var specialty: String }
        var volumes: [Key: [Double]] = [:]
        var order: [Key] = []
        for (index, output) in outputs.enumerated() {
            for line in output.missiv {
                let key = Key(administration: line.administration, provider: line.provider, specialty: line.specialty)
                if volumes[key] == nil { order.append(key); volumes[key] = [Double](repeating: 0, count: outputs.count) }
                volumes[key]![index] += line.volume
            }
        }
        let lines = order.map {
            MissivDifference(administration: $0.administration, provider: $0.provider, specialty: $0.specialty, volumes: volumes[$0]!)
        }.filter { $0.spread > 0 }
        // Largest spread first; ties in the files' order, so the output is deterministic.
        missivDifferences = Array(lines.enumerated().sorted { a, b in
            a.element.spread != b.element.spread ? a.element.spread > b.element.spread : a.offset < b.offset
        }.map(\.element).prefix(missivLines))
    }

    static func figureRows(scope: String, _ figures: [ProposalFigures], priorities: [String]) -> [Row] {
        var rows = [
            Row(scope: scope, measure: "treated own administration", values: figures.map(\.treatedOwn)),
            Row(scope: scope, measure: "treated internal transfers", values: figures.map(\.treatedTransfers)),
            Row(scope: scope, measure: "treated region contracts", values: figures.map(\.treatedRegionContracts)),
            Row(scope: scope, measure: "treated other regions' contracts", values: figures.map(\.treatedOtherRegions)),
        ]
        for priority in priorities {
            rows.append(Row(scope: scope, measure: "overdue patient-weeks \(priority)",
                            values: figures.map { $0.overduePatientWeeks[priority] }))
        }
        rows.append(Row(scope: scope, measure: "beyond guarantee at end", values: figures.map(\.beyondGuaranteeAtEnd)))
        rows.append(Row(scope: scope, measure: "cost", values: figures.map(\.cost)))
        rows.append(Row(scope: scope, measure: "internal transfers (case-km)", values: figures.map(\.transferCaseKm)))
        return rows
    }

    /// Scenario names made unique (the same scenario twice becomes `x`, `x (2)`).
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return names.map { name in
            seen[name, default: 0] += 1
            return seen[name]! == 1 ? name : "\(name) (\(seen[name]!))"
        }
    }

    var differenceTitle: String { proposals.count == 2 ? "difference" : "spread" }

    static func format(_ value: Double?) -> String {
        value.map { NumberFormat.csv($0, decimals: 1) } ?? "–"
    }

    // MARK: - Renderings

    /// comparison.csv: one row per scope and measure, a column per proposal.
    public func csv() -> String {
        var out = CSVWriter(header: ["scope", "measure"] + proposals + [differenceTitle])
        for row in rows {
            out.append([row.scope, row.measure] + row.values.map { $0.map { NumberFormat.csv($0) } ?? "" }
                       + [row.difference.map { NumberFormat.csv($0) } ?? ""])
        }
        return out.contents
    }

    /// missiv_differences.csv: the lines that differ most.
    public func missivCSV() -> String {
        var out = CSVWriter(header: ["administration", "provider", "specialty"] + proposals + ["spread"])
        for line in missivDifferences {
            out.append([line.administration, line.provider, line.specialty] + line.volumes.map { NumberFormat.csv($0) }
                       + [NumberFormat.csv(line.spread)])
        }
        return out.contents
    }

    /// comparison.md: the same tables in Markdown, one section per scope.
    public func markdown() -> String {
        var out = "# Comparison: \(proposals.joined(separator: " · "))\n"
        for (scope, rows) in groupedRows() {
            out += "\n## \(scope == "region" ? "Region" : scope)\n\n"
            out += TextTable.markdown(header: ["measure"] + proposals + [differenceTitle],
                                      rows: rows.map { row in
                [row.measure] + row.values.map(Self.format) + [row.differs ? "**\(Self.format(row.difference))**" : Self.format(row.difference)]
            })
        }
        out += "\n## Missiv lines that differ most\n\n"
        if missivDifferences.isEmpty {
            out += "No missiv line differs.\n"
        } else {
            out += TextTable.markdown(header: ["administration", "provider", "specialty"] + proposals + ["spread"],
                                      textColumns: 3, rows: missivDifferences.map { line in
                [line.administration, line.provider, line.specialty] + line.volumes.map(Self.format) + [Self.format(line.spread)]
            })
        }
        return out
    }

    /// What the terminal shows: the region and every administration, differing
    /// rows marked with `*`, then the missiv lines.
    public func text() -> String {
        var out = ""
        let differing = differingRows.count
        out += differing == 0 ? "No differences between \(proposals.joined(separator: " and ")).\n"
                              : "\(differing) of \(rows.count) figures differ (marked *).\n"
        for (scope, rows) in groupedRows() {
            out += "\n\(scope == "region" ? "Region" : "Administration \(scope)")\n"
            out += TextTable.aligned(header: ["", "measure"] + proposals + [differenceTitle], rows: rows.map { row in
                [row.differs ? "*" : "", row.measure] + row.values.map(Self.format) + [Self.format(row.difference)]
            })
        }
        out += "\nMissiv lines that differ most\n"
        if missivDifferences.isEmpty {
            out += "  none\n"
        } else {
            out += TextTable.aligned(header: ["administration", "provider", "specialty"] + proposals + ["spread"],
                                     rows: missivDifferences.map { line in
                [line.administration, line.provider, line.specialty] + line.volumes.map(Self.format) + [Self.format(line.spread)]
            })
        }
        return out
    }

    func groupedRows() -> [(String, [Row])] {
        var groups: [(String, [Row])] = []
        for row in rows {
            if groups.last?.0 == row.scope { groups[groups.count - 1].1.append(row) } else { groups.append((row.scope, [row])) }
        }
        return groups
    }
}

/// Plain tables for the terminal and Markdown. Lotsa's own (30 lines) rather than
/// ordo-one/TextTable: that package maps a fixed set of columns per type, while a
/// comparison has one column per proposal (README "Dependencies").
enum TextTable {
    /// Columns padded to their widest cell; text left, numbers right.
    static func aligned(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func numeric(_ column: Int) -> Bool {
            rows.allSatisfy { row in let cell = row[column]; return cell.isEmpty || cell == "–" || Double(cell) != nil }
        }
        let rightAligned = header.indices.map(numeric)
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned[column] ? pad + cell : cell + pad
            }
            return "  " + padded.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    /// The first `textColumns` columns left-aligned, the rest (numbers) right-aligned.
    static func markdown(header: [String], textColumns: Int = 1, rows: [[String]]) -> String {
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        var out = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 < textColumns ? " --- |" : " ---: |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return out
    }
}
