import LinearProgramming
import Testing

@Suite("Mixed-integer programs")
struct MIPTests {
    @Test func knapsack() throws {
        let (model, items) = Textbook.knapsack()
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 22))
        #expect(items.map { solution[$0].rounded() } == [1, 0, 0, 1, 1])
        #expect(solution.rowDuals.isEmpty)
        #expect(solution.dual(of: Constraint(index: 0)).isNaN)
    }

    @Test func integerBoundsAreRoundedInwards() throws {
        var model = Model()
        let n = model.addVariable(lower: 0.5, upper: 3.7, kind: .integer)
        model.objective = Objective(.maximize, 1.0 * n)
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(solution[n] == 3)
    }

    @Test func infeasibleMIP() throws {
        var model = Model()
        let a = model.addVariable(kind: .integer)
        model.addConstraint(2 * a == 3)
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(solution.status == .infeasible)
    }
}
