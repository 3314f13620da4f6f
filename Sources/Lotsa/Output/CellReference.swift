import Foundation

/// A cell's A1 reference (`AF7`): column letters and a 1-based row, as Excel
/// shows them and as diagnostics name cells.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// 0-based.
    public var row: Int
    /// 0-based (A is 0, Z 25, AA 26).
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `AF7` (letters in either case, then digits); nil for anything else.
    public init?(_ text: String) {
        var column = 0, row = 0, letters = 0, digits = 0
        for character in text.unicodeScalars {
            switch character.value {
            case 0x41...0x5A, 0x61...0x7A:
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((character.value | 0x20) - 0x61) + 1
                letters += 1
            case 0x30...0x39:
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(character.value - 0x30)
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    /// `A` for 0, `Z` for 25, `AA` for 26.
    public static func letters(ofColumn column: Int) -> String {
        var number = column + 1
        var result = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            result = String(UnicodeScalar(UInt8(65 + remainder))) + result
            number = (number - 1) / 26
        }
        return result
    }

    public var description: String { Self.letters(ofColumn: column) + String(row + 1) }

    /// `sheet!AF7`, the sheet name quoted as Excel does when it is not a plain word.
    public func qualified(bySheet sheet: String) -> String {
        let plain = !sheet.isEmpty && sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        let name = plain ? sheet : "'" + sheet.replacingOccurrences(of: "'", with: "''") + "'"
        return name + "!" + description
    }
}
