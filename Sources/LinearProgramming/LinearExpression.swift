/// An affine function of variables: `Σ coefficient·variable + constant`.
///
/// Terms are kept as parallel arrays and may repeat a variable; repeats are
/// summed when the expression enters a model, which keeps building cheap.
///
/// ```swift
/// var cost = 3 * x + 5 * y + 10
/// cost += 2 * z
/// model.objective = Objective(.minimize, cost)
/// ```
public struct LinearExpression: Sendable {
    /// Variable indices, parallel to ``coefficients``.
    public var indices: [Int32]
    public var coefficients: [Double]
    public var constant: Double

    public init() {
        indices = []
        coefficients = []
        constant = 0
    }

    public init(constant: Double) {
        indices = []
        coefficients = []
        self.constant = constant
    }

    public init(indices: [Int32], coefficients: [Double], constant: Double = 0) {
        precondition(indices.count == coefficients.count, "indices and coefficients differ in length")
        self.indices = indices
        self.coefficients = coefficients
        self.constant = constant
    }

    public init(_ variable: Variable) {
        indices = [Int32(clamping: variable.index)]
        coefficients = [1]
        constant = 0
    }

    /// The number of stored terms (repeats counted separately).
    public var termCount: Int { indices.count }

    public mutating func add(_ variable: Variable, _ coefficient: Double = 1) {
        // Clamping keeps huge indices invalid (rather than wrapping them onto a
        // valid column), so Model.validate() reports them instead of trapping here.
        indices.append(Int32(clamping: variable.index))
        coefficients.append(coefficient)
    }

    public mutating func add(_ other: LinearExpression, scale: Double = 1) {
        indices.append(contentsOf: other.indices)
        if scale == 1 {
            coefficients.append(contentsOf: other.coefficients)
        } else {
            coefficients.reserveCapacity(coefficients.count + other.coefficients.count)
            for coefficient in other.coefficients {
                coefficients.append(coefficient * scale)
            }
        }
        constant += other.constant * scale
    }

    /// The sum of `variables`, each with coefficient 1.
    public static func sum<S: Sequence>(_ variables: S) -> LinearExpression where S.Element == Variable {
        var expression = LinearExpression()
        expression.indices.reserveCapacity(variables.underestimatedCount)
        for variable in variables {
            expression.indices.append(Int32(clamping: variable.index))
        }
        expression.coefficients = Array(repeating: 1, count: expression.indices.count)
        return expression
    }

    /// The expression with repeated variables summed and zero terms dropped,
    /// sorted by variable index.
    public func merged() -> LinearExpression {
        var pairs = Array(zip(indices, coefficients))
        pairs.sort { $0.0 < $1.0 }
        var result = LinearExpression(constant: constant)
        for (index, coefficient) in pairs {
            if let last = result.indices.last, last == index {
                result.coefficients[result.coefficients.count - 1] += coefficient
            } else {
                result.indices.append(index)
                result.coefficients.append(coefficient)
            }
        }
        var kept = 0
        for k in result.indices.indices where result.coefficients[k] != 0 {
            result.indices[kept] = result.indices[k]
            result.coefficients[kept] = result.coefficients[k]
            kept += 1
        }
        result.indices.removeLast(result.indices.count - kept)
        result.coefficients.removeLast(result.coefficients.count - kept)
        return result
    }
}

// MARK: - Arithmetic

extension LinearExpression {
    public static func + (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs)
        return result
    }

    public static func - (lhs: LinearExpression, rhs: LinearExpression) -> LinearExpression {
        var result = lhs
        result.add(rhs, scale: -1)
        return result
    }

    public static prefix func - (operand: LinearExpression) -> LinearExpression {
        operand * -1
    }

    public static func * (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        rhs * lhs
    }

    public static func * (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        var result = lhs
        for k in result.coefficients.indices {
            result.coefficients[k] *= rhs
        }
        result.constant *= rhs
        return result
    }

    public static func / (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        lhs * (1 / rhs)
    }

    public static func + (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        var result = lhs
        result.constant += rhs
        return result
    }

    public static func + (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        rhs + lhs
    }

    public static func - (lhs: LinearExpression, rhs: Double) -> LinearExpression {
        lhs + -rhs
    }

    public static func - (lhs: Double, rhs: LinearExpression) -> LinearExpression {
        -rhs + lhs
    }

    public static func + (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
        var result = lhs
        result.add(rhs)
        return result
    }

    public static func + (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
        rhs + lhs
    }

    public static func - (lhs: LinearExpression, rhs: Variable) -> LinearExpression {
        var result = lhs
        result.add(rhs, -1)
        return result
    }

    public static func - (lhs: Variable, rhs: LinearExpression) -> LinearExpression {
        var result = -rhs
        result.add(lhs)
        return result
    }

    public static func += (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.add(rhs)
    }

    public static func += (lhs: inout LinearExpression, rhs: Variable) {
        lhs.add(rhs)
    }

    public static func += (lhs: inout LinearExpression, rhs: Double) {
        lhs.constant += rhs
    }

    public static func -= (lhs: inout LinearExpression, rhs: LinearExpression) {
        lhs.add(rhs, scale: -1)
    }

    public static func -= (lhs: inout LinearExpression, rhs: Variable) {
        lhs.add(rhs, -1)
    }

    public static func -= (lhs: inout LinearExpression, rhs: Double) {
        lhs.constant -= rhs
    }
}

extension Variable {
    public static func + (lhs: Variable, rhs: Variable) -> LinearExpression {
        var result = LinearExpression(lhs)
        result.add(rhs)
        return result
    }

    public static func - (lhs: Variable, rhs: Variable) -> LinearExpression {
        var result = LinearExpression(lhs)
        result.add(rhs, -1)
        return result
    }

    public static prefix func - (operand: Variable) -> LinearExpression {
        LinearExpression(indices: [Int32(clamping: operand.index)], coefficients: [-1])
    }

    public static func * (lhs: Double, rhs: Variable) -> LinearExpression {
        LinearExpression(indices: [Int32(clamping: rhs.index)], coefficients: [lhs])
    }

    public static func * (lhs: Variable, rhs: Double) -> LinearExpression {
        rhs * lhs
    }

    public static func + (lhs: Variable, rhs: Double) -> LinearExpression {
        LinearExpression(indices: [Int32(clamping: lhs.index)], coefficients: [1], constant: rhs)
    }

    public static func + (lhs: Double, rhs: Variable) -> LinearExpression {
        rhs + lhs
    }

    public static func - (lhs: Variable, rhs: Double) -> LinearExpression {
        lhs + -rhs
    }

    public static func - (lhs: Double, rhs: Variable) -> LinearExpression {
        LinearExpression(indices: [Int32(clamping: rhs.index)], coefficients: [-1], constant: lhs)
    }
}
