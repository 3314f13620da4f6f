/// Every way a `lotsa` command can fail, each with its documented exit code.
public enum LotsaError: Error, Sendable, CustomStringConvertible {
    /// A bad input file: exit 65 (EX_DATAERR); a file or folder that the command
    /// line or an input file names does not exist: exit 66 (EX_NOINPUT).
    case input(InputError)
    /// The solver could not give an optimal plan: exit 3 (infeasible/unbounded) or 4 (time limit, numerical trouble).
    case planning(PlanningError)
    /// The outputs could not be written: exit 73 (EX_CANTCREAT).
    case output(OutputError)
    /// `lotsa check` found KPIs outside their tolerance: exit 1.
    case expectationsNotMet([String])
    /// A bug: a published plan broke a hard rule. Exit 70 (EX_SOFTWARE).
    case internalError(String)

    public var exitCode: Int32 {
        switch self {
        case .input(let error): return error.kind == .missingFile ? 66 : 65
        case .planning(let error):
            if case .solverStopped(_, _, let status) = error, status == .infeasible || status == .unbounded { return 3 }
            return 4
        case .output: return 73
        case .expectationsNotMet: return 1
        case .internalError: return 70
        }
    }

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .planning(let error): return "error: \(error.description)"
        case .output(let error): return error.description
        case .expectationsNotMet(let lines): return lines.joined(separator: "\n")
        case .internalError(let message): return "internal error: \(message)"
        }
    }
}
