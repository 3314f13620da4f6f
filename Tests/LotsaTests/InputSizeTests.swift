import Foundation
import Testing
import Lotsa

/// A file of realistic size parses completely and correctly. How fast is measured
/// by `swift run -c release CSVInputBenchmark` (Benchmarks/CSVInput), never here.
@Suite("CSV size")
struct InputSizeTests {
    @Test func parsesFiftyThousandRows() throws {
        let data = CSVSample.excelStyle(rows: 50_000)
        let table = try CSVTable.parse(data, displayPath: "big.csv", required: CSVSample.columns)
        #expect(table.rows.count == 50_000)
        #expect(table.delimiter == ";")
        let first = table.rows[0]
        #expect(first.line == 2)
        #expect(first["id"] == "p0")
        #expect(first["note"] == "note; \"0\"")
        let last = table.rows[49_999]
        #expect(last.line == 50_001)
        #expect(last["id"] == "p49999")
        #expect(try last.count("count") == 999)
        #expect(try last.double("rate") == 5.99)
        let middle = table.rows[12_345]
        #expect(try middle.day("start") == Day(iso: "2026-01-01")!.adding(days: 12_345 % 365))
        #expect(try middle.isoWeek("week") == ISOWeek(containing: try middle.day("start")))
        #expect(try middle.int("flag", range: 0...1) == 1)
    }
}
