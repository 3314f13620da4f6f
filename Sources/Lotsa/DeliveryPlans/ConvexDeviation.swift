/// The cost of a line's week straying from its capacity-proportional share
/// (docs/optimal-plan.md §6), as pieces of a minimum-cost-flow arc.
///
/// The share τ = V · c(t) / Σc is usually fractional (a line of 11 patients a year at
/// a provider open 40 weeks has τ ≈ 0.27). Measured in L1 against a whole-number
/// rounding of τ, the plan follows the rounding — 0, 0, 1, 0, 0, 1, … — and any
/// shortfall after the overdue patients were sent early lands on whichever weeks the
/// solver meets first; both make lines alternate. Measured as (x − τ)², weeks are
/// evened out: a week never gets two more than another with the same share, and the
/// weeks that are equally good are left to the next criterion (`waiting`), which
/// takes the earliest ones — consecutive weeks, a block a provider can staff.
///
/// (x − τ)² is convex, so as a flow it is a chain of unit arcs with rising costs: the
/// k-th case of the week costs (k − τ)² − (k − 1 − τ)² = 2k − 1 − 2τ. 2τ is rounded to
/// whole cases: a share is only worth following in whole cases, and weeks whose
/// shares differ by less than half a case (a line of one patient at a provider whose
/// first week is half open, τ = 1/9 against 2/9) tie, so the earliest week wins
/// instead of the fuller one — otherwise the spread would scatter a small line over
/// the fullest weeks. Past a few cases above the share the last slope goes on for
/// the rest of the week's capacity (those weeks are the ones `overdue` already fixed).
enum ConvexDeviation {
    struct Piece: Equatable {
        var units: Int
        /// Per case.
        var cost: Int
    }

    /// The pieces of one line-week: `volume` the line's annual total, `capacity` the
    /// provider's capacity that week and `capacityTotal` over its open weeks.
    static func pieces(volume: Int, capacity: Int, capacityTotal: Int) -> [Piece] {
        guard capacity > 0, capacityTotal > 0 else { return [] }
        // round(2τ) in whole numbers: (2·V·c + S/2) / S, ties up.
        let twiceShare = (2 * volume * capacity + capacityTotal / 2) / capacityTotal
        let units = min(capacity, twiceShare + 4)
        var result = (1...units).map { Piece(units: 1, cost: 2 * $0 - 1 - twiceShare) }
        if capacity > units { result.append(Piece(units: capacity - units, cost: 2 * units + 1 - twiceShare)) }
        return result
    }
}
