/// A linear or mixed-integer program: variables with bounds, rows of a sparse
/// matrix with bounds, and one objective.
///
/// `Model` is a value type; its storage is copy-on-write arrays, so copies are
/// cheap until one of them is changed. Rows are appended straight into the CSR
/// arrays that a backend loads in one call.
///
/// ```swift
/// var model = Model(name: "example")
/// let x = model.addVariable(name: "x", upper: 4)
/// let y = model.addVariable(name: "y")
/// model.addConstraint(3 * x + 2 * y <= 18, name: "capacity")
/// model.objective = Objective(.maximize, 3 * x + 5 * y)
/// let solution = try GLPKBackend().solve(model, options: SolverOptions())
/// ```
public struct Model: Sendable {
    public var name: String
    public var objective: Objective

    // Columns, one entry per variable.
    var columnLower: [Double] = []
    var columnUpper: [Double] = []
    var columnKind: [VariableKind] = []
    /// Empty until the first name is given, so unnamed bulk variables cost nothing.
    var columnNames: [String?] = []
    var integerCount = 0

    // Rows, one entry per constraint.
    var rowBounds: [ConstraintBound] = []
    var rowNames: [String?] = []

    var storage = SparseMatrix()
    /// For each column, the position in `storage` where it was last written;
    /// lets a row with unsorted columns merge repeats without a dictionary (a
    /// position before the current row's start means "not in this row").
    var lastPosition: [Int] = []

    public init(name: String = "lotsa") {
        self.name = name
        objective = .feasibility
    }

    public var variableCount: Int { columnLower.count }
    public var constraintCount: Int { rowBounds.count }
    public var nonzeroCount: Int { storage.columns.count }

    /// The constraint matrix, row-wise; the storage the model builds into.
    public var matrix: SparseMatrix { storage }

    public var hasIntegerVariables: Bool { integerCount > 0 }

    public var variables: [Variable] { (0 ..< variableCount).map(Variable.init(index:)) }
    public var constraints: [Constraint] { (0 ..< constraintCount).map(Constraint.init(index:)) }

    // MARK: Variables

    @discardableResult
    public mutating func addVariable(name: String? = nil, lower: Double = 0, upper: Double = .infinity,
                                     kind: VariableKind = .continuous) -> Variable {
        let variable = addVariables(count: 1, lower: lower, upper: upper, kind: kind)
        if let name { setName(name, for: variable) }
        return variable
    }

