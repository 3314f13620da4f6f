/// The three principles of the routine for changing delivery plans (seed 001, step
/// 5a; optimal-plan.md §7): a line may be lowered only when at least one holds.
///
/// How each is tested, with `w` the last week of outcomes (`--through`) and the
/// re-plan being the rest of the year w+1…T *with the decrease made*:
/// 1. **The administration meets the care guarantee**: KPI `beyond_guarantee`
///    (patients of the administration, every specialty, waiting past their guarantee
///    date at the end of a week) is 0 at the end of week w (the waiting list brought
///    forward by the outcomes) and at the end of every week of the re-plan.
/// 2. **It has relieved another administration**: it took on more than the plan in
///    force asked of it. Measured against the plan in force, because the plan's own
///    internal transfers are the agreement, not a relief beyond it (counting them made
///    every administration with a site others send to a "relief"). It holds when
///    * weeks 1…w, recorded outcomes only: its sites treated more patients of other
///      administrations than planned there (Σ over the lines other administration →
///      its sites of sent − planned ≥ 1; weeks without an outcome count as planned), or
///    * weeks w+1…T, by agreement: another administration's request raises its line
///      into the administration's sites above the plan in force (Σ requested −
///      planned ≥ 1; the re-plan keeps a raise as a lower bound), or its own requested
///      raise of a line to a provider takes over a line another administration asks to
///      lower there (same provider and specialty). Not the re-plan's own routing: any
///      re-plan that is behind moves patients to the sites with room (and the decreases
///      themselves do so, contract volume being an earlier tier than internal
///      transfers), which made nearly every owner of a site a "relief" by the very
///      decreases it was to justify; or
///    * weeks 1…w, recorded outcomes: it took over a line — it sent a provider more
///      than planned in a specialty while another administration sent it less. (A
///      take-over is judged on what happened, not on the re-plan: re-optimising moves
///      volume between administrations' lines everywhere.)
/// 3. **The region meets the care guarantee**: the same KPI as 1, summed over every
///    administration, is 0 at the end of week w — the year so far. (Principle 1 looks
///    ahead as well, so that an administration lowering its own sending must keep
///    meeting the guarantee; principle 3 rests on what the region has achieved, and
///    so permits a decrease the administration alone could not justify.)
public enum Principle: Int, Sendable, CaseIterable, Comparable {
    case administrationMeetsGuarantee = 1
    case relievedAnotherAdministration = 2
    case regionMeetsGuarantee = 3

    public static func < (lhs: Principle, rhs: Principle) -> Bool { lhs.rawValue < rhs.rawValue }

    public var name: String {
        switch self {
        case .administrationMeetsGuarantee: return "administration_meets_guarantee"
        case .relievedAnotherAdministration: return "relieved_another_administration"
        case .regionMeetsGuarantee: return "region_meets_guarantee"
        }
    }

    /// How the principle is tested, as written into summary.json.
    public var test: String {
        switch self {
        case .administrationMeetsGuarantee:
            return "beyond_guarantee of the administration (every specialty) is 0 at the end of --through and of every re-planned week"
        case .relievedAnotherAdministration:
            return "its sites treated more of other administrations' patients than the plan in force had them treat: "
                + "recorded outcomes of the weeks up to --through (sent - planned on the lines into its sites >= 1), "
                + "or, for the weeks after --through, requests.csv raises another administration's line into its sites "
                + "(requested - planned >= 1) or its own line taking over one another administration asks to lower; "
                + "or up to --through it sent a provider more than planned while another administration sent it less"
        case .regionMeetsGuarantee:
            return "beyond_guarantee of the whole region is 0 at the end of --through"
        }
    }
}

/// What the principle tests found for one administration (or, for `region`, all).
public struct PrincipleFindings: Sendable {
    /// Patients beyond the guarantee at the end of `--through`.
    public var beyondAtThrough: Int
    /// The most patients beyond the guarantee at the end of any re-planned week.
    public var beyondInReplan: Double
    /// Other administrations' patients its sites treated in weeks up to `--through`
    /// beyond the plan in force (recorded outcomes; net, may be negative).
    public var relievedSoFar: Int
    /// … and in the re-plan's weeks, re-plan − plan in force (net, may be negative).
    public var relievedInReplan: Double
    /// Lines it takes over: "provider specialty from administration".
    public var tookOver: [String]

    /// Principle 1 (an administration): met so far and in every re-planned week.
    public var meetsGuarantee: Bool { beyondAtThrough == 0 && beyondInReplan < 0.5 }
    /// Principle 3 (the region): met at the end of the weeks that happened.
    public var metGuaranteeSoFar: Bool { beyondAtThrough == 0 }
    /// Principle 2: at least one patient of others beyond the plan in force, so far or
    /// in the re-plan, or a line taken over.
    public var relieved: Bool { relievedSoFar >= 1 || relievedInReplan >= 0.5 || !tookOver.isEmpty }
}
