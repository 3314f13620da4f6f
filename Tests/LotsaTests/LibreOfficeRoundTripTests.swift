import Foundation
import Testing
@testable import Lotsa

/// delivery_plans.xlsx in a real spreadsheet program: LibreOffice Calc (headless)
/// opens what `lotsa plan` wrote and shows the numbers of delivery_plans.csv; a
/// workbook with utfall typed in and re-saved by LibreOffice reads back to the
/// same outcomes. Without LibreOffice these tests fail and say why (see
/// ``LibreOffice``); `LOTSA_SKIP_LIBREOFFICE=1` leaves them out.
@Suite(.serialized, .enabled(if: !LibreOffice.skipped, "LOTSA_SKIP_LIBREOFFICE=1"))
struct LibreOfficeRoundTripTests {
    /// `lotsa plan` on a small scenario with transfers and contracts.
    static func planOutputs() throws -> URL {
        let scenario = try DeterminismTests.tiedScenario.write()
        defer { try? FileManager.default.removeItem(at: scenario) }
        let outputs = try LotsaProcess.temporaryFolder("xlsx").appendingPathComponent("tied")
        var options = PlanRunOptions()
        options.outputDirectory = outputs
        _ = try PlanRun.run(scenarioPath: scenario.path, options: options)
        return outputs
    }

    @Test func libreOfficeShowsTheNumbersOfDeliveryPlansCSV() throws {
        let outputs = try Self.planOutputs()
        defer { try? FileManager.default.removeItem(at: outputs.deletingLastPathComponent()) }
        let csvFolder = outputs.deletingLastPathComponent().appendingPathComponent("csv")
        // Field separator, quote, UTF-8, …, the last token -1: every sheet to its own file.
        try LibreOffice.convert(outputs.appendingPathComponent("delivery_plans.xlsx"),
                                to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                                into: csvFolder)

        var planned: [String: String] = [:]
        for row in try csv(outputs.appendingPathComponent("delivery_plans.csv")).dropFirst() {
            planned["\(row[0]) \(row[1]) \(row[2]) \(row[3])"] = row[4]
        }
        var expectedLines = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: outputs.appendingPathComponent("sheets").path) {
            let provider = String(file.dropLast(4))
            for row in try csv(outputs.appendingPathComponent("sheets/" + file)).dropFirst() where row[2] == "plan" {
                expectedLines.insert("\(row[0]) \(provider) \(row[1])")
            }
        }
        #expect(!expectedLines.isEmpty)

        var shownLines = Set<String>(), values = 0
        let files = try FileManager.default.contentsOfDirectory(atPath: csvFolder.path).sorted()
        for file in files where file != "delivery_plans-missiv.csv" {
            let rows = try csv(csvFolder.appendingPathComponent(file))
            #expect(rows[0][0] == "provider", "\(file)")
            let provider = rows[0][1]
            let header = try #require(rows.firstIndex { $0.first == "administration" })
            let weeks = rows[header].dropFirst(3).prefix { $0 != "total" }
            for row in rows[(header + 1)...] where row.count > 3 && (row[2] == "plan" || row[2] == "utfall") {
                let cells = row[3..<(3 + weeks.count)], total = row[3 + weeks.count]
                if row[2] == "utfall" {
                    #expect(cells.allSatisfy(\.isEmpty) && total == "0", "\(file): \(row)")
                    continue
                }
                shownLines.insert("\(row[0]) \(provider) \(row[1])")
                for (week, value) in zip(weeks, cells) {
                    #expect(planned["\(row[0]) \(provider) \(row[1]) \(week)"] == value, "\(file) \(row[0]) \(row[1]) \(week)")
                    values += 1
                }
                #expect(Double(total) == cells.compactMap(Double.init).reduce(0, +), "\(file): total of \(row)")
            }
        }
        #expect(shownLines == expectedLines)
        #expect(values == expectedLines.count * 8)

