import Foundation

/// Writes a model in CPLEX LP format, as `glpsol --lp FILE` reads it.
///
/// GLPK's LP reader accepts neither constants in the objective nor two-sided
/// rows, so:
/// - an objective constant `c` becomes the term `c·<const>` with a variable
///   fixed at 1 (named `objective_constant` unless taken);
/// - a ranged row `l ≤ a·x ≤ u` becomes two rows, `name: a·x >= l` and
///   `name_upper: a·x <= u` (bounds stay exact);
/// - a free row is written as `>= -1e+30`;
/// - a zero objective is written as the term `0 <first column>`.
/// Maximisation is written as `Maximize`, so the optimum round-trips unchanged.
///
/// Names outside the LP alphabet are cleaned (`_` for other characters, a
/// leading `_` where a name would start like a number or be a keyword) or fall
/// back to `x<i>`/`c<i>`; the output is byte-identical for equal models.
///
/// The model is expected to pass ``Model/validate()``; entries that refer to
/// missing columns are skipped.
///
/// ```swift
/// let text = LPWriter.write(model)
/// ```
public enum LPWriter {
    public static func write(_ model: Model) -> String {
        render(model).string
    }

    public static func write(_ model: Model, to url: URL) throws {
        try Data(render(model).bytes).write(to: url)
    }

    private static let specials = Set("!\"#$%&()/,.;?@_`'{}|~".utf8)
    private static let keywords: Set<String> = [
        "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "st", "s.t.", "st.",
        "that", "to", "bounds", "bound", "general", "generals", "gen", "integer", "integers", "binary",
        "binaries", "bin", "end", "free", "inf", "infinity",
    ]

    static func sanitize(_ name: String) -> String? {
        guard var cleaned = ExportNames.clean(name, allowed: { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || specials.contains(byte)
        }) else { return nil }
        let first = cleaned.utf8.first!
        let startsLikeNumber = (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".")
        // "e12" could be read as an exponent after a coefficient.
        let startsLikeExponent = (first == UInt8(ascii: "e") || first == UInt8(ascii: "E"))
            && cleaned.utf8.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            && cleaned.utf8.count > 1
        if startsLikeNumber || startsLikeExponent || keywords.contains(cleaned.lowercased()) {
            cleaned = "_" + cleaned
        }
        return cleaned
    }

    private static let termsPerLine = 8

    private static func render(_ model: Model) -> TextOutput {
        var names = ExportNames(model, sanitize: sanitize)
        let objectiveLabel = names.registryOfRows.claim("obj")
        let objective = model.denseObjective()
        let constant = model.objective.expression.constant
        let matrix = model.matrix
        let n = model.variableCount

        // A column that occurs nowhere would be undeclared: it gets a zero
        // objective term. The constant needs its own fixed column.
        var occurs = [Bool](repeating: false, count: n)
        for column in matrix.columns where column >= 0 && Int(column) < n {
            occurs[Int(column)] = true
        }
        let constantColumn: String? = constant != 0 || n == 0
            ? names.registryOfColumns.claim("objective_constant") : nil

        var out = TextOutput()
        out.line("\\* Problem: \(sanitize(model.name) ?? "lotsa") *\\")
        out.line("\\* Written by Lotsa LinearProgramming: CPLEX LP for glpsol --lp *\\")
        out.line("")
        out.line(model.objective.sense == .maximize ? "Maximize" : "Minimize")
        out.write(" \(objectiveLabel):")
        var termCount = 0
        func term(_ coefficient: Double, _ column: String) {
            if termCount > 0 && termCount % termsPerLine == 0 { out.write("\n  ") }
            out.write(coefficient < 0 ? " - " : " + ")
            out.write(NumberFormat.exact(abs(coefficient)))
            out.write(" ")
            out.write(column)
            termCount += 1
        }
        for j in 0 ..< n where objective[j] != 0 || !occurs[j] {
            term(objective[j], names.columns[j])
        }
        if let constantColumn {
            term(constant, constantColumn)
        }
        if termCount == 0 {
            // A zero objective (a tier with nothing to do in this block): `obj:` with
            // no term is rejected by glpsol ("missing variable name"); a zero term is not.
            out.write(" 0 \(names.columns[0])")
        }
        out.line("")
        out.line("")

        out.line("Subject To")
        var upperRows: [(row: Int, name: String)] = []
        for i in 0 ..< model.constraintCount {
            let bound = model.rowBounds[i]
            if bound.lower.isFinite && bound.upper.isFinite && bound.lower < bound.upper {
                upperRows.append((i, ""))
            }
        }
        for k in upperRows.indices {
            upperRows[k].name = names.registryOfRows.claim(names.rows[upperRows[k].row] + "_upper")
        }
        var nextUpper = 0
        let anyColumn = n > 0 ? names.columns[0] : constantColumn!
        func row(_ label: String, _ i: Int, _ relation: String) {
            out.write(" \(label):")
            termCount = 0
            for k in matrix.rowStart[i] ..< matrix.rowStart[i + 1] where matrix.columns[k] >= 0 && Int(matrix.columns[k]) < n {
                term(matrix.values[k], names.columns[Int(matrix.columns[k])])
            }
            if termCount == 0 {
                out.write(" 0 \(anyColumn)")
            }
            out.line(" \(relation)")
        }
        for i in 0 ..< model.constraintCount {
            let bound = model.rowBounds[i]
            switch (bound.lower.isFinite, bound.upper.isFinite) {
            case (false, false):
                row(names.rows[i], i, ">= -1e+30")
            case (false, true):
                row(names.rows[i], i, "<= \(NumberFormat.exact(bound.upper))")
            case (true, false):
                row(names.rows[i], i, ">= \(NumberFormat.exact(bound.lower))")
            case (true, true) where bound.lower == bound.upper:
                row(names.rows[i], i, "= \(NumberFormat.exact(bound.lower))")
            case (true, true):
                row(names.rows[i], i, ">= \(NumberFormat.exact(bound.lower))")
                row(upperRows[nextUpper].name, i, "<= \(NumberFormat.exact(bound.upper))")
                nextUpper += 1
            }
        }
        out.line("")

        out.line("Bounds")
        for j in 0 ..< n {
            let (lower, upper) = model.effectiveBounds(of: Variable(index: j))
            let column = names.columns[j]
            if lower == upper {
                out.line(" \(column) = \(NumberFormat.exact(lower))")
            } else if lower == -.infinity && upper == .infinity {
                out.line(" \(column) free")
            } else if lower == -.infinity {
                out.line(" -inf <= \(column) <= \(NumberFormat.exact(upper))")
            } else if upper == .infinity {
                if lower != 0 { out.line(" \(column) >= \(NumberFormat.exact(lower))") }
            } else {
                out.line(" \(NumberFormat.exact(lower)) <= \(column) <= \(NumberFormat.exact(upper))")
            }
        }
        if let constantColumn {
            out.line(" \(constantColumn) = 1")
        }
        out.line("")

        let integerColumns = (0 ..< n).filter { model.columnKind[$0] != .continuous }
        if !integerColumns.isEmpty {
            out.line("Generals")
            for start in stride(from: 0, to: integerColumns.count, by: termsPerLine) {
                let chunk = integerColumns[start ..< min(start + termsPerLine, integerColumns.count)]
                out.line(" " + chunk.map { names.columns[$0] }.joined(separator: " "))
            }
            out.line("")
        }
        out.line("End")
        return out
    }
}
