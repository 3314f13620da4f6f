import LinearProgramming

/// Writes each block's linear programs in CPLEX LP format so another solver can
/// reproduce the optimum: for step k, the block's model with objective k and every
/// earlier objective bounded by the optimum this run found (plus 1e-7 relative).
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
                let limit = optimum - objective.expression.constant + 1e-7 * abs(optimum) + 1e-9
                model.addConstraint(bounded, .lessOrEqual(limit), name: "tier_\(objective.name)")
            }
        }
    }
}
