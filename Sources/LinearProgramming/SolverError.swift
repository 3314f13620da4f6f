/// Why a model could not be solved at all (as opposed to a ``SolutionStatus``,
/// which reports what the solver found).
public enum SolverError: Error, Sendable, CustomStringConvertible {
    /// The model was rejected by ``Model/validate()`` before the solver was called.
    case invalidModel(String)
    /// The solver raised an error; the message is the solver's own output.
    case solverFault(String)

    public var description: String {
        switch self {
        case .invalidModel(let message): "invalid model: \(message)"
        case .solverFault(let message): "solver fault: \(message)"
        }
    }
}
