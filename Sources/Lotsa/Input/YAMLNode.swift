import Foundation
import Yams

/// A YAML node together with the file it came from, so that every complaint about a
/// value can name the file, line and key, like the CSV diagnostics do.
///
/// ```swift
/// let root = try YAMLNode.load(contentsOf: url, displayPath: "Scenarios/x/scenario.yaml")
/// let mapping = try root.mapping(allowedKeys: ["name", "model"])
/// let model = try mapping.requiredString("model")
/// ```
public struct YAMLNode: @unchecked Sendable {
    // Yams.Node is a value type of strings and arrays; it is not marked Sendable.
    public let node: Node
    public let path: String
    /// The key this node was found under, for messages.
    public let key: String?

    public init(node: Node, path: String, key: String?) {
        self.node = node
        self.path = path
        self.key = key
    }

    public var line: Int? { node.mark?.line }

    public var location: SourceLocation {
        SourceLocation(file: path, line: line, field: key)
    }

    public func error(_ message: String, expected: String? = nil, found: String? = nil) -> InputError {
        InputError(location, message, expected: expected, found: found)
    }

    /// Reads and parses a YAML file; a syntax error names the line where libyaml stopped.
    public static func load(contentsOf url: URL, displayPath: String) throws(InputError) -> YAMLNode {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(SourceLocation(file: displayPath), "cannot read the file",
                             expected: "a readable YAML file", found: "\(error.localizedDescription)")
        }
        return try parse(data, displayPath: displayPath)
    }

    public static func parse(_ data: Data, displayPath: String) throws(InputError) -> YAMLNode {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0) {
            throw InputError(SourceLocation(file: displayPath), "the file contains a NUL byte",
                             expected: "a UTF-8 text file")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw InputError(SourceLocation(file: displayPath), "the file is not valid UTF-8",
                             expected: "a UTF-8 text file")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.diagnostic(for: error, path: displayPath)
        } catch {
            throw InputError(SourceLocation(file: displayPath), "not valid YAML: \(error)")
        }
        guard let root else {
            throw InputError(SourceLocation(file: displayPath, line: 1), "empty file",
                             expected: "a YAML mapping such as `name: …`")
        }
        return YAMLNode(node: root, path: displayPath, key: nil)
    }

    private static func diagnostic(for error: YamlError, path: String) -> InputError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return InputError(SourceLocation(file: path, line: mark.line), "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return InputError(SourceLocation(file: path, line: context.mark.line, field: duplicates.first),
                              "a key appears twice in the same mapping")
        default:
            return InputError(SourceLocation(file: path), "not valid YAML: \(error)")
        }
    }

    // MARK: Typed access

    /// The node as a mapping whose keys are all in `allowedKeys`.
    public func mapping(allowedKeys: [String]) throws(InputError) -> YAMLMapping {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping of keys to values", expected: "`key: value` lines",
                        found: kindDescription)
        }
        var entries: [(String, YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else {
                throw YAMLNode(node: keyNode, path: path, key: nil).error("a key must be a plain word")
            }
            guard allowedKeys.contains(key) else {
                let located = YAMLNode(node: keyNode, path: path, key: key)
                let suggestion = closestMatch(to: key, among: allowedKeys).map { " (did you mean '\($0)'?)" } ?? ""
                throw located.error("unknown key\(suggestion)",
                                    expected: "one of \(allowedKeys.joined(separator: ", "))", found: key)
            }
            entries.append((key, YAMLNode(node: value, path: path, key: key)))
        }
        return YAMLMapping(owner: self, entries: entries)
    }

    public func sequence() throws(InputError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else {
            throw error("expected a list", expected: "a list such as `[a, b]` or `- a` lines", found: kindDescription)
        }
        return sequence.map { YAMLNode(node: $0, path: path, key: key) }
    }

    /// A scalar as text (YAML dates, numbers and words are all accepted as text).
    public func string() throws(InputError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error("expected a single value", expected: "a word, number or date", found: kindDescription)
        }
        return scalar.string
    }

    public func int(range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        let text = try string()
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw error("not a whole number", expected: range.map { "a whole number in \($0.lowerBound)...\($0.upperBound)" } ?? "a whole number", found: text)
        }
        if let range, !range.contains(value) {
            throw error("out of range", expected: "a whole number in \(range.lowerBound)...\(range.upperBound)", found: text)
        }
        return value
    }

    public func double(range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        let text = try string()
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw error("not a number", expected: "a number such as 1.5", found: text)
        }
        if let range, !range.contains(value) {
            throw error("out of range", expected: "a number in \(range.lowerBound)...\(range.upperBound)", found: text)
        }
        return value
    }

    public func bool() throws(InputError) -> Bool {
        let text = try string()
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("not a yes/no value", expected: "true or false", found: text)
        }
    }

    public func day() throws(InputError) -> Day {
        let text = try string()
        guard let day = Day(iso: text) else {
            throw error("not a date", expected: "a date like 2026-04-01", found: text)
        }
        return day
    }

    private var kindDescription: String {
        switch node {
        case .scalar(let scalar): return scalar.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The entries of a YAML mapping, in file order, with typed look-ups.
public struct YAMLMapping: Sendable {
    public let owner: YAMLNode
    public let entries: [(String, YAMLNode)]

    public subscript(_ key: String) -> YAMLNode? {
        entries.first { $0.0 == key }?.1
    }

    public var keys: [String] { entries.map(\.0) }

    public func required(_ key: String) throws(InputError) -> YAMLNode {
        guard let node = self[key] else {
            throw InputError(SourceLocation(file: owner.path, line: owner.line, field: key),
                             "missing key '\(key)'")
        }
        return node
    }

    public func requiredString(_ key: String) throws(InputError) -> String {
        let value = try required(key).string()
        if value.isEmpty {
            throw try required(key).error("empty value", expected: "a value for '\(key)'", found: "")
        }
        return value
    }

    public func optionalString(_ key: String) throws(InputError) -> String? {
        guard let node = self[key] else { return nil }
        if case .scalar(let scalar) = node.node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
            return nil
        }
        return try node.string()
    }
}

/// The closest candidate within edit distance 2, for "did you mean …?" hints.
func closestMatch(to word: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(word, candidate)
        if distance <= 2, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
