/// Text assembly shared by the file writers: exact, deterministic numbers and
/// names that the target format can always read back.
struct TextOutput {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\n"))
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}

enum NumberFormat {
    /// The shortest decimal that reads back as exactly `value` (what `%.17g`
    /// guarantees, without its noise digits); integers without a fraction.
    static func exact(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}

/// Hands out unique names: the preferred one when free, else with `_1`, `_2`…
struct NameRegistry {
    private var used: Set<String> = []

    mutating func claim(_ preferred: String) -> String {
        if used.insert(preferred).inserted { return preferred }
        var suffix = 1
        while true {
            let candidate = "\(preferred)_\(suffix)"
            if used.insert(candidate).inserted { return candidate }
            suffix += 1
        }
    }
}

/// The names a writer uses for a model's columns and rows.
struct ExportNames {
    var columns: [String]
    var rows: [String]
    var registryOfColumns: NameRegistry
    var registryOfRows: NameRegistry

    /// Given names are cleaned by `sanitize` (nil: unusable); unnamed or
    /// unusable ones fall back to `x<i>`/`c<i>`, and clashes get a suffix.
    init(_ model: Model, sanitize: (String) -> String?) {
        var columnRegistry = NameRegistry()
        var rowRegistry = NameRegistry()
        columns = []
        columns.reserveCapacity(model.variableCount)
        for j in 0 ..< model.variableCount {
            let variable = Variable(index: j)
            let preferred = model.givenName(of: variable).flatMap(sanitize) ?? "x\(j + 1)"
            columns.append(columnRegistry.claim(preferred))
        }
        rows = []
        rows.reserveCapacity(model.constraintCount)
        for i in 0 ..< model.constraintCount {
            let constraint = Constraint(index: i)
            let preferred = model.givenName(of: constraint).flatMap(sanitize) ?? "c\(i + 1)"
            rows.append(rowRegistry.claim(preferred))
        }
        registryOfColumns = columnRegistry
        registryOfRows = rowRegistry
    }

    /// Replaces every byte outside `allowed` by `_` and shortens to leave room
    /// for a uniqueness suffix within the 255-byte limit.
    static func clean(_ name: String, allowed: (UInt8) -> Bool) -> String? {
        guard !name.isEmpty else { return nil }
        var bytes = Array(name.utf8.prefix(SolverLimits.maxNameLength - 12))
        for k in bytes.indices where !allowed(bytes[k]) {
            bytes[k] = UInt8(ascii: "_")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Model {
    /// Objective coefficients per column, repeats summed.
    func denseObjective() -> [Double] {
        var dense = [Double](repeating: 0, count: variableCount)
        for k in objective.expression.indices.indices {
            let column = Int(objective.expression.indices[k])
            if column >= 0 && column < variableCount {
                dense[column] += objective.expression.coefficients[k]
            }
        }
        return dense
    }
}
