import Foundation

/// `delivery_plans.xlsx`: the delivery plans (leveransplaner) as the workbook the
/// region's analysts keep — one worksheet per provider, the weeks as columns, and
/// for each sending administration and specialty a row "plan" (filled) and a row
/// "utfall" (empty, unlocked, for the patients actually sent each week), with a
/// first sheet "missiv" that lists the annual volumes.
///
/// The workbook is a function of the delivery-plan data only (this value), not of
/// the command that made it, so `plan`, `periodise` and re-planning write it alike.
/// It holds the same numbers as `delivery_plans.csv` and `sheets/<provider>.csv`.
///
/// Layout of a provider sheet (rows 1–4 frozen, columns A–C frozen):
///
/// ```
///   A               B              C        D          E          …  total
/// 1 provider        vanerkliniken           Vänerkliniken (name)
/// 2 scenario        vgr-2026-baseline       plan: …; utfall: …
/// 3 administration  specialty      row      2026-W14   2026-W15   …  total
/// 4                                Monday   2026-03-30 2026-04-06 …
/// 5 SU                                                   ← administration (group)
/// 6 SU              ort                                  ← specialty (group)
/// 7 SU              ort            plan     0          12         …  =SUM(D7:BD7)
/// 8 SU              ort            utfall   (unlocked) (unlocked) …  =SUM(D8:BD8)
/// ```
///
/// A re-plan fills the utfall cells of the weeks that happened (``Line/outcome``) and,
/// for lines that had returns, adds a row "returned" under utfall (``Line/returned``).
///
/// The provider's id is in `B1`: sheet names follow Excel's rules (``SheetNames``)
/// and may differ from the id, so ``DeliveryPlanWorkbookReader`` reads `B1`.
///
/// Reproducible: the same value gives the same bytes. The workbook's created date
/// is ``dataDate`` (the scenario's snapshot date), not the time of the run.
public struct DeliveryPlanWorkbook: Sendable {
    /// One column of the plan: a week (or a period of another length).
    public struct Period: Sendable, Hashable {
        /// As in delivery_plans.csv: `2026-W14`, or a date for non-weekly horizons.
        public var label: String
        /// The Monday of the week (the first day of the period).
        public var firstDay: Day
    }

    public struct Provider: Sendable, Hashable {
        public var id: String
        public var name: String
    }

    /// One administration × provider × specialty line of the plan.
    public struct Line: Sendable, Hashable {
        public var administration: String
        /// A ``Provider/id``.
        public var provider: String
        public var specialty: String
        /// Patients per period, one per ``DeliveryPlanWorkbook/periods``.
        public var weekly: [Double]
        /// The decided annual volume, when the plan periodises a decided missiv.
        public var decided: Int?
        /// Recorded utfall per period (nil: empty cell), when known — a re-plan's
        /// weeks as happened; nil leaves the whole row empty.
        public var outcome: [Int?]? = nil
        /// Returned referrals per period; when set, a `returned` row follows utfall.
        public var returned: [Int?]? = nil

        public var volume: Double { weekly.reduce(0, +) }
    }

    public var scenario: String
    public var periods: [Period]
    /// Every provider that appears in a line, in the model's order.
    public var providers: [Provider]
    /// Every line of the missiv (the summary sheet), in the order of missiv.csv.
    public var missiv: [Line]
    /// The lines on the provider sheets (patients sent from one administration to
    /// a provider), in the order of sheets/<provider>.csv.
    public var sent: [Line]
    /// The date the plan's data describe (the waiting-list snapshot): the workbook's
    /// created date, so that the file does not depend on when it was written.
    public var dataDate: Day
    /// Every file the run read, with its SHA-256 (document properties and summary sheet).
    public var inputs: [InputFile]

    public static let fileName = "delivery_plans.xlsx"
    /// The first sheet's name; never given to a provider sheet.
    public static let summarySheet = "missiv"
    /// The labels of the rows and header cells a reader relies on.
    static let providerLabel = "provider", scenarioLabel = "scenario", administrationHeader = "administration",
               specialtyHeader = "specialty", rowHeader = "row", totalHeader = "total",
               planRow = "plan", outcomeRow = "utfall", returnedRow = "returned"
    /// 0-based rows and columns of the provider sheets.
    static let headerRow = 2, firstDataRow = 4, firstWeekColumn = 3

    public init(scenario: String, periods: [Period], providers: [Provider], missiv: [Line], sent: [Line],
                dataDate: Day, inputs: [InputFile]) {
        self.scenario = scenario
        self.periods = periods
        self.providers = providers
        self.missiv = missiv
        self.sent = sent
        self.dataDate = dataDate
        self.inputs = inputs
    }

    /// Each provider with a line on a sheet, with its sheet name.
    public var providerSheets: [(provider: Provider, sheet: String)] {
        let used = providers.filter { provider in sent.contains { $0.provider == provider.id } }
        let names = SheetNames.assign(used.map(\.id), reserved: [Self.summarySheet])
        return Array(zip(used, names))
    }

