import LinearProgramming
import Testing

@Suite("Lexicographic solves")
struct LexicographicTests {
    /// x + y ≥ 2, x, y, z ≤ 3. Tier 1 minimises x + y + z + 10 (optimum 12 on
    /// the face x + y = 2, z = 0); tier 2 minimises x − 2y − z, which alone
    /// would take y = 3, z = 3, but within tier 1's optimal set picks (0, 2, 0).
    static func model() -> (Model, [NamedObjective], [Variable]) {
        var model = Model(name: "tiers")
        let x = model.addVariable(name: "x", upper: 3)
        let y = model.addVariable(name: "y", upper: 3)
        let z = model.addVariable(name: "z", upper: 3)
        let cover = model.addConstraint(x + y >= 2, name: "cover")
        _ = cover
        let objectives = [
            NamedObjective(name: "primary", expression: x + y + z + 10),
            NamedObjective(name: "secondary", expression: x - 2 * y - z),
        ]
        return (model, objectives, [x, y, z])
    }

    @Test(arguments: [LexicographicStrategy.optimalFace(), .objectiveBound()])
    func secondTierChangesThePlanButNotTheFirstValue(strategy: LexicographicStrategy) throws {
        let (model, objectives, v) = Self.model()
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                          strategy: strategy)
        #expect(result.status == .optimal)
        #expect(result.failedStep == nil)
        #expect(result.steps.map(\.name) == ["primary", "secondary"])
        #expect(isClose(result.steps[0].value, 12))
        #expect(isClose(result.steps[1].value, -4, 1e-6))
        let plan = result.solution
        #expect(isClose(plan[v[0]], 0, 1e-6))
        #expect(isClose(plan[v[1]], 2, 1e-6))
        #expect(isClose(plan[v[2]], 0, 1e-6))
        // The first tier keeps its optimum in the final plan.
        #expect(isClose(plan.value(of: objectives[0].expression), 12, 1e-6))
        // Tier 2 alone would prefer a different point.
        var alone = model
        alone.objective = Objective(.minimize, objectives[1].expression)
        let unconstrained = try GLPKBackend().solve(alone, options: SolverOptions())
        #expect(isClose(unconstrained.objectiveValue, -9))
        // Duals of the first tier are kept: cover has dual 1.
        #expect(isClose(result.steps[0].solution.dual(of: Constraint(index: 0)), 1))
    }

    @Test(arguments: [LexicographicStrategy.optimalFace(), .objectiveBound()])
    func infeasibleFirstStepReportsItsName(strategy: LexicographicStrategy) throws {
        let model = Textbook.infeasible()
        let objectives = [NamedObjective(name: "only", expression: LinearExpression(Variable(index: 0)))]
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                          strategy: strategy)
        #expect(result.status == .infeasible)
        #expect(result.failedStep == "only")
        #expect(result.steps.count == 1)
    }

    @Test func unboundedSecondStep() throws {
        var model = Model()
        let x = model.addVariable(upper: 5)
        let y = model.addVariable()
        let objectives = [NamedObjective(name: "a", expression: 1.0 * x),
                          NamedObjective(name: "b", expression: -1.0 * y)]
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                          strategy: .optimalFace())
        #expect(result.status == .unbounded)
        #expect(result.failedStep == "b")
        #expect(result.steps.count == 2)
        #expect(result.steps[0].value == 0)
    }

    @Test func integerModelUsesObjectiveBounds() throws {
        // Tier 1: maximise knapsack value (minimise its negation) = −22; tier 2:
        // minimise the number of items among optimal packings.
        let (model, items) = Textbook.knapsack()
        let objectives = [NamedObjective(name: "value", expression: -1 * model.objective.expression),
                          NamedObjective(name: "count", expression: .sum(items))]
        for strategy in [LexicographicStrategy.optimalFace(), .objectiveBound()] {
            let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: SolverOptions(),
                                                              strategy: strategy)
            #expect(result.status == .optimal)
            #expect(isClose(result.steps[0].value, -22, 1e-6))
            #expect(isClose(result.steps[1].value, 3, 1e-6))
        }
    }

    /// The budget is for the whole lexicographic solve, not for each step: ten
    /// steps that together need about twice the limit stop part-way, after the
    /// first. A per-step budget would let every step finish, since each step
    /// takes a small fraction of the limit.
    @Test func stepsShareOneTimeBudget() throws {
        let model = Textbook.randomTransportation(supplies: 60, demands: 60)
        var state: UInt64 = 99
        var objectives = [NamedObjective(name: "first", expression: LinearExpression(Variable(index: 0)))]
        for k in 1 ... 9 {
            var cost = LinearExpression()
            for variable in model.variables {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                cost.add(variable, Double(1 + (state >> 33) % 50))
            }
            objectives.append(NamedObjective(name: "cost\(k)", expression: cost))
        }
        var options = SolverOptions()
        options.presolve = false
        let clock = ContinuousClock()
        let untimedStart = clock.now
        let untimed = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                           strategy: .objectiveBound())
        let untimedDuration = untimedStart.duration(to: clock.now)
        #expect(untimed.status == .optimal)
        #expect(untimed.steps.count == 10)

        options.timeLimit = untimedDuration / 2
        let timed = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                         strategy: .objectiveBound())
        #expect(timed.status == .timeLimit)
        let failed = try #require(timed.failedStep)
        #expect(failed != "first", "the budget ran out in step 1, so sharing was not shown")
        #expect(timed.steps.count >= 2 && timed.steps.count < 10, "\(timed.steps.map(\.name))")
    }

    /// A limit far below what step 1 needs stops step 1.
    @Test func timeLimitStopsTheFirstStep() throws {
        let model = Textbook.randomTransportation(supplies: 120, demands: 120)
        let objectives = [NamedObjective(name: "cost", expression: model.objective.expression),
                          NamedObjective(name: "first", expression: LinearExpression(Variable(index: 0)))]
        var options = SolverOptions()
        options.presolve = false
        options.timeLimit = .milliseconds(30)
        let clock = ContinuousClock()
        let start = clock.now
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                          strategy: .optimalFace())
        #expect(result.status == .timeLimit)
        #expect(result.failedStep == "cost")
        #expect(start.duration(to: clock.now) < .seconds(5))
    }

    @Test func needsAnObjective() {
        let (kind, _) = errorKind {
            _ = try GLPKBackend().solveLexicographic(Model(), objectives: [], options: SolverOptions(),
                                                     strategy: .optimalFace())
        }
        #expect(kind == .invalidModel)
    }
}

@Suite("Lexicographic warm start")
struct LexicographicWarmStartTests {
    /// Later steps start from the previous optimal basis, so they need far
    /// fewer iterations than the first; appended bound rows stay internal.
    @Test(arguments: [LexicographicStrategy.optimalFace(), .objectiveBound()])
    func laterStepsWarmStart(strategy: LexicographicStrategy) throws {
        let model = Textbook.randomTransportation(supplies: 30, demands: 30)
        let firstRow = model.expression(of: Constraint(index: 0))
        let objectives = [NamedObjective(name: "cost", expression: model.objective.expression),
                          NamedObjective(name: "spread", expression: -1 * firstRow)]
        var options = SolverOptions()
        options.presolve = false
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                          strategy: strategy)
        #expect(result.status == .optimal)
        let alone = try GLPKBackend().solve(model, options: options)
        #expect(isClose(result.steps[0].value, alone.objectiveValue))
        #expect(isClose(result.solution.value(of: model.objective.expression), alone.objectiveValue, 1e-6))
        #expect(result.steps[0].solution.iterations > 0)
        #expect(result.steps[1].solution.iterations * 4 < result.steps[0].solution.iterations)
        #expect(result.steps[1].solution.rowDuals.count == model.constraintCount)
    }
}
