/// One record of a ``CSVTable``, with typed accessors that turn every bad
/// field into an ``InputError`` naming the file, the line and the column.
///
/// Conventions shared by the accessors:
/// - Fields are trimmed of spaces, tabs and non-breaking spaces.
/// - An empty field counts as missing. A column the file does not have (an
///   optional one) counts as missing too.
/// - When a `default` is given, a missing value yields it; otherwise a
///   missing value is an error.
public struct CSVRow: Sendable {
    /// The physical line where the record starts.
    public let line: Int
    /// The file's display path.
    public let path: String
    let fields: [String]
    /// Column name → index in `fields`, shared by all rows of a table.
    let columns: [String: Int]
    let decimalComma: Bool

    init(line: Int, path: String, fields: [String], columns: [String: Int], decimalComma: Bool) {
        self.line = line
        self.path = path
        self.fields = fields
        self.columns = columns
        self.decimalComma = decimalComma
    }

    /// The largest value ``count(_:default:)`` accepts.
    static let maximumCount = 10_000_000

    /// The trimmed field; nil when the table has no such column.
    public subscript(_ column: String) -> String? {
        guard let index = columns[column] else { return nil }
        return fields[index]
    }

    public func location(_ field: String? = nil) -> SourceLocation {
        SourceLocation(file: path, line: line, field: field)
    }

    /// An error at this row, for checks made by the caller.
    public func error(_ field: String?, _ message: String, expected: String? = nil, found: String? = nil) -> InputError {
        InputError(location(field), message, expected: expected, found: found)
    }

    // MARK: - Text

    /// The value, which must be present and non-empty.
    public func string(_ column: String) throws(InputError) -> String {
        try present(column, expected: "a value")
    }

    /// Nil when the column is absent or the field empty.
    public func optionalString(_ column: String) -> String? {
        guard let value = self[column], !value.isEmpty else { return nil }
        return value
    }

    // MARK: - Numbers

    /// A whole number: optional `+` or `-`, then digits; no blanks, thousands
    /// separators or decimals.
    public func int(_ column: String, default defaultValue: Int? = nil, range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        let expected = Self.describeWholeNumbers(range)
        guard let text = optionalString(column) else {
            if let defaultValue { return defaultValue }
            throw missing(column, expected: expected)
        }
        switch NumberParsing.wholeNumber(text) {
        case .success(let value):
            if let range, !range.contains(value) {
                throw error(column, "out of range", expected: expected, found: text)
            }
            return value
        case .failure(let problem):
            throw error(column, problem.message, expected: expected, found: text)
        }
    }

    /// A count: a whole number from 0 to 10 000 000 (`12`, not `12.0`).
    public func count(_ column: String, default defaultValue: Int? = nil) throws(InputError) -> Int {
        let expected = "a non-negative whole number"
        guard let text = optionalString(column) else {
            if let defaultValue { return defaultValue }
            throw missing(column, expected: expected)
        }
        switch NumberParsing.wholeNumber(text) {
        case .success(let value):
            if value < 0 {
                throw error(column, "a count cannot be negative", expected: expected, found: text)
            }
            if value > Self.maximumCount {
                throw error(column, "too large", expected: "\(expected) up to \(Self.maximumCount)", found: text)
            }
            return value
        case .failure(let problem):
            switch problem.kind {
            case .tooLarge: throw error(column, "too large", expected: "\(expected) up to \(Self.maximumCount)", found: text)
            case .tooSmall: throw error(column, "a count cannot be negative", expected: expected, found: text)
            case .malformed: break
            }
            throw error(column, problem.message, expected: expected, found: text)
        }
    }

    /// A finite number. `2.5` is always accepted; `2,5` only when the table
    /// is `;`-separated. No NaN, infinity, hexadecimal or thousands
    /// separators.
    public func double(_ column: String, default defaultValue: Double? = nil, range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        guard let text = optionalString(column) else {
            if let defaultValue { return defaultValue }
            throw missing(column, expected: describeNumbers(range))
        }
        return try parseDouble(column, text, range: range)
    }

    /// Like ``double(_:default:range:)``, but nil when the column is absent
    /// or the field empty.
    public func optionalDouble(_ column: String) throws(InputError) -> Double? {
        guard let text = optionalString(column) else { return nil }
        return try parseDouble(column, text, range: nil)
    }

    private func parseDouble(_ column: String, _ text: String, range: ClosedRange<Double>?) throws(InputError) -> Double {
        switch NumberParsing.decimal(text, decimalComma: decimalComma) {
        case .success(let value):
            if let range, !range.contains(value) {
                throw error(column, "out of range", expected: describeNumbers(range), found: text)
            }
            return value
        case .failure(let problem):
            throw error(column, problem.message, expected: describeNumbers(range), found: text)
        }
    }

    // MARK: - Calendar

    /// A date written `YYYY-MM-DD`; `YYYY-MM-DD 00:00` and
    /// `YYYY-MM-DD 00:00:00` (Swedish Excel's date-time cells) are accepted
    /// when the time is midnight.
    public func day(_ column: String) throws(InputError) -> Day {
        let text = try present(column, expected: Self.dayExpectation)
        return try parseDay(column, text)
    }

    /// Like ``day(_:)``, but nil when the column is absent or the field empty.
    public func optionalDay(_ column: String) throws(InputError) -> Day? {
        guard let text = optionalString(column) else { return nil }
        return try parseDay(column, text)
    }

    /// An ISO week written `2026-W14` (or `2026-w14`).
    public func isoWeek(_ column: String) throws(InputError) -> ISOWeek {
        let expected = "an ISO week like 2026-W14"
        let text = try present(column, expected: expected)
        switch ISOWeek.parse(text) {
        case .success(let week): return week
        case .failure(let problem): throw error(column, problem.message, expected: expected, found: text)
        }
    }

    private static let dayExpectation = "a date like 2026-04-01"

    private func parseDay(_ column: String, _ text: String) throws(InputError) -> Day {
        switch Day.parse(text, allowMidnight: true) {
        case .success(let day): return day
        case .failure(let problem): throw error(column, problem.message, expected: Self.dayExpectation, found: text)
        }
    }

    // MARK: - Helpers

    /// The non-empty value of `column`, or an error saying it is missing.
    private func present(_ column: String, expected: String) throws(InputError) -> String {
        guard let text = optionalString(column) else { throw missing(column, expected: expected) }
        return text
    }

    private func missing(_ column: String, expected: String) -> InputError {
        if columns[column] == nil {
            return error(column, "the file has no column '\(column)'", expected: expected)
        }
        return error(column, "missing value", expected: expected, found: "")
    }

    private static func describeWholeNumbers(_ range: ClosedRange<Int>?) -> String {
        guard let range else { return "a whole number" }
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): return "a whole number"
        case (Int.min, let upper): return "a whole number of at most \(upper)"
        case (let lower, Int.max): return "a whole number of at least \(lower)"
        case (let lower, let upper): return "a whole number from \(lower) to \(upper)"
        }
    }

    private func describeNumbers(_ range: ClosedRange<Double>?) -> String {
        let example = decimalComma ? "a number like 2,5 or 2.5" : "a number like 2.5"
        guard let range else { return example }
        let lower = range.lowerBound, upper = range.upperBound
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return "a number from \(Self.format(lower)) to \(Self.format(upper))"
        case (true, false): return "a number of at least \(Self.format(lower))"
        case (false, true): return "a number of at most \(Self.format(upper))"
        case (false, false): return example
        }
    }

    /// `1` rather than `1.0`; other values as Swift prints them.
    private static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