    public func write(to url: URL) throws(OutputError) {
        try workbook().write(to: url)
    }

    /// The workbook as values (sheets, cells, styles, properties).
    public func workbook() -> XLSXWorkbook {
        let sheets = providerSheets
        var all = [summary(sheets: sheets)]
        for (provider, name) in sheets {
            all.append(sheet(for: provider, named: name))
        }
        return XLSXWorkbook(sheets: all, properties: properties)
    }

    // MARK: - Styles

    private static let bold = XLSXWorkbook.Style(bold: true)
    private static let title = XLSXWorkbook.Style(bold: true, fill: 0xDDEBF7)
    private static let header = XLSXWorkbook.Style(bold: true, fill: 0xD9D9D9, thinBorder: true)
    private static let headerDate = XLSXWorkbook.Style(italic: true, numberFormat: "yyyy-mm-dd", fill: 0xD9D9D9,
                                                       thinBorder: true, alignRight: true)
    private static let note = XLSXWorkbook.Style(italic: true)
    private static let administration = XLSXWorkbook.Style(bold: true, fill: 0xDDEBF7)
    private static let specialty = XLSXWorkbook.Style(bold: true)
    private static let plan = XLSXWorkbook.Style(numberFormat: "0", thinBorder: true)
    /// Light yellow, the usual colour of "type here".
    private static let outcome = XLSXWorkbook.Style(numberFormat: "0", fill: 0xFFF2CC, unlocked: true, thinBorder: true)
    private static let total = XLSXWorkbook.Style(bold: true, numberFormat: "0", thinBorder: true)

    // MARK: - Provider sheets

    private func sheet(for provider: Provider, named name: String) -> XLSXWorkbook.Sheet {
        var sheet = XLSXWorkbook.Sheet(name: name)
        let weeks = periods.count
        let totalColumn = Self.firstWeekColumn + weeks
        let firstLetters = CellReference.letters(ofColumn: Self.firstWeekColumn)
        let lastLetters = CellReference.letters(ofColumn: totalColumn - 1)

        sheet.set(row: 0, column: 0, .text(Self.providerLabel), style: Self.bold)
        sheet.set(row: 0, column: 1, .text(provider.id), style: Self.bold)
        sheet.set(row: 0, column: 3, .text(provider.name), style: Self.bold)
        sheet.set(row: 1, column: 0, .text(Self.scenarioLabel))
        sheet.set(row: 1, column: 1, .text(scenario))
        sheet.set(row: 1, column: 3, .text("plan: patients planned per week; utfall: type the patients sent "
                                           + "each week (whole numbers) into the yellow cells"), style: Self.note)

        let headings = [Self.administrationHeader, Self.specialtyHeader, Self.rowHeader]
        for (column, heading) in headings.enumerated() {
            sheet.set(row: Self.headerRow, column: column, .text(heading), style: Self.header)
            sheet.set(row: Self.headerRow + 1, column: column, .blank, style: Self.header)
        }
        sheet.set(row: Self.headerRow + 1, column: 2, .text(weeksAreISO ? "Monday" : "first day"), style: Self.header)
        for (index, period) in periods.enumerated() {
            sheet.set(row: Self.headerRow, column: Self.firstWeekColumn + index, .text(period.label), style: Self.header)
            sheet.set(row: Self.headerRow + 1, column: Self.firstWeekColumn + index, .date(period.firstDay),
                      style: Self.headerDate)
        }
        sheet.set(row: Self.headerRow, column: totalColumn, .text(Self.totalHeader), style: Self.header)
        sheet.set(row: Self.headerRow + 1, column: totalColumn, .blank, style: Self.header)

        var row = Self.firstDataRow
        var previous: (administration: String, specialty: String)?
        for line in sent where line.provider == provider.id {
            if previous?.administration != line.administration {
                sheet.set(row: row, column: 0, .text(line.administration), style: Self.administration)
                for column in 1...totalColumn { sheet.set(row: row, column: column, .blank, style: Self.administration) }
                row += 1
            }
            if previous?.administration != line.administration || previous?.specialty != line.specialty {
                sheet.set(row: row, column: 0, .text(line.administration))
                sheet.set(row: row, column: 1, .text(line.specialty), style: Self.specialty)
                sheet.rowLevels[row] = 1
                row += 1
            }
            previous = (line.administration, line.specialty)
            var rows: [(String, [Double?])] = [(Self.planRow, line.weekly.map { $0 }),
                                               (Self.outcomeRow, (line.outcome ?? []).map { $0.map(Double.init) })]
            if let returned = line.returned { rows.append((Self.returnedRow, returned.map { $0.map(Double.init) })) }
            for (label, values) in rows {
                let isPlan = label == Self.planRow
                sheet.set(row: row, column: 0, .text(line.administration))
                sheet.set(row: row, column: 1, .text(line.specialty))
                sheet.set(row: row, column: 2, .text(label), style: isPlan ? Self.bold : nil)
                var total = 0.0
                for index in 0..<weeks {
                    let value = index < values.count ? values[index] : nil
                    total += value ?? 0
                    sheet.set(row: row, column: Self.firstWeekColumn + index,
                              value.map { .number($0) } ?? .blank, style: isPlan ? Self.plan : Self.outcome)
                }
                let formula = "=SUM(\(firstLetters)\(row + 1):\(lastLetters)\(row + 1))"
                sheet.set(row: row, column: totalColumn, .formula(formula, result: total),
                          style: Self.total)
                sheet.rowLevels[row] = 2
                row += 1
            }
        }

        sheet.columnWidths = [0: 15, 1: 12, 2: 9]
        for index in 0..<weeks { sheet.columnWidths[Self.firstWeekColumn + index] = 11 }
        sheet.columnWidths[totalColumn] = 9
        sheet.frozen = (Self.firstDataRow, Self.firstWeekColumn)
        sheet.protected = true
        sheet.landscape = true
        sheet.printTitleRows = 0...(Self.firstDataRow - 1)
        sheet.printTitleColumns = 0...(Self.firstWeekColumn - 1)
        return sheet
    }

