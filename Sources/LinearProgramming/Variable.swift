/// A decision variable of a ``Model``, identified by its column index.
///
/// Variables are plain indices so that they are cheap to store by the million;
/// they only mean something together with the model that created them.
///
/// ```swift
/// var model = Model()
/// let x = model.addVariable(name: "x", upper: 4)
/// ```
public struct Variable: Hashable, Comparable, Sendable {
    /// The 0-based column index in the model.
    public let index: Int

    /// Wraps a column index, e.g. to address one of the consecutive variables
    /// returned by ``Model/addVariables(count:lower:upper:kind:)``.
    public init(index: Int) {
        self.index = index
    }

    public static func < (lhs: Variable, rhs: Variable) -> Bool {
        lhs.index < rhs.index
    }
}

/// The domain of a variable.
public enum VariableKind: Sendable {
    case continuous
    case integer
    /// An integer variable whose bounds are intersected with [0, 1].
    case binary
}
