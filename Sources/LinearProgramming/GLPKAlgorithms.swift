import CGLPK

/// The wall-clock end of a backend call, shared by all solver runs in it.
struct Deadline {
    private let end: ContinuousClock.Instant?

    init(_ limit: Duration?) {
        end = limit.map { ContinuousClock.now + $0 }
    }

    /// Milliseconds left for GLPK's `tm_lim`, `nil` without a limit, 0 when spent.
    var remainingMilliseconds: Int32? {
        guard let end else { return nil }
        let left = ContinuousClock.now.duration(to: end)
        if left <= .zero { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return Int32(min(max(milliseconds.rounded(.up), 1), Double(Int32.max)))
    }
}

/// Which of GLPK's solutions is current after a run.
enum GLPKSolutionKind {
    case basic
    case interiorPoint
    case integer
}

/// Maps GLPK's return and status codes to ``SolutionStatus`` so that raw codes
/// never leave the backend.
extension GLPKProblem {
    private enum SimplexOutcome {
        case finished(SolutionStatus)
        /// Singular or ill-conditioned basis, or a solver failure: worth a retry.
        case numericalTrouble
        /// The presolver found no dual feasible solution: infeasible or unbounded.
        case undecided
    }

    private func messageLevel(_ options: SolverOptions) -> Int32 {
        options.verbose ? GLP_MSG_ALL : GLP_MSG_ERR
    }

    /// Runs the simplex method with GLPK's recovery ladder: presolver verdicts
    /// that leave infeasible-versus-unbounded open are re-solved without the
    /// presolver, and numerical failures are retried once from a standard,
    /// scaled basis before reporting ``SolutionStatus/numericalFailure``.
    func runSimplex(_ method: SolverOptions.Method, presolve: Bool, options: SolverOptions,
                    deadline: Deadline) throws(SolverError) -> SolutionStatus {
        switch try simplexOnce(method, presolve: presolve, options: options, deadline: deadline) {
        case .finished(let status):
            return status
        case .undecided:
            switch try simplexOnce(.primalSimplex, presolve: false, options: options, deadline: deadline) {
            case .finished(let status): return status
            case .undecided, .numericalTrouble: break
            }
        case .numericalTrouble:
            break
        }
        try guarded("glp_std_basis", lotsa_glp_std_basis(pointer))
        try guarded("glp_scale_prob", lotsa_glp_scale_prob(pointer, GLP_SF_AUTO))
        switch try simplexOnce(.primalSimplex, presolve: false, options: options, deadline: deadline) {
        case .finished(let status): return status
        case .undecided, .numericalTrouble: return .numericalFailure
        }
    }

    private func simplexOnce(_ method: SolverOptions.Method, presolve: Bool, options: SolverOptions,
                             deadline: Deadline) throws(SolverError) -> SimplexOutcome {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = messageLevel(options)
        parameters.meth = method == .dualSimplex ? GLP_DUALP : GLP_PRIMAL
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if let milliseconds = deadline.remainingMilliseconds {
            if milliseconds == 0 { return .finished(.timeLimit) }
            parameters.tm_lim = milliseconds
        }
        let code = try guarded("glp_simplex", lotsa_glp_simplex(pointer, &parameters))
        switch code {
        case 0:
            switch glp_get_status(pointer) {
            case GLP_OPT: return .finished(.optimal)
            case GLP_NOFEAS: return .finished(.infeasible)
            case GLP_UNBND: return .finished(.unbounded)
            case GLP_FEAS:
                // Primal feasible but not proven optimal: unbounded when the dual
                // is known to be infeasible, otherwise the run did not converge.
                return glp_get_dual_stat(pointer) == GLP_NOFEAS ? .finished(.unbounded) : .numericalTrouble
            default: return .numericalTrouble
            }
        case GLP_ETMLIM, GLP_EITLIM:
            return .finished(.timeLimit)
        case GLP_ENOPFS:
            return .finished(.infeasible)
        case GLP_ENODFS:
            return .undecided
        case GLP_EOBJLL, GLP_EOBJUL:
            // The objective limits are left at ±DBL_MAX, so reaching one means
            // the objective is unbounded.
            return .finished(.unbounded)
        case GLP_EBOUND:
            throw .invalidModel("GLPK rejected the bounds: \(terminal.recentOutput)")
        default:
            // GLP_EFAIL, GLP_ESING, GLP_ECOND, GLP_EBADB.
            return .numericalTrouble
        }
    }

