/// A calendar date (proleptic Gregorian, no time zone), stored as a day number
/// so arithmetic is exact.
///
/// The day number counts days from 1970-01-01; the conversions are Howard
/// Hinnant's `days_from_civil` and `civil_from_days`, exact for every year in
/// ``supportedYears``. It encodes (`Codable`) as its ISO text, "2026-04-01".
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01.
    let dayNumber: Int

    /// The years `init(year:month:day:)` accepts: wide enough for anything,
    /// narrow enough that no arithmetic on them overflows.
    static let supportedYears = -1_000_000...1_000_000

    init(dayNumber: Int) {
        self.dayNumber = dayNumber
    }

    /// A date known to be valid, in any year.
    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.init(dayNumber: Self.dayNumber(year: year, month: month, day: day))
    }

    /// Nil when there is no such date (2026-02-30, month 13, day 0).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.supportedYears.contains(year), (1...12).contains(month),
              (1...Self.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.init(dayNumber: Self.dayNumber(year: year, month: month, day: day))
    }

    /// Strictly `YYYY-MM-DD` with a four-digit year: "2026-04-01".
    public init?(iso: String) {
        guard case .success(let day) = Self.parse(iso, allowMidnight: false) else { return nil }
        self = day
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var day: Int { components.day }

    /// ISO weekday: Monday 1 ... Sunday 7.
    public var weekday: Int {
        // 1970-01-01 was a Thursday.
        let offset = (dayNumber + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    public func adding(days: Int) -> Day {
        Day(dayNumber: dayNumber + days)
    }

    /// The number of days from `rhs` to `lhs`.
    public static func - (lhs: Day, rhs: Day) -> Int {
        lhs.dayNumber - rhs.dayNumber
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        lhs.dayNumber < rhs.dayNumber
    }

    /// "2026-04-01".
    public var description: String {
        let (year, month, day) = components
        let yearText = year < 0 ? "-" + Self.padded(-year, 4) : Self.padded(year, 4)
        return yearText + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a date like 2026-04-01, found \"\(text)\"")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Calendar

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - Parsing

    /// Why a text is not a date; `message` becomes the error message.
    struct ParseProblem: Error, Equatable {
        var message: String
    }

    /// Parses `YYYY-MM-DD`; with `allowMidnight`, also `YYYY-MM-DD 00:00` and
    /// `YYYY-MM-DD 00:00:00`, which Swedish Excel writes for date cells with
    /// a time format.
    static func parse(_ text: String, allowMidnight: Bool) -> Result<Day, ParseProblem> {
        let utf8 = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= utf8.count else { return nil }
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard utf8.count >= 10, let year = digits(0..<4), utf8[4] == UInt8(ascii: "-"),
              let month = digits(5..<7), utf8[7] == UInt8(ascii: "-"), let day = digits(8..<10) else {
            return .failure(diagnose(text))
        }
        if utf8.count > 10 {
            let time = String(decoding: utf8[10...], as: UTF8.self)
            guard allowMidnight else { return .failure(ParseProblem(message: "not a date: a time of day is not accepted")) }
            switch time {
            case " 00:00", " 00:00:00": break
            default:
                let isTime = time.first == " " && time.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
                return .failure(ParseProblem(message: isTime
                    ? "not a date: a time of day other than midnight (00:00) is not accepted"
                    : "not a date: unexpected text after the date"))
            }
        }
        guard (1...12).contains(month) else {
            return .failure(ParseProblem(message: "no such date: there is no month \(month)"))
        }
        guard let date = Day(year: year, month: month, day: day) else {
            let monthText = padded(year, 4) + "-" + padded(month, 2)
            return .failure(ParseProblem(message: "no such date: \(monthText) has \(daysInMonth(year: year, month: month)) days"))
        }
        return .success(date)
    }

    private static func diagnose(_ text: String) -> ParseProblem {
        // Excel writes a date cell formatted as a number as its serial
        // number: days since 1899-12-30 (for dates after February 1900).
        if text.count == 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let serial = Int(text) {
            let date = Day(year: 1899, month: 12, day: 30)!.adding(days: serial)
            return ParseProblem(message: "not a date: this looks like an Excel serial number for \(date); format the column as dates (ÅÅÅÅ-MM-DD) before saving")
        }
        // 2026-4-1: the right order without the zeros.
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 || $0.count == 4 }),
           let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           let date = Day(year: year, month: month, day: day) {
            return ParseProblem(message: "not a date: write month and day with two digits (\(date))")
        }
        return ParseProblem(message: "not a date")
    }
}
