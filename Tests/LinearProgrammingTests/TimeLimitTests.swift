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

    @Test func integerSearchReportsTimeLimitOrIncumbent() throws {
        // A knapsack with many similar items keeps branch and bound busy.
        var model = Model()
        var weight = LinearExpression()
        var value = LinearExpression()
        var state: UInt64 = 7
        for _ in 0 ..< 300 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let w = Double(1000 + (state >> 33) % 1000)
            let item = model.addVariable(kind: .binary)
            weight.add(item, w)
            value.add(item, w + Double((state >> 20) % 7))
        }
        model.addConstraint(weight <= 50_000.5)
        model.objective = Objective(.maximize, value)
        var options = SolverOptions()
        options.mipRelativeGap = 0
        options.timeLimit = .milliseconds(300)
        let clock = ContinuousClock()
        let start = clock.now
        let solution = try GLPKBackend().solve(model, options: options)
        #expect([.feasible, .timeLimit, .optimal].contains(solution.status))
        #expect(start.duration(to: clock.now) < .seconds(5))
        if solution.status == .feasible {
            #expect(solution.value(of: weight) <= 50_000.5 + 1e-6)
        }
    }
}
