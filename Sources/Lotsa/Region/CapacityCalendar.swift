/// Which providers a calendar row scales.
public enum CalendarScope: Sendable, Hashable {
    case all
    case sites
    case contracts
    case provider(String)
}

/// Seasonal scaling of capacity (summer, Christmas) by ISO week number, the same
/// every year, so one model serves every budget year.
public struct CapacityCalendar: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var week: Int
        public var factor: Double
        public var scope: CalendarScope

        public init(week: Int, factor: Double, scope: CalendarScope) {
            self.week = week
            self.factor = factor
            self.scope = scope
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The product of the factors of every entry for `week` that applies to the provider.
    public func factor(isoWeekNumber week: Int, providerID: String, isSite: Bool) -> Double {
        var factor = 1.0
        for entry in entries where entry.week == week {
            switch entry.scope {
            case .all: factor *= entry.factor
            case .sites where isSite: factor *= entry.factor
            case .contracts where !isSite: factor *= entry.factor
            case .provider(let id) where id == providerID: factor *= entry.factor
            default: break
            }
        }
        return factor
    }
}
