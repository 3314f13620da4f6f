import Foundation
import Testing
import Lotsa

private func day(_ text: String) -> Day { Day(iso: text)! }
private func week(_ text: String) -> ISOWeek { ISOWeek(iso: text)! }

@Suite("ISO week")
struct InputISOWeekTests {
    @Test func weekContainingADay() {
        let w14 = ISOWeek(containing: day("2026-04-01"))
        #expect(w14 == ISOWeek(year: 2026, week: 14))
        #expect(w14.monday == day("2026-03-30"))
        #expect(ISOWeek(containing: day("2027-03-31")) == ISOWeek(year: 2027, week: 13))
    }

    @Test func weeksAtTheTurnOfTheYear() {
        #expect(ISOWeek(containing: day("2021-01-03")) == ISOWeek(year: 2020, week: 53))
        #expect(ISOWeek(containing: day("2021-01-04")) == ISOWeek(year: 2021, week: 1))
        #expect(ISOWeek(containing: day("2024-12-30")) == ISOWeek(year: 2025, week: 1))
        #expect(ISOWeek(containing: day("2024-12-29")) == ISOWeek(year: 2024, week: 52))
        #expect(ISOWeek(containing: day("2026-01-01")) == ISOWeek(year: 2026, week: 1))
        #expect(ISOWeek(containing: day("2025-12-29")) == ISOWeek(year: 2026, week: 1))
        #expect(ISOWeek(containing: day("2027-01-03")) == ISOWeek(year: 2026, week: 53))
        #expect(week("2026-W01").monday == day("2025-12-29"))
    }

    @Test(arguments: [(2015, 53), (2020, 53), (2026, 53), (2004, 53), (2032, 53), (2021, 52), (2027, 52), (2024, 52), (2025, 52), (2000, 52)])
    func weeksInYear(year: Int, weeks: Int) {
        #expect(ISOWeek.weeks(inYear: year) == weeks)
    }

    @Test func week53ExistsOnlyInLongYears() {
        #expect(ISOWeek(year: 2026, week: 53) != nil)
        #expect(ISOWeek(year: 2027, week: 53) == nil)
        #expect(ISOWeek(year: 2026, week: 0) == nil)
        #expect(ISOWeek(year: 2026, week: 54) == nil)
        #expect(ISOWeek(iso: "2026-W53") != nil)
        #expect(ISOWeek(iso: "2027-W53") == nil)
    }

    @Test func arithmetic() {
        #expect(week("2026-W14").adding(weeks: 53) == week("2027-W14"))
        #expect(week("2026-W53").adding(weeks: 1) == week("2027-W01"))
        #expect(week("2027-W01").adding(weeks: -1) == week("2026-W53"))
        #expect(week("2027-W14") - week("2026-W14") == 53)
        #expect(week("2026-W14") - week("2027-W14") == -53)
        #expect(week("2026-W14") - week("2026-W14") == 0)
        #expect(week("2026-W14").adding(weeks: 0) == week("2026-W14"))
    }

    @Test func parsingAndDescription() throws {
        #expect(ISOWeek(iso: "2026-w14") == ISOWeek(year: 2026, week: 14))
        #expect(try #require(ISOWeek(year: 2026, week: 3)).description == "2026-W03")
        #expect(week("2026-W14").description == "2026-W14")
        for text in ["2026-W1", "2026W14", "2026-14", "W14", "2026-W140", " 2026-W14", "2026-X14", ""] {
            #expect(ISOWeek(iso: text) == nil, "\(text)")
        }
    }

    @Test func ordering() {
        #expect(week("2026-W53") < week("2027-W01"))
        #expect(week("2026-W02") < week("2026-W10"))
        #expect(!(week("2026-W10") < week("2026-W10")))
    }

    @Test func everyDayBelongsToTheWeekStartingOnItsMonday() {
        var current = day("1999-12-27")
        var previous = ISOWeek(containing: current)
        #expect(previous == ISOWeek(year: 1999, week: 52))
        while current < day("2041-01-01") {
            let w = ISOWeek(containing: current)
            #expect(w.monday.weekday == 1)
            #expect(current - w.monday >= 0 && current - w.monday < 7)
            #expect(ISOWeek(year: w.year, week: w.week) == w)
            if current.weekday == 1 && current != day("1999-12-27") {
                #expect(w == previous.adding(weeks: 1))
                #expect(w - previous == 1)
                #expect(w.week == previous.week + 1 || (w.week == 1 && previous.week == ISOWeek.weeks(inYear: previous.year)))
            }
            previous = w
            current = current.adding(days: 1)
        }
    }

    @Test func codableUsesTheISOText() throws {
        let value = week("2026-W05")
        let data = try JSONEncoder().encode([value])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-W05"]"#)
        #expect(try JSONDecoder().decode([ISOWeek].self, from: data) == [value])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ISOWeek].self, from: Data(#"["2027-W53"]"#.utf8)) }
    }
}
