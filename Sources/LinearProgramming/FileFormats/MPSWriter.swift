import Foundation

/// Writes a model in free MPS format, as `glpsol --freemps FILE` reads it.
///
/// Conventions (GLPK's reader has no OBJSENSE section):
/// - a maximisation is written as the minimisation of the negated objective
///   (a comment says so); glpsol then reports the negated optimum;
/// - the objective constant is the RHS entry of the objective row, which GLPK
///   reads as the constant itself (some other readers negate it);
/// - integer and binary columns sit between `INTORG`/`INTEND` markers and always
///   get explicit bounds (readers disagree on the default for integer columns);
/// - ranged rows are `G` rows with a `RANGES` entry; a free row is an `N` row.
///
/// Names that MPS cannot carry are cleaned (`_` for blanks and quotes) or fall
/// back to `x<i>`/`c<i>`; the output is byte-identical for equal models.
///
/// The model is expected to pass ``Model/validate()``; entries that refer to
/// missing columns are skipped.
///
/// ```swift
/// try MPSWriter.write(model, to: URL(fileURLWithPath: "/tmp/model.mps"))
/// ```
public enum MPSWriter {
    public static func write(_ model: Model) -> String {
        render(model).string
    }

    public static func write(_ model: Model, to url: URL) throws {
        try Data(render(model).bytes).write(to: url)
    }

    static func sanitize(_ name: String) -> String? {
        ExportNames.clean(name) { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "\"")
        }
    }

    private static func render(_ model: Model) -> TextOutput {
        var names = ExportNames(model, sanitize: sanitize)
        let objectiveRow = names.registryOfRows.claim("obj")
        let negate = model.objective.sense == .maximize
        let sign: Double = negate ? -1 : 1
        let objective = model.denseObjective()
        let columnsOfMatrix = model.matrix.transposed()

        var out = TextOutput()
        out.line("* Written by Lotsa LinearProgramming: free MPS for glpsol --freemps")
        if negate {
            out.line("* OBJSENSE MAX: the objective below is negated; its minimum is minus the maximum")
        }
        out.line("NAME \(sanitize(model.name) ?? "lotsa")")
        out.line("ROWS")
        out.line(" N \(objectiveRow)")
        for i in 0 ..< model.constraintCount {
            out.line(" \(rowType(model.rowBounds[i])) \(names.rows[i])")
        }

        out.line("COLUMNS")
        var marker = 0
        var insideIntegerBlock = false
        for j in 0 ..< model.variableCount {
            let integer = model.columnKind[j] != .continuous
            if integer != insideIntegerBlock {
                marker += 1
                out.line(" M\(marker) 'MARKER' '\(integer ? "INTORG" : "INTEND")'")
                insideIntegerBlock = integer
            }
            let column = names.columns[j]
            let range = columnsOfMatrix.rowStart[j] ..< columnsOfMatrix.rowStart[j + 1]
            // Every column is declared here, so a column with neither objective
            // nor matrix entries gets an explicit zero objective entry.
            if objective[j] != 0 || range.isEmpty {
                out.line(" \(column) \(objectiveRow) \(NumberFormat.exact(sign * objective[j]))")
            }
            for k in range {
                out.line(" \(column) \(names.rows[Int(columnsOfMatrix.columns[k])]) \(NumberFormat.exact(columnsOfMatrix.values[k]))")
            }
        }
        if insideIntegerBlock {
            marker += 1
            out.line(" M\(marker) 'MARKER' 'INTEND'")
        }

        out.line("RHS")
        let constant = sign * model.objective.expression.constant
        if constant != 0 {
            out.line(" RHS \(objectiveRow) \(NumberFormat.exact(constant))")
        }
        for i in 0 ..< model.constraintCount {
            let rhs = rightHandSide(model.rowBounds[i])
            if rhs != 0 {
                out.line(" RHS \(names.rows[i]) \(NumberFormat.exact(rhs))")
            }
        }

        var wroteRanges = false
        for i in 0 ..< model.constraintCount {
            let bound = model.rowBounds[i]
            guard bound.lower.isFinite, bound.upper.isFinite, bound.lower < bound.upper else { continue }
            if !wroteRanges {
                out.line("RANGES")
                wroteRanges = true
            }
            out.line(" RNG \(names.rows[i]) \(NumberFormat.exact(bound.upper - bound.lower))")
        }

        out.line("BOUNDS")
        for j in 0 ..< model.variableCount {
            let variable = Variable(index: j)
            let (lower, upper) = model.effectiveBounds(of: variable)
            let column = names.columns[j]
            let integer = model.columnKind[j] != .continuous
            if lower == upper {
                out.line(" FX BND \(column) \(NumberFormat.exact(lower))")
                continue
            }
            if lower == -.infinity && upper == .infinity {
                out.line(" FR BND \(column)")
                continue
            }
            // Lower before upper: GLPK turns a negative UP on a column whose lower
            // bound is still the default 0 into a free lower bound.
            if lower == -.infinity {
                out.line(" MI BND \(column)")
            } else if lower != 0 || integer {
                out.line(" LO BND \(column) \(NumberFormat.exact(lower))")
            }
            if upper != .infinity {
                out.line(" UP BND \(column) \(NumberFormat.exact(upper))")
            } else if integer {
                out.line(" PL BND \(column)")
            }
        }
        out.line("ENDATA")
        return out
    }

    private static func rowType(_ bound: ConstraintBound) -> String {
        switch (bound.lower.isFinite, bound.upper.isFinite) {
        case (false, false): "N"
        case (false, true): "L"
        case (true, false): "G"
        case (true, true): bound.lower == bound.upper ? "E" : "G"
        }
    }

    private static func rightHandSide(_ bound: ConstraintBound) -> Double {
        switch (bound.lower.isFinite, bound.upper.isFinite) {
        case (false, false): 0
        case (false, true): bound.upper
        default: bound.lower
        }
    }
}
