/// What the solver concluded about a model.
public enum SolutionStatus: String, Sendable {
    /// Proven optimal (for a MIP: within ``SolverOptions/mipRelativeGap``).
    case optimal
    /// A feasible point without proof of optimality (a MIP stopped by its time limit).
    case feasible
    case infeasible
    case unbounded
    /// The time limit ran out before a feasible point was found (LP: before optimality).
    case timeLimit = "time_limit"
    /// The solver gave up for numerical reasons, even after a retry.
    case numericalFailure = "numerical_failure"
}

/// The result of one solve: status, primal values and, for LPs, duals.
///
/// Primal values are meaningful when the status is `.optimal` or `.feasible`.
///
/// ```swift
/// let solution = try GLPKBackend().solve(model, options: SolverOptions())
/// if solution.status == .optimal { print(solution[x], solution.dual(of: capacity)) }
/// ```
public struct Solution: Sendable {
    public var status: SolutionStatus
    /// The objective value, including the objective's constant.
    public var objectiveValue: Double
    /// Primal values, one per variable.
    public var values: [Double]
    /// Row duals (shadow prices), one per constraint; empty for a MIP.
    public var rowDuals: [Double]
    /// Reduced costs, one per variable; empty for a MIP.
    public var reducedCosts: [Double]
    /// Simplex iterations spent in this solve (`glp_get_it_cnt`); GLPK does not
    /// count interior-point iterations, so that method reports 0.
    public var iterations: Int
    /// Wall-clock time spent inside the solver: loading the problem and optimising.
    public var solveTime: Duration

    public init(status: SolutionStatus, objectiveValue: Double, values: [Double], rowDuals: [Double] = [],
                reducedCosts: [Double] = [], iterations: Int = 0, solveTime: Duration = .zero) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.iterations = iterations
        self.solveTime = solveTime
    }

    /// Whether the values describe a feasible point.
    public var hasFeasiblePoint: Bool { status == .optimal || status == .feasible }

    public subscript(_ variable: Variable) -> Double {
        values[variable.index]
    }

    /// The expression evaluated at the primal values, constant included.
    public func value(of expression: LinearExpression) -> Double {
        var total = expression.constant
        for k in expression.indices.indices {
            total += expression.coefficients[k] * values[Int(expression.indices[k])]
        }
        return total
    }

    /// The row's dual value: the rate of change of the optimal objective per
    /// unit increase of the row's bound, `∂ objective / ∂ rhs`.
    ///
    /// This is GLPK's convention, the same in both senses: when minimising,
    /// a binding `≤` row has a dual `≤ 0` and a binding `≥` row a dual `≥ 0`;
    /// when maximising the signs flip (a binding `≤` capacity has a dual `≥ 0`,
    /// e.g. max 3x+5y s.t. x≤4, 2y≤12, 3x+2y≤18 has duals 0, 1.5, 1).
    /// Returns NaN when no duals exist (MIP solutions).
    public func dual(of constraint: Constraint) -> Double {
        rowDuals.isEmpty ? .nan : rowDuals[constraint.index]
    }

    /// The variable's reduced cost `c_j − a_jᵀy`, with the sign convention of
    /// ``dual(of:)``. Returns NaN when no duals exist (MIP solutions).
    public func reducedCost(of variable: Variable) -> Double {
        reducedCosts.isEmpty ? .nan : reducedCosts[variable.index]
    }
}
