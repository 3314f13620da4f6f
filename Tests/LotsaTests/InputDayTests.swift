import Foundation
import Testing
import Lotsa

@Suite("Day")
struct InputDayTests {
    @Test func validDatesAreAccepted() throws {
        let day = try #require(Day(year: 2026, month: 4, day: 1))
        #expect(day.year == 2026)
        #expect(day.month == 4)
        #expect(day.day == 1)
        #expect(day.description == "2026-04-01")
    }

    @Test(arguments: [(2026, 2, 30), (2026, 2, 29), (2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (2026, 4, 31), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0), (2026, 1, 32)])
    func invalidDatesAreNil(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2400, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
    }

    @Test(arguments: ["2026-04-01", "2000-02-29", "0001-01-01", "9999-12-31", "1900-03-01"])
    func isoRoundTrips(text: String) throws {
        let day = try #require(Day(iso: text))
        #expect(day.description == text)
    }

    @Test(arguments: ["2026-4-1", "2026-04-1", "26-04-01", "2026-04-01 00:00", "2026-04-01T00:00", "01/04/2026", "2026/04/01", " 2026-04-01", "2026-02-30", "+2026-04-01", "2026-04-01\n", "", "2026-0a-01", "２０２６-04-01"])
    func isoIsStrict(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test(arguments: [
        ("2026-04-01", 3), ("2026-03-30", 1), ("2026-04-05", 7), ("1970-01-01", 4),
        ("2000-01-01", 6), ("1900-01-01", 1), ("2000-02-29", 2), ("2024-12-30", 1), ("1600-03-01", 3),
    ])
    func weekdayOfKnownDates(text: String, weekday: Int) throws {
        #expect(try #require(Day(iso: text)).weekday == weekday)
    }

    @Test func arithmeticAcrossLeapYearsAndCenturies() throws {
        let d = { (text: String) in Day(iso: text)! }
        #expect(d("2000-02-28").adding(days: 1) == d("2000-02-29"))
        #expect(d("2000-02-29").adding(days: 1) == d("2000-03-01"))
        #expect(d("1900-02-28").adding(days: 1) == d("1900-03-01"))
        #expect(d("2100-02-28").adding(days: 1) == d("2100-03-01"))
        #expect(d("2024-12-31").adding(days: 1) == d("2025-01-01"))
        #expect(d("2025-01-01").adding(days: -1) == d("2024-12-31"))
        #expect(d("2001-01-01") - d("2000-01-01") == 366)
        #expect(d("1901-01-01") - d("1900-01-01") == 365)
        #expect(d("2401-01-01") - d("2400-01-01") == 366)
        #expect(d("2026-04-01") - d("2026-03-30") == 2)
        #expect(d("2026-03-30") - d("2026-04-01") == -2)
        #expect(d("2000-01-01") - d("1900-01-01") == 36_524)
        #expect(d("2400-01-01") - d("2000-01-01") == 146_097)
        #expect(d("1970-01-01").adding(days: 20_544) == d("2026-04-01"))
    }

    @Test func everyDayFrom1599To2401MatchesANaiveCalendarWalk() throws {
        var day = try #require(Day(year: 1599, month: 1, day: 1))
        var (year, month, dayOfMonth) = (1599, 1, 1)
        var weekday = day.weekday
        var mismatches: [String] = []
        while year <= 2401 && mismatches.count < 5 {
            if day.year != year || day.month != month || day.day != dayOfMonth || day.weekday != weekday
                || Day(year: year, month: month, day: dayOfMonth) != day {
                mismatches.append("\(year)-\(month)-\(dayOfMonth) vs \(day)")
            }
            let monthLength: Int
            switch month {
            case 2: monthLength = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: monthLength = 30
            default: monthLength = 31
            }
            dayOfMonth += 1
            if dayOfMonth > monthLength { dayOfMonth = 1; month += 1 }
            if month > 12 { month = 1; year += 1 }
            weekday = weekday % 7 + 1
            let next = day.adding(days: 1)
            if next - day != 1 { mismatches.append("difference after \(day)") }
            day = next
        }
        #expect(mismatches.isEmpty)
        #expect(day == Day(year: 2402, month: 1, day: 1))
    }

    @Test func comparesChronologically() throws {
        let a = try #require(Day(iso: "2025-12-31"))
        let b = try #require(Day(iso: "2026-01-01"))
        #expect(a < b)
        #expect([b, a].sorted() == [a, b])
        #expect(Set([a, b, a.adding(days: 1)]).count == 2)
    }

    @Test func datesBeforeYearZeroAndFarAwayWork() throws {
        let day = try #require(Day(year: -1, month: 12, day: 31))
        #expect(day.adding(days: 1) == Day(year: 0, month: 1, day: 1))
        #expect(day.description == "-0001-12-31")
        #expect(Day(year: 0, month: 2, day: 29) != nil)
        #expect(Day(year: 2_000_000, month: 1, day: 1) == nil)
    }

    @Test func codableUsesTheISOText() throws {
        let day = try #require(Day(iso: "2026-04-01"))
        let data = try JSONEncoder().encode([day])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-04-01"]"#)
        #expect(try JSONDecoder().decode([Day].self, from: data) == [day])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
