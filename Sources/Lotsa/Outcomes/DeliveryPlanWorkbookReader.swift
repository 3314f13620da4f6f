import Foundation

/// Reads the "utfall" rows of a `delivery_plans.xlsx` that people have typed the
/// patients actually sent into — as Lotsa wrote it, or after Excel or LibreOffice
/// re-saved it (which rewrites strings, numbers, cell order and styles).
///
/// A provider sheet is recognised by `A1` = `provider`; its provider is the id in
/// `B1`, never the sheet name (which Excel's rules may have shortened, see
/// ``SheetNames``). The weeks are the labels of the header row (`administration,
/// specialty, row, 2026-W14, …, total`). Empty utfall cells are weeks not yet
/// reported and give no entry.
///
/// ```swift
/// let entries = try DeliveryPlanWorkbookReader.read(URL(fileURLWithPath: "out/x/delivery_plans.xlsx"))
/// // [Entry(administration: "SU", provider: "vanerkliniken", specialty: "ort", week: "2026-W20", sent: 12, …)]
/// ```
///
/// Errors name the sheet and cell (`delivery_plans.xlsx:vanerkliniken!AF7`) and
/// what was expected; one bad cell rejects the whole workbook.
public enum DeliveryPlanWorkbookReader {
    /// One reported week of one line.
    public struct Entry: Sendable, Hashable {
        public var administration: String
        /// The provider's id (from the sheet's `B1`).
        public var provider: String
        public var specialty: String
        /// The column's label, as in delivery_plans.csv (`2026-W20`).
        public var week: String
        /// Patients sent that week.
        public var sent: Int
        /// Referrals returned that week (an optional `returned` row under utfall, as a
        /// re-plan writes for lines that had returns); 0 without one.
        public var returned: Int = 0
        /// Where it was read, for diagnostics: `vanerkliniken!AF7`.
        public var cell: String

        /// The week, when the label is an ISO week.
        public var isoWeek: ISOWeek? { ISOWeek(iso: week) }
    }

    /// The largest count accepted in a cell.
    static let largest = 1_000_000_000

