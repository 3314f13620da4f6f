import Foundation
import Lotsa

// Times the CSV reader on an Excel-style file (release build):
//   swift run -c release CSVInputBenchmark [rows]
// Prints the best of five parses, in milliseconds and rows per second.
let rows = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 50_000
let data = CSVSample.excelStyle(rows: rows)
let clock = ContinuousClock()
var best = Duration.seconds(1_000_000)
for _ in 0..<5 {
    let started = clock.now
    let table = try CSVTable.parse(data, displayPath: "sample.csv", required: CSVSample.columns)
    precondition(table.rows.count == rows)
    best = min(best, started.duration(to: clock.now))
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print(String(format: "%d rows × %d columns (%d bytes): best of 5 %.1f ms, %.0f rows/s",
             rows, CSVSample.columns.count, data.count, seconds * 1000, Double(rows) / seconds))
