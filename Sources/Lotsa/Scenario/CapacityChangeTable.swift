/// `capacity_changes.csv`: temporary changes of a provider's capacity.
enum CapacityChangeTable {
    static let required = ["provider", "specialty", "first_week", "last_week"]
    static let optional = ["factor", "rooms_delta", "cases_delta"]

    /// A change with the place of its `factor`, for messages about several rows.
    typealias Located = (change: CapacityChange, location: SourceLocation)

    static func read(_ table: CSVTable, context: TableContext) throws(InputError) -> [Located] {
        let model = context.model
        var changes: [Located] = []
        for row in table.rows {
            let provider = try row.string("provider")
            guard model.providerExists(provider) else {
                let known = Array(model.sites.keys) + Array(model.contractProviders.keys)
                throw row.error("provider", "unknown provider" + (closestMatch(to: provider, among: known).map { " (did you mean '\($0)'?)" } ?? ""),
                                expected: "a site or contract provider id of the model", found: provider)
            }
            let isSite = model.sites[provider] != nil
            let specialty = row.optionalString("specialty")
            if let specialty {
                let offered = isSite
                    ? model.siteCapacities.contains { $0.site == provider && $0.specialty == specialty }
                    : model.contracts.contains { $0.provider == provider && $0.specialty == specialty }
                guard offered else {
                    throw row.error("specialty", "\(provider) has no capacity in this specialty",
                                    expected: "a specialty the provider offers, or empty for all", found: specialty)
                }
            }
            let first = try context.period(row, "first_week")
            let last = try context.period(row, "last_week")
            guard first <= last else {
                throw row.error("last_week", "the change ends before it starts",
                                expected: "a week on or after \(row["first_week"] ?? "")", found: row["last_week"] ?? "")
            }
            let factor = try row.optionalDouble("factor")
            let roomsDelta = try row.optionalDouble("rooms_delta")
            let casesDelta: Int? = row.optionalString("cases_delta") == nil ? nil : try row.int("cases_delta", range: -1_000_000...1_000_000)
            if factor == nil && roomsDelta == nil && casesDelta == nil {
                throw row.error("factor", "the row changes nothing", expected: "a factor, rooms_delta or cases_delta")
            }
            if let factor, !(0...100).contains(factor) {
                throw row.error("factor", "out of range", expected: "a factor from 0 to 100", found: row["factor"] ?? "")
            }
            if roomsDelta != nil && !isSite {
                throw row.error("rooms_delta", "rooms_delta applies to sites only",
                                expected: "factor or cases_delta for a contract provider", found: row["rooms_delta"] ?? "")
            }
            if let roomsDelta, !(-10_000...10_000).contains(roomsDelta) {
                throw row.error("rooms_delta", "out of range", expected: "-10000 to 10000 rooms", found: row["rooms_delta"] ?? "")
            }
            changes.append((CapacityChange(provider: provider, specialty: specialty, firstPeriod: first, lastPeriod: last,
                                           factor: factor ?? 1, roomsDelta: roomsDelta ?? 0, casesDelta: casesDelta ?? 0),
                            row.location("factor")))
        }
        return changes
    }

    /// The largest product of factors that overlapping changes may give one provider,
    /// specialty and period: the bound of one row.
    static let maximumFactor = 100.0

    /// Factors of overlapping changes multiply; their product stays within the bound
    /// of one row, so that capacities remain numbers a plan can hold.
    static func checkCombinedFactors(_ changes: [Located], context: TableContext) throws(InputError) {
        let model = context.model
        let growing = changes.filter { $0.change.factor > 1 }
        for provider in Set(growing.map(\.change.provider)).sorted() {
            let own = changes.filter { $0.change.provider == provider }
            // The product is constant between the weeks where a change starts or ends.
            let breaks = Set(own.flatMap { [$0.change.firstPeriod, $0.change.lastPeriod + 1] }).sorted()
            let specialties = model.sites[provider] != nil
                ? model.siteCapacities.filter { $0.site == provider }.map(\.specialty)
                : model.contracts.filter { $0.provider == provider }.map(\.specialty)
            for specialty in specialties {
                for period in breaks {
                    let applying = own.filter { $0.change.applies(provider: provider, specialty: specialty, period: period) }
                    let product = applying.reduce(1.0) { $0 * $1.change.factor }
                    guard product > maximumFactor else { continue }
                    let last = applying.last { $0.change.factor > 1 }!
                    throw InputError(
                        last.location,
                        "the factors of the changes for \(provider), \(specialty) in \(context.horizon.label(ofPeriod: period)) "
                            + "multiply to \(NumberFormat.json(product))",
                        expected: "factors whose product for any provider, specialty and week is at most \(NumberFormat.json(maximumFactor))",
                        found: applying.map { NumberFormat.json($0.change.factor) }.joined(separator: " × "))
                }
            }
        }
    }
}
