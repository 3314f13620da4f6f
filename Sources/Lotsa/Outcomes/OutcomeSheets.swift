import Foundation

/// The `sheets/` folder that `plan` and `periodise` write, read back with its
/// "utfall" rows filled in (as analysts do in Excel).
///
/// Each `<provider>.csv` has `administration,specialty,row,<week>…,total`; the
/// provider is the file's name (as ``DeliverySheets`` writes it). Rows `plan` are
/// skipped; a row `utfall` gives `sent` per week; an optional row `returned` (or
/// `återsända`) gives returned referrals. An empty cell is "not recorded". Files not
/// ending in `.csv` are ignored (Excel's lock files, say).
public enum OutcomeSheets {
    public static func read(folder: URL, displayPath: String, catalogue: OutcomeCatalogue) throws(InputError) -> Outcomes {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") && !$0.hasPrefix("~$") }.sorted()
        } catch {
            throw InputError(SourceLocation(file: displayPath), "cannot list the folder", found: String(describing: error))
        }
        guard !names.isEmpty else {
            throw InputError(SourceLocation(file: displayPath), "no sheets in the folder",
                             expected: "one <provider>.csv per provider, as `lotsa plan` writes under sheets/")
        }
        // A sheet's file name → provider id, as DeliverySheets names them.
        var providerOfFile: [String: String] = [:]
        for (index, provider) in catalogue.providers.enumerated() {
            let plain = DeliverySheets.fileName(provider)
            if providerOfFile[plain] == nil { providerOfFile[plain] = provider }
            providerOfFile[DeliverySheets.fileName(provider + "-\(index + 1)")] = provider
        }
        let weeks = catalogue.weeks
        var ledger = InputLedger()
        var records: [OutcomeRecord] = []
        for name in names {
            let url = folder.appendingPathComponent(name)
            let display = displayPath + (displayPath.hasSuffix("/") ? "" : "/") + name
            let stem = String(name.dropLast(4))
            guard let provider = providerOfFile[stem] else {
                throw InputError(SourceLocation(file: display), "the sheet's name is not a provider of the model",
                                 expected: "<provider id>.csv", found: name)
            }
            let table = try ledger.csv(url, displayPath: display, required: ["administration", "specialty", "row"],
                                       optional: weeks + ["total"])
            var returnedCells: [String: (CSVRow, [String: Int])] = [:]
            var sentRows: [(CSVRow, String, String)] = []
            for row in table.rows {
                let kind = try row.string("row").lowercased()
                let administration = try row.string("administration"), specialty = try row.string("specialty")
                switch kind {
                case "plan": continue
                case "utfall": sentRows.append((row, administration, specialty))
                case "returned", "återsända":
                    var cells: [String: Int] = [:]
                    for week in weeks where table.has(week) { cells[week] = try row.optionalString(week) == nil ? nil : row.count(week) }
                    returnedCells["\(administration)|\(specialty)"] = (row, cells)
                default:
                    throw row.error("row", "unknown row kind", expected: "plan, utfall or returned", found: kind)
                }
            }
            for (row, administration, specialty) in sentRows {
                let returned = returnedCells["\(administration)|\(specialty)"]?.1 ?? [:]
                for week in weeks where table.has(week) {
                    guard row.optionalString(week) != nil else {
                        if let r = returned[week], r > 0 {
                            throw row.error(week, "referrals returned in a week without an utfall",
                                            expected: "the number sent that week (0 when none)", found: "")
                        }
                        continue
                    }
                    records.append(OutcomeRecord(administration: administration, provider: provider, specialty: specialty,
                                                 week: ISOWeek(iso: week)!, sent: try row.count(week),
                                                 returned: returned[week] ?? 0, location: row.location(week)))
                }
            }
        }
        return Outcomes(records: records, files: ledger.files, recordsReplacements: false)
    }
}
