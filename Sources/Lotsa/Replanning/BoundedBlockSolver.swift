import LinearProgramming

/// Solves specialty blocks whose delivery-plan lines carry bounds on their volume
/// over the rest of the year.
///
/// Why the LP and not the network simplex: a bound on a line's *total* couples the
/// send arcs of every week (Σ_t z[a,o,t] ≥ b). Arcs of a time-expanded network have
/// bounds per week, and the weekly arcs of one line meet at no node, so the annual
/// bound is a side constraint, not an arc bound. Rather than reshaping the network
/// (a line node per week only bounds weeks, which would pin the plan in force's
/// weekly profile instead of its volume), the block is solved as ``BlockFormulation``'s
/// LP by the solver backend (GLPK) with one extra row per bounded line; blocks
/// without bounds keep the network simplex's optimum. A lower bound is kept as far
/// as capacity and patients allow: the shortfall below it is minimised first (a hard
/// rule of the routine before every tier), so the re-plan never becomes infeasible
/// because a line cannot keep its volume. With side rows a vertex may be fractional;
/// the periodisation that publishes the plan works in whole patients.
enum BoundedBlockSolver {
    struct Bound: Sendable, Hashable {
        var lower: Int?
        var upper: Int?
    }

    static func solve(_ problem: PlanningProblem, _ block: SpecialtyBlock, bounds: [LineKey: Bound],
                      options: PlannerOptions) throws(PlanningError) -> (cumulative: [(cohort: Int, values: [Double])], flows: [Flow]) {
        let T = problem.periods
        let formulation = BlockFormulation(problem: problem, block: block)
        var model = formulation.model
        var shortfall = LinearExpression()
        for (line, bound) in bounds.sorted(by: { $0.key < $1.key }) where line.specialty == block.specialty {
            let arcs = block.arcs.indices.filter {
                block.groups[block.arcs[$0].group].administration == line.administration
                    && problem.providers[problem.offers[block.arcs[$0].offer].provider].id == line.provider
            }
            let columns = arcs.flatMap { a in (1...T).map { formulation.z(a, $0) } }
            let ones = [Double](repeating: 1, count: columns.count)
            if let upper = bound.upper {
                model.addConstraint(columns: columns, coefficients: ones, .lessOrEqual(Double(upper)))
            }
            if let lower = bound.lower, lower > 0 {
                let short = model.addVariable(lower: 0)
                shortfall.add(short)
                model.addConstraint(columns: columns + [Int32(short.index)], coefficients: ones + [1],
                                    .greaterOrEqual(Double(lower)))
            }
        }
        var objectives = formulation.objectives(policy: problem.policy)
        if shortfall.termCount > 0 { objectives.insert(NamedObjective(name: "below_plan_in_force", expression: shortfall), at: 0) }
        let solution: LexicographicSolution
        do {
            solution = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options.solver,
                                                             strategy: options.strategy)
        } catch {
            switch error {
            case .invalidModel(let message): throw .invalidModel(specialty: block.specialty, message: message)
            case .solverFault(let message): throw .solverFault(specialty: block.specialty, message: message)
            }
        }
        guard solution.status == .optimal else {
            throw .solverStopped(specialty: block.specialty, tier: solution.failedStep ?? "?", status: solution.status)
        }
        return formulation.plan(from: solution.solution.values, block: block)
    }
}
