/// `waiting_list.csv`: the backlog at the start of the horizon.
enum WaitingListTable {
    static let required = ["administration", "specialty", "priority"]
    static let optional = ["care_type", "asa", "count", "days_waited", "target_date", "guarantee_date"]

    static func read(_ table: CSVTable, context: TableContext) throws(InputError) -> [BacklogEntry] {
        guard table.has("days_waited") || table.has("target_date") else {
            throw InputError(SourceLocation(file: table.path, line: 1, field: "days_waited"),
                             "the waiting list needs the patients' dates",
                             expected: "a days_waited or a target_date column", found: table.header.joined(separator: ","))
        }
        var entries: [BacklogEntry] = []
        entries.reserveCapacity(table.rows.count)
        for row in table.rows {
            let cohort = try context.cohort(row)
            let count = try row.count("count", default: 1)
            let days = context.policy.priority(cohort.priority)!.days
            let targetDate: Day
            let guaranteeDate: Day
            let waited = row.optionalString("days_waited")
            let target = row.optionalString("target_date")
            switch (waited, target) {
            case (.some, .some):
                throw row.error("target_date", "give either days_waited or target_date, not both",
                                expected: "one of them", found: "days_waited \(waited!), target_date \(target!)")
            case (.none, .none):
                throw row.error("days_waited", "the patient's dates are missing",
                                expected: "days_waited or target_date", found: "both empty")
            case (.some, .none):
                if row.optionalString("guarantee_date") != nil {
                    throw row.error("guarantee_date", "guarantee_date goes with target_date",
                                    expected: "an empty guarantee_date when days_waited is given")
                }
                let decision = context.snapshotDate.adding(days: -(try row.int("days_waited", range: 0...36_500)))
                targetDate = decision.adding(days: days)
                guaranteeDate = decision.adding(days: context.guaranteeDays)
            case (.none, .some):
                targetDate = try row.day("target_date")
                guaranteeDate = try row.optionalDay("guarantee_date")
                    ?? targetDate.adding(days: context.guaranteeDays - days)
            }
            if count > 0 {
                entries.append(BacklogEntry(cohort: cohort, count: count, targetDate: targetDate, guaranteeDate: guaranteeDate))
            }
        }
        return entries
    }
}
