import Foundation
import Testing
import ZIPFoundation
@testable import Lotsa

/// delivery_plans.xlsx: written by libxlsxwriter, read back by
/// DeliveryPlanWorkbookReader, byte-for-byte reproducible.
@Suite struct DeliveryPlanWorkbookTests {
    @Test func theSameInputsWriteTheSameBytesWithFixedTimestamps() throws {
        let plan = WorkbookFixtures.smallPlan()
        let first = try WorkbookFixtures.temporaryFile("a.xlsx"), second = try WorkbookFixtures.temporaryFile("b.xlsx")
        try plan.write(to: first)
        try plan.write(to: second)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))

        // Written within the same second, two files could agree even with clock
        // times in them: check that there are none. Every zip entry is dated
        // 1980-01-01 (libxlsxwriter, like Excel), and the document's created date
        // is the data date, not today.
        let archive = try Archive(url: first, accessMode: .read)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for entry in archive {
            let date = try #require(entry.fileAttributes[.modificationDate] as? Date)
            #expect(calendar.component(.year, from: date) == 1980, "\(entry.path) is dated \(date)")
        }
        let core = try #require(archive["docProps/core.xml"])
        var xml = Data()
        _ = try archive.extract(core) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-03-28T00:00:00Z</dcterms:created>"),
                "core.xml: \(text)")
        let custom = try #require(archive["docProps/custom.xml"])
        var customXML = Data()
        _ = try archive.extract(custom) { customXML.append($0) }
        #expect(String(decoding: customXML, as: UTF8.self).contains(SHA256.hex(Data("x".utf8))))
    }

    @Test func longAndSlashedProviderIdsGetLegalSheetNamesAndReadBackToTheRightProvider() throws {
        // 49 characters with a `/`; the second shares its first 31 characters.
        let long = "Capio/Lundby närsjukhus, ortopedi och handkirurgi"
        let twin = "Capio/Lundby närsjukhus, ortopedi och fotkirurgi"
        let plan = WorkbookFixtures.smallPlan(providers: [(long, "Capio Lundby"), (twin, "Capio Lundby fot"),
                                                          ("missiv", "A provider called missiv")])
        let sheets = plan.providerSheets
        #expect(sheets.map(\.sheet) == ["Capio_Lundby närsjukhus, ortope", "Capio_Lundby närsjukhus, orto~2",
                                        "missiv~2"])
        for name in sheets.map(\.sheet) + [DeliveryPlanWorkbook.summarySheet] {
            #expect(name.count <= 31 && !name.contains(where: { "[]:*?/\\".contains($0) }), "\(name)")
        }

        let url = try WorkbookFixtures.temporaryFile("delivery_plans.xlsx")
        try plan.write(to: url)
        // Rows 7 and 8 are NU ort (plan, utfall); E is 2026-W15, F 2026-W16.
        try WorkbookFixtures.type(["E8": .number(3)], intoSheet: sheets[0].sheet, of: url)
        try WorkbookFixtures.type(["F8": .number(7)], intoSheet: sheets[1].sheet, of: url)
        try WorkbookFixtures.type(["D8": .number(0)], intoSheet: sheets[2].sheet, of: url)
        let entries = try DeliveryPlanWorkbookReader.read(url)
        #expect(entries.map { "\($0.provider) \($0.administration) \($0.specialty) \($0.week) \($0.sent) \($0.cell)" } == [
            "\(long) NU ort 2026-W15 3 '\(sheets[0].sheet)'!E8",
            "\(twin) NU ort 2026-W16 7 '\(sheets[1].sheet)'!F8",
            "missiv NU ort 2026-W14 0 'missiv~2'!D8",
        ])
    }

    @Test func textInAnUtfallCellIsAnErrorNamingSheetAndCell() throws {
        let url = try WorkbookFixtures.temporaryFile("delivery_plans.xlsx")
        try WorkbookFixtures.smallPlan().write(to: url)
        // Rows 5–8: NU, NU ort, plan, utfall; 9–12: SU, SU kir, plan, utfall. G is the fourth week.
        try WorkbookFixtures.type(["D8": .number(2), "G12": .text("tolv")], intoSheet: "vanerkliniken", of: url)
        #expect {
            _ = try DeliveryPlanWorkbookReader.read(url, displayPath: "out/tiny/delivery_plans.xlsx")
        } throws: { error in
            let error = error as! InputError
            return error.description == """
                out/tiny/delivery_plans.xlsx:vanerkliniken!G12: error: utfall 2026-W17 of SU kir: text, not a number
                  expected: a whole non-negative number of patients, or an empty cell
                  found: "tolv"
                """
        }
    }

    @Test func numbersMustBeWholeAndNonNegativeHoweverTheyAreStored() throws {
        let url = try WorkbookFixtures.temporaryFile("delivery_plans.xlsx")
        try WorkbookFixtures.smallPlan().write(to: url)
        try WorkbookFixtures.type(["D8": .numeral("12.0"), "E8": .numeral("1.2E1"), "F8": .numeral("3.0000000000000004")],
                                  intoSheet: "vanerkliniken", of: url)
        #expect(try DeliveryPlanWorkbookReader.read(url).map(\.sent) == [12, 12, 3])
        for (typed, message) in [("-1", "negative"), ("2.5", "not a whole number")] {
            let url = try WorkbookFixtures.temporaryFile("delivery_plans.xlsx")
            try WorkbookFixtures.smallPlan().write(to: url)
            try WorkbookFixtures.type(["E8": .numeral(typed)], intoSheet: "vanerkliniken", of: url)
            #expect {
                _ = try DeliveryPlanWorkbookReader.read(url)
            } throws: { error in
                (error as! InputError).description.contains("vanerkliniken!E8: error: utfall 2026-W15 of NU ort: \(message)")
            }
        }
    }
}
