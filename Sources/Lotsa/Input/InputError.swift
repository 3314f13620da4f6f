/// One problem in the user's input, precise enough to fix it without looking
/// anything up: where (file, line, field), what is wrong, what was expected and
/// what was found.
///
/// Its ``description`` follows the style of compiler diagnostics, so that
/// editors and terminals can jump to the place:
///
///     Scenarios/x/waiting_list.csv:12: error: field 'count': not a whole number
///       expected: a non-negative whole number
///       found: "12,5"
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    /// What is wrong, in lower case and without a final full stop.
    public var message: String
    /// What would have been accepted, e.g. "a date like 2026-04-01".
    public var expected: String?
    /// The offending text, verbatim (``description`` quotes, escapes and
    /// shortens it).
    public var found: String?
    /// Whether the data is bad or a file it names is not there; the command
    /// line exits with 65 or 66 accordingly.
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// The file is there but its content is wrong.
        case invalidData
        /// A file or folder named on the command line or in an input file does not exist.
        case missingFile
    }

    public init(_ location: SourceLocation, _ message: String, expected: String? = nil, found: String? = nil,
                kind: Kind = .invalidData) {
        self.location = location
        self.message = message
        self.expected = expected
        self.found = found
        self.kind = kind
    }

    /// The same error, reported as a missing file or folder.
    public var missingFile: InputError {
        var copy = self
        copy.kind = .missingFile
        return copy
    }

    /// How many characters of ``found`` the description shows.
    static let foundLimit = 60

    public var description: String {
        var text = "\(location): error: "
        if let field = location.field { text += "field '\(field)': " }
        text += message
        if let expected { text += "\n  expected: \(expected)" }
        if let found { text += "\n  found: \(Self.quoted(found))" }
        return text
    }

    /// `text` in double quotes, with control and invisible characters escaped
    /// Swift-style (`\n`, `\t`, `\u{A0}`, ...), shortened to ``foundLimit``
    /// characters with a trailing `…` and the full length.
    static func quoted(_ text: String) -> String {
        let count = text.count
        let shown = count > foundLimit ? String(text.prefix(foundLimit)) : text
        var result = "\""
        for scalar in shown.unicodeScalars {
            result += escaped(scalar)
        }
        result += "\""
        if count > foundLimit { result += "… (\(count) characters)" }
        return result
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\0": return "\\0"
        default:
            if isInvisible(scalar) {
                return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            return String(scalar)
        }
    }

    /// Control characters, and spaces and marks that look like nothing or like
    /// an ordinary space (non-breaking spaces are what Swedish Excel writes as
    /// a thousands separator).
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0xA0, 0xAD, 0x2007, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000: return true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF: return true
        default: return false
        }
    }
}
