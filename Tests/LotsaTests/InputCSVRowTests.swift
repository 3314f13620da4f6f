import Foundation
import Testing
import Lotsa

/// The row of a two-column table (`id`, `v`) whose `v` is `value`, quoted
/// so that it may contain anything.
private func row(_ value: String, semicolon: Bool = false) throws(InputError) -> CSVRow {
    let delimiter = semicolon ? ";" : ","
    let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let text = "id\(delimiter)v\nr\(delimiter)\(quoted)\n"
    return try CSVTable.parse(Data(text.utf8), displayPath: "r.csv", required: ["id"], optional: ["v"]).rows[0]
}

/// The row of a table with only the column `id`.
private func rowWithoutV() throws(InputError) -> CSVRow {
    try CSVTable.parse(Data("id\nr\n".utf8), displayPath: "r.csv", required: ["id"], optional: ["v"]).rows[0]
}

/// The InputError that `body` throws; nil (and a recorded issue for any
/// other error) otherwise.
private func failure<T>(_ body: () throws -> T) -> InputError? {
    do {
        _ = try body()
        return nil
    } catch let error as InputError {
        return error
    } catch {
        Issue.record("not an InputError: \(error)")
        return nil
    }
}

@Suite("CSV row: text and helpers")
struct InputCSVRowTests {
    @Test func locationAndErrorNameTheRow() throws {
        let r = try row("x")
        #expect(r.line == 2)
        #expect(r.location() == SourceLocation(file: "r.csv", line: 2))
        #expect(r.location("v") == SourceLocation(file: "r.csv", line: 2, field: "v"))
        let error = r.error("v", "unknown unit", expected: "one of: beds, visits", found: "x")
        #expect(error == InputError(SourceLocation(file: "r.csv", line: 2, field: "v"), "unknown unit", expected: "one of: beds, visits", found: "x"))
    }

    @Test func stringRequiresAValue() throws {
        #expect(try row(" hello ").string("v") == "hello")
        let empty = try #require(failure { try row("").string("v") })
        #expect(empty == InputError(SourceLocation(file: "r.csv", line: 2, field: "v"), "missing value", expected: "a value", found: ""))
        let absent = try #require(failure { try rowWithoutV().string("v") })
        #expect(absent.message == "the file has no column 'v'")
        #expect(absent.location.field == "v")
    }

    @Test func optionalStringIsNilWhenAbsentOrEmpty() throws {
        #expect(try row("x").optionalString("v") == "x")
        #expect(try row("  ").optionalString("v") == nil)
        #expect(try rowWithoutV().optionalString("v") == nil)
        #expect(try rowWithoutV()["v"] == nil)
    }
}

@Suite("CSV row: whole numbers and counts")
struct InputCSVRowIntegerTests {
    @Test(arguments: [("42", 42), ("+5", 5), ("-3", -3), ("0042", 42), ("0", 0), ("-9223372036854775808", Int.min)])
    func intAccepts(text: String, value: Int) throws {
        #expect(try row(text).int("v") == value)
    }

    @Test(arguments: [
        ("1 000", "not a whole number: thousands separators are not allowed (write 1000)"),
        ("1\u{A0}000", "not a whole number: thousands separators are not allowed (write 1000)"),
        ("12.0", "not a whole number: write 12 without decimals"),
        ("12,5", "not a whole number"),
        ("1e3", "not a whole number"),
        ("abc", "not a whole number"),
        ("+", "not a whole number"),
        ("1 2 x", "not a whole number"),
        ("\u{2212}5", "not a whole number: write the minus sign as '-' (a plain hyphen)"),
        ("99999999999999999999", "too large"),
        ("-99999999999999999999", "too small"),
    ])
    func intRejects(text: String, message: String) throws {
        let error = try #require(failure { try row(text).int("v") })
        #expect(error.message == message)
        #expect(error.location == SourceLocation(file: "r.csv", line: 2, field: "v"))
        #expect(error.expected == "a whole number")
        #expect(error.found == text)
    }

    @Test func intDefaultAndRange() throws {
        #expect(try row("").int("v", default: 7) == 7)
        #expect(try rowWithoutV().int("v", default: 7) == 7)
        #expect(try row("52").int("v", range: 1...52) == 52)
        let missing = try #require(failure { try row("").int("v", range: 1...52) })
        #expect(missing.message == "missing value")
        #expect(missing.expected == "a whole number from 1 to 52")
        let outside = try #require(failure { try row("53").int("v", range: 1...52) })
        #expect(outside.message == "out of range")
        #expect(outside.expected == "a whole number from 1 to 52")
        #expect(outside.found == "53")
        let atLeast = try #require(failure { try row("0").int("v", range: 1...Int.max) })
        #expect(atLeast.expected == "a whole number of at least 1")
    }