        // The missiv sheet against missiv.csv.
        var volumes: [String: String] = [:]
        for row in try csv(outputs.appendingPathComponent("missiv.csv")).dropFirst() {
            volumes["\(row[0]) \(row[1]) \(row[2])"] = row[3]
        }
        let missiv = try csv(csvFolder.appendingPathComponent("delivery_plans-missiv.csv"))
        let header = try #require(missiv.firstIndex { $0.first == "administration" })
        let shown = missiv[(header + 1)...].prefix { !$0[0].isEmpty }
        #expect(Dictionary(uniqueKeysWithValues: shown.map { ("\($0[0]) \($0[1]) \($0[3])", $0[4]) }) == volumes)
    }

    @Test func utfallTypedInAndResavedByLibreOfficeReadsBackToTheSameOutcomes() throws {
        let outputs = try Self.planOutputs()
        defer { try? FileManager.default.removeItem(at: outputs.deletingLastPathComponent()) }
        let typed = outputs.deletingLastPathComponent().appendingPathComponent("delivery_plans.xlsx")
        try FileManager.default.copyItem(at: outputs.appendingPathComponent("delivery_plans.xlsx"), to: typed)

        // A script types into the first three weeks of every utfall row: 1, 2, 3, …
        var expected: [String] = []
        var count = 0
        for sheet in try XLSXCells(url: typed).sheets where sheet.text(0, 0) == "provider" {
            var values: [String: WorkbookFixtures.Typed] = [:]
            for row in sheet.cells.keys.map(\.row).sorted() where sheet.text(row, 2) == "utfall" && values.count < 12 {
                for column in 3..<6 where values[CellReference(row: row, column: column).description] == nil {
                    count += 1
                    let cell = CellReference(row: row, column: column)
                    values[cell.description] = .number(count)
                    expected.append("\(sheet.text(0, 1)!) \(sheet.text(row, 0)!) \(sheet.text(row, 1)!) "
                                    + "\(sheet.text(2, column)!) \(count) \(cell.qualified(bySheet: sheet.name))")
                }
            }
            try WorkbookFixtures.type(values, intoSheet: sheet.name, of: typed)
        }
        #expect(count >= 6)
        func described(_ entries: [DeliveryPlanWorkbookReader.Entry]) -> [String] {
            entries.map { "\($0.provider) \($0.administration) \($0.specialty) \($0.week) \($0.sent) \($0.cell)" }
        }
        #expect(described(try DeliveryPlanWorkbookReader.read(typed)) == expected)

        let resaved = outputs.deletingLastPathComponent().appendingPathComponent("resaved")
        try LibreOffice.convert(typed, to: "xlsx:Calc MS Excel 2007 XML", into: resaved)
        let resavedFile = resaved.appendingPathComponent("delivery_plans.xlsx")
        // LibreOffice rewrote the file: strings shared, its own styles and parts.
        #expect(try Data(contentsOf: resavedFile) != Data(contentsOf: typed))
        #expect(described(try DeliveryPlanWorkbookReader.read(resavedFile)).sorted() == expected.sorted())
    }

    @Test func textTypedInAndResavedByLibreOfficeIsStillNamedBySheetAndCell() throws {
        let url = try WorkbookFixtures.temporaryFile("delivery_plans.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        try WorkbookFixtures.smallPlan().write(to: url)
        try WorkbookFixtures.type(["F15": .text("sju")], intoSheet: "vanerkliniken", of: url)
        let resaved = url.deletingLastPathComponent().appendingPathComponent("resaved")
        try LibreOffice.convert(url, to: "xlsx:Calc MS Excel 2007 XML", into: resaved)
        #expect {
            _ = try DeliveryPlanWorkbookReader.read(resaved.appendingPathComponent("delivery_plans.xlsx"),
                                                    displayPath: "delivery_plans.xlsx")
        } throws: { error in
            (error as! InputError).description.hasPrefix(
                "delivery_plans.xlsx:vanerkliniken!F15: error: utfall 2026-W16 of SU ort: text, not a number")
        }
    }

    /// RFC 4180 fields of a small CSV file (quoted fields, doubled quotes).
    func csv(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, wasQuote = false
        for character in text {
            if quoted {
                if character == "\"" { quoted = false; wasQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"":
                if wasQuote { field.append("\"") }
                quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n":
                row.append(field); rows.append(row); row = []; field = ""
            default: field.append(character)
            }
            wasQuote = false
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
