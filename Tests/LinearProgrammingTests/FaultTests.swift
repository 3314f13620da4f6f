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

    /// A fault in a silent solve is reported through the error only: nothing reaches
    /// the log callback, and nothing reaches the process's standard output or error
    /// (GLPK would print there itself if the terminal hook were missing).
    @Test func faultMessageIsNotPrintedWhenSilent() throws {
        let lines = LineCollector()
        var options = SolverOptions()
        options.log = { lines.append($0) }
        let (outcome, captured) = capturingStandardStreams {
            errorKind {
                try GLPKProblem.withProblem(options: options) { problem throws(SolverError) in
                    try problem.fixColumn(3, at: 0)
                }
            }
        }
        // The fault happened, and GLPK's own words reached the error message …
        #expect(outcome.0 == .solverFault)
        #expect(outcome.1.contains("j = 4; column number out of range"), "\(outcome.1)")
        // … and nowhere else.
        #expect(lines.all.isEmpty, "\(lines.all)")
        #expect(!captured.contains("j = 4; column number out of range"), "\(captured)")
    }

    /// The same fault with `verbose` on does reach the log: the silent test above
    /// is silent because of the option, not because the message never exists.
    @Test func faultMessageReachesTheLogWhenVerbose() throws {
        let lines = LineCollector()
        var options = SolverOptions()
        options.verbose = true
        options.log = { lines.append($0) }
        let (kind, _) = errorKind {
            try GLPKProblem.withProblem(options: options) { problem throws(SolverError) in
                try problem.fixColumn(5, at: 0)
            }
        }
        #expect(kind == .solverFault)
        #expect(lines.all.contains { $0.contains("j = 6; column number out of range") }, "\(lines.all)")
    }
}