    private var weeksAreISO: Bool { periods.allSatisfy { ISOWeek(iso: $0.label) != nil } }

    // MARK: - Summary sheet

    private func summary(sheets: [(provider: Provider, sheet: String)]) -> XLSXWorkbook.Sheet {
        var sheet = XLSXWorkbook.Sheet(name: Self.summarySheet)
        let sheetOf = Dictionary(sheets.map { ($0.provider.id, $0.sheet) }, uniquingKeysWith: { first, _ in first })
        let nameOf = Dictionary(providers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let hasDecided = missiv.contains { $0.decided != nil }

        sheet.set(row: 0, column: 0, .text("Delivery plans (leveransplaner): \(scenario)"), style: Self.title)
        let facts: [(String, XLSXWorkbook.Value)] = [
            ("scenario", .text(scenario)),
            ("data as of", .date(dataDate)),
            ("weeks", .text(periods.isEmpty ? "" : "\(periods.first!.label) – \(periods.last!.label) (\(periods.count))")),
            ("note", .text("The workbook's created date is the data date above, not the time of the run, so the "
                           + "same inputs give the same file. The input files' SHA-256 are listed below and in "
                           + "the document properties.")),
        ]
        for (index, (label, value)) in facts.enumerated() {
            sheet.set(row: 2 + index, column: 0, .text(label), style: Self.bold)
            sheet.set(row: 2 + index, column: 1, value,
                      style: label == "data as of" ? XLSXWorkbook.Style(numberFormat: "yyyy-mm-dd", alignRight: false) : nil)
        }

        var row = 3 + facts.count
        var headings = ["administration", "provider", "provider name", "specialty", "volume"]
        if hasDecided { headings.append("decided") }
        headings.append("sheet")
        for (column, heading) in headings.enumerated() {
            sheet.set(row: row, column: column, .text(heading), style: Self.header)
        }
        row += 1
        for line in missiv {
            var values: [XLSXWorkbook.Value] = [.text(line.administration), .text(line.provider),
                                                .text(nameOf[line.provider] ?? ""), .text(line.specialty),
                                                .number(line.volume)]
            if hasDecided { values.append(line.decided.map { .number(Double($0)) } ?? .blank) }
            values.append(.text(sheetOf[line.provider] ?? ""))
            for (column, value) in values.enumerated() { sheet.set(row: row, column: column, value) }
            row += 1
        }

        row += 1
        sheet.set(row: row, column: 0, .text("input"), style: Self.header)
        sheet.set(row: row, column: 1, .text("sha256"), style: Self.header)
        for input in inputs {
            row += 1
            sheet.set(row: row, column: 0, .text(input.path))
            sheet.set(row: row, column: 1, .text(input.sha256))
        }
        sheet.columnWidths = [0: 16, 1: 16, 2: 30, 3: 10, 4: 9, 5: 9, 6: 20]
        sheet.frozen = (1, 0)
        return sheet
    }

    private var properties: XLSXWorkbook.Properties {
        XLSXWorkbook.Properties(
            title: "Delivery plans \(scenario)",
            subject: "Leveransplaner",
            author: "Lotsa",
            keywords: "leveransplan, missiv, \(scenario)",
            comments: "Created date = data date (\(dataDate)), not the time of the run.",
            created: dataDate,
            custom: [("scenario", scenario), ("data date", dataDate.description)]
                + inputs.map { (Self.propertyName("sha256 \($0.path)"), $0.sha256) })
    }

    /// libxlsxwriter refuses custom property names over 255 bytes; long paths keep their end.
    static func propertyName(_ name: String) -> String {
        var result = Substring(name)
        while result.utf8.count > 255 { result = result.dropFirst() }
        return String(result)
    }
}
