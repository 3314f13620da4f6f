/// Whether the objective is to be made as small or as large as possible.
public enum ObjectiveSense: Sendable {
    case minimize
    case maximize
}

/// The function a ``Model`` optimises.
///
/// ```swift
/// model.objective = Objective(.maximize, 3 * x + 5 * y)
/// ```
public struct Objective: Sendable {
    public var sense: ObjectiveSense
    public var expression: LinearExpression

    public init(_ sense: ObjectiveSense, _ expression: LinearExpression) {
        self.sense = sense
        self.expression = expression
    }

    /// Minimise the constant 0: any feasible point is optimal.
    public static var feasibility: Objective { Objective(.minimize, LinearExpression()) }
}
