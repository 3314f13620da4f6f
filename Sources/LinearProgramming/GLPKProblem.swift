import CGLPK
import Foundation

/// Receives GLPK's terminal output during one backend call: forwards it line by
/// line to the caller's log when verbose, and keeps the last lines so that a
/// GLPK error can be reported with GLPK's own message.
final class GLPKTerminal {
    private let forward: (@Sendable (String) -> Void)?
    private var partialLine = ""
    private var recentLines: [String] = []
    private static let keptLines = 12

    init(options: SolverOptions) {
        forward = options.verbose ? (options.log ?? GLPKTerminal.writeToStandardError) : nil
    }

    /// GLPK hands over formatted chunks that may hold several lines or part of one.
    func receive(_ text: String) {
        partialLine += text
        while let newline = partialLine.firstIndex(of: "\n") {
            let line = String(partialLine[..<newline])
            partialLine.removeSubrange(...newline)
            emit(line)
        }
    }

    func flush() {
        if !partialLine.isEmpty {
            emit(partialLine)
            partialLine = ""
        }
    }

    /// The last lines GLPK printed, for error messages.
    var recentOutput: String {
        let lines = recentLines + (partialLine.isEmpty ? [] : [partialLine])
        return lines.isEmpty ? "(GLPK printed no message)" : lines.joined(separator: "\n")
    }

    private func emit(_ line: String) {
        recentLines.append(line)
        if recentLines.count > Self.keptLines {
            recentLines.removeFirst(recentLines.count - Self.keptLines)
        }
        forward?(line)
    }

    private static let writeToStandardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// GLPK's terminal hook: hands the text to the `GLPKTerminal` passed as `info`
/// and returns 1 so that GLPK prints nothing itself.
private func glpkTerminalHook(_ info: UnsafeMutableRawPointer?, _ text: UnsafePointer<CChar>?) -> Int32 {
    guard let info, let text else { return 1 }
    Unmanaged<GLPKTerminal>.fromOpaque(info).takeUnretainedValue().receive(String(cString: text))
    return 1
}

/// One `glp_prob` and the output routing around it, for the duration of one
/// backend call on one thread.
///
/// GLPK keeps its environment (terminal hook, memory, problem objects) per
/// thread, so everything here happens on the calling thread and is undone
/// before the call returns: the hook is removed, the problem deleted, and the
/// environment freed when nothing else on the thread still uses GLPK.
final class GLPKProblem {
    private var handle: OpaquePointer?
    let terminal: GLPKTerminal

    private init(handle: OpaquePointer, terminal: GLPKTerminal) {
        self.handle = handle
        self.terminal = terminal
    }

    deinit {
        delete()
    }

    /// Runs `body` with a fresh problem object and GLPK's output routed per `options`.
    static func withProblem<T>(options: SolverOptions,
                               _ body: (GLPKProblem) throws(SolverError) -> T) throws(SolverError) -> T {
        let terminal = GLPKTerminal(options: options)
        let context = Unmanaged.passRetained(terminal)
        lotsa_glp_term_out(1)
        lotsa_glp_set_term_hook(glpkTerminalHook, context.toOpaque())
        defer {
            terminal.flush()
            lotsa_glp_set_term_hook(nil, nil)
            context.release()
            releaseEnvironmentIfUnused()
        }
        guard let handle = lotsa_glp_create_prob() else {
            throw .solverFault("glp_create_prob: \(terminal.recentOutput)")
        }
        let problem = GLPKProblem(handle: handle, terminal: terminal)
        defer { problem.delete() }
        return try body(problem)
    }

    /// Frees this thread's GLPK environment when it holds no memory blocks (no
    /// problem objects), so that short-lived threads do not leak it.
    private static func releaseEnvironmentIfUnused() {
        var blocks: Int32 = 0
        glp_mem_usage(&blocks, nil, nil, nil)
        if blocks == 0 {
            glp_free_env()
        }
    }

    /// The problem pointer; valid until a fault.
    var pointer: OpaquePointer {
        guard let handle else { preconditionFailure("GLPK problem used after a fault") }
        return handle
    }

    func delete() {
        if let handle {
            glp_delete_prob(handle)
            self.handle = nil
        }
    }

    /// Passes a guarded call's result through, turning `LOTSA_GLP_FAULT` into a
    /// ``SolverError/solverFault(_:)`` carrying GLPK's message. After a fault
    /// GLPK has freed the problem together with its environment, so the handle
    /// is forgotten, never deleted.
    @discardableResult
    func guarded(_ operation: String, _ result: Int32) throws(SolverError) -> Int32 {
        if result == LOTSA_GLP_FAULT {
            handle = nil
            throw .solverFault("\(operation): \(terminal.recentOutput)")
        }
        return result
    }

    var rowCount: Int { Int(glp_get_num_rows(pointer)) }
    var columnCount: Int { Int(glp_get_num_cols(pointer)) }
    var iterationCount: Int { Int(glp_get_it_cnt(pointer)) }

