import LinearProgramming
import Testing

@Suite("Time limits")
struct TimeLimitTests {
    @Test(arguments: [SolverOptions.Method.primalSimplex, .dualSimplex])
    func simplexStopsAtTheLimit(method: SolverOptions.Method) throws {
        // Takes seconds without a limit.
        let model = Textbook.randomTransportation(supplies: 250, demands: 250)
        var options = SolverOptions()
        options.method = method
        options.presolve = false
        options.timeLimit = .milliseconds(200)
        // The status is what matters; how far GLPK got in 200 ms depends on the
        // machine's load, so neither iterations nor wall time are asserted.
        let solution = try GLPKBackend().solve(model, options: options)
        #expect(solution.status == .timeLimit)
    }

    @Test func spentLimitStopsBeforeSolving() throws {
        var options = SolverOptions()
        options.timeLimit = .zero
        let solution = try GLPKBackend().solve(Textbook.wyndor().model, options: options)
        #expect(solution.status == .timeLimit)
    }

    /// Jeroslow's parity problem: minimise x0 subject to 2·(x1 + … + xn) + x0 = n with
    /// n odd and every x binary. The optimum is x0 = 1 (an odd right-hand side needs
    /// x0), but the LP relaxation is 0 at every node until about n/2 variables are
    /// fixed, so branch and bound needs some 2^(n/2) nodes to prove it.
    static func parityProblem(n: Int) -> Model {
        var model = Model(name: "jeroslow")
        let x0 = model.addVariable(name: "x0", kind: .binary)
        var row = LinearExpression(x0)
        for i in 1 ... n {
            row.add(model.addVariable(name: "x\(i)", kind: .binary), 2)
        }
        model.addConstraint(row == Double(n))
        model.objective = Objective(.minimize, LinearExpression(x0))
        return model
    }

    /// Small enough to finish: the hand-worked optimum, so the model is the one meant.
    @Test func parityProblemHasTheHandWorkedOptimum() throws {
        var options = SolverOptions()
        options.mipRelativeGap = 0
        let solution = try GLPKBackend().solve(Self.parityProblem(n: 7), options: options)
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == 1)
    }

    /// With n = 61 the search cannot finish in 300 ms on any machine (some 2^30
    /// nodes), so the only right answers are an incumbent or nothing, never optimal.
    @Test func integerSearchReportsTimeLimitOrIncumbent() throws {
        let model = Self.parityProblem(n: 61)
        var options = SolverOptions()
        options.mipRelativeGap = 0
        options.timeLimit = .milliseconds(300)
        let solution = try GLPKBackend().solve(model, options: options)
        #expect([.feasible, .timeLimit].contains(solution.status), "\(solution.status)")
        if solution.status == .feasible {
            // An incumbent honours the row and is the only value an odd n allows.
            #expect(solution.objectiveValue == 1)
        }
    }
}
