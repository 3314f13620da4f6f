import Foundation

/// A CSV file read into memory, its header checked against the columns the
/// caller knows.
///
/// Why Lotsa has its own CSV reader: the CSV libraries mirrored for this
/// project (CSV.swift, SwiftCSV) do not report the physical line where a
/// record starts, and every diagnostic about an input file must say
/// `file:line` (counting comment lines, empty lines and line breaks inside
/// quoted fields, as an editor does). The reader is also written for what
/// (Swedish) Excel produces: a UTF-8 byte-order mark, CRLF line endings, `;`
/// as delimiter together with decimal commas, and rows of empty fields.
///
/// What it accepts:
/// - UTF-8 text, with or without a byte-order mark; `\r\n`, `\n` or `\r`
///   line endings.
/// - The delimiter is taken from the header line: `;` when it contains `;`
///   and no `,` outside quotes, else `,`. Tab-separated files are refused.
/// - RFC 4180 quoting (see ``CSVTokenizer``); fields are trimmed of blanks.
/// - Empty lines, lines starting with `#`, and lines of blanks and
///   delimiters only are skipped, before the header too.
/// - The first other line is the header. A file with a header and no rows is
///   a table with no rows; callers decide whether that is an error.
///
/// Every problem is thrown as one ``InputError`` naming the file and line.
public struct CSVTable: Sendable {
    /// The path as shown to the user.
    public let path: String
    /// The column names, in file order.
    public let header: [String]
    public let rows: [CSVRow]
    /// `,` or `;`.
    public let delimiter: Character
    /// The physical line of the header: 1 unless comments or empty lines
    /// precede it.
    public let headerLine: Int

    /// Whether numbers may use a decimal comma: true when the file is
    /// `;`-separated.
    public var decimalComma: Bool { delimiter == ";" }

    /// Reads the file at `url` and checks its header: every `required` column
    /// present, no unknown columns (outside `required` ∪ `optional`), no
    /// duplicate or empty column names.
    public static func read(contentsOf url: URL, displayPath: String, required: [String], optional: [String] = []) throws(InputError) -> CSVTable {
        let location = SourceLocation(file: displayPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw InputError(location, "file not found", expected: "a CSV file with " + columnList(required, optional))
        }
        guard !isDirectory.boolValue else {
            throw InputError(location, "this is a folder, not a file", expected: "a CSV file with " + columnList(required, optional))
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(location, "cannot read the file", found: String(describing: error))
        }
        return try parse(data, displayPath: displayPath, required: required, optional: optional)
    }

    /// Parses CSV `data` and checks its header as ``read(contentsOf:displayPath:required:optional:)`` does.
    public static func parse(_ data: Data, displayPath: String, required: [String], optional: [String] = []) throws(InputError) -> CSVTable {
        let (bytes, start) = try CSVEncoding.decode([UInt8](data), path: displayPath)
        guard let (headerOffset, headerLine) = CSVTokenizer.locateHeader(in: bytes, from: start) else {
            let onlyWhitespace = bytes[start...].allSatisfy {
                $0 == ASCIIByte.space || $0 == ASCIIByte.tab || $0 == ASCIIByte.lineFeed || $0 == ASCIIByte.carriageReturn
            }
            throw InputError(
                SourceLocation(file: displayPath),
                onlyWhitespace ? "empty file" : "no header line: the file has only comments and empty lines",
                expected: "a header line with " + columnList(required, optional))
        }
        let dialect: CSVDialect
        switch CSVDialect.detect(headerAt: headerOffset, in: bytes) {
        case .dialect(let detected):
            dialect = detected
        case .tabSeparated:
            throw InputError(
                SourceLocation(file: displayPath, line: headerLine),
                "tab-separated files are not accepted",
                expected: "columns separated by ',' or ';'",
                found: CSVEncoding.lineText(containing: headerOffset, in: bytes, from: start))
        }

        var tokenizer = CSVTokenizer(bytes: bytes, path: displayPath, delimiter: dialect.delimiter, start: headerOffset, line: headerLine)
        guard let headerRecord = try tokenizer.next() else {
            throw InputError(SourceLocation(file: displayPath, line: headerLine), "no header line", expected: "a header line with " + columnList(required, optional))
        }
        let header = headerRecord.fields
        try checkHeader(header, text: tokenizer.text(headerRecord.byteRange), location: SourceLocation(file: displayPath, line: headerRecord.line), dialect: dialect, required: required, optional: optional)
        tokenizer.columnNames = header

        var columns: [String: Int] = [:]
        for (index, name) in header.enumerated() { columns[name] = index }
        var rows: [CSVRow] = []
        while let record = try tokenizer.next() {
            guard record.fields.count == header.count else {
                throw fieldCountError(record, tokenizer: tokenizer, expectedCount: header.count, dialect: dialect, path: displayPath)
            }
            rows.append(CSVRow(line: record.line, path: displayPath, fields: record.fields, columns: columns, decimalComma: dialect.decimalComma))
        }
        return CSVTable(path: displayPath, header: header, rows: rows, delimiter: dialect.delimiterCharacter, headerLine: headerRecord.line)
    }

