import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import Lotsa

/// Workbooks for the tests: a small delivery plan, "typing" into cells the way a
/// person would (by editing the sheet's XML with a DOM and re-zipping it), and
/// LibreOffice Calc as a real client.
enum WorkbookFixtures {
    /// Two providers, one with a long id that has a `/` in it, two administrations,
    /// two specialties, five ISO weeks from 2026-W14.
    static func smallPlan(providers: [(id: String, name: String)] = [("vanerkliniken", "Vänerkliniken")])
        -> DeliveryPlanWorkbook {
        let start = ISOWeek(year: 2026, week: 14)!
        let periods = (0..<5).map { index in
            let week = start.adding(weeks: index)
            return DeliveryPlanWorkbook.Period(label: week.description, firstDay: week.monday)
        }
        var lines: [DeliveryPlanWorkbook.Line] = []
        for (number, provider) in providers.enumerated() {
            lines.append(.init(administration: "NU", provider: provider.id, specialty: "ort",
                               weekly: [0, 3, 4, 2, Double(number + 1)], decided: nil))
            lines.append(.init(administration: "SU", provider: provider.id, specialty: "kir",
                               weekly: [5, 5, 0, 1, 1], decided: nil))
            lines.append(.init(administration: "SU", provider: provider.id, specialty: "ort",
                               weekly: [1, 2, 3, 4, Double(number)], decided: nil))
        }
        return DeliveryPlanWorkbook(
            scenario: "tiny", periods: periods,
            providers: providers.map { .init(id: $0.id, name: $0.name) }, missiv: lines, sent: lines,
            dataDate: Day(year: 2026, month: 3, day: 28)!,
            inputs: [InputFile(data: Data("x".utf8), displayPath: "Scenarios/tiny/scenario.yaml")])
    }

    /// Child elements by local name (the parts use a default namespace).
    static func children(_ element: XMLElement?, _ name: String) -> [XMLElement] {
        (element?.children ?? []).compactMap { $0 as? XMLElement }.filter { ($0.localName ?? $0.name) == name }
    }

    /// An attribute's value (swift-corelibs-foundation's `attribute(forName:)` finds nothing).
    static func value(of attribute: String, in element: XMLElement) -> String? {
        element.attributes?.first { $0.name == attribute }?.stringValue
    }

    static func temporaryFile(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }

    /// What a person types into a cell: a number or a text.
    enum Typed {
        case number(Int)
        /// A number as a program may store it: `12.0`, `1.2E1`, `2.5`.
        case numeral(String)
        case text(String)
    }

    /// Sets cells of one sheet (by name) of the workbook at `url`, in place: the
    /// sheet's XML is edited as a DOM (the cell elements the writer left blank get
    /// a value) and the archive entry replaced.
    static func type(_ values: [String: Typed], intoSheet sheetName: String, of url: URL) throws {
        let archive = try Archive(url: url, accessMode: .update)
        func data(_ path: String) throws -> Data {
            let entry = try #require(archive[path], "no \(path) in the workbook")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return data
        }
        // The sheet's part, through workbook.xml and its relationships.
        let workbook = try XMLDocument(data: data("xl/workbook.xml"))
        let sheet = try #require(children(children(workbook.rootElement(), "sheets").first, "sheet")
            .first { value(of: "name", in: $0) == sheetName }, "no sheet \(sheetName)")
        let id = try #require(sheet.attributes?.first { $0.name?.hasSuffix("id") == true && $0.name != "sheetId" }?
            .stringValue)
        let relationships = try XMLDocument(data: data("xl/_rels/workbook.xml.rels"))
        let target = try #require(children(relationships.rootElement(), "Relationship")
            .first { value(of: "Id", in: $0) == id }.map { value(of: "Target", in: $0) } ?? nil)
        let path = "xl/" + target

        let document = try XMLDocument(data: data(path))
        let sheetData = try #require(children(document.rootElement(), "sheetData").first)
        var remaining = values
        for row in children(sheetData, "row") {
            for cell in children(row, "c") {
                guard let reference = value(of: "r", in: cell),
                      let value = remaining.removeValue(forKey: reference) else { continue }
                cell.setChildren(nil)
                cell.attributes = cell.attributes?.filter { $0.name != "t" }
                switch value {
                case .number(let number):
                    cell.addChild(XMLElement(name: "v", stringValue: String(number)))
                case .numeral(let numeral):
                    cell.addChild(XMLElement(name: "v", stringValue: numeral))
                case .text(let text):
                    cell.addAttribute(XMLNode.attribute(withName: "t", stringValue: "inlineStr") as! XMLNode)
                    let inline = XMLElement(name: "is")
                    inline.addChild(XMLElement(name: "t", stringValue: text))
                    cell.addChild(inline)
                }
            }
        }
        #expect(remaining.isEmpty, "cells not found in \(sheetName): \(remaining.keys.sorted())")
        let edited = document.xmlData
        try archive.remove(try #require(archive[path]))
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(edited.count),
                             compressionMethod: .deflate) { position, size in
            edited.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}

/// LibreOffice Calc, headless, as the real client of the workbook.
///
/// CI installs it (`.ci/run`: libreoffice-calc-nogui). Without it the LibreOffice
/// tests fail with a message saying so, rather than passing silently; set
/// `LOTSA_SKIP_LIBREOFFICE=1` to leave them out on purpose.
enum LibreOffice {
    static var skipped: Bool { ProcessInfo.processInfo.environment["LOTSA_SKIP_LIBREOFFICE"] == "1" }

    static let soffice: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/lib/libreoffice/program"])
            .map { URL(fileURLWithPath: $0).appendingPathComponent("soffice") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// `soffice --headless --convert-to <filter> --outdir <folder> <input>`, with a
    /// profile of its own (two instances sharing one would wait for each other).
    static func convert(_ input: URL, to filter: String, into folder: URL) throws {
        let soffice = try #require(soffice, """
            LibreOffice's soffice is not installed, so the workbook cannot be checked in a real spreadsheet \
            program: apt-get install libreoffice-calc-nogui (as .ci/run does), or set LOTSA_SKIP_LIBREOFFICE=1 \
            to skip these tests knowingly
            """)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-lo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = soffice
        process.arguments = ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--norestore",
                             "--convert-to", filter, "--outdir", folder.path, input.path]
        let log = profile.deletingLastPathComponent().appendingPathComponent("lotsa-lo-\(UUID().uuidString).log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "soffice failed: \(output)")
    }
}
