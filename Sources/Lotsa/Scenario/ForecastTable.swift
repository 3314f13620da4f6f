/// `forecast.csv`: new referrals per cohort and period.
enum ForecastTable {
    static let required = ["administration", "specialty", "priority", "week", "count"]
    static let optional = ["care_type", "asa"]

    static func read(_ table: CSVTable, context: TableContext) throws(InputError) -> [ForecastEntry] {
        var entries: [ForecastEntry] = []
        entries.reserveCapacity(table.rows.count)
        for row in table.rows {
            let cohort = try context.cohort(row)
            let period: Int? = try row.string("week") == "all" ? nil : try context.period(row, "week")
            let count = try row.count("count")
            if count > 0 { entries.append(ForecastEntry(cohort: cohort, period: period, count: count)) }
        }
        return entries
    }
}
