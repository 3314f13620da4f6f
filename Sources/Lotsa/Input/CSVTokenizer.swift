/// One CSV record as the tokenizer found it.
struct CSVRecord: Sendable {
    /// The physical line where the record starts.
    var line: Int
    /// The physical line where it ends (later than `line` when a quoted field
    /// contains line breaks).
    var lastLine: Int
    /// The fields, trimmed of spaces, tabs and non-breaking spaces.
    var fields: [String]
    /// The record's bytes in the file, without its final line break.
    var byteRange: Range<Int>
}

/// Splits UTF-8 CSV bytes into records (RFC 4180 quoting), keeping count of
/// physical lines so that each record knows the line where it starts.
///
/// - A field is quoted when its first non-blank byte is `"`; inside it `""`
///   stands for `"`, and the delimiter and line breaks are ordinary text. A
///   `"` inside an unquoted field is an ordinary character.
/// - `\r\n`, `\n` and `\r` all end a line.
/// - Empty lines, lines whose first character is `#`, and lines made of
///   blanks and delimiters only (what Excel writes for a cleared row) are
///   skipped; they still count as lines.
///
/// It works on bytes, never indexing a `String` by character; the bytes must
/// already be valid UTF-8 (see ``CSVEncoding``).
struct CSVTokenizer {
    private let bytes: [UInt8]
    private let path: String
    private let delimiter: UInt8
    private var position: Int
    /// The physical line at `position`.
    private(set) var line: Int
    /// The header's column names, once known, to name fields in errors.
    var columnNames: [String] = []

    init(bytes: [UInt8], path: String, delimiter: UInt8, start: Int, line: Int) {
        self.bytes = bytes
        self.path = path
        self.delimiter = delimiter
        self.position = start
        self.line = line
    }

    /// Where the header starts: the first line that is not empty, not a
    /// comment and not made of blanks and delimiters only. Nil when there is
    /// no such line.
    static func locateHeader(in bytes: [UInt8], from start: Int) -> (offset: Int, line: Int)? {
        var index = start
        var line = 1
        let count = bytes.count
        while index < count {
            let lineStart = index
            var blank = true
            while index < count {
                let byte = bytes[index]
                if byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn { break }
                if byte != ASCIIByte.space && byte != ASCIIByte.tab && byte != ASCIIByte.comma && byte != ASCIIByte.semicolon {
                    blank = false
                }
                index += 1
            }
            if !blank && bytes[lineStart] != ASCIIByte.hash { return (lineStart, line) }
            if index < count {
                if bytes[index] == ASCIIByte.carriageReturn && index + 1 < count && bytes[index + 1] == ASCIIByte.lineFeed {
                    index += 1
                }
                index += 1
                line += 1
            }
        }
        return nil
    }

    /// The next record, or nil at the end of the data.
    mutating func next() throws(InputError) -> CSVRecord? {
        let count = bytes.count
        while position < count {
            switch bytes[position] {
            case ASCIIByte.lineFeed, ASCIIByte.carriageReturn:
                consumeLineBreak()
            case ASCIIByte.hash:
                while position < count && bytes[position] != ASCIIByte.lineFeed && bytes[position] != ASCIIByte.carriageReturn {
                    position += 1
                }
            default:
                if let record = try readRecord() { return record }
            }
        }
        return nil
    }

    /// The raw text of `range`, for error messages.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    // MARK: - Records and fields

    private mutating func consumeLineBreak() {
        if bytes[position] == ASCIIByte.carriageReturn && position + 1 < bytes.count && bytes[position + 1] == ASCIIByte.lineFeed {
            position += 1
        }
        position += 1
        line += 1
    }

