/// GLPK's own size limits (glpk's `M_MAX`, `N_MAX`, `NNZ_MAX`).
enum SolverLimits {
    static let maxRows = 100_000_000
    static let maxColumns = 100_000_000
    static let maxNonzeros = 500_000_000
    /// The longest name GLPK and the LP/MPS readers accept.
    static let maxNameLength = 255
}

extension Model {
    /// Checks everything a solver would choke on, so that failures surface as
    /// ``SolverError/invalidModel(_:)`` naming the row or column instead of a
    /// solver abort.
    ///
    /// Rejects: NaN or infinite coefficients, NaN bounds, `lower > upper`,
    /// bounds that admit no value (`lower = +∞`, an infinite equality, integer
    /// bounds with no integer between them), column indices outside the model,
    /// sizes beyond GLPK's limits, and given names that are empty, longer than
    /// 255 bytes or contain spaces or control characters (which the MPS and LP
    /// formats cannot carry).
    public func validate() throws(SolverError) {
        if constraintCount > SolverLimits.maxRows {
            throw .invalidModel("\(constraintCount) constraints exceed GLPK's limit of \(SolverLimits.maxRows)")
        }
        if variableCount > SolverLimits.maxColumns {
            throw .invalidModel("\(variableCount) variables exceed GLPK's limit of \(SolverLimits.maxColumns)")
        }
        if nonzeroCount > SolverLimits.maxNonzeros {
            throw .invalidModel("\(nonzeroCount) nonzeros exceed GLPK's limit of \(SolverLimits.maxNonzeros)")
        }
        try validateVariables()
        try validateConstraints()
        try validate(objective.expression, as: "objective")
    }

    private func validateVariables() throws(SolverError) {
        for j in 0 ..< variableCount {
            let variable = Variable(index: j)
            let lower = columnLower[j]
            let upper = columnUpper[j]
            func fail(_ problem: String) -> SolverError {
                .invalidModel("variable \(describe(variable)): \(problem)")
            }
            if lower.isNaN || upper.isNaN { throw fail("bound is NaN (lower \(lower), upper \(upper))") }
            if lower == .infinity { throw fail("lower bound is +infinity") }
            if upper == -.infinity { throw fail("upper bound is -infinity") }
            if lower > upper { throw fail("lower bound \(lower) exceeds upper bound \(upper)") }
            if columnKind[j] != .continuous {
                let (effectiveLower, effectiveUpper) = effectiveBounds(of: variable)
                if effectiveLower > effectiveUpper {
                    throw fail("no \(columnKind[j] == .binary ? "binary" : "integer") value lies in [\(lower), \(upper)]")
                }
            }
            if let name = givenName(of: variable), let problem = Model.problem(withName: name) {
                throw fail(problem)
            }
        }
    }

    private func validateConstraints() throws(SolverError) {
        let columnCount = Int32(clamping: variableCount)
        for i in 0 ..< constraintCount {
            let constraint = Constraint(index: i)
            func fail(_ problem: String) -> SolverError {
                .invalidModel("constraint \(describe(constraint)): \(problem)")
            }
            let bound = rowBounds[i]
            let lower = bound.lower
            let upper = bound.upper
            if lower.isNaN || upper.isNaN { throw fail("bound is NaN (\(bound))") }
            if lower == .infinity { throw fail("lower bound is +infinity (\(bound))") }
            if upper == -.infinity { throw fail("upper bound is -infinity (\(bound))") }
            if lower > upper { throw fail("lower bound \(lower) exceeds upper bound \(upper)") }
            for k in storage.rowStart[i] ..< storage.rowStart[i + 1] {
                let column = storage.columns[k]
                guard column >= 0 && column < columnCount else {
                    throw fail("refers to column \(column), but the model has \(variableCount) variables")
                }
                let value = storage.values[k]
                if !value.isFinite {
                    throw fail("coefficient of \(describe(Variable(index: Int(column)))) is \(value)")
                }
            }
            if let name = givenName(of: constraint), let problem = Model.problem(withName: name) {
                throw fail(problem)
            }
        }
    }

    /// Checks an objective-like expression against this model; `what` names it
    /// in the error message.
    func validate(_ expression: LinearExpression, as what: String) throws(SolverError) {
        if expression.indices.count != expression.coefficients.count {
            throw .invalidModel("\(what): \(expression.indices.count) indices but \(expression.coefficients.count) coefficients")
        }
        if !expression.constant.isFinite {
            throw .invalidModel("\(what): constant is \(expression.constant)")
        }
        let columnCount = Int32(clamping: variableCount)
        for k in expression.indices.indices {
            let column = expression.indices[k]
            guard column >= 0 && column < columnCount else {
                throw .invalidModel("\(what): refers to column \(column), but the model has \(variableCount) variables")
            }
            if !expression.coefficients[k].isFinite {
                throw .invalidModel("\(what): coefficient of \(describe(Variable(index: Int(column)))) is \(expression.coefficients[k])")
            }
        }
    }

    /// Why `name` cannot be used, or `nil` when it can.
    static func problem(withName name: String) -> String? {
        if name.isEmpty { return "name is empty" }
        if name.utf8.count > SolverLimits.maxNameLength {
            return "name is longer than \(SolverLimits.maxNameLength) bytes"
        }
        for scalar in name.unicodeScalars where scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
            return "name \"\(name)\" contains whitespace or a control character"
        }
        return nil
    }

    func describe(_ variable: Variable) -> String {
        "'\(name(of: variable))' (column \(variable.index + 1))"
    }

    func describe(_ constraint: Constraint) -> String {
        "'\(name(of: constraint))' (row \(constraint.index + 1))"
    }
}
