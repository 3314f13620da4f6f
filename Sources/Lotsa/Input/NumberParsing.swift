/// Strict parsing of the numbers analysts write in CSV files, with a precise
/// reason when a text is not accepted.
///
/// - Whole numbers: an optional `+` or `-`, then ASCII digits. No blanks,
///   thousands separators or decimals (not even `12.0`).
/// - Decimal numbers: an optional sign, digits with an optional fraction
///   after `.` (or `,` when `decimalComma`), an optional exponent (`1e-3`).
///   No NaN, infinity, hexadecimal, blanks or thousands separators.
enum NumberParsing {
    /// Why a text is not a number; `message` becomes the error message.
    struct Problem: Error, Equatable {
        enum Kind: Equatable { case malformed, tooLarge, tooSmall }
        var kind: Kind = .malformed
        var message: String
    }

    static func wholeNumber(_ text: String) -> Result<Int, Problem> {
        let utf8 = Array(text.utf8)
        var index = 0
        var negative = false
        if let first = utf8.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        guard index < utf8.count else { return .failure(diagnoseWholeNumber(text)) }
        var value = 0
        var overflow = false
        while index < utf8.count {
            let byte = utf8[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else {
                return .failure(diagnoseWholeNumber(text))
            }
            let digit = Int(byte - UInt8(ascii: "0"))
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { overflow = true } else { value = next }
            index += 1
        }
        if overflow {
            return .failure(negative ? Problem(kind: .tooSmall, message: "too small") : Problem(kind: .tooLarge, message: "too large"))
        }
        return .success(value)
    }

    static func decimal(_ text: String, decimalComma: Bool) -> Result<Double, Problem> {
        if let normalized = normalizedDecimal(text, allowComma: decimalComma) {
            guard let value = Double(normalized), value.isFinite else {
                return .failure(Problem(kind: .tooLarge, message: "out of range: too large for a number"))
            }
            return .success(value)
        }
        return .failure(diagnoseDecimal(text, decimalComma: decimalComma))
    }

    /// The text in the form `Double.init(_:)` reads (sign, digits, `.`,
    /// exponent), or nil when it does not follow the grammar above.
    static func normalizedDecimal(_ text: String, allowComma: Bool) -> String? {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < utf8.count && utf8[i] >= UInt8(ascii: "0") && utf8[i] <= UInt8(ascii: "9") }
        if index < utf8.count && (utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-")) {
            out.append(utf8[index])
            index += 1
        }
        var digits = 0
        while isDigit(index) { out.append(utf8[index]); index += 1; digits += 1 }
        if index < utf8.count && (utf8[index] == UInt8(ascii: ".") || (allowComma && utf8[index] == UInt8(ascii: ","))) {
            out.append(UInt8(ascii: "."))
            index += 1
            while isDigit(index) { out.append(utf8[index]); index += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if index < utf8.count && (utf8[index] == UInt8(ascii: "e") || utf8[index] == UInt8(ascii: "E")) {
            out.append(UInt8(ascii: "e"))
            index += 1
            if index < utf8.count && (utf8[index] == UInt8(ascii: "+") || utf8[index] == UInt8(ascii: "-")) {
                out.append(utf8[index])
                index += 1
            }
            var exponentDigits = 0
            while isDigit(index) { out.append(utf8[index]); index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard index == utf8.count else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Diagnosis

    /// Blanks that people (and Swedish Excel) put between groups of digits.
    private static let groupSeparators: Set<Character> = [" ", "\u{A0}", "\u{202F}", "\u{2009}", "\u{2007}", "'"]
    /// Look-alikes of the minus sign.
    private static let minusLookalikes: Set<Character> = ["\u{2212}", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}"]

    private static func diagnoseWholeNumber(_ text: String) -> Problem {
        if let first = text.first, minusLookalikes.contains(first) {
            return Problem(message: "not a whole number: write the minus sign as '-' (a plain hyphen)")
        }
        if text.contains(where: groupSeparators.contains) {
            let joined = String(text.filter { !groupSeparators.contains($0) })
            if case .success = wholeNumber(joined) {
                return Problem(message: "not a whole number: thousands separators are not allowed (write \(joined))")
            }
        }
        if let normalized = normalizedDecimal(text, allowComma: true), let dot = normalized.firstIndex(of: ".") {
            let fraction = normalized[normalized.index(after: dot)...].prefix { $0 != "e" }
            if !normalized.contains("e") && fraction.allSatisfy({ $0 == "0" }) {
                let whole = String(normalized[..<dot])
                return Problem(message: "not a whole number: write \(whole.isEmpty || whole == "-" || whole == "+" ? "0" : whole) without decimals")
            }
        }
        return Problem(message: "not a whole number")
    }

    private static func diagnoseDecimal(_ text: String, decimalComma: Bool) -> Problem {
        var unsigned = Substring(text.lowercased())
        if unsigned.first == "+" || unsigned.first == "-" { unsigned = unsigned.dropFirst() }
        if ["nan", "snan", "inf", "infinity", "∞"].contains(unsigned) {
            return Problem(message: "not a finite number (NaN and infinity are not accepted)")
        }
        if unsigned.hasPrefix("0x") {
            return Problem(message: "not a number: hexadecimal numbers are not accepted")
        }
        if let first = text.first, minusLookalikes.contains(first) {
            return Problem(message: "not a number: write the minus sign as '-' (a plain hyphen)")
        }
        if text.contains("%") {
            return Problem(message: "not a number: '%' is not accepted, write the number alone")
        }
        if !decimalComma && text.contains(","), let normalized = normalizedDecimal(text, allowComma: true) {
            return Problem(message: "not a number: a decimal comma is accepted only in ;-separated files (write \(normalized))")
        }
        if text.contains(where: groupSeparators.contains) {
            let joined = String(text.filter { !groupSeparators.contains($0) })
            if normalizedDecimal(joined, allowComma: decimalComma) != nil {
                return Problem(message: "not a number: thousands separators are not allowed (write \(joined))")
            }
        }
        if text.contains(",") && text.contains(".") {
            return Problem(message: "not a number: thousands separators are not allowed")
        }
        return Problem(message: "not a number")
    }
}
