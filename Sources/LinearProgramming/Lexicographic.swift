/// One tier of a lexicographic (pre-emptive multi-objective) solve; always minimised.
///
/// ```swift
/// let tiers = [NamedObjective(name: "unmet demand", expression: shortfall),
///              NamedObjective(name: "travel", expression: distance)]
/// let result = try GLPKBackend().solveLexicographic(model, objectives: tiers,
///                                                   options: SolverOptions(), strategy: .optimalFace())
/// ```
public struct NamedObjective: Sendable {
    public var name: String
    public var expression: LinearExpression

    public init(name: String, expression: LinearExpression) {
        self.name = name
        self.expression = expression
    }
}

/// How the optimum of one tier is protected while the next tiers are solved.
public enum LexicographicStrategy: Sendable {
    /// After each step, fix the optimal face exactly: columns with a nonzero
    /// reduced cost are fixed at their bound, rows with a nonzero dual become
    /// equalities at their active bound (complementary slackness: with any
    /// optimal dual, these conditions characterise the whole optimal set). No
    /// tolerance slack is given to later steps. `tolerance` decides what counts
    /// as nonzero.
    ///
    /// Needs duals, so for a model with integer variables it is applied as
    /// `.objectiveBound(relative: 1e-9, absolute: tolerance)`.
    case optimalFace(tolerance: Double = 1e-9)
    /// Bound each earlier objective row at `optimum + relative·|optimum| + absolute`.
    case objectiveBound(relative: Double = 1e-7, absolute: Double = 1e-9)
}

/// The outcome of a lexicographic solve.
public struct LexicographicSolution: Sendable {
    public struct Step: Sendable {
        public var name: String
        /// The step's optimal objective value, including the expression's constant.
        public var value: Double
        /// The solution of this step (with duals for LPs: the first step's duals
        /// are the shadow prices of the top tier).
        public var solution: Solution

        public init(name: String, value: Double, solution: Solution) {
            self.name = name
            self.value = value
            self.solution = solution
        }
    }

    /// The steps solved so far, in order (all of them when `status == .optimal`),
    /// including a failing step.
    public var steps: [Step]
    /// `.optimal` only if every step was optimal; otherwise the failing step's status.
    public var status: SolutionStatus
    /// The name of the step that was not optimal, if any.
    public var failedStep: String?
    /// The last step's solution: the plan.
    public var solution: Solution

    public init(steps: [Step], status: SolutionStatus, failedStep: String?, solution: Solution) {
        self.steps = steps
        self.status = status
        self.failedStep = failedStep
        self.solution = solution
    }

    /// The step called `name`, if it was solved.
    public func step(named name: String) -> Step? {
        steps.first { $0.name == name }
    }
}
