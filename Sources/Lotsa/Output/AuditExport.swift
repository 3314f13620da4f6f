import LinearProgramming

/// Writes each block's linear programs in CPLEX LP format so another solver can
/// reproduce the optimum: for step k, the block's model with objective k and every
/// earlier objective bounded by the optimum this run found, with no slack.
///
/// The bound is exact, not relaxed: a relative slack of 1e-7 on an overdue tier of
/// 631 508 patient-weeks lets a later tier gain a fraction (glpsol found 149.9998
/// contract volume where the plan has 150). When the tier's coefficients are whole
/// numbers and its optimum is a whole number up to rounding noise, the bound is that
/// whole number; otherwise it is the optimum as found. The set of plans the bounds
/// leave is the optimal face the engine itself fixes (see Lexicographic.swift), so
/// each step's optimum is the engine's. `scripts/check-lp-files` solves every file
/// with glpsol in CI and compares each step with summary.json.
public enum AuditExport {
    public static func write(result: PlanningResult, problem: PlanningProblem, to folder: OutputFolder) throws(OutputError) {
        for block in result.blocks {
            guard let formulation = block.formulation else { continue }
            let objectives = formulation.objectives(policy: problem.policy)
            var model = formulation.model
            for (k, objective) in objectives.enumerated() {
                var step = model
                step.objective = Objective(.minimize, objective.expression)
                step.name = "\(problem.name)_\(block.block.specialty)_\(k + 1)_\(objective.name)"
                try folder.write(LPWriter.write(step), to: "lp/\(block.block.specialty)/\(k + 1)-\(objective.name).lp")
                let optimum = block.steps[k].value
                var bounded = objective.expression
                bounded.constant = 0
                let limit = tierLimit(objective.expression, optimum: optimum)
                model.addConstraint(bounded, .lessOrEqual(limit), name: "tier_\(objective.name)")
            }
        }
    }

    /// The right-hand side that keeps an earlier tier at its optimum (constant moved across).
    static func tierLimit(_ expression: LinearExpression, optimum: Double) -> Double {
        let target = optimum - expression.constant
        let wholeCoefficients = expression.coefficients.allSatisfy { $0 == $0.rounded() }
        if wholeCoefficients, abs(target - target.rounded()) <= 1e-6 * max(1, abs(target)) {
            return target.rounded()
        }
        return target
    }
}
