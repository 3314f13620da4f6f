import Foundation
import Testing
@testable import Lotsa

/// A CSV file as Excel re-saves it gives the same plan: Windows-1252
/// ("CSV (semikolonavgränsad)"), `;` with decimal commas, and CRLF with a BOM.
///
/// Affordable in a debug build: the bundled scenarios (every CSV of Models/vgr and
/// Scenarios/, through vgr-2026-skovde-rooms-down, which extends the baseline, and the
/// baseline's decided_missiv.csv) are compared as loaded planning problems; full
/// plans, every output byte for byte, are compared on the small valid-tiny fixture.
@Suite struct InputDialectCopyTests {
    enum Copy: String, CaseIterable, Sendable {
        case windows1252, semicolonDecimalComma, crlfBOM
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The fields of one CSV line (RFC 4180 quotes; bundled files have no line breaks in fields).
    static func fields(_ line: String, separator: Character) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = Array(line)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == separator {
                fields.append(field); field = ""
            } else { field.append(c) }
        }
        fields.append(field)
        return fields
    }

    /// Encodes `text` in Windows-1252 (every character must have a byte there).
    static func windows1252(_ text: String) throws -> Data {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                bytes.append(UInt8(scalar.value))
            } else {
                let index = try #require(CSVEncoding.windows1252High.firstIndex(of: scalar.value), "\(scalar)")
                bytes.append(UInt8(0x80 + index))
            }
        }
        return Data(bytes)
    }

    static func copy(_ data: Data, _ kind: Copy) throws -> Data {
        let text = try #require(String(data: data, encoding: .utf8))
        switch kind {
        case .windows1252:
            return try windows1252(text)
        case .crlfBOM:
            return Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        case .semicolonDecimalComma:
            let decimal = /^-?[0-9]+\.[0-9]+$/
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("#") || line.isEmpty { return String(line) }
                return fields(String(line), separator: ",").map { field -> String in
                    var field = field
                    if field.wholeMatch(of: decimal) != nil { field = field.replacingOccurrences(of: ".", with: ",") }
                    return field.contains(";") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                }.joined(separator: ";")
            }
            return Data(lines.joined(separator: "\n").utf8)
        }
    }

    /// Copies `folders` (relative to `from`) into a fresh folder, every CSV transformed.
    static func copyTree(_ folders: [String], from: URL, _ kind: Copy?) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-dialect-\(UUID().uuidString)")
        for folder in folders {
            let source = from.appendingPathComponent(folder)
            let enumerator = try #require(FileManager.default.enumerator(at: source, includingPropertiesForKeys: nil))
            for case let url as URL in enumerator where !url.hasDirectoryPath {
                let relative = String(url.path.dropFirst(from.path.count + 1))
                let destination = target.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                var data = try Data(contentsOf: url)
                if url.path.hasSuffix("valid-tiny/model/administrations.csv") {
                    // Swedish letters and a quoted comma, so that every copy differs from the original.
                    data = Data(String(decoding: data, as: UTF8.self)
                        .replacingOccurrences(of: "Admin B", with: "\"Skövde, Götene\"").utf8)
                }
                if let kind, url.pathExtension == "csv" { data = try copy(data, kind) }
                try data.write(to: destination)
            }
        }
        return target
    }

    @Test func copiesReallyDiffer() throws {
        let sample = Data("id,name,factor\nGö,\"Skövde, Götene\",0.5\n".utf8)
        #expect(try Self.copy(sample, .windows1252).count == sample.count - 3)  // ö: two bytes in UTF-8, one here
        #expect(try Self.copy(sample, .windows1252).contains(0xF6))
        #expect(String(decoding: try Self.copy(sample, .semicolonDecimalComma), as: UTF8.self)
                == "id;name;factor\nGö;Skövde, Götene;0,5\n")
        #expect(try Self.copy(sample, .crlfBOM).starts(with: [0xEF, 0xBB, 0xBF, 0x69]))
    }

    @Test(arguments: Copy.allCases)
    func bundledScenariosLoadTheSameProblem(kind: Copy) throws {
        let original = try Self.copyTree(["Models/vgr", "Scenarios"], from: Self.root, nil)
        let copied = try Self.copyTree(["Models/vgr", "Scenarios"], from: Self.root, kind)
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: copied)
        }
        func load(_ root: URL) throws -> (Scenario, PlanningProblem, DecidedVolumes) {
            let scenario = try ScenarioLoader.load(path: root.appendingPathComponent("Scenarios/vgr-2026-skovde-rooms-down").path)
            let problem = PlanningProblem(scenario: scenario)
            let decided = try DecidedVolumes.read(
                url: root.appendingPathComponent("Scenarios/vgr-2026-baseline/decided_missiv.csv"),
                displayPath: "decided_missiv.csv", problem: problem)
            return (scenario, problem, decided)
        }
        let (scenarioA, a, decidedA) = try load(original)
        let (scenarioB, b, decidedB) = try load(copied)
        #expect(a.cohorts == b.cohorts)
        #expect(a.offers == b.offers)
        #expect(a.providers == b.providers)
        #expect(a.administrations == b.administrations && a.specialties == b.specialties)
        #expect(a.distances == b.distances)
        #expect(a.horizon.periods == b.horizon.periods)
        #expect(decidedA.lines == decidedB.lines)
        // Same files read, different bytes: every CSV's checksum differs.
        #expect(scenarioA.inputFiles.map { Self.relative($0.path, to: original) }
                == scenarioB.inputFiles.map { Self.relative($0.path, to: copied) })
        // (A Windows-1252 copy of a file without Swedish letters is the same file.)
        for (x, y) in zip(scenarioA.inputFiles, scenarioB.inputFiles)
        where x.path.hasSuffix(".csv") && (kind != .windows1252 || x.bytes != y.bytes) {
            #expect(x.sha256 != y.sha256, "\(x.path)")
        }
        #expect(zip(scenarioA.inputFiles, scenarioB.inputFiles).contains { $0.sha256 != $1.sha256 })
        #expect(decidedA.file.sha256 != decidedB.file.sha256)
    }

    @Test(arguments: Copy.allCases)
    func aFullPlanIsByteIdenticalButForTheChecksums(kind: Copy) throws {
        let original = try Self.copyTree(["valid-tiny"], from: Self.fixtures, nil)
        let copied = try Self.copyTree(["valid-tiny"], from: Self.fixtures, kind)
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: copied)
        }
        func plan(_ root: URL) throws -> URL {
            var options = PlanRunOptions()
            options.outputDirectory = root.appendingPathComponent("out")
            options.planner.parallelism = 1
            options.swedishExcel = true
            _ = try PlanRun.run(scenarioPath: root.appendingPathComponent("valid-tiny").path, options: options)
            return options.outputDirectory!
        }
        let outA = try plan(original), outB = try plan(copied)
        let files = try #require(FileManager.default.subpaths(atPath: outA.path)).filter {
            !FileManager.default.fileExists(atPath: outA.appendingPathComponent($0).path + "/.")
        }.sorted()
        #expect(files.count > 5)
        #expect(files == (try #require(FileManager.default.subpaths(atPath: outB.path))).filter {
            !FileManager.default.fileExists(atPath: outB.appendingPathComponent($0).path + "/.")
        }.sorted())
        // summary.json and the workbook's document properties record the inputs'
        // checksums, which must differ; both are compared apart from those below.
        // The output marker lists every file's checksum, so it differs with them.
        for name in files where name != "summary.json" && name != DeliveryPlanWorkbook.fileName && name != ".lotsa-output" {
            #expect(try Data(contentsOf: outA.appendingPathComponent(name)) == Data(contentsOf: outB.appendingPathComponent(name)), "\(name)")
        }
        let summaryA = try JSONSerialization.jsonObject(with: Data(contentsOf: outA.appendingPathComponent("summary.json"))) as! [String: Any]
        let summaryB = try JSONSerialization.jsonObject(with: Data(contentsOf: outB.appendingPathComponent("summary.json"))) as! [String: Any]
        let inputsA = summaryA["inputs"] as! [[String: Any]], inputsB = summaryB["inputs"] as! [[String: Any]]
        #expect(inputsA.map { Self.relative($0["path"] as! String, to: original) }
                == inputsB.map { Self.relative($0["path"] as! String, to: copied) })
        for (x, y) in zip(inputsA, inputsB)
        where (x["path"] as! String).hasSuffix(".csv") && (kind != .windows1252 || (x["path"] as! String).hasSuffix("administrations.csv")) {
            #expect(x["sha256"] as! String != y["sha256"] as! String, "\(x["path"]!)")
        }
        var restA = summaryA, restB = summaryB
        restA["inputs"] = nil; restB["inputs"] = nil
        #expect(NSDictionary(dictionary: restA).isEqual(to: restB))
    }

    /// A path inside one of the two copies, without the copy's own temporary folder.
    static func relative(_ path: String, to root: URL) -> String {
        let prefix = root.standardizedFileURL.path
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
