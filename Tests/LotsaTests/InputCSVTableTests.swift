import Foundation
import Testing
import Lotsa

private func parse(_ text: String, required: [String] = ["id", "count"], optional: [String] = []) throws(InputError) -> CSVTable {
    try CSVTable.parse(Data(text.utf8), displayPath: "t.csv", required: required, optional: optional)
}

private func parseError(_ bytes: [UInt8], required: [String] = ["id", "count"], optional: [String] = []) -> InputError? {
    do throws(InputError) {
        _ = try CSVTable.parse(Data(bytes), displayPath: "t.csv", required: required, optional: optional)
        return nil
    } catch {
        return error
    }
}

private func parseError(_ text: String, required: [String] = ["id", "count"], optional: [String] = []) -> InputError? {
    parseError(Array(text.utf8), required: required, optional: optional)
}

@Suite("CSV table: structure")
struct InputCSVTableTests {
    @Test func readsCommaSeparatedTable() throws {
        let table = try parse("id,count\na,1\nb,2\n")
        #expect(table.path == "t.csv")
        #expect(table.header == ["id", "count"])
        #expect(table.delimiter == ",")
        #expect(!table.decimalComma)
        #expect(table.headerLine == 1)
        #expect(table.rows.map(\.line) == [2, 3])
        #expect(table.rows[1]["id"] == "b")
        #expect(table.rows[1]["count"] == "2")
        #expect(table.rows[1]["nope"] == nil)
        #expect(table.has("count"))
        #expect(!table.has("note"))
        #expect(table.rows[0].path == "t.csv")
    }

    @Test func stripsByteOrderMark() throws {
        let table = try CSVTable.parse(Data([0xEF, 0xBB, 0xBF] + Array("id;count\r\na;1\r\n".utf8)), displayPath: "t.csv", required: ["id", "count"])
        #expect(table.header == ["id", "count"])
        #expect(table.delimiter == ";")
        #expect(table.decimalComma)
        #expect(table.rows.count == 1)
    }