    /// Reads the record at `position`, through its line break. Nil when it
    /// turns out to be blanks and delimiters only.
    private mutating func readRecord() throws(InputError) -> CSVRecord? {
        let startLine = line
        let startPosition = position
        let count = bytes.count
        var fields: [String] = []
        fields.reserveCapacity(max(columnNames.count, 1))
        var anyQuoted = false
        var anyNonEmpty = false
        while true {
            while position < count && (bytes[position] == ASCIIByte.space || bytes[position] == ASCIIByte.tab) {
                position += 1
            }
            let value: String
            if position < count && bytes[position] == ASCIIByte.quote {
                anyQuoted = true
                value = try readQuotedField(index: fields.count)
            } else {
                let fieldStart = position
                while position < count {
                    let byte = bytes[position]
                    if byte == delimiter || byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn { break }
                    position += 1
                }
                value = Self.trimmedString(bytes, fieldStart, position)
            }
            if !value.isEmpty { anyNonEmpty = true }
            fields.append(value)
            if position < count && bytes[position] == delimiter {
                position += 1
                continue
            }
            break
        }
        let endPosition = position
        let lastLine = line
        if position < count { consumeLineBreak() }
        if !anyNonEmpty && !anyQuoted { return nil }
        return CSVRecord(line: startLine, lastLine: lastLine, fields: fields, byteRange: startPosition..<endPosition)
    }

    /// Reads a quoted field; `position` is at its opening `"`. Leaves
    /// `position` at the delimiter, line break or end that follows it.
    private mutating func readQuotedField(index: Int) throws(InputError) -> String {
        let openingLine = line
        let openingPosition = position
        let count = bytes.count
        position += 1
        var unescaped: [UInt8] = []
        var hasEscapes = false
        var segmentStart = position
        var contentEnd = position
        while true {
            guard position < count else {
                throw InputError(
                    location(line: openingLine, fieldIndex: index),
                    "unterminated quoted field: the '\"' opened on line \(openingLine) is never closed",
                    expected: "a closing '\"' (a '\"' inside a quoted field is written '\"\"')",
                    found: restOfLine(from: openingPosition))
            }
            let byte = bytes[position]
            if byte == ASCIIByte.quote {
                if position + 1 < count && bytes[position + 1] == ASCIIByte.quote {
                    hasEscapes = true
                    unescaped.append(contentsOf: bytes[segmentStart...position])
                    position += 2
                    segmentStart = position
                    continue
                }
                contentEnd = position
                position += 1
                break
            }
            if byte == ASCIIByte.lineFeed || byte == ASCIIByte.carriageReturn {
                consumeLineBreak()
            } else {
                position += 1
            }
        }
        while position < count && (bytes[position] == ASCIIByte.space || bytes[position] == ASCIIByte.tab) {
            position += 1
        }
        if position < count {
            let byte = bytes[position]
            if byte != delimiter && byte != ASCIIByte.lineFeed && byte != ASCIIByte.carriageReturn {
                throw InputError(
                    location(line: line, fieldIndex: index),
                    "text after the closing '\"' of a quoted field",
                    expected: "the field to end at its closing '\"' (a '\"' inside a quoted field is written '\"\"')",
                    found: restOfLine(from: line == openingLine ? openingPosition : contentEnd))
            }
        }
        if hasEscapes {
            unescaped.append(contentsOf: bytes[segmentStart..<contentEnd])
            return Self.trimmedString(unescaped, 0, unescaped.count)
        }
        return Self.trimmedString(bytes, segmentStart, contentEnd)
    }

    private func location(line: Int, fieldIndex: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, field: fieldIndex < columnNames.count ? columnNames[fieldIndex] : nil)
    }

    /// The text from `start` to the end of its physical line.
    private func restOfLine(from start: Int) -> String {
        var end = start
        while end < bytes.count && bytes[end] != ASCIIByte.lineFeed && bytes[end] != ASCIIByte.carriageReturn {
            end += 1
        }
        return text(start..<end)
    }

    /// `bytes[lower..<upper]` as a string, without leading and trailing
    /// spaces, tabs and non-breaking spaces (U+00A0, bytes C2 A0).
    static func trimmedString(_ bytes: [UInt8], _ lower: Int, _ upper: Int) -> String {
        var lower = lower, upper = upper
        while lower < upper {
            let byte = bytes[lower]
            if byte == ASCIIByte.space || byte == ASCIIByte.tab {
                lower += 1
            } else if byte == 0xC2 && lower + 1 < upper && bytes[lower + 1] == 0xA0 {
                lower += 2
            } else {
                break
            }
        }
        while upper > lower {
            let byte = bytes[upper - 1]
            if byte == ASCIIByte.space || byte == ASCIIByte.tab {
                upper -= 1
            } else if byte == 0xA0 && upper - 2 >= lower && bytes[upper - 2] == 0xC2 {
                upper -= 2
            } else {
                break
            }
        }
        if lower == upper { return "" }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}
