import Foundation
import Lotsa

/// One fuzz input, run through the loaders: the first byte picks a target, the
/// rest is the file's content.
///
/// - Targets 0–12 plant the bytes as one file of ``Template`` (model.yaml, each
///   model CSV, scenario.yaml, each scenario CSV) and load the whole scenario
///   with ``ScenarioLoader``, as `lotsa validate` does; a scenario that loads is
///   resolved to a ``PlanningProblem`` too, where capacities and forecasts are
///   multiplied out.
/// - Target 13 parses the bytes as a CSV table and reads every field with every
///   typed accessor; target 14 parses them as YAML and reads every node with
///   every typed accessor.
///
/// A rejected input must come back as an ``InputError`` whose line, when the
/// error is about the planted file, lies inside that file. Anything else (a
/// trap, a wrong line) stops the fuzzer with a reproducer.
enum Harness {
    static let targetCount = Template.files.count + 2

    /// The scenario folder the template is written to once per process.
    static let root: URL = {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let root = base.appendingPathComponent("lotsa-fuzz-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        for (path, text) in Template.files {
            let url = root.appendingPathComponent(path)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: url)
        }
        atexit { try? FileManager.default.removeItem(at: Harness.root) }
        return root
    }()

    /// What happened to one input, for the replay tool's tally.
    enum Outcome { case loaded, rejected }

    @discardableResult
    static func run(_ input: [UInt8]) -> Outcome {
        guard let selector = input.first else { return .rejected }
        let target = Int(selector) % targetCount
        let bytes = Array(input.dropFirst())
        switch target {
        case Template.files.count: return csvAccessors(bytes)
        case Template.files.count + 1: return yamlAccessors(bytes)
        default: return plant(bytes, as: target)
        }
    }

    // MARK: - Whole scenarios

    private static func plant(_ bytes: [UInt8], as index: Int) -> Outcome {
        let (path, original) = Template.files[index]
        let url = root.appendingPathComponent(path)
        try! Data(bytes).write(to: url)
        defer { try! Data(original.utf8).write(to: url) }
        do throws(InputError) {
            let scenario = try ScenarioLoader.load(path: root.path)
            let problem = PlanningProblem(scenario: scenario)
            check(problem.periods == scenario.horizon.periods, "horizon lost")
            return .loaded
        } catch {
            checkError(error, plantedAt: path, bytes: bytes)
            return .rejected
        }
    }

    /// The error names a place, and a line of the planted file lies inside it.
    private static func checkError(_ error: InputError, plantedAt path: String, bytes: [UInt8]) {
        check(!error.message.isEmpty && !error.location.file.isEmpty, "an error without message or file: \(error)")
        check(error.description.hasPrefix(error.location.description + ": error: "), "a malformed diagnostic: \(error)")
        guard error.location.file.hasSuffix("/" + path) || error.location.file == path, let line = error.location.line else { return }
        let lines = physicalLines(bytes, yaml: path.hasSuffix(".yaml"))
        check(line >= 1 && line <= lines + 1, "line \(line) outside the \(lines) lines of \(path): \(error)")
    }

    /// Lines as an editor counts them: `\r\n`, `\n` and `\r` end a line, and
    /// in YAML also U+0085, U+2028 and U+2029.
    static func physicalLines(_ bytes: [UInt8], yaml: Bool) -> Int {
        var lines = 1
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                lines += 1
            } else if byte == 0x0D {
                lines += 1
                if index + 1 < bytes.endIndex && bytes[index + 1] == 0x0A { index += 1 }
            } else if yaml && byte == 0xC2 && index + 1 < bytes.endIndex && bytes[index + 1] == 0x85 {
                lines += 1
            } else if yaml && byte == 0xE2 && index + 2 < bytes.endIndex && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                lines += 1
            }
            index += 1
        }
        return lines
    }

    // MARK: - Single files

    private static func csvAccessors(_ bytes: [UInt8]) -> Outcome {
        let table: CSVTable
        do throws(InputError) {
            table = try CSVTable.parse(Data(bytes), displayPath: "f.csv", required: ["id"],
                                       optional: ["count", "rate", "day", "week", "note"])
        } catch {
            checkError(error, plantedAt: "f.csv", bytes: bytes)
            return .rejected
        }
        var previous = table.headerLine
        for row in table.rows {
            check(row.line > previous, "row lines do not increase: \(row.line) after \(previous)")
            previous = row.line
            for column in table.header {
                func attempt<T>(_ read: (String) throws(InputError) -> T) {
                    do throws(InputError) { _ = try read(column) } catch {
                        check(error.location.line == row.line, "an error away from its row: \(error)")
                    }
                }
                attempt { c throws(InputError) in try row.string(c) }
                attempt { c throws(InputError) in try row.int(c, default: 0, range: -5...5) }
                attempt { c throws(InputError) in try row.count(c) }
                attempt { c throws(InputError) in try row.double(c, range: 0...1e6) }
                attempt { c throws(InputError) in try row.optionalDouble(c) }
                attempt { c throws(InputError) in try row.day(c) }
                attempt { c throws(InputError) in try row.optionalDay(c) }
                attempt { c throws(InputError) in try row.isoWeek(c) }
            }
        }
        return .loaded
    }

    private static func yamlAccessors(_ bytes: [UInt8]) -> Outcome {
        do throws(InputError) {
            let root = try YAMLNode.parse(Data(bytes), displayPath: "f.yaml")
            var budget = 10_000
            walk(root, depth: 0, budget: &budget)
            return .loaded
        } catch {
            checkError(error, plantedAt: "f.yaml", bytes: bytes)
            return .rejected
        }
    }

    /// Reads every node, at most `budget` of them: aliases can make a small
    /// file a huge tree.
    private static func walk(_ node: YAMLNode, depth: Int, budget: inout Int) {
        budget -= 1
        guard depth < 64, budget > 0 else { return }
        _ = try? node.string()
        _ = try? node.int(range: 0...10)
        _ = try? node.double()
        _ = try? node.bool()
        _ = try? node.day()
        if let items = try? node.sequence() {
            for item in items { walk(item, depth: depth + 1, budget: &budget) }
        }
        if let mapping = try? node.mapping(allowedKeys: ScenarioKeys.all) {
            for (key, value) in mapping.entries {
                _ = try? mapping.optionalString(key)
                walk(value, depth: depth + 1, budget: &budget)
            }
        }
    }

    private static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("LotsaFuzz: " + message()) }
    }
}

/// Keys of scenario.yaml and its nested mappings, so that mappings made of
/// them get past the unknown-key check.
enum ScenarioKeys {
    static let all = [
        "name", "description", "model", "extends", "horizon", "snapshot_date", "guarantee_days", "waiting_list",
        "forecast", "capacity_changes", "forecast_scaling", "policy", "expectations", "start", "budget_year",
        "periods", "period_days", "objective", "tiers", "tier_weights", "internal_transfers", "default_care_type",
        "default_asa", "priorities", "group", "days", "weight", "kpi", "value", "tolerance", "min", "max",
        "administration", "specialty", "priority", "factor", "home_region",
    ]
}
