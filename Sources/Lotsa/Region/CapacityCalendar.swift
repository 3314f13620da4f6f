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

        /// Whether the entry scales the provider's capacity (in its week).
        public func applies(providerID: String, isSite: Bool) -> Bool {
            switch scope {
            case .all: return true
            case .sites: return isSite
            case .contracts: return !isSite
            case .provider(let id): return id == providerID
            }
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The product of the factors of every entry for `week` that applies to the provider.
    public func factor(isoWeekNumber week: Int, providerID: String, isSite: Bool) -> Double {
        var factor = 1.0
        for entry in entries where entry.week == week && entry.applies(providerID: providerID, isSite: isSite) {
            factor *= entry.factor
        }
        return factor
    }
}
