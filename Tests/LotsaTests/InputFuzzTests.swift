import Foundation
import Testing
import Lotsa

private let seeds: [String] = [
    #"""
    \#u{FEFF}# waiting list, exported from Excel
    id;count;rate;start;week;note
    a1;12;2,5;2026-04-01;2026-W14;plain
    "b;2";0;0.75;2026-04-01 00:00;2026-w01;"quoted ""text"""
    c3;10000000;-1e3;2024-02-29;2026-W53;"two
    lines"

    ;;;;;
    d4;+7;,5;2026-12-31 00:00:00;2027-W52;
    """#,
    "id,count,rate,start,week,note\r\nx,1,2.5,2026-01-01,2026-W01,\"a,b\"\r\n# c\r\ny,2,3,2025-12-31,2025-W01,z\r\n",
    "id;count\rx;1\r\"y\r\";2\r",
]

private let interestingBytes: [UInt8] = Array("\"\",;;\n\r\t #0123456789-+.eE:Ww".utf8) + [0x00, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xC3, 0xA5, 0xE5, 0xC2, 0xA0, 0x80, 0xF4, 0x90]

private func mutate(_ input: [UInt8], using rng: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let choice = Int.random(in: 0..<7, using: &rng)
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
        let byte = Bool.random(using: &rng) ? interestingBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
        switch choice {
        case 0 where !bytes.isEmpty: bytes[position] = byte
        case 1: bytes.insert(byte, at: position)
        case 2 where !bytes.isEmpty: bytes.remove(at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...40, using: &rng))
            bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &rng))
        case 4: bytes.removeSubrange(position..<bytes.count)
        case 5 where bytes.count > 1:
            bytes.swapAt(position, Int.random(in: 0..<bytes.count, using: &rng))
        default:
            bytes.insert(contentsOf: Array("\"\"\"".utf8).prefix(Int.random(in: 1...3, using: &rng)), at: position)
        }
    }
    return bytes
}

/// Parses `bytes` and exercises every accessor; returns problems with the
/// results (a trap would end the test run instead).
private func exercise(_ bytes: [UInt8]) -> [String] {
    var problems: [String] = []
    let table: CSVTable
    do throws(InputError) {
        table = try CSVTable.parse(Data(bytes), displayPath: "f.csv", required: ["id", "count"], optional: ["rate", "start", "week", "note"])
    } catch {
        if error.location.file != "f.csv" { problems.append("wrong file in \(error)") }
        if let line = error.location.line, line < 1 { problems.append("bad line in \(error)") }
        if error.description.isEmpty || error.message.isEmpty { problems.append("empty error") }
        return problems
    }
    var previousLine = table.headerLine
    for row in table.rows {
        if row.line <= previousLine { problems.append("line \(row.line) after \(previousLine)") }
        previousLine = row.line
        for column in table.header where row[column] == nil { problems.append("no field \(column)") }
        func check(_ body: () throws -> Void) {
            do {
                try body()
            } catch let error as InputError {
                if error.location.line != row.line { problems.append("error not at row line: \(error)") }
                _ = error.description
            } catch {
                problems.append("not an InputError: \(error)")
            }
        }
        check { _ = try row.string("id") }
        check { _ = try row.count("count") }
        check { _ = try row.int("count", default: 0, range: -5...5) }
        check { _ = try row.double("rate", default: 0, range: -1000...1000) }
        check { _ = try row.optionalDouble("rate") }
        check { _ = try row.day("start") }
        check { _ = try row.optionalDay("start") }
        check { _ = try row.isoWeek("week") }
        check { _ = try row.double("note") }
        check { _ = try row.day("note") }
        check { _ = try row.isoWeek("note") }
        _ = row.optionalString("note")
    }
    return problems
}

@Suite("CSV fuzzing")
struct InputFuzzTests {
    @Test func seedsAreValid() throws {
        for seed in seeds {
            let table = try CSVTable.parse(Data(seed.utf8), displayPath: "f.csv", required: ["id", "count"], optional: ["rate", "start", "week", "note"])
            #expect(!table.rows.isEmpty)
            #expect(exercise(Array(seed.utf8)).isEmpty)
        }
    }

    @Test func mutatedFilesNeverTrap() {
        var rng = SplitMix64(seed: 20_260_401)
        var outcomes = (parsed: 0, rejected: 0)
        for iteration in 0..<4000 {
            let seed = Array(seeds[iteration % seeds.count].utf8)
            let bytes = mutate(seed, using: &rng)
            let problems = exercise(bytes)
            #expect(problems.isEmpty, "iteration \(iteration): \(problems)")
            do throws(InputError) {
                _ = try CSVTable.parse(Data(bytes), displayPath: "f.csv", required: ["id", "count"], optional: ["rate", "start", "week", "note"])
                outcomes.parsed += 1
            } catch {
                outcomes.rejected += 1
            }
        }
        // Both paths are exercised.
        #expect(outcomes.parsed > 100)
        #expect(outcomes.rejected > 100)
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix64(seed: 7)
        for iteration in 0..<1000 {
            let count = Int.random(in: 0...64, using: &rng)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &rng) ? interestingBytes.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng)
            }
            let problems = exercise(Array("id,count\n".utf8) + bytes)
            #expect(problems.isEmpty, "iteration \(iteration): \(problems)")
            _ = exercise(bytes)
        }
    }
}
