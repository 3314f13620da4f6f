/// The bytes that have a meaning in CSV text.
enum ASCIIByte {
    static let tab: UInt8 = 0x09
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let comma: UInt8 = 0x2C
    static let semicolon: UInt8 = 0x3B
}

/// How a CSV file separates its fields: by `,` (the default) or by `;`, as
/// Excel does in locales whose decimal separator is a comma (Swedish, say).
/// It is taken from the header line alone.
struct CSVDialect: Sendable, Equatable {
    /// `,` or `;`.
    let delimiter: UInt8

    static let comma = CSVDialect(delimiter: ASCIIByte.comma)
    static let semicolon = CSVDialect(delimiter: ASCIIByte.semicolon)

    var delimiterCharacter: Character { Character(Unicode.Scalar(delimiter)) }
    /// The delimiter this file does not use.
    var otherDelimiter: UInt8 { delimiter == ASCIIByte.comma ? ASCIIByte.semicolon : ASCIIByte.comma }
    /// In a `;`-separated file, numbers may be written with a decimal comma.
    var decimalComma: Bool { delimiter == ASCIIByte.semicolon }

    /// What the header line says about the delimiter.
    enum Detection: Equatable {
        case dialect(CSVDialect)
        /// Tabs separate the columns, and neither `,` nor `;` occurs.
        case tabSeparated
    }

    /// Looks at the header record starting at `start`, up to the first line
    /// break outside quotes: `;` when it contains `;` and no `,` outside
    /// quotes, else `,`; a header with a tab and neither `,` nor `;` is
    /// tab-separated, which is not accepted.
    static func detect(headerAt start: Int, in bytes: [UInt8]) -> Detection {
        var commas = 0, semicolons = 0, tabs = 0
        // Quotes are read as the tokenizer reads them: a `"` opens a quoted
        // field only at the start of a field, and `""` inside one is a quote.
        var inQuotes = false
        var atFieldStart = true
        var index = start
        scan: while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == ASCIIByte.quote {
                    if index < bytes.count && bytes[index] == ASCIIByte.quote {
                        index += 1
                    } else {
                        inQuotes = false
                    }
                }
                continue
            }
            switch byte {
            case ASCIIByte.lineFeed, ASCIIByte.carriageReturn: break scan
            case ASCIIByte.quote where atFieldStart: inQuotes = true; atFieldStart = false
            case ASCIIByte.comma: commas += 1; atFieldStart = true
            case ASCIIByte.semicolon: semicolons += 1; atFieldStart = true
            case ASCIIByte.tab: tabs += 1
            case ASCIIByte.space: break
            default: atFieldStart = false
            }
        }
        if semicolons > 0 && commas == 0 { return .dialect(.semicolon) }
        if commas == 0 && tabs > 0 { return .tabSeparated }
        return .dialect(.comma)
    }
}