    /// Adds `count` variables with the same bounds and kind; returns the first.
    /// Their indices are consecutive.
    ///
    /// ```swift
    /// let first = model.addVariables(count: 100, upper: 1)
    /// let tenth = Variable(index: first.index + 9)
    /// ```
    @discardableResult
    public mutating func addVariables(count: Int, lower: Double = 0, upper: Double = .infinity,
                                      kind: VariableKind = .continuous) -> Variable {
        precondition(count >= 0, "negative variable count")
        let first = Variable(index: variableCount)
        columnLower.append(contentsOf: repeatElement(lower, count: count))
        columnUpper.append(contentsOf: repeatElement(upper, count: count))
        columnKind.append(contentsOf: repeatElement(kind, count: count))
        if !columnNames.isEmpty {
            columnNames.append(contentsOf: repeatElement(nil, count: count))
        }
        if kind != .continuous { integerCount += count }
        storage.columnCount = columnLower.count
        return first
    }

    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        columnLower[variable.index] = lower
        columnUpper[variable.index] = upper
    }

    public mutating func setName(_ name: String, for variable: Variable) {
        if columnNames.isEmpty {
            columnNames = Array(repeating: nil, count: variableCount)
        }
        columnNames[variable.index] = name
    }

    /// The variable's name; `x<index+1>` when none was given.
    public func name(of variable: Variable) -> String {
        if variable.index < columnNames.count, let name = columnNames[variable.index] { return name }
        return "x\(variable.index + 1)"
    }

    /// The variable's name as given, or `nil`.
    public func givenName(of variable: Variable) -> String? {
        variable.index < columnNames.count ? columnNames[variable.index] : nil
    }

    public func bounds(of variable: Variable) -> (lower: Double, upper: Double) {
        (columnLower[variable.index], columnUpper[variable.index])
    }

    public func kind(of variable: Variable) -> VariableKind {
        columnKind[variable.index]
    }

    /// The bounds a solver sees: binary variables are restricted to [0, 1] and
    /// integer bounds are rounded inwards to integers.
    public func effectiveBounds(of variable: Variable) -> (lower: Double, upper: Double) {
        var lower = columnLower[variable.index]
        var upper = columnUpper[variable.index]
        switch columnKind[variable.index] {
        case .continuous:
            return (lower, upper)
        case .binary:
            lower = max(lower, 0)
            upper = min(upper, 1)
        case .integer:
            break
        }
        return (lower.rounded(.up), upper.rounded(.down))
    }

    // MARK: Constraints

    @discardableResult
    public mutating func addConstraint(_ constraint: LinearConstraint, name: String? = nil) -> Constraint {
        addConstraint(constraint.expression, constraint.bound, name: name)
    }

    /// Adds `expression ∈ bound`; the expression's constant moves to the bound.
    @discardableResult
    public mutating func addConstraint(_ expression: LinearExpression, _ bound: ConstraintBound,
                                       name: String? = nil) -> Constraint {
        addConstraint(columns: expression.indices, coefficients: expression.coefficients,
                      bound.shifted(by: -expression.constant), name: name)
    }

    /// Adds the row `Σ coefficients[k]·x[columns[k]] ∈ bound` without building
    /// a ``LinearExpression``; repeated columns in the row are summed.
    ///
    /// ```swift
    /// model.addConstraint(columns: [0, 1], coefficients: [3, 2], .lessOrEqual(18))
    /// ```
    @discardableResult
    public mutating func addConstraint(columns: [Int32], coefficients: [Double], _ bound: ConstraintBound,
                                       name: String? = nil) -> Constraint {
        precondition(columns.count == coefficients.count, "columns and coefficients differ in length")
        let constraint = Constraint(index: constraintCount)
        appendRow(columns, coefficients)
        rowBounds.append(bound)
        if !rowNames.isEmpty {
            rowNames.append(nil)
        }
        if let name { setName(name, for: constraint) }
        return constraint
    }

    private mutating func appendRow(_ columns: [Int32], _ coefficients: [Double]) {
        var increasing = true
        var previous: Int32 = -1
        for column in columns {
            if column <= previous {
                increasing = false
                break
            }
            previous = column
        }
        if increasing {
            storage.columns.append(contentsOf: columns)
            storage.values.append(contentsOf: coefficients)
        } else {
            appendMergingRepeats(columns, coefficients)
        }
        storage.rowStart.append(storage.columns.count)
    }

    private mutating func appendMergingRepeats(_ columns: [Int32], _ coefficients: [Double]) {
        let rowStart = storage.columns.count
        if lastPosition.count < variableCount {
            lastPosition.append(contentsOf: repeatElement(-1, count: variableCount - lastPosition.count))
        }
        for k in columns.indices {
            let column = columns[k]
            // Out-of-range columns are stored unmerged for validate() to report.
            if column >= 0 && Int(column) < lastPosition.count {
                let position = lastPosition[Int(column)]
                if position >= rowStart && storage.columns[position] == column {
                    storage.values[position] += coefficients[k]
                    continue
                }
                lastPosition[Int(column)] = storage.columns.count
            }
            storage.columns.append(column)
            storage.values.append(coefficients[k])
        }
    }

    public mutating func setBound(_ constraint: Constraint, _ bound: ConstraintBound) {
        rowBounds[constraint.index] = bound
    }

    public mutating func setName(_ name: String, for constraint: Constraint) {
        if rowNames.isEmpty {
            rowNames = Array(repeating: nil, count: constraintCount)
        }
        rowNames[constraint.index] = name
    }

    /// The constraint's name; `c<index+1>` when none was given.
    public func name(of constraint: Constraint) -> String {
        if constraint.index < rowNames.count, let name = rowNames[constraint.index] { return name }
        return "c\(constraint.index + 1)"
    }

    /// The constraint's name as given, or `nil`.
    public func givenName(of constraint: Constraint) -> String? {
        constraint.index < rowNames.count ? rowNames[constraint.index] : nil
    }

    public func bound(of constraint: Constraint) -> ConstraintBound {
        rowBounds[constraint.index]
    }

    /// The row's terms as an expression (repeats already merged).
    public func expression(of constraint: Constraint) -> LinearExpression {
        let range = storage.rowStart[constraint.index] ..< storage.rowStart[constraint.index + 1]
        return LinearExpression(indices: Array(storage.columns[range]), coefficients: Array(storage.values[range]))
    }
}
