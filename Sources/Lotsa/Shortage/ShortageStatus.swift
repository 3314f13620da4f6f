/// The three statuses of the daily report template, worst last: can every patient
/// whose target date falls within 14 (30) days be treated by that date?
public enum ShortageStatus: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Klarar allt: every patient due within 30 days can be treated in time.
    case managesAll = 0
    /// Klarar ej 30 dagar: everyone due within 14 days can, but not everyone due within 30.
    case fails30 = 1
    /// Klarar ej 14 dagar: not even everyone due within 14 days.
    case fails14 = 2

    public static func < (lhs: ShortageStatus, rhs: ShortageStatus) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The label of the region's template.
    public var label: String {
        switch self {
        case .managesAll: return "klarar allt"
        case .fails30: return "klarar ej 30 dagar"
        case .fails14: return "klarar ej 14 dagar"
        }
    }

    /// The status of shortfalls within 14 and 30 days.
    public init(shortfall14: Int, shortfall30: Int) {
        self = shortfall14 > 0 ? .fails14 : shortfall30 > 0 ? .fails30 : .managesAll
    }
}

/// Patients due within 14 and 30 days, the capacity that serves them, and how many
/// of them cannot be treated by their target date.
public struct CapacityCheck: Sendable, Hashable {
    public var due14: Int, capacity14: Int, shortfall14: Int
    public var due30: Int, capacity30: Int, shortfall30: Int
    public var status: ShortageStatus { ShortageStatus(shortfall14: shortfall14, shortfall30: shortfall30) }

    public init(due14: Int, capacity14: Int, shortfall14: Int, due30: Int, capacity30: Int, shortfall30: Int) {
        self.due14 = due14
        self.capacity14 = capacity14
        self.shortfall14 = shortfall14
        self.due30 = due30
        self.capacity30 = capacity30
        self.shortfall30 = shortfall30
    }

    /// The check with one's own capacity, earliest target date first.
    ///
    /// `due[d]` is the number of patients whose target date is on or before day d
    /// (index 0: already past it on the assessment date; they are due on day 1), and
    /// `capacity[d]` the cases the capacity can do on days 1…d (index 0 is 0). All
    /// patients are on the list on day 1, so treating them earliest target first is
    /// optimal, and every patient due within H days can be treated in time exactly
    /// when due(d) ≤ capacity(d) for every d ≤ H. The fewest who cannot is the
    /// largest excess: shortfall(H) = max over d ≤ H of (due(d) − capacity(d), 0).
    public static func ownCapacity(due: [Int], capacity: [Int]) -> CapacityCheck {
        func shortfall(_ horizon: Int) -> Int {
            (1...horizon).map { max(0, due[$0] - capacity[$0]) }.max() ?? 0
        }
        return CapacityCheck(due14: due[14], capacity14: capacity[14], shortfall14: shortfall(14),
                             due30: due[30], capacity30: capacity[30], shortfall30: shortfall(30))
    }

    /// Sums of lines (an administration's specialties).
    public static func sum(_ checks: [CapacityCheck]) -> CapacityCheck {
        checks.reduce(CapacityCheck(due14: 0, capacity14: 0, shortfall14: 0, due30: 0, capacity30: 0, shortfall30: 0)) {
            CapacityCheck(due14: $0.due14 + $1.due14, capacity14: $0.capacity14 + $1.capacity14,
                          shortfall14: $0.shortfall14 + $1.shortfall14, due30: $0.due30 + $1.due30,
                          capacity30: $0.capacity30 + $1.capacity30, shortfall30: $0.shortfall30 + $1.shortfall30)
        }
    }
}