    @Test func countMatchesTheDocumentedDiagnostic() throws {
        let text = "id;count\n" + String(repeating: "# note\n", count: 10) + "a;12,5\n"
        let table = try CSVTable.parse(Data(text.utf8), displayPath: "Scenarios/x/waiting_list.csv", required: ["id", "count"])
        let error = try #require(failure { try table.rows[0].count("count") })
        #expect(error.description == """
            Scenarios/x/waiting_list.csv:12: error: field 'count': not a whole number
              expected: a non-negative whole number
              found: "12,5"
            """)
    }

    @Test(arguments: [("12", 12), ("0", 0), ("+3", 3), ("10000000", 10_000_000)])
    func countAccepts(text: String, value: Int) throws {
        #expect(try row(text).count("v") == value)
    }

    @Test(arguments: [
        ("-1", "a count cannot be negative", "a non-negative whole number"),
        ("-99999999999999999999", "a count cannot be negative", "a non-negative whole number"),
        ("12.0", "not a whole number: write 12 without decimals", "a non-negative whole number"),
        ("12.5", "not a whole number", "a non-negative whole number"),
        ("10000001", "too large", "a non-negative whole number up to 10000000"),
        ("99999999999999999999", "too large", "a non-negative whole number up to 10000000"),
        ("", "missing value", "a non-negative whole number"),
    ])
    func countRejects(text: String, message: String, expected: String) throws {
        let error = try #require(failure { try row(text).count("v") })
        #expect(error.message == message)
        #expect(error.expected == expected)
    }

    @Test func countDefault() throws {
        #expect(try row("").count("v", default: 0) == 0)
        #expect(try rowWithoutV().count("v", default: 3) == 3)
    }
}

@Suite("CSV row: decimal numbers")
struct InputCSVRowDecimalTests {
    @Test(arguments: [("2,5", 2.5), ("2.5", 2.5), ("-1e3", -1000), (".5", 0.5), ("5.", 5), ("+0,25", 0.25), ("1E-2", 0.01), ("7", 7)])
    func semicolonFileAcceptsDecimalCommaAndPoint(text: String, value: Double) throws {
        #expect(try row(text, semicolon: true).double("v") == value)
    }

    @Test func commaFileAcceptsDecimalPoint() throws {
        #expect(try row("2.5").double("v") == 2.5)
        #expect(try row("-0.125").optionalDouble("v") == -0.125)
    }

    @Test func commaFileRejectsQuotedDecimalCommaWithHint() throws {
        let error = try #require(failure { try row("2,5").double("v") })
        #expect(error.message == "not a number: a decimal comma is accepted only in ;-separated files (write 2.5)")
        #expect(error.expected == "a number like 2.5")
        #expect(error.found == "2,5")
    }

    @Test(arguments: [
        ("NaN", "not a finite number (NaN and infinity are not accepted)"),
        ("nan", "not a finite number (NaN and infinity are not accepted)"),
        ("-inf", "not a finite number (NaN and infinity are not accepted)"),
        ("Infinity", "not a finite number (NaN and infinity are not accepted)"),
        ("0x1p3", "not a number: hexadecimal numbers are not accepted"),
        ("1e999", "out of range: too large for a number"),
        ("1 234,5", "not a number: thousands separators are not allowed (write 1234,5)"),
        ("1\u{A0}234", "not a number: thousands separators are not allowed (write 1234)"),
        ("1.234,5", "not a number: thousands separators are not allowed"),
        ("50%", "not a number: '%' is not accepted, write the number alone"),
        ("\u{2212}2,5", "not a number: write the minus sign as '-' (a plain hyphen)"),
        ("abc", "not a number"),
        ("1,2,3", "not a number"),
        ("1e", "not a number"),
        ("-", "not a number"),
        (".", "not a number"),
    ])
    func doubleRejects(text: String, message: String) throws {
        let error = try #require(failure { try row(text, semicolon: true).double("v") })
        #expect(error.message == message)
        #expect(error.expected == "a number like 2,5 or 2.5")
        #expect(error.found == text)
        #expect(error.location.field == "v")
    }

    @Test func doubleDefaultAndRange() throws {
        #expect(try row("").double("v", default: 0.5) == 0.5)
        #expect(try row("1").double("v", range: 0...1) == 1)
        let outside = try #require(failure { try row("1.5").double("v", range: 0...1) })
        #expect(outside.message == "out of range")
        #expect(outside.expected == "a number from 0 to 1")
        let missing = try #require(failure { try row("").double("v") })
        #expect(missing.message == "missing value")
        let atLeast = try #require(failure { try row("-1").double("v", range: 0.5...Double.infinity) })
        #expect(atLeast.expected == "a number of at least 0.5")
    }

    @Test func optionalDoubleIsNilWhenAbsentOrEmpty() throws {
        #expect(try row("").optionalDouble("v") == nil)
        #expect(try rowWithoutV().optionalDouble("v") == nil)
        #expect(try row("3,5", semicolon: true).optionalDouble("v") == 3.5)
        #expect(failure { try row("x").optionalDouble("v") }?.message == "not a number")
    }
}

@Suite("CSV row: dates and weeks")
struct InputCSVRowCalendarTests {
    @Test(arguments: ["2026-04-01", "2026-04-01 00:00", "2026-04-01 00:00:00", " 2026-04-01 "])
    func dayAccepts(text: String) throws {
        #expect(try row(text).day("v") == Day(year: 2026, month: 4, day: 1))
    }

    @Test(arguments: [
        ("01/04/2026", "not a date"),
        ("2026/04/01", "not a date"),
        ("20260401", "not a date"),
        ("2026-4-1", "not a date: write month and day with two digits (2026-04-01)"),
        ("2026-02-30", "no such date: 2026-02 has 28 days"),
        ("2024-02-30", "no such date: 2024-02 has 29 days"),
        ("2026-13-01", "no such date: there is no month 13"),
        ("2026-00-10", "no such date: there is no month 0"),
        ("2026-04-00", "no such date: 2026-04 has 30 days"),
        ("2026-04-01 12:00", "not a date: a time of day other than midnight (00:00) is not accepted"),
        ("2026-04-01 00:00:01", "not a date: a time of day other than midnight (00:00) is not accepted"),
        ("2026-04-01T00:00", "not a date: unexpected text after the date"),
        ("46113", "not a date: this looks like an Excel serial number for 2026-04-01; format the column as dates (ÅÅÅÅ-MM-DD) before saving"),
    ])
    func dayRejects(text: String, message: String) throws {
        let error = try #require(failure { try row(text).day("v") })
        #expect(error.message == message)
        #expect(error.expected == "a date like 2026-04-01")
        #expect(error.found == text)
        #expect(error.location == SourceLocation(file: "r.csv", line: 2, field: "v"))
    }

    @Test func dayRequiresAValue() throws {
        let error = try #require(failure { try row("").day("v") })
        #expect(error.message == "missing value")
        #expect(error.expected == "a date like 2026-04-01")
    }

    @Test func optionalDay() throws {
        #expect(try row("").optionalDay("v") == nil)
        #expect(try rowWithoutV().optionalDay("v") == nil)
        #expect(try row("2026-04-01 00:00").optionalDay("v") == Day(iso: "2026-04-01"))
        #expect(failure { try row("2026-02-29").optionalDay("v") }?.message == "no such date: 2026-02 has 28 days")
    }

    @Test(arguments: ["2026-W14", "2026-w14", " 2026-W14"])
    func isoWeekAccepts(text: String) throws {
        #expect(try row(text).isoWeek("v") == ISOWeek(year: 2026, week: 14))
    }

    @Test(arguments: [
        ("2027-W53", "no such week: 2027 has 52 ISO weeks"),
        ("2026-W00", "no such week: 2026 has 53 ISO weeks"),
        ("2026-W1", "not an ISO week: write the week with two digits (2026-W01)"),
        ("2026W14", "not an ISO week"),
        ("W14", "not an ISO week"),
        ("2026-14", "not an ISO week"),
        ("2026-W140", "not an ISO week"),
        ("", "missing value"),
    ])
    func isoWeekRejects(text: String, message: String) throws {
        let error = try #require(failure { try row(text).isoWeek("v") })
        #expect(error.message == message)
        #expect(error.expected == "an ISO week like 2026-W14")
    }
}
