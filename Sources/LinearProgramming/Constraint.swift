/// A row of a ``Model``, identified by its 0-based row index.
public struct Constraint: Hashable, Sendable {
    public let index: Int

    public init(index: Int) {
        self.index = index
    }
}

/// The admissible range of a row's activity.
public enum ConstraintBound: Sendable, Equatable {
    case lessOrEqual(Double)
    case greaterOrEqual(Double)
    case equal(Double)
    case ranged(lower: Double, upper: Double)

    /// The lower end of the range (`-infinity` when unbounded below).
    public var lower: Double {
        switch self {
        case .lessOrEqual: -.infinity
        case .greaterOrEqual(let value), .equal(let value): value
        case .ranged(let lower, _): lower
        }
    }

    /// The upper end of the range (`+infinity` when unbounded above).
    public var upper: Double {
        switch self {
        case .greaterOrEqual: .infinity
        case .lessOrEqual(let value), .equal(let value): value
        case .ranged(_, let upper): upper
        }
    }

    /// The same bound with `amount` added to every finite end; used to move an
    /// expression's constant to the right-hand side (with `-constant`).
    public func shifted(by amount: Double) -> ConstraintBound {
        if amount == 0 { return self }
        switch self {
        case .lessOrEqual(let value): return .lessOrEqual(value + amount)
        case .greaterOrEqual(let value): return .greaterOrEqual(value + amount)
        case .equal(let value): return .equal(value + amount)
        case .ranged(let lower, let upper): return .ranged(lower: lower + amount, upper: upper + amount)
        }
    }
}

/// An expression together with the range its value must lie in.
///
/// Usually written with the comparison operators; the expression's constant is
/// moved to the right-hand side when the constraint is added to a model.
///
/// ```swift
/// model.addConstraint(3 * x + 2 * y <= 18, name: "capacity")
/// ```
public struct LinearConstraint: Sendable {
    public var expression: LinearExpression
    public var bound: ConstraintBound

    public init(expression: LinearExpression, bound: ConstraintBound) {
        self.expression = expression
        self.bound = bound
    }
}

// MARK: - Comparison operators

extension LinearExpression {
    public static func <= (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(expression: lhs, bound: .lessOrEqual(rhs))
    }

    public static func >= (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(expression: lhs, bound: .greaterOrEqual(rhs))
    }

    public static func == (lhs: LinearExpression, rhs: Double) -> LinearConstraint {
        LinearConstraint(expression: lhs, bound: .equal(rhs))
    }

    public static func <= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) <= 0
    }

    public static func >= (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) >= 0
    }

    public static func == (lhs: LinearExpression, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) == 0
    }

    public static func <= (lhs: LinearExpression, rhs: Variable) -> LinearConstraint {
        (lhs - rhs) <= 0
    }

    public static func >= (lhs: LinearExpression, rhs: Variable) -> LinearConstraint {
        (lhs - rhs) >= 0
    }

    public static func == (lhs: LinearExpression, rhs: Variable) -> LinearConstraint {
        (lhs - rhs) == 0
    }
}

extension Variable {
    public static func <= (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearExpression(lhs) <= rhs
    }

    public static func >= (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearExpression(lhs) >= rhs
    }

    public static func == (lhs: Variable, rhs: Double) -> LinearConstraint {
        LinearExpression(lhs) == rhs
    }

    public static func <= (lhs: Variable, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) <= 0
    }

    public static func >= (lhs: Variable, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) >= 0
    }

    public static func == (lhs: Variable, rhs: LinearExpression) -> LinearConstraint {
        (lhs - rhs) == 0
    }
}
