import LinearProgramming
import Testing

@Suite("Textbook LPs")
struct TextbookLPTests {
    let backend = GLPKBackend()

    @Test func transportationProblem() throws {
        let (model, ship) = Textbook.transportation()
        let solution = try backend.solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 465))
        #expect(isClose(solution[ship[0][1]], 20))
        #expect(isClose(solution[ship[1][0]], 10))
        #expect(isClose(solution[ship[1][1]], 5))
        #expect(isClose(solution[ship[1][2]], 15))
        #expect(solution.values.count == 6)
        #expect(solution.rowDuals.count == 5)
    }

    @Test func dietProblem() throws {
        let (model, foods, nutrients) = Textbook.diet()
        let solution = try backend.solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 6.8))
        #expect(isClose(solution[foods[0]], 1.6))
        #expect(isClose(solution[foods[1]], 1.2))
        // Minimisation: binding ≥ rows have nonnegative duals.
        #expect(isClose(solution.dual(of: nutrients[0]), 1.4))
        #expect(isClose(solution.dual(of: nutrients[1]), 0.2))
    }

    @Test func dualsOfATwoByTwoLP() throws {
        let (model, x, y, rows) = Textbook.wyndor()
        let solution = try backend.solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 36))
        #expect(isClose(solution[x], 2))
        #expect(isClose(solution[y], 6))
        // Maximisation: binding ≤ rows have nonnegative duals (∂objective/∂rhs).
        #expect(isClose(solution.dual(of: rows[0]), 0))
        #expect(isClose(solution.dual(of: rows[1]), 1.5))
        #expect(isClose(solution.dual(of: rows[2]), 1))
        #expect(isClose(solution.reducedCost(of: x), 0))
    }

    @Test(arguments: [true, false])
    func infeasibleModel(presolve: Bool) throws {
        var options = SolverOptions()
        options.presolve = presolve
        let solution = try backend.solve(Textbook.infeasible(), options: options)
        #expect(solution.status == .infeasible)
    }

    @Test(arguments: [true, false])
    func unboundedModel(presolve: Bool) throws {
        var options = SolverOptions()
        options.presolve = presolve
        let solution = try backend.solve(Textbook.unbounded(), options: options)
        #expect(solution.status == .unbounded)
    }

    @Test func objectiveConstantAndBoundsAreHonoured() throws {
        var model = Model()
        let x = model.addVariable(lower: -3, upper: 7)
        let y = model.addVariable(lower: -.infinity, upper: .infinity)
        model.addConstraint(y - x, .ranged(lower: -2, upper: 2))
        model.objective = Objective(.minimize, x + y + 100)
        let solution = try backend.solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(isClose(solution[x], -3))
        #expect(isClose(solution[y], -5))
        #expect(isClose(solution.objectiveValue, 92))
    }

    @Test func emptyModelSolves() throws {
        var model = Model()
        model.objective = Objective(.minimize, LinearExpression(constant: 4))
        let solution = try backend.solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == 4)
    }

    @Test func reportsIterationsAndTime() throws {
        var options = SolverOptions()
        options.presolve = false
        let solution = try backend.solve(Textbook.randomTransportation(supplies: 10, demands: 10), options: options)
        #expect(solution.status == .optimal)
        #expect(solution.iterations > 0)
        #expect(solution.solveTime > .zero)
    }

    @Test func verboseOutputGoesToTheLog() throws {
        let lines = LineCollector()
        var options = SolverOptions()
        options.verbose = true
        options.log = { lines.append($0) }
        _ = try backend.solve(Textbook.wyndor().model, options: options)
        #expect(lines.all.contains { $0.contains("OPTIMAL") }, "\(lines.all)")

        // Silent: the solve still happens, and neither the log nor the process's
        // standard streams see GLPK's report (its "OPTIMAL LP SOLUTION FOUND").
        let silent = LineCollector()
        options.verbose = false
        options.log = { silent.append($0) }
        let (solution, captured) = try capturingStandardStreams {
            try backend.solve(Textbook.wyndor().model, options: options)
        }
        #expect(solution.status == .optimal)
        #expect(solution.objectiveValue == 36)
        #expect(silent.all.isEmpty, "\(silent.all)")
        #expect(!captured.contains("OPTIMAL"), "\(captured)")
    }
}
