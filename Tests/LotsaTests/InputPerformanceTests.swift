import Foundation
import Testing
import Lotsa

@Suite("CSV size")
struct InputPerformanceTests {
    /// A `;`-separated file of `rows` rows and 8 columns, as Swedish Excel
    /// writes it (BOM, CRLF, decimal commas, a quoted field now and then).
    static func generate(rows: Int) -> Data {
        var text = "\u{FEFF}id;unit;count;rate;start;week;note;flag\r\n"
        text.reserveCapacity(rows * 70)
        let start = Day(iso: "2026-01-01")!
        for i in 0..<rows {
            let note = i % 10 == 0 ? "\"note; \"\"\(i)\"\"\"" : "n\(i)"
            let day = start.adding(days: i % 365)
            text += "p\(i);unit\(i % 17);\(i % 1000);\(i % 7),\(i % 100);\(day);\(ISOWeek(containing: day));\(note);\(i % 2)\r\n"
        }
        return Data(text.utf8)
    }

    @Test func parsesFiftyThousandRows() throws {
        let data = Self.generate(rows: 50_000)
        let clock = ContinuousClock()
        let started = clock.now
        let table = try CSVTable.parse(data, displayPath: "big.csv", required: ["id", "unit", "count", "rate", "start", "week", "note", "flag"])
        let elapsed = clock.now - started
        print("parsed 50 000 rows × 8 columns (\(data.count) bytes) in \(elapsed)")

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
