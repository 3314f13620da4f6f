import Foundation

/// A synthetic CSV file shaped like what Swedish Excel saves: `;`-separated with a
/// BOM, CRLF line ends, decimal commas and a quoted field now and then. The input
/// tests read it for correctness at size, and `CSVInputBenchmark` times it.
public enum CSVSample {
    /// The columns of every row.
    public static let columns = ["id", "unit", "count", "rate", "start", "week", "note", "flag"]

    /// `rows` rows of 8 columns; row `i` is fully determined by `i`.
    public static func excelStyle(rows: Int) -> Data {
        var text = "\u{FEFF}" + columns.joined(separator: ";") + "\r\n"
        text.reserveCapacity(rows * 70)
        let start = Day(iso: "2026-01-01")!
        for i in 0..<rows {
            let note = i % 10 == 0 ? "\"note; \"\"\(i)\"\"\"" : "n\(i)"
            let day = start.adding(days: i % 365)
            text += "p\(i);unit\(i % 17);\(i % 1000);\(i % 7),\(i % 100);\(day);\(ISOWeek(containing: day));\(note);\(i % 2)\r\n"
        }
        return Data(text.utf8)
    }
}
