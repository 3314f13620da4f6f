/// An ISO 8601 week: weeks start on Monday, and week 1 of a year is the week
/// that contains its first Thursday (so 2026-W01 starts on 2025-12-29). A year
/// has 52 or 53 weeks. It encodes (`Codable`) as its ISO text, "2026-W14".
public struct ISOWeek: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let week: Int

    /// Nil when the ISO year has no such week (2027-W53, week 0).
    public init?(year: Int, week: Int) {
        guard Day.supportedYears.contains(year), week >= 1, week <= Self.weeks(inYear: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// "2026-W14"; a lower-case "w" is accepted too. The week has two digits.
    public init?(iso: String) {
        guard case .success(let week) = Self.parse(iso) else { return nil }
        self = week
    }

    /// The week that contains `day`.
    public init(containing day: Day) {
        // The ISO year of a week is the year of its Thursday.
        let thursday = day.adding(days: 4 - day.weekday)
        let year = thursday.year
        self.year = year
        self.week = (thursday - Day(unchecked: year, 1, 1)) / 7 + 1
    }

    /// The Monday that starts the week.
    public var monday: Day {
        Self.firstMonday(ofYear: year).adding(days: 7 * (week - 1))
    }

    /// 53 when the year starts on a Thursday, or on a Wednesday in a leap
    /// year; else 52.
    public static func weeks(inYear year: Int) -> Int {
        guard let januaryFirst = Day(year: year, month: 1, day: 1) else { return 52 }
        let weekday = januaryFirst.weekday
        return weekday == 4 || (weekday == 3 && Day.isLeapYear(year)) ? 53 : 52
    }

    public func adding(weeks: Int) -> ISOWeek {
        ISOWeek(containing: monday.adding(days: 7 * weeks))
    }

    /// The number of weeks from `rhs` to `lhs`.
    public static func - (lhs: ISOWeek, rhs: ISOWeek) -> Int {
        (lhs.monday - rhs.monday) / 7
    }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// "2026-W14".
    public var description: String {
        let yearDigits = String(abs(year))
        let yearText = (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - yearDigits.count)) + yearDigits
        return yearText + "-W" + (week < 10 ? "0" : "") + String(week)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let week = ISOWeek(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO week like 2026-W14, found \"\(text)\"")
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// The Monday of week 1: the Monday of the week that contains January 4.
    private static func firstMonday(ofYear year: Int) -> Day {
        let januaryFourth = Day(unchecked: year, 1, 4)
        return januaryFourth.adding(days: 1 - januaryFourth.weekday)
    }

    // MARK: - Parsing

    /// Why a text is not an ISO week; `message` becomes the error message.
    struct ParseProblem: Error, Equatable {
        var message: String
    }

    /// Parses `YYYY-Www` (or `YYYY-www`).
    static func parse(_ text: String) -> Result<ISOWeek, ParseProblem> {
        let utf8 = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= utf8.count, !range.isEmpty else { return nil }
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        let hasPrefix = utf8.count >= 6 && number(0..<4) != nil && utf8[4] == UInt8(ascii: "-")
            && (utf8[5] == UInt8(ascii: "W") || utf8[5] == UInt8(ascii: "w"))
        guard hasPrefix, let year = number(0..<4) else {
            return .failure(ParseProblem(message: "not an ISO week"))
        }
        if utf8.count == 7, let week = number(6..<7) {
            let suggestion = ISOWeek(year: year, week: week).map { " (\($0))" } ?? ""
            return .failure(ParseProblem(message: "not an ISO week: write the week with two digits\(suggestion)"))
        }
        guard utf8.count == 8, let week = number(6..<8) else {
            return .failure(ParseProblem(message: "not an ISO week"))
        }
        guard let result = ISOWeek(year: year, week: week) else {
            return .failure(ParseProblem(message: "no such week: \(String(decoding: utf8[0..<4], as: UTF8.self)) has \(weeks(inYear: year)) ISO weeks"))
        }
        return .success(result)
    }
}