    @Test func handlesCRLFLineEndings() throws {
        let table = try parse("id,count\r\na,1\r\n\r\nb,2\r\n")
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.rows.map { $0["count"] } == ["1", "2"])
    }

    @Test func handlesCROnlyLineEndings() throws {
        let table = try parse("id,count\ra,1\r\rb,2")
        #expect(table.rows.map(\.line) == [2, 4])
        #expect(table.rows[1]["count"] == "2")
    }

    @Test(arguments: [
        ("id;count\n", ";" as Character, ["id", "count"]),
        ("id,count\n", ",", ["id", "count"]),
        ("\"a,b\";c\n", ";", ["a,b", "c"]),
        ("a;b,c\n", ",", ["a;b", "c"]),
        ("single\n", ",", ["single"]),
        ("a\"b;c\n", ";", ["a\"b", "c"]),
        ("\"x\"\"y,z\";w\n", ";", ["x\"y,z", "w"]),
    ])
    func detectsDelimiterFromHeader(text: String, delimiter: Character, header: [String]) throws {
        let table = try parse(text, required: header)
        #expect(table.delimiter == delimiter)
        #expect(table.header == header)
        #expect(table.decimalComma == (delimiter == ";"))
    }

    @Test func rejectsTabSeparatedFiles() throws {
        let error = try #require(parseError("id\tcount\na\t1\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 1))
        #expect(error.message == "tab-separated files are not accepted")
        #expect(error.expected == "columns separated by ',' or ';'")
        #expect(error.found == "id\tcount")
    }

    @Test func readsQuotedFields() throws {
        let text = "id,count,note\n\"a,1\",2,\"said \"\"hi\"\"\"\n\"b\",3,\"two\nlines\"\nc,4,\"\"\n"
        let table = try parse(text, optional: ["note"])
        #expect(table.rows.count == 3)
        #expect(table.rows[0]["id"] == "a,1")
        #expect(table.rows[0]["note"] == "said \"hi\"")
        #expect(table.rows[1]["note"] == "two\nlines")
        #expect(table.rows.map(\.line) == [2, 3, 5])
        #expect(table.rows[2]["note"] == "")
    }

    @Test func countsLinesInsideQuotedFieldsWithAnyLineEnding() throws {
        let text = "id;count\r\n\"x\r\ny\r\nz\";1\r\nb;2\r\n\"p\rq\";3\rc;4"
        let table = try parse(text)
        #expect(table.rows.map(\.line) == [2, 5, 6, 8])
        #expect(table.rows[0]["id"] == "x\r\ny\r\nz")
    }

    @Test func quotedFieldMayContainHashAndDelimiter() throws {
        let table = try parse("id;count\n\"a\n# not a comment\";\"1;2\"\n", required: ["id", "count"])
        #expect(table.rows.count == 1)
        #expect(table.rows[0]["id"] == "a\n# not a comment")
        #expect(table.rows[0]["count"] == "1;2")
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
        let error = try #require(parseError("id,count\na,1\nb,\"2\nc,3\nd,4\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 3, field: "count"))
        #expect(error.message == "unterminated quoted field: the '\"' opened on line 3 is never closed")
        #expect(error.found == "\"2")
    }

    @Test func rejectsTextAfterClosingQuote() throws {
        let error = try #require(parseError("id,count\n\"a\"x,1\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 2, field: "id"))
        #expect(error.message == "text after the closing '\"' of a quoted field")
        #expect(error.found == "\"a\"x,1")
    }

    @Test func skipsEmptyAndCommentLinesButCountsThem() throws {
        let text = "# waiting list, exported 2026-03-30\n\nid,count\n# a comment, with commas\na,1\n\n   \n,,\n\t,\nb,2\n"
        let table = try parse(text)
        #expect(table.headerLine == 3)
        #expect(table.rows.map(\.line) == [5, 10])
    }

    @Test func skipsExcelsEmptyRowsInSemicolonFiles() throws {
        let table = try parse("id;count\na;1\n;\n ; \nb;2\n;\n")
        #expect(table.rows.map(\.line) == [2, 5])
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n", "  \r\n\t\r\n", "\u{FEFF} \n"])
    func emptyFileIsAnError(text: String) throws {
        let error = try #require(parseError(text))
        #expect(error.location == SourceLocation(file: "t.csv"))
        #expect(error.message == "empty file")
        #expect(error.expected == "a header line with the columns id, count")
    }

    @Test func fileWithOnlyCommentsHasNoHeader() throws {
        let error = try #require(parseError("# nothing here\n\n", optional: ["note"]))
        #expect(error.message == "no header line: the file has only comments and empty lines")
        #expect(error.expected == "a header line with the columns id, count (optional: note)")
    }

    @Test(arguments: ["id,count\n", "id,count", "id;count\r\n\r\n# end\r\n"])
    func headerOnlyGivesNoRows(text: String) throws {
        let table = try parse(text)
        #expect(table.rows.isEmpty)
        #expect(table.header == ["id", "count"])
    }

    @Test func trimsFields() throws {
        let table = try parse("  id ,\tcount\n  a  , 1 \n\u{A0}b\u{A0},\" 2 \"\n")
        #expect(table.header == ["id", "count"])
        #expect(table.rows.map { $0["id"] } == ["a", "b"])
        #expect(table.rows.map { $0["count"] } == ["1", "2"])
    }

    @Test func missingRequiredColumnIsNamed() throws {
        let error = try #require(parseError("id;note\na;x\n", optional: ["note"]))
        #expect(error.location == SourceLocation(file: "t.csv", line: 1))
        #expect(error.message == "missing required column 'count'")
        #expect(error.expected == "the columns id, count (optional: note)")
        #expect(error.found == "id;note")
    }

    @Test func allMissingRequiredColumnsAreNamed() throws {
        let error = try #require(parseError("note\n", required: ["id", "count", "unit"], optional: ["note"]))
        #expect(error.message == "missing required columns 'id', 'count', 'unit'")
    }

    @Test func missingColumnIsReportedOnTheHeaderLine() throws {
        let error = try #require(parseError("# comment\n\nid\n"))
        #expect(error.location.line == 3)
    }

    @Test func unknownColumnSuggestsClosestName() throws {
        let error = try #require(parseError("id,cuont\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 1))
        #expect(error.message == "unknown column 'cuont' (did you mean 'count'?)")
        #expect(error.expected == "the columns id, count")
        #expect(error.found == "cuont")

        let optionalTypo = try #require(parseError("id,count,colour\n", optional: ["color"]))
        #expect(optionalTypo.message == "unknown column 'colour' (did you mean 'color'?)")

        let caseTypo = try #require(parseError("id,Count\n"))
        #expect(caseTypo.message == "unknown column 'Count' (did you mean 'count'? column names are case-sensitive)")
    }

    @Test func unknownColumnWithoutCloseNameHasNoSuggestion() throws {
        let error = try #require(parseError("id,count,region\n"))
        #expect(error.message == "unknown column 'region'")
        // A known column already present is not suggested again.
        let present = try #require(parseError("id,count,counts\n"))
        #expect(present.message == "unknown column 'counts'")
    }

    @Test func headerMixingDelimitersIsExplained() throws {
        let error = try #require(parseError("id;count,note\n", optional: ["note"]))
        #expect(error.message == "unknown column 'id;count'; the header mixes ',' and ';' — use one delimiter for the whole file")
    }

    @Test func duplicateColumnIsAnError() throws {
        let error = try #require(parseError("id,count,id\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 1))
        #expect(error.message == "duplicate column 'id' (columns 1 and 3)")
    }

    @Test func emptyColumnNameIsAnError() throws {
        let trailing = try #require(parseError("id;count;;\na;1;;\n"))
        #expect(trailing.message == "empty column name (column 3); remove the trailing ';' at the end of the header line")
        #expect(trailing.expected == "a name for every column")
        let inner = try #require(parseError("id,,count\n"))
        #expect(inner.message == "empty column name (column 2)")
    }

    @Test func recordWithTooFewFields() throws {
        let error = try #require(parseError("id;count;note\na;1;x\nb;2\n", optional: ["note"]))
        #expect(error.location == SourceLocation(file: "t.csv", line: 3))
        #expect(error.message == "the line has 2 fields but the header has 3")
        #expect(error.expected == "3 fields separated by ';', as in the header")
        #expect(error.found == "b;2")
    }

    @Test func recordWithTooManyFields() throws {
        let error = try #require(parseError("id,count\na,1,x\n"))
        #expect(error.location.line == 2)
        #expect(error.message == "the line has 3 fields but the header has 2")
        #expect(error.expected == "2 fields separated by ',', as in the header")
    }

    @Test func fieldCountErrorHintsAtTheOtherDelimiter() throws {
        let semicolonHeader = try #require(parseError("id;count;note\na,1,x;y\n", optional: ["note"]))
        #expect(semicolonHeader.message == "the line has 2 fields but the header has 3; the header is ;-separated but this line contains ','")
        let commaHeader = try #require(parseError("id,count\na;1\n"))
        #expect(commaHeader.message == "the line has 1 field but the header has 2; the header is ,-separated but this line contains ';'")
        // A delimiter inside quotes is no reason for a hint.
        let quoted = try #require(parseError("id,count\n\"a;b\"\n"))
        #expect(quoted.message == "the line has 1 field but the header has 2")
    }

    @Test func fieldCountErrorHintsAtTrailingDelimiters() throws {
        let error = try #require(parseError("id;count\na;1;;\n"))
        #expect(error.message == "the line has 4 fields but the header has 2; the extra fields at the end are empty — remove the trailing ';'")
    }

    @Test func fieldCountErrorHintsAtMultiLineRecords() throws {
        let error = try #require(parseError("id,count\n\"a,1\nb,2\nc\",3,4\n"))
        #expect(error.location.line == 2)
        #expect(error.message.hasSuffix("; the record runs from line 2 to line 4 because a quoted field contains line breaks — check for a missing or extra '\"'"))
    }

    @Test func windows1252IsReadWhenTheTextIsNotUTF8() throws {
        // Swedish Excel's "CSV (semikolonavgränsad)": 'ö' is the single byte 0xF6, '€' 0x80.
        let bytes = Array("id;name\n1;ok\n2;Malm".utf8) + [0xF6] + Array("\n3;".utf8) + [0x80] + Array("\n".utf8)
        let table = try CSVTable.parse(Data(bytes), displayPath: "t.csv", required: ["id", "name"])
        #expect(table.rows.map { $0["name"] } == ["ok", "Malmö", "€"])
        #expect(table.rows.map(\.line) == [2, 3, 4])
        // Valid UTF-8 stays UTF-8: "Ã¶" is not what "ö" in UTF-8 becomes.
        let utf8 = try CSVTable.parse(Data("id;name\n2;Malmö\n".utf8), displayPath: "t.csv", required: ["id", "name"])
        #expect(utf8.rows.map { $0["name"] } == ["Malmö"])
    }

    @Test func bytesNeitherUTF8NorWindows1252NameTheLine() throws {
        let bytes = Array("id;name\n1;ok\n2;Malm".utf8) + [0xF6, 0x81] + Array("\n3;x\n".utf8)
        let error = try #require(parseError(bytes, required: ["id", "name"]))
        #expect(error.location == SourceLocation(file: "t.csv", line: 3))
        #expect(error.message == "the text is neither UTF-8 nor Windows-1252 (byte 0x81)")
        #expect(error.expected == "UTF-8 text (in Excel: Save As \"CSV UTF-8\")")
    }

    @Test func aTruncatedUTF8SequenceIsReadAsWindows1252() throws {
        let bytes = Array("id,count\na,1\r\nb,".utf8) + [0xE2, 0x82]
        let table = try CSVTable.parse(Data(bytes), displayPath: "t.csv", required: ["id", "count"])
        #expect(table.rows.last?["count"] == "â‚")
    }

    @Test func nulByteNamesTheLine() throws {
        let error = try #require(parseError("id,count\na,1\nb,\u{0}\n"))
        #expect(error.location == SourceLocation(file: "t.csv", line: 3))
        #expect(error.message == "NUL byte (0x00) in the text")
    }

    @Test func utf16IsRecognised() throws {
        let withBOM = try #require(parseError([0xFF, 0xFE] + Array("id,count\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(withBOM.message == "the file is UTF-16 encoded (Excel's \"Unicode Text\")")
        #expect(withBOM.location.line == 1)
        let withoutBOM = try #require(parseError(Array("id,count\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(withoutBOM.message == "NUL byte (0x00) in the text; the file looks UTF-16 encoded")
    }

    @Test func readsFromFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("waiting_list.csv")
        try Data("id;count\na;1\n".utf8).write(to: url)
        let table = try CSVTable.read(contentsOf: url, displayPath: "Scenarios/x/waiting_list.csv", required: ["id", "count"])
        #expect(table.path == "Scenarios/x/waiting_list.csv")
        #expect(table.rows[0].location("count").description == "Scenarios/x/waiting_list.csv:2")

        do throws(InputError) {
            _ = try CSVTable.read(contentsOf: folder.appendingPathComponent("missing.csv"), displayPath: "m.csv", required: ["id"])
            Issue.record("a missing file was read")
        } catch {
            #expect(error.location == SourceLocation(file: "m.csv"))
            #expect(error.message == "file not found")
            #expect(error.expected == "a CSV file with the columns id")
        }
        do throws(InputError) {
            _ = try CSVTable.read(contentsOf: folder, displayPath: "dir", required: ["id"])
            Issue.record("a folder was read")
        } catch {
            #expect(error.message == "this is a folder, not a file")
        }
    }

    @Test func headerLocationNamesTheHeaderLine() throws {
        let table = try parse("\n\nid,count\n")
        #expect(table.headerLocation("count") == SourceLocation(file: "t.csv", line: 3, field: "count"))
    }
}