    // MARK: Loading

    /// GLPK's bound type for a range.
    static func boundType(lower: Double, upper: Double) -> (type: Int32, lower: Double, upper: Double) {
        switch (lower == -.infinity, upper == .infinity) {
        case (true, true): (GLP_FR, 0, 0)
        case (true, false): (GLP_UP, 0, upper)
        case (false, true): (GLP_LO, lower, 0)
        case (false, false): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }

    /// Dense objective coefficients for GLPK's `n` columns, repeats summed.
    static func denseObjective(_ expression: LinearExpression, columnCount: Int) -> [Double] {
        var dense = [Double](repeating: 0, count: columnCount)
        for k in expression.indices.indices {
            dense[Int(expression.indices[k])] += expression.coefficients[k]
        }
        return dense
    }

    /// Loads a validated model in one call (`glp_load_matrix` from the CSR arrays).
    func load(_ model: Model, objective: LinearExpression, sense: ObjectiveSense) throws(SolverError) {
        let m = model.constraintCount
        let n = model.variableCount
        let matrix = model.matrix
        let nonzeros = matrix.nonzeroCount

        var rowType = [Int32](repeating: 0, count: m)
        var rowLower = [Double](repeating: 0, count: m)
        var rowUpper = [Double](repeating: 0, count: m)
        for i in 0 ..< m {
            let bound = model.rowBounds[i]
            (rowType[i], rowLower[i], rowUpper[i]) = Self.boundType(lower: bound.lower, upper: bound.upper)
        }

        var columnType = [Int32](repeating: 0, count: n)
        var columnLower = [Double](repeating: 0, count: n)
        var columnUpper = [Double](repeating: 0, count: n)
        var columnKind = [Int32](repeating: GLP_CV, count: n)
        for j in 0 ..< n {
            let variable = Variable(index: j)
            let (lower, upper) = model.effectiveBounds(of: variable)
            (columnType[j], columnLower[j], columnUpper[j]) = Self.boundType(lower: lower, upper: upper)
            // Binary columns go in as integer columns with their effective
            // bounds: GLP_BV would silently reset the bounds to [0, 1].
            if model.columnKind[j] != .continuous { columnKind[j] = GLP_IV }
        }
        let dense = Self.denseObjective(objective, columnCount: n)

        // GLPK's triplet arrays are 1-based (element 0 unused).
        var rowIndex = [Int32](repeating: 0, count: nonzeros + 1)
        var columnIndex = [Int32](repeating: 0, count: nonzeros + 1)
        var values = [Double](repeating: 0, count: nonzeros + 1)
        matrix.rowStart.withUnsafeBufferPointer { rowStart in
            matrix.columns.withUnsafeBufferPointer { columns in
                matrix.values.withUnsafeBufferPointer { source in
                    rowIndex.withUnsafeMutableBufferPointer { rowIndex in
                        columnIndex.withUnsafeMutableBufferPointer { columnIndex in
                            values.withUnsafeMutableBufferPointer { values in
                                for i in 0 ..< m {
                                    let row = Int32(i + 1)
                                    for k in rowStart[i] ..< rowStart[i + 1] {
                                        rowIndex[k + 1] = row
                                        columnIndex[k + 1] = columns[k] + 1
                                        values[k + 1] = source[k]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        try guarded("glp_load_matrix", lotsa_glp_load(
            pointer, Int32(m), Int32(n), rowType, rowLower, rowUpper,
            columnType, columnLower, columnUpper, columnKind, dense, objective.constant,
            sense == .minimize ? 1 : 0, Int32(nonzeros), rowIndex, columnIndex, values))
    }

    /// Replaces the objective (coefficients and constant); the sense stays.
    func setObjective(_ expression: LinearExpression) throws(SolverError) {
        let n = columnCount
        let dense = Self.denseObjective(expression, columnCount: n)
        try guarded("glp_set_obj_coef", lotsa_glp_set_objective(pointer, Int32(n), dense, expression.constant))
    }

    /// Appends the row `Σ terms ∈ [lower, upper]`; `terms` must have no repeats.
    func addRow(_ terms: LinearExpression, lower: Double, upper: Double) throws(SolverError) {
        let (type, lower, upper) = Self.boundType(lower: lower, upper: upper)
        let indices = [Int32(0)] + terms.indices.map { $0 + 1 }
        let values = [0.0] + terms.coefficients
        try guarded("glp_add_rows", lotsa_glp_add_row(pointer, type, lower, upper, Int32(terms.indices.count),
                                                      indices, values))
    }

    func fixColumn(_ column: Int, at value: Double) throws(SolverError) {
        try guarded("glp_set_col_bnds", lotsa_glp_set_col_bnds(pointer, Int32(column + 1), GLP_FX, value, value))
    }

    func fixRow(_ row: Int, at value: Double) throws(SolverError) {
        try guarded("glp_set_row_bnds", lotsa_glp_set_row_bnds(pointer, Int32(row + 1), GLP_FX, value, value))
    }
}
