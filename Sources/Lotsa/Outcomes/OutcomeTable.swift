import Foundation

/// `outcomes.csv`: one row per delivery-plan line and week.
///
/// ```
/// administration,provider,specialty,week,sent,returned
/// SU,CAPIO-LUND,ort,2026-W15,12,0
/// ```
/// `returned` may be empty (0). An optional `replaced` column records replacements
/// sent that week (not counted in `sent`); without it, returns are taken as replaced
/// the week after, as the routine requires. Read through the shared CSV reader, so
/// Excel's dialects (BOM, CRLF, `;`) are accepted.
public enum OutcomeTable {
    public static let required = ["administration", "provider", "specialty", "week", "sent"]
    public static let optional = ["returned", "replaced"]

    public static func read(url: URL, displayPath: String) throws(InputError) -> Outcomes {
        var ledger = InputLedger()
        let table = try ledger.csv(url, displayPath: displayPath, required: required, optional: optional)
        var records: [OutcomeRecord] = []
        let recordsReplacements = table.has("replaced")
        for row in table.rows {
            var replaced: Int?
            if recordsReplacements { replaced = try row.count("replaced", default: 0) }
            records.append(OutcomeRecord(
                administration: try row.string("administration"), provider: try row.string("provider"),
                specialty: try row.string("specialty"), week: try row.isoWeek("week"),
                sent: try row.count("sent"), returned: try row.count("returned", default: 0),
                replaced: replaced,
                location: row.location("week")))
        }
        return Outcomes(records: records, files: ledger.files, recordsReplacements: table.has("replaced"))
    }
}