    /// Whether the file has the column `column`.
    public func has(_ column: String) -> Bool {
        header.contains(column)
    }

    /// The location of the header line, optionally naming a column.
    public func headerLocation(_ field: String? = nil) -> SourceLocation {
        SourceLocation(file: path, line: headerLine, field: field)
    }

    // MARK: - Header checks

    private static func checkHeader(_ header: [String], text: String, location: SourceLocation, dialect: CSVDialect, required: [String], optional: [String]) throws(InputError) {
        let delimiter = String(dialect.delimiterCharacter)
        if let empty = header.firstIndex(of: "") {
            var message = "empty column name (column \(empty + 1))"
            if header[empty...].allSatisfy(\.isEmpty) {
                message += "; remove the trailing '\(delimiter)' at the end of the header line"
            }
            throw InputError(location, message, expected: "a name for every column", found: text)
        }
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                throw InputError(location, "duplicate column '\(name)' (columns \(first + 1) and \(index + 1))", expected: "each column once", found: text)
            }
            seen[name] = index
        }
        let known = required + optional
        let knownSet = Set(known)
        for name in header where !knownSet.contains(name) {
            var message = "unknown column '\(name)'"
            if let suggestion = closestName(to: name, among: known.filter { !seen.keys.contains($0) }) {
                message += " (did you mean '\(suggestion)'?"
                if suggestion.lowercased() == name.lowercased() { message += " column names are case-sensitive" }
                message += ")"
            }
            let other = String(Character(Unicode.Scalar(dialect.otherDelimiter)))
            if name.contains(other) {
                message += "; the header mixes ',' and ';' — use one delimiter for the whole file"
            }
            throw InputError(location, message, expected: columnList(required, optional), found: name)
        }
        let missing = required.filter { !seen.keys.contains($0) }
        if !missing.isEmpty {
            let names = missing.map { "'\($0)'" }.joined(separator: ", ")
            throw InputError(
                location,
                (missing.count == 1 ? "missing required column " : "missing required columns ") + names,
                expected: columnList(required, optional),
                found: text)
        }
    }

    /// "the columns a, b, c (optional: d, e)".
    static func columnList(_ required: [String], _ optional: [String]) -> String {
        var text = required.isEmpty ? "columns" : "the columns " + required.joined(separator: ", ")
        if !optional.isEmpty {
            text += required.isEmpty ? " among " : " (optional: "
            text += optional.joined(separator: ", ")
            if !required.isEmpty { text += ")" }
        }
        return text
    }

    /// The candidate closest to `name` by edit distance (ignoring case), when
    /// at most 2 edits away and not entirely different (a 2-letter name is not
    /// a misspelling of another 2-letter name).
    static func closestName(to name: String, among candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            guard distance <= 2, distance < candidate.count, distance < name.count else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance between `a` and `b`, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    // MARK: - Records

    private static func fieldCountError(_ record: CSVRecord, tokenizer: CSVTokenizer, expectedCount: Int, dialect: CSVDialect, path: String) -> InputError {
        let text = tokenizer.text(record.byteRange)
        let delimiter = dialect.delimiterCharacter
        let other = Character(Unicode.Scalar(dialect.otherDelimiter))
        let found = record.fields.count
        var message = "the line has \(found) field\(found == 1 ? "" : "s") but the header has \(expectedCount)"
        if containsOutsideQuotes(text, other) {
            message += "; the header is \(delimiter)-separated but this line contains '\(other)'"
        }
        if found > expectedCount && dialect == .comma && looksLikeDecimalComma(record.fields) {
            message += "; if a number is written with a decimal comma (2,5), the comma splits it in two — "
                + "write 2.5, or save the file with ';' between the columns"
        } else if found > expectedCount && record.fields[expectedCount...].allSatisfy(\.isEmpty) {
            message += "; the extra fields at the end are empty — remove the trailing '\(delimiter)'"
        }
        if record.lastLine > record.line {
            message += "; the record runs from line \(record.line) to line \(record.lastLine) because a quoted field contains line breaks — check for a missing or extra '\"'"
        }
        return InputError(
            SourceLocation(file: path, line: record.line),
            message,
            expected: "\(expectedCount) field\(expectedCount == 1 ? "" : "s") separated by '\(delimiter)', as in the header",
            found: text)
    }

    /// Two neighbouring fields that could be the halves of a number such as `2,5`.
    private static func looksLikeDecimalComma(_ fields: [String]) -> Bool {
        func digits(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return zip(fields, fields.dropFirst()).contains { whole, fraction in
            digits(whole.hasPrefix("-") ? String(whole.dropFirst()) : whole) && digits(fraction)
        }
    }

    private static func containsOutsideQuotes(_ text: String, _ character: Character) -> Bool {
        var inQuotes = false
        for c in text {
            if c == "\"" { inQuotes.toggle() } else if c == character && !inQuotes { return true }
        }
        return false
    }
}
