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
            throw Self.diagnostic(for: error, path: displayPath, text: text)
        } catch {
            throw InputError(SourceLocation(file: displayPath), "not valid YAML: \(error)")
        }
        guard let root else {
            throw InputError(SourceLocation(file: displayPath, line: 1), "empty file",
                             expected: "a YAML mapping such as `name: …`")
        }
        return YAMLNode(node: root, path: displayPath, key: nil)
    }

    private static func diagnostic(for error: YamlError, path: String, text: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml says where it gave up and, often, where the construct it was reading began.
            var message = "not valid YAML: \(problem)"
            if let context, !context.text.isEmpty {
                message += " (\(context.text)" + (context.mark.line != mark.line ? " that starts on line \(context.mark.line))" : ")")
            }
            return InputError(SourceLocation(file: path, line: mark.line), message,
                              expected: "YAML like `key: value`, indented with spaces")
        case .reader(let problem, let offset, let value, let yaml):
            // `offset` counts characters; a line break (also \r\n) is one character.
            let line = offset.map { 1 + yaml.prefix($0).filter(\.isNewline).count }
            return InputError(SourceLocation(file: path, line: line), "not valid YAML: \(problem)",
                              expected: "printable UTF-8 text",
                              found: value >= 0 ? "U+" + String(value, radix: 16, uppercase: true) : nil)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // libyaml marks the first occurrence; the reader has to look at the second.
            let key = duplicates.first
            let line = key.flatMap { secondOccurrence(of: $0, after: context.mark, in: text) } ?? context.mark.line
            let first = line != context.mark.line ? " (first on line \(context.mark.line))" : ""
            return InputError(SourceLocation(file: path, line: line, field: key),
                              "a key appears twice in the same mapping\(first)", expected: "each key once")
        default:
            return InputError(SourceLocation(file: path), "not valid YAML: \(error)")
        }
    }

    /// The line of the next `key:` after `mark` at the same indentation in a block
    /// mapping; nil when the mapping is written another way (flow style, quoted keys).
    private static func secondOccurrence(of key: String, after mark: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = String(repeating: " ", count: max(mark.column - 1, 0))
        guard mark.line >= 1 else { return nil }
        for index in mark.line ..< lines.count {
            let line = lines[index]
            if line.hasPrefix(indent + key + ":"), !line.dropFirst(indent.count).hasPrefix(" ") {
                return index + 1
            }
        }
        return nil
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

    /// A whole number, read as the CSV files' numbers are (``NumberParsing``).
    public func int(range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        let text = try string()
        let expected = range.map { "a whole number from \($0.lowerBound) to \($0.upperBound)" } ?? "a whole number"
        switch NumberParsing.wholeNumber(text.trimmingCharacters(in: .whitespaces)) {
        case .success(let value):
            if let range, !range.contains(value) { throw error("out of range", expected: expected, found: text) }
            return value
        case .failure(let problem):
            throw error(problem.kind == .malformed ? problem.message : "out of range", expected: expected, found: text)
        }
    }

    /// A finite number with a decimal point (never a comma), read as the CSV files' numbers are.
    public func double(range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        let text = try string()
        let expected = range.map { "a number from \(NumberFormat.json($0.lowerBound)) to \(NumberFormat.json($0.upperBound))" }
            ?? "a number such as 1.5"
        switch NumberParsing.decimal(text.trimmingCharacters(in: .whitespaces), decimalComma: false) {
        case .success(let value):
            if let range, !range.contains(value) { throw error("out of range", expected: expected, found: text) }
            return value
        case .failure(let problem):
            throw error(problem.message, expected: expected, found: text)
        }
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
        switch Day.parse(text, allowMidnight: false) {
        case .success(let day): return day
        case .failure(let problem): throw error(problem.message, expected: "a date like 2026-04-01", found: text)
        }
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
                             "missing key '\(key)'", expected: "a line `\(key): …`")
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

/// The closest candidate, for "did you mean …?" hints: within edit distance 2,
/// and not a wholly different short id (see ``CSVTable/closestName(to:among:)``).
func closestMatch(to word: String, among candidates: [String]) -> String? {
    CSVTable.closestName(to: word, among: candidates)
}
