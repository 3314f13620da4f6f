/// The last check before `lotsa plan` publishes periodised weeks (docs/optimal-plan.md
/// §5): the periodisation of the optimum's own missiv must honour every hard rule,
/// keep every line's total, and keep every tier but `waiting` at the optimum's value.
enum PeriodisationCheck {
    /// Tiers that depend on line totals only, or that the periodisation keeps first.
    static let kept: [Tier] = [.overdue, .otherRegionVolume, .regionContractVolume, .internalTransfers, .cost]

    static func verify(published: Plan, periodisation: PeriodisationResult, integral: PlanEvaluation,
                       evaluation: PlanEvaluation, problem: PlanningProblem) throws(LotsaError) {
        var problems = PlanVerifier.violations(of: published, problem: problem)
        if !published.isIntegral(tolerance: 0) { problems.append("the plan is not in whole patients") }
        for line in periodisation.lines where line.unresolved != 0 || line.weekly.contains(where: { $0 < 0 }) {
            problems.append("\(line.administration) \(problem.providers[line.provider].id) \(line.specialty): "
                            + "\(line.planned) planned of \(line.decided) in the missiv")
        }
        for tier in kept {
            let before = integral.tiers[tier] ?? 0, after = evaluation.tiers[tier] ?? 0
            // Overdue may only fall (it cannot when the policy puts it first); the rest stay.
            let slack = 1e-6 * max(1, abs(before))
            if tier == .overdue ? after > before + slack : abs(after - before) > slack {
                problems.append("tier \(tier.rawValue) moved from \(before) to \(after)")
            }
        }
        guard problems.isEmpty else {
            throw .internalError("the periodised plan breaks a hard rule: " + problems.prefix(5).joined(separator: "; "))
        }
    }
}
