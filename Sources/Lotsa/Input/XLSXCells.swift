import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The cells of an `.xlsx` workbook, sheet by sheet, as any spreadsheet program
/// may have saved it: shared or inline strings, numbers written as floats
/// (`12`, `12.0`, `1.2E1`), cells in any order, with or without `r` references,
/// and any styles. The zip is read by ZIPFoundation and every XML part by a real
/// XML parser (Foundation's `XMLParser`, libxml2 underneath); nothing is found
/// by scanning text.
struct XLSXCells {
    /// What a cell holds, as stored (a formula's cached result stands for the formula).
    enum Value: Equatable {
        case text(String)
        case number(String)
        case boolean(Bool)
        case error(String)
    }

    struct Sheet {
        var name: String
        var cells: [CellReference: Value]

        func text(_ row: Int, _ column: Int) -> String? {
            switch cells[CellReference(row: row, column: column)] {
            case .text(let text): return text
            case .number(let number): return number
            default: return nil
            }
        }
    }

    var sheets: [Sheet]

    /// Why a file could not be read as a workbook (the caller adds the path).
    struct Failure: Error {
        var message: String
        var found: String?
    }

    /// Larger XML parts are refused: a workbook of delivery plans is a few MiB.
    static let partLimit = 256 << 20

    init(url: URL) throws(Failure) {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw Failure(message: "not an .xlsx workbook (cannot open it as a zip archive)",
                          found: String(describing: error))
        }
        func part(_ path: String) throws(Failure) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= UInt64(Self.partLimit) else {
                throw Failure(message: "part \(path) is too large", found: "\(entry.uncompressedSize) bytes")
            }
            var data = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            } catch {
                throw Failure(message: "cannot unpack part \(path) of the workbook", found: String(describing: error))
            }
            return data
        }

        guard let workbookXML = try part("xl/workbook.xml") else {
            throw Failure(message: "not an .xlsx workbook (no xl/workbook.xml in the archive)")
        }
        let workbook = try Self.parse(workbookXML, part: "xl/workbook.xml", WorkbookParser())
        var relationships: [String: String] = [:]
        if let xml = try part("xl/_rels/workbook.xml.rels") {
            relationships = try Self.parse(xml, part: "xl/_rels/workbook.xml.rels", RelationshipsParser()).targets
        }
        var sharedStrings: [String] = []
        if let xml = try part("xl/sharedStrings.xml") {
            sharedStrings = try Self.parse(xml, part: "xl/sharedStrings.xml", SharedStringsParser()).strings
        }

        var sheets: [Sheet] = []
        for (name, relationship) in workbook.sheets {
            guard let target = relationships[relationship] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else { continue }
            let parsed = try Self.parse(xml, part: path, WorksheetParser(sharedStrings: sharedStrings))
            if let problem = parsed.problem { throw Failure(message: "sheet \(name): \(problem)") }
            sheets.append(Sheet(name: name, cells: parsed.cells))
        }
        self.sheets = sheets
    }

    private static func parse<P: PartParser>(_ data: Data, part: String, _ delegate: P) throws(Failure) -> P {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw Failure(message: "part \(part) of the workbook is not well-formed XML (line \(parser.lineNumber))",
                          found: parser.parserError.map { String(describing: $0) })
        }
        return delegate
    }
}

private protocol PartParser: XMLParserDelegate {}

/// An element's name without a namespace prefix (`x:c` → `c`).
private func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
}

/// An attribute by local name, whatever prefix the writer gave its namespace.
private func attribute(_ local: String, in attributes: [String: String]) -> String? {
    if let value = attributes[local] { return value }
    return attributes.first { $0.key.hasSuffix(":" + local) }?.value
}

/// `xl/workbook.xml`: the sheets in order, each with its relationship id.
private final class WorkbookParser: NSObject, PartParser {
    var sheets: [(name: String, relationship: String)] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let elementName = localName(elementName)
        guard elementName == "sheet", let name = attribute("name", in: attributeDict),
              let id = attribute("id", in: attributeDict) else { return }
        sheets.append((name, id))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
private final class RelationshipsParser: NSObject, PartParser {
    var targets: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let elementName = localName(elementName)
        guard elementName == "Relationship", let id = attributeDict["Id"], let target = attributeDict["Target"] else {
            return
        }
        targets[id] = target
    }
}

/// `xl/sharedStrings.xml`: the text of each `si`, runs joined, phonetic hints left out.
private final class SharedStringsParser: NSObject, PartParser {
    var strings: [String] = []
    private var current: String?
    private var inText = false
    private var phonetic = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let elementName = localName(elementName)
        switch elementName {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        let elementName = localName(elementName)
        switch elementName {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// A worksheet's `sheetData`: every cell with a value. Rows and cells without an
/// `r` attribute follow the previous one, as the format allows.
private final class WorksheetParser: NSObject, PartParser {
    let sharedStrings: [String]
    var cells: [CellReference: XLSXCells.Value] = [:]
    var problem: String?

    private var row = -1
    private var column = -1
    private var type = "n"
    private var value: String?
    private var inline: String?
    private var collecting: String?
    private var inCell = false
    private var phonetic = 0

    init(sharedStrings: [String]) {
        self.sharedStrings = sharedStrings
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let elementName = localName(elementName)
        switch elementName {
        case "row":
            if let r = attributeDict["r"], let number = Int(r), number >= 1 { row = number - 1 } else { row += 1 }
            column = -1
        case "c":
            if let r = attributeDict["r"] {
                guard let reference = CellReference(r) else {
                    problem = "a cell reference \"\(r)\" that is not like A1"
                    parser.abortParsing()
                    return
                }
                row = reference.row
                column = reference.column
            } else {
                column += 1
            }
            type = attributeDict["t"] ?? "n"
            value = nil
            inline = nil
            inCell = true
        case "v" where inCell: collecting = ""
        case "is" where inCell: inline = ""
        case "rPh": phonetic += 1
        case "t" where inline != nil && phonetic == 0: collecting = ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        collecting? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        let elementName = localName(elementName)
        switch elementName {
        case "v" where inCell:
            value = collecting
            collecting = nil
        case "t" where inline != nil && collecting != nil:
            inline! += collecting!
            collecting = nil
        case "rPh": phonetic -= 1
        case "c":
            inCell = false
            store(parser)
        default: break
        }
    }

    private func store(_ parser: XMLParser) {
        let reference = CellReference(row: max(row, 0), column: max(column, 0))
        switch type {
        case "s":
            guard let value else { return }
            guard let index = Int(value.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                problem = "cell \(reference) names shared string \(value), which the workbook does not have"
                parser.abortParsing()
                return
            }
            cells[reference] = .text(sharedStrings[index])
        case "inlineStr":
            if let inline { cells[reference] = .text(inline) } else if let value { cells[reference] = .text(value) }
        case "str":
            if let value { cells[reference] = .text(value) }
        case "b":
            if let value { cells[reference] = .boolean(value == "1" || value == "true") }
        case "e":
            cells[reference] = .error(value ?? "#N/A")
        default:
            if let value, !value.isEmpty { cells[reference] = .number(value) }
        }
    }
}
