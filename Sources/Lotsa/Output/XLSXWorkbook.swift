import CXLSXWriter
import Foundation

/// An Excel workbook described as plain values, written in one call by
/// libxlsxwriter: the only code in Lotsa that touches libxlsxwriter's C API.
///
/// Callers build sheets, cells and styles as Swift values (testable without a
/// file), and ``write(to:)`` turns them into an `.xlsx`. The output is the same
/// bytes for the same value: libxlsxwriter dates every zip entry 1980-01-01, and
/// the document's created time is ``Properties/created``, never the clock.
///
/// ```swift
/// var sheet = XLSXWorkbook.Sheet(name: "summary")
/// sheet.set(row: 0, column: 0, .text("scenario"), style: .init(bold: true))
/// let workbook = XLSXWorkbook(sheets: [sheet], properties: .init(created: day))
/// try workbook.write(to: url)
/// ```
public struct XLSXWorkbook: Sendable {
    /// What a cell holds.
    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        /// A formula (`=SUM(D5:F5)`) with the value it evaluates to, for readers
        /// that show stored results without recalculating.
        case formula(String, result: Double)
        /// A date, stored as an Excel serial day number (show it with a date ``Style/numberFormat``).
        case date(Day)
        /// No value; written only for its style (an unlocked cell to type into).
        case blank
    }

    /// How a cell looks and whether it can be typed into on a protected sheet.
    public struct Style: Sendable, Hashable {
        public var bold = false
        public var italic = false
        /// Excel number format, e.g. `yyyy-mm-dd`.
        public var numberFormat: String?
        /// Background colour as 0xRRGGBB.
        public var fill: UInt32?
        /// Editable when the sheet is protected.
        public var unlocked = false
        public var thinBorder = false
        public var alignRight = false

        public init(bold: Bool = false, italic: Bool = false, numberFormat: String? = nil, fill: UInt32? = nil,
                    unlocked: Bool = false, thinBorder: Bool = false, alignRight: Bool = false) {
            self.bold = bold
            self.italic = italic
            self.numberFormat = numberFormat
            self.fill = fill
            self.unlocked = unlocked
            self.thinBorder = thinBorder
            self.alignRight = alignRight
        }
    }

    public struct Cell: Sendable, Hashable {
        /// 0-based row and column (A1 is 0, 0).
        public var row: Int
        public var column: Int
        public var value: Value
        public var style: Style?
    }

    /// One worksheet.
    public struct Sheet: Sendable {
        /// Must follow Excel's rules (see ``SheetNames``).
        public var name: String
        public private(set) var cells: [Cell] = []
        /// Column widths in characters, by 0-based column.
        public var columnWidths: [Int: Double] = [:]
        /// Outline level (row group depth) by 0-based row; 0 is not grouped.
        public var rowLevels: [Int: Int] = [:]
        /// Rows and columns above and left of this cell stay in view when scrolling.
        public var frozen: (row: Int, column: Int)?
        /// Protected without a password: only cells with an unlocked style can be
        /// edited; column widths and row heights can still be changed.
        public var protected = false
        /// Group headings stand above their rows (Excel's default is below).
        public var outlineHeadingsAbove = true
        /// Printed on A4 landscape, with these rows and columns on every page.
        public var landscape = false
        public var printTitleRows: ClosedRange<Int>?
        public var printTitleColumns: ClosedRange<Int>?

        public init(name: String) {
            self.name = name
        }

        public mutating func set(row: Int, column: Int, _ value: Value, style: Style? = nil) {
            cells.append(Cell(row: row, column: column, value: value, style: style))
        }
    }

    /// The document properties (File → Properties).
    public struct Properties: Sendable {
        public var title: String?
        public var subject: String?
        public var author: String?
        public var company: String?
        public var keywords: String?
        public var comments: String?
        /// The created date shown by Excel; a fixed value keeps the file reproducible.
        public var created: Day
        /// Custom text properties, in this order.
        public var custom: [(name: String, value: String)] = []

        public init(title: String? = nil, subject: String? = nil, author: String? = nil, company: String? = nil,
                    keywords: String? = nil, comments: String? = nil, created: Day,
                    custom: [(name: String, value: String)] = []) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.keywords = keywords
            self.comments = comments
            self.created = created
            self.custom = custom
        }
    }

    public var sheets: [Sheet]
    public var properties: Properties

    public init(sheets: [Sheet], properties: Properties) {
        self.sheets = sheets
        self.properties = properties
    }

    /// Excel's serial day number: days since 1899-12-30.
    static func serial(_ day: Day) -> Double {
        Double(day.dayNumber + 25_569)
    }

    /// Writes the workbook to `url` (replacing a file there).
    public func write(to url: URL) throws(OutputError) {
        func failure(_ message: String) -> OutputError {
            OutputError(path: DisplayPath.of(url), message: "cannot write the workbook: \(message)")
        }
        // libxlsxwriter copies most strings, but not all in every version: keep every
        // C string alive until the workbook is closed.
        var strings: [UnsafeMutablePointer<CChar>] = []
        defer { strings.forEach { free($0) } }
        func c(_ text: String) -> UnsafeMutablePointer<CChar> {
            let pointer = strdup(text)!
            strings.append(pointer)
            return pointer
        }

        var options = lxw_workbook_options()
        guard let workbook = workbook_new_opt(c(url.path), &options) else { throw failure("cannot create the file") }
        var closed = false
        defer { if !closed { workbook_close(workbook) } }

        var properties = lxw_doc_properties()
        properties.title = self.properties.title.map(c)
        properties.subject = self.properties.subject.map(c)
        properties.author = self.properties.author.map(c)
        properties.company = self.properties.company.map(c)
        properties.keywords = self.properties.keywords.map(c)
        properties.comments = self.properties.comments.map(c)
        // 0 would mean "now"; midnight UTC of the given day instead.
        properties.created = time_t(self.properties.created.dayNumber * 86_400)
        try check(workbook_set_properties(workbook, &properties), failure)
        for (name, value) in self.properties.custom {
            try check(workbook_set_custom_property_string(workbook, c(name), c(value)), failure)
        }

        var formats: [Style: UnsafeMutablePointer<lxw_format>] = [:]
        func format(_ style: Style?) -> UnsafeMutablePointer<lxw_format>? {
            guard let style else { return nil }
            if let existing = formats[style] { return existing }
            let format = workbook_add_format(workbook)!
            if style.bold { format_set_bold(format) }
            if style.italic { format_set_italic(format) }
            if let numberFormat = style.numberFormat { format_set_num_format(format, c(numberFormat)) }
            if let fill = style.fill {
                format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
                format_set_bg_color(format, lxw_color_t(fill))
            }
            if style.unlocked { format_set_unlocked(format) }
            if style.thinBorder { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
            if style.alignRight { format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
            formats[style] = format
            return format
        }

        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, c(sheet.name)) else {
                throw failure("Excel does not accept the sheet name \"\(sheet.name)\"")
            }
            for (column, width) in sheet.columnWidths.sorted(by: { $0.key < $1.key }) {
                try check(worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil), failure)
            }
            if !sheet.rowLevels.isEmpty {
                worksheet_outline_settings(worksheet, 1, sheet.outlineHeadingsAbove ? 0 : 1, 1, 0)
                for (row, level) in sheet.rowLevels.sorted(by: { $0.key < $1.key }) where level > 0 {
                    var rowOptions = lxw_row_col_options(hidden: 0, level: UInt8(level), collapsed: 0)
                    try check(worksheet_set_row_opt(worksheet, lxw_row_t(row), LXW_DEF_ROW_HEIGHT, nil, &rowOptions),
                              failure)
                }
            }
            for cell in sheet.cells {
                let row = lxw_row_t(cell.row), column = lxw_col_t(cell.column), style = format(cell.style)
                switch cell.value {
                case .text(let text):
                    try check(worksheet_write_string(worksheet, row, column, c(text), style), failure)
                case .number(let number):
                    try check(worksheet_write_number(worksheet, row, column, number, style), failure)
                case .formula(let formula, let result):
                    try check(worksheet_write_formula_num(worksheet, row, column, c(formula), style, result), failure)
                case .date(let day):
                    try check(worksheet_write_number(worksheet, row, column, Self.serial(day), style), failure)
                case .blank:
                    try check(worksheet_write_blank(worksheet, row, column, style), failure)
                }
            }
            if let frozen = sheet.frozen {
                worksheet_freeze_panes(worksheet, lxw_row_t(frozen.row), lxw_col_t(frozen.column))
            }
            if sheet.landscape {
                worksheet_set_landscape(worksheet)
                worksheet_set_paper(worksheet, 9)
            }
            if let rows = sheet.printTitleRows {
                try check(worksheet_repeat_rows(worksheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), failure)
            }
            if let columns = sheet.printTitleColumns {
                try check(worksheet_repeat_columns(worksheet, lxw_col_t(columns.lowerBound),
                                                   lxw_col_t(columns.upperBound)), failure)
            }
            if sheet.protected {
                var protection = lxw_protection()
                protection.format_columns = 1
                protection.format_rows = 1
                worksheet_protect(worksheet, nil, &protection)
            }
        }
        closed = true
        try check(workbook_close(workbook), failure)
    }

    private func check(_ error: lxw_error, _ failure: (String) -> OutputError) throws(OutputError) {
        guard error != LXW_NO_ERROR else { return }
        throw failure(String(cString: lxw_strerror(error)))
    }
}