    /// Runs the interior-point method. It cannot certify infeasibility or
    /// unboundedness, so when it stops without an optimum the simplex method
    /// decides; the returned kind says which solution is current.
    func runInteriorPoint(options: SolverOptions,
                          deadline: Deadline) throws(SolverError) -> (SolutionStatus, GLPKSolutionKind) {
        var parameters = glp_iptcp()
        glp_init_iptcp(&parameters)
        parameters.msg_lev = messageLevel(options)
        let code = try guarded("glp_interior", lotsa_glp_interior(pointer, &parameters))
        // GLP_NOFEAS ("no primal-dual feasible solution") covers infeasible and
        // unbounded problems alike, so only an optimum is taken as final.
        if code == 0 && glp_ipt_status(pointer) == GLP_OPT {
            return (.optimal, .interiorPoint)
        }
        let status = try runSimplex(.primalSimplex, presolve: options.presolve, options: options, deadline: deadline)
        return (status, .basic)
    }

    /// Solves the LP relaxation, then runs branch and bound from its basis.
    func runIntegerOptimizer(_ method: SolverOptions.Method, presolve: Bool, options: SolverOptions,
                             deadline: Deadline) throws(SolverError) -> (SolutionStatus, GLPKSolutionKind) {
        let relaxation = try runSimplex(method == .interiorPoint ? .primalSimplex : method, presolve: presolve,
                                        options: options, deadline: deadline)
        // An unbounded relaxation leaves the MIP unbounded or infeasible; it is
        // reported as unbounded.
        guard relaxation == .optimal else { return (relaxation, .integer) }

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = messageLevel(options)
        parameters.presolve = GLP_OFF
        parameters.mip_gap = options.mipRelativeGap
        if let milliseconds = deadline.remainingMilliseconds {
            if milliseconds == 0 { return (.timeLimit, .integer) }
            parameters.tm_lim = milliseconds
        }
        let code = try guarded("glp_intopt", lotsa_glp_intopt(pointer, &parameters))
        let hasIncumbent = glp_mip_status(pointer) == GLP_OPT || glp_mip_status(pointer) == GLP_FEAS
        switch code {
        case 0:
            switch glp_mip_status(pointer) {
            case GLP_OPT: return (.optimal, .integer)
            case GLP_NOFEAS: return (.infeasible, .integer)
            case GLP_FEAS: return (.feasible, .integer)
            default: return (.numericalFailure, .integer)
            }
        case GLP_EMIPGAP:
            // Stopped because the requested relative gap was reached.
            return (.optimal, .integer)
        case GLP_ETMLIM, GLP_EITLIM:
            return (hasIncumbent ? .feasible : .timeLimit, .integer)
        case GLP_ENOPFS:
            return (.infeasible, .integer)
        case GLP_ENODFS:
            return (.unbounded, .integer)
        case GLP_EBOUND:
            throw .invalidModel("GLPK rejected the integer bounds: \(terminal.recentOutput)")
        default:
            // GLP_EFAIL, GLP_EROOT, GLP_ESTOP.
            return (hasIncumbent ? .feasible : .numericalFailure, .integer)
        }
    }

    /// Reads the current solution for the first `modelRows` rows (rows a
    /// lexicographic solve appended are not part of the model).
    func solution(_ kind: GLPKSolutionKind, status: SolutionStatus, modelRows: Int, iterations: Int,
                  solveTime: Duration) -> Solution {
        let P = pointer
        let n = columnCount
        var values = [Double](repeating: 0, count: n)
        var rowDuals: [Double] = []
        var reducedCosts: [Double] = []
        let objective: Double
        switch kind {
        case .basic:
            objective = glp_get_obj_val(P)
            rowDuals = [Double](repeating: 0, count: modelRows)
            reducedCosts = [Double](repeating: 0, count: n)
            for j in 0 ..< n {
                values[j] = glp_get_col_prim(P, Int32(j + 1))
                reducedCosts[j] = glp_get_col_dual(P, Int32(j + 1))
            }
            for i in 0 ..< modelRows {
                rowDuals[i] = glp_get_row_dual(P, Int32(i + 1))
            }
        case .interiorPoint:
            objective = glp_ipt_obj_val(P)
            rowDuals = [Double](repeating: 0, count: modelRows)
            reducedCosts = [Double](repeating: 0, count: n)
            for j in 0 ..< n {
                values[j] = glp_ipt_col_prim(P, Int32(j + 1))
                reducedCosts[j] = glp_ipt_col_dual(P, Int32(j + 1))
            }
            for i in 0 ..< modelRows {
                rowDuals[i] = glp_ipt_row_dual(P, Int32(i + 1))
            }
        case .integer:
            objective = glp_mip_obj_val(P)
            for j in 0 ..< n {
                values[j] = glp_mip_col_val(P, Int32(j + 1))
            }
        }
        return Solution(status: status, objectiveValue: objective, values: values, rowDuals: rowDuals,
                        reducedCosts: reducedCosts, iterations: iterations, solveTime: solveTime)
    }
}
