/// How a backend should solve a model.
///
/// ```swift
/// var options = SolverOptions()
/// options.method = .dualSimplex
/// options.timeLimit = .seconds(30)
/// options.verbose = true
/// options.log = { line in logger.info("\(line)") }
/// ```
public struct SolverOptions: Sendable {
    public enum Method: Sendable {
        case primalSimplex
        /// Dual simplex; GLPK falls back to the primal method when the starting
        /// basis is not dual feasible.
        case dualSimplex
        /// Interior point (no basis, so no warm start). It cannot prove
        /// infeasibility or unboundedness: when it stops without an optimum the
        /// backend lets the simplex method decide. Time limits are not enforced
        /// inside it.
        case interiorPoint
    }

    public var method: Method = .primalSimplex
    public var presolve: Bool = true
    /// Wall-clock limit for the whole call (for a lexicographic solve: all steps together).
    public var timeLimit: Duration? = nil
    /// Relative gap at which a MIP search stops and reports ``SolutionStatus/optimal``.
    public var mipRelativeGap: Double = 1e-6
    /// Whether the solver's progress output goes to ``log``.
    public var verbose: Bool = false
    /// Receives the solver's output line by line when ``verbose``; `nil` means stderr.
    public var log: (@Sendable (String) -> Void)? = nil

    /// Forces the branch-and-bound path even without integer variables, so the
    /// conformance tests can run LPs through it.
    var alwaysUseIntegerOptimizer = false

    public init() {}
}
