@testable import LinearProgramming
import Testing

@Suite("GLPK faults")
struct FaultTests {
    /// GLPK rejects a column number out of range with glp_error(), which would
    /// abort the process without the shim's error hook.
    @Test func glpkErrorBecomesSolverFaultAndTheThreadRecovers() throws {
        let (kind, message) = errorKind {
            try GLPKProblem.withProblem(options: SolverOptions()) { problem throws(SolverError) in
                try problem.fixColumn(41, at: 0)
            }
        }
        #expect(kind == .solverFault)
        #expect(message.contains("out of range"), "\(message)")

        // The thread's GLPK environment was rebuilt: solving still works.
        let solution = try GLPKBackend().solve(Textbook.wyndor().model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 36))
    }

    @Test func faultMidSolveLeavesNoDanglingProblem() throws {
        let (model, _, _, _) = Textbook.wyndor()
        for _ in 0 ..< 3 {
            let (kind, _) = errorKind {
                try GLPKProblem.withProblem(options: SolverOptions()) { problem throws(SolverError) in
                    try problem.load(model, objective: model.objective.expression, sense: .maximize)
                    _ = try problem.runSimplex(.primalSimplex, presolve: true, options: SolverOptions(),
                                               deadline: Deadline(nil))
                    try problem.fixRow(99, at: 1)
                }
            }
            #expect(kind == .solverFault)
        }
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(isClose(solution.objectiveValue, 36))
    }

    @Test func faultMessageIsNotPrintedWhenSilent() throws {
        let lines = LineCollector()
        var options = SolverOptions()
        options.log = { lines.append($0) }
        _ = errorKind {
            try GLPKProblem.withProblem(options: options) { problem throws(SolverError) in
                try problem.fixColumn(3, at: 0)
            }
        }
        #expect(lines.all.isEmpty)
    }
}