    /// Every filled-in utfall cell of the workbook at `url`, sheet by sheet, row by
    /// row, week by week. `displayPath` is how diagnostics show the file.
    public static func read(_ url: URL, displayPath: String? = nil) throws(InputError) -> [Entry] {
        let path = displayPath ?? DisplayPath.of(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: path), "missing file", expected: "a delivery_plans.xlsx workbook",
                             found: "no such file", kind: .missingFile)
        }
        let workbook: XLSXCells
        do { workbook = try XLSXCells(url: url) } catch {
            throw InputError(SourceLocation(file: path), error.message, expected: "a delivery_plans.xlsx workbook",
                             found: error.found)
        }

        var entries: [Entry] = []
        var seen: [String: String] = [:]
        for sheet in workbook.sheets where sheet.text(0, 0) == DeliveryPlanWorkbook.providerLabel {
            func location(_ row: Int, _ column: Int) -> (SourceLocation, String) {
                let cell = CellReference(row: row, column: column).qualified(bySheet: sheet.name)
                return (SourceLocation(file: path + ":" + cell), cell)
            }
            guard let provider = sheet.text(0, 1)?.trimmingCharacters(in: .whitespaces), !provider.isEmpty else {
                throw InputError(location(0, 1).0, "no provider id", expected: "the provider's id next to 'provider'",
                                 found: "an empty cell")
            }
            let lastRow = sheet.cells.keys.map(\.row).max() ?? 0
            guard let header = (0...lastRow).first(where: {
                sheet.text($0, 0) == DeliveryPlanWorkbook.administrationHeader
            }) else {
                throw InputError(location(DeliveryPlanWorkbook.headerRow, 0).0, "no header row",
                                 expected: "a row 'administration, specialty, row, <weeks>…, total'")
            }
            var weeks: [(column: Int, label: String)] = []
            var column = DeliveryPlanWorkbook.firstWeekColumn
            while let label = sheet.text(header, column)?.trimmingCharacters(in: .whitespaces), !label.isEmpty,
                  label != DeliveryPlanWorkbook.totalHeader {
                weeks.append((column, label))
                column += 1
            }

            func label(_ row: Int) -> String? { sheet.text(row, 2)?.trimmingCharacters(in: .whitespaces) }
            // Returned rows, by administration and specialty.
            var returnedRows: [String: Int] = [:]
            for row in (header + 1)...max(header + 1, lastRow) where label(row) == DeliveryPlanWorkbook.returnedRow {
                let administration = sheet.text(row, 0)?.trimmingCharacters(in: .whitespaces) ?? ""
                let specialty = sheet.text(row, 1)?.trimmingCharacters(in: .whitespaces) ?? ""
                returnedRows["\(administration)\u{0}\(specialty)"] = row
            }
            for row in (header + 1)...max(header + 1, lastRow) where label(row) == DeliveryPlanWorkbook.outcomeRow {
                guard let administration = sheet.text(row, 0)?.trimmingCharacters(in: .whitespaces),
                      !administration.isEmpty else {
                    throw InputError(location(row, 0).0, "utfall row without an administration",
                                     expected: "the sending administration's id", found: "an empty cell")
                }
                guard let specialty = sheet.text(row, 1)?.trimmingCharacters(in: .whitespaces), !specialty.isEmpty else {
                    throw InputError(location(row, 1).0, "utfall row without a specialty",
                                     expected: "the specialty's id", found: "an empty cell")
                }
                let key = "\(administration)\u{0}\(provider)\u{0}\(specialty)"
                let here = CellReference(row: row, column: 0).qualified(bySheet: sheet.name)
                if let earlier = seen[key] {
                    throw InputError(location(row, 0).0,
                                     "a second utfall row for \(administration) \(specialty) at provider \(provider)",
                                     expected: "one utfall row per administration, provider and specialty",
                                     found: "the first is at \(earlier)")
                }
                seen[key] = here
                let returnedRow = returnedRows["\(administration)\u{0}\(specialty)"]
                for (column, week) in weeks {
                    let (place, cell) = location(row, column)
                    var returned = 0
                    if let returnedRow {
                        returned = try count(sheet.cells[CellReference(row: returnedRow, column: column)],
                                             at: location(returnedRow, column).0,
                                             what: "returned \(week) of \(administration) \(specialty)") ?? 0
                    }
                    guard let sent = try count(sheet.cells[CellReference(row: row, column: column)], at: place,
                                               what: "utfall \(week) of \(administration) \(specialty)") else {
                        if returned > 0 {
                            throw InputError(place, "referrals returned in a week without an utfall",
                                             expected: "the number sent that week (0 when none)", found: "an empty cell")
                        }
                        continue
                    }
                    entries.append(Entry(administration: administration, provider: provider, specialty: specialty,
                                         week: week, sent: sent, returned: returned, cell: cell))
                }
            }
        }
        return entries
    }

    static let expected = "a whole non-negative number of patients, or an empty cell"

    /// The whole number in a cell; nil when it is empty.
    private static func count(_ value: XLSXCells.Value?, at location: SourceLocation,
                              what: String) throws(InputError) -> Int? {
        switch value {
        case nil:
            return nil
        case .text(let text):
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return nil }
            throw InputError(location, "\(what): text, not a number", expected: expected, found: text)
        case .boolean(let flag):
            throw InputError(location, "\(what): a truth value, not a number", expected: expected,
                             found: flag ? "TRUE" : "FALSE")
        case .error(let code):
            throw InputError(location, "\(what): a formula error", expected: expected, found: code)
        case .number(let text):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite else {
                throw InputError(location, "\(what): not a number", expected: expected, found: text)
            }
            let rounded = number.rounded()
            guard abs(number - rounded) <= 1e-9 * max(1, abs(number)) else {
                throw InputError(location, "\(what): not a whole number", expected: expected, found: text)
            }
            guard rounded >= 0 else {
                throw InputError(location, "\(what): negative", expected: expected, found: text)
            }
            guard rounded <= Double(largest) else {
                throw InputError(location, "\(what): too large", expected: expected, found: text)
            }
            return Int(rounded)
        }
    }
}
