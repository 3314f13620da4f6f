import CGLPK

/// Solves models with GLPK (simplex, interior point, branch and bound).
///
/// Each call creates its own GLPK problem object on the calling thread and
/// destroys it before returning; GLPK's environment is thread-local, so calls
/// on different threads run in parallel. GLPK never aborts the process: its
/// errors come back as ``SolverError/solverFault(_:)``.
///
/// ```swift
/// let solution = try GLPKBackend().solve(model, options: SolverOptions())
/// ```
public struct GLPKBackend: SolverBackend {
    public init() {}

    public func solve(_ model: Model, options: SolverOptions) throws(SolverError) -> Solution {
        try model.validate()
        let deadline = Deadline(options.timeLimit)
        let clock = ContinuousClock()
        return try GLPKProblem.withProblem(options: options) { problem throws(SolverError) in
            let start = clock.now
            try problem.load(model, objective: model.objective.expression, sense: model.objective.sense)
            let status: SolutionStatus
            let kind: GLPKSolutionKind
            if model.hasIntegerVariables || options.alwaysUseIntegerOptimizer {
                (status, kind) = try problem.runIntegerOptimizer(options.method, presolve: options.presolve,
                                                                 options: options, deadline: deadline)
            } else if options.method == .interiorPoint {
                (status, kind) = try problem.runInteriorPoint(options: options, deadline: deadline)
            } else {
                status = try problem.runSimplex(options.method, presolve: options.presolve, options: options,
                                                deadline: deadline)
                kind = .basic
            }
            let solveTime = start.duration(to: clock.now)
            return problem.solution(kind, status: status, modelRows: model.constraintCount,
                                    iterations: problem.iterationCount, solveTime: solveTime)
        }
    }

    /// Minimises the objectives in order on ONE GLPK problem: after each step
    /// the strategy protects its optimum, the next objective replaces the
    /// current one, and the primal simplex warm-starts from the basis it left
    /// (still primal feasible), without the presolver. The first step uses the
    /// options' method and presolver (`.interiorPoint` runs as primal simplex:
    /// the later steps need a basis).
    ///
    /// ```swift
    /// let result = try GLPKBackend().solveLexicographic(
    ///     model, objectives: [NamedObjective(name: "shortfall", expression: shortfall),
    ///                         NamedObjective(name: "cost", expression: cost)],
    ///     options: SolverOptions(), strategy: .optimalFace())
    /// ```
    public func solveLexicographic(_ model: Model, objectives: [NamedObjective], options: SolverOptions,
                                   strategy: LexicographicStrategy) throws(SolverError) -> LexicographicSolution {
        var checked = model
        checked.objective = .feasibility // ignored here, so not worth rejecting
        try checked.validate()
        guard let first = objectives.first else {
            throw .invalidModel("a lexicographic solve needs at least one objective")
        }
        for objective in objectives {
            try model.validate(objective.expression, as: "objective '\(objective.name)'")
        }
        let integer = model.hasIntegerVariables || options.alwaysUseIntegerOptimizer
        let effectiveStrategy: LexicographicStrategy
        switch strategy {
        case .optimalFace(let tolerance) where integer:
            effectiveStrategy = .objectiveBound(relative: 1e-9, absolute: tolerance)
        default:
            effectiveStrategy = strategy
        }

        let deadline = Deadline(options.timeLimit)
        let clock = ContinuousClock()
        return try GLPKProblem.withProblem(options: options) { problem throws(SolverError) in
            var steps: [LexicographicSolution.Step] = []
            for (k, objective) in objectives.enumerated() {
                let start = clock.now
                let iterationsBefore = k == 0 ? 0 : problem.iterationCount
                if k == 0 {
                    try problem.load(model, objective: first.expression, sense: .minimize)
                } else {
                    try problem.setObjective(objective.expression)
                }
                let firstMethod: SolverOptions.Method = options.method == .interiorPoint ? .primalSimplex : options.method
                let method = k == 0 ? firstMethod : .primalSimplex
                let presolve = k == 0 && options.presolve
                let status: SolutionStatus
                let kind: GLPKSolutionKind
                if integer {
                    (status, kind) = try problem.runIntegerOptimizer(method, presolve: presolve, options: options,
                                                                     deadline: deadline)
                } else {
                    status = try problem.runSimplex(method, presolve: presolve, options: options, deadline: deadline)
                    kind = .basic
                }
                let solution = problem.solution(kind, status: status, modelRows: model.constraintCount,
                                                iterations: problem.iterationCount - iterationsBefore,
                                                solveTime: start.duration(to: clock.now))
                steps.append(.init(name: objective.name, value: solution.objectiveValue, solution: solution))
                guard status == .optimal else {
                    return LexicographicSolution(steps: steps, status: status, failedStep: objective.name,
                                                 solution: solution)
                }
                if k + 1 < objectives.count {
                    try protectOptimum(of: objective.expression, value: solution.objectiveValue,
                                       strategy: effectiveStrategy, in: problem)
                }
            }
            return LexicographicSolution(steps: steps, status: .optimal, failedStep: nil,
                                         solution: steps[steps.count - 1].solution)
        }
    }

    /// Restricts the problem to the optimal set of the step just solved.
    private func protectOptimum(of expression: LinearExpression, value: Double, strategy: LexicographicStrategy,
                                in problem: GLPKProblem) throws(SolverError) {
        switch strategy {
        case .optimalFace(let tolerance):
            try fixOptimalFace(of: problem, tolerance: tolerance)
        case .objectiveBound(let relative, let absolute):
            let terms = expression.merged()
            guard !terms.indices.isEmpty else { return }
            let bound = value + relative * abs(value) + absolute - terms.constant
            try problem.addRow(terms, lower: -.infinity, upper: bound)
        }
    }

    /// Complementary slackness with the current optimal dual: a point of the
    /// feasible set is optimal exactly when every column with a nonzero reduced
    /// cost sits at its bound and every row with a nonzero dual is active.
    /// Fixing those bounds keeps the current basis primal feasible.
    private func fixOptimalFace(of problem: GLPKProblem, tolerance: Double) throws(SolverError) {
        let P = problem.pointer
        for j in 0 ..< problem.columnCount {
            let column = Int32(j + 1)
            let status = glp_get_col_stat(P, column)
            guard status == GLP_NL || status == GLP_NU, abs(glp_get_col_dual(P, column)) > tolerance else { continue }
            try problem.fixColumn(j, at: status == GLP_NL ? glp_get_col_lb(P, column) : glp_get_col_ub(P, column))
        }
        for i in 0 ..< problem.rowCount {
            let row = Int32(i + 1)
            let status = glp_get_row_stat(P, row)
            guard status == GLP_NL || status == GLP_NU, abs(glp_get_row_dual(P, row)) > tolerance else { continue }
            try problem.fixRow(i, at: status == GLP_NL ? glp_get_row_lb(P, row) : glp_get_row_ub(P, row))
        }
    }
}
