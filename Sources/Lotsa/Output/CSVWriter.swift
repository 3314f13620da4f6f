/// The CSV dialects Lotsa writes.
public enum CSVDialectOut: String, Sendable, CaseIterable {
    /// `,` and a decimal point: the output contract, for scripts and Power BI.
    case standard
    /// `;` and a decimal comma, what Excel expects in a Swedish locale.
    case swedishExcel = "excel-sv"

    var separator: Character { self == .standard ? "," : ";" }
}

/// Builds one CSV file in memory: a header, then rows of already formatted fields.
public struct CSVWriter: Sendable {
    public let dialect: CSVDialectOut
    private(set) var text = ""

    public init(header: [String], dialect: CSVDialectOut = .standard) {
        self.dialect = dialect
        if dialect == .swedishExcel { text.append("\u{FEFF}") }  // Excel reads UTF-8 only with a BOM
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        text.append(fields.map(quote).joined(separator: String(dialect.separator)))
        text.append(dialect == .swedishExcel ? "\r\n" : "\n")
    }

    public func number(_ value: Double, decimals: Int = 6) -> String {
        NumberFormat.csv(value, decimals: decimals, decimalComma: dialect == .swedishExcel)
    }

    public var contents: String { text }

    private func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == dialect.separator || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
