import Testing
import Lotsa

@Suite("Input errors and source locations")
struct InputErrorTests {
    @Test func locationDescriptionShowsLineWhenKnown() {
        #expect(SourceLocation(file: "a/b.csv", line: 12, field: "count").description == "a/b.csv:12")
        #expect(SourceLocation(file: "a/b.csv").description == "a/b.csv")
        #expect(SourceLocation(file: "m.yaml", field: "horizon").description == "m.yaml")
    }

    @Test func descriptionIsCompilerStyle() {
        let error = InputError(
            SourceLocation(file: "Scenarios/x/waiting_list.csv", line: 12, field: "count"),
            "not a whole number",
            expected: "a non-negative whole number",
            found: "12,5")
        #expect(error.description == """
            Scenarios/x/waiting_list.csv:12: error: field 'count': not a whole number
              expected: a non-negative whole number
              found: "12,5"
            """)
    }

    @Test func descriptionOmitsWhatIsUnknown() {
        let noField = InputError(SourceLocation(file: "f.csv", line: 3), "bad")
        #expect(noField.description == "f.csv:3: error: bad")
        let noLine = InputError(SourceLocation(file: "f.csv", field: "x"), "bad", found: "")
        #expect(noLine.description == "f.csv: error: field 'x': bad\n  found: \"\"")
    }

    @Test func foundIsEscaped() {
        let error = InputError(SourceLocation(file: "f"), "m", found: "a\tb\n\"c\"\\\u{A0}1\u{0}\u{FEFF}ö")
        #expect(error.description == #"f: error: m"# + "\n" + #"  found: "a\tb\n\"c\"\\\u{A0}1\0\u{FEFF}ö""#)
    }

    @Test func longFoundIsTruncated() {
        let long = String(repeating: "x", count: 100)
        let error = InputError(SourceLocation(file: "f"), "m", found: long)
        let expectedFound = "\"" + String(repeating: "x", count: 60) + "\"… (100 characters)"
        #expect(error.description == "f: error: m\n  found: " + expectedFound)
        #expect(error.found == long)
    }

    @Test func errorsCompareByAllParts() {
        let a = InputError(SourceLocation(file: "f", line: 1), "m", expected: "e", found: "x")
        #expect(a == InputError(SourceLocation(file: "f", line: 1), "m", expected: "e", found: "x"))
        #expect(a != InputError(SourceLocation(file: "f", line: 2), "m", expected: "e", found: "x"))
        #expect(a != InputError(SourceLocation(file: "f", line: 1), "m", expected: "e", found: "y"))
    }
}
