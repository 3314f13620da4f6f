import LinearProgramming
import Testing

@Suite("Validation")
struct ValidationTests {
    func expectInvalid(_ model: Model, mentioning fragment: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let (kind, message) = errorKind { _ = try GLPKBackend().solve(model, options: SolverOptions()) }
        #expect(kind == .invalidModel, sourceLocation: sourceLocation)
        #expect(message.contains(fragment), "\(message)", sourceLocation: sourceLocation)
    }

    @Test func nanCoefficientIsRejectedNamingTheRow() {
        var model = Model()
        let x = model.addVariable(name: "x")
        model.addConstraint(Double.nan * x <= 1, name: "broken")
        expectInvalid(model, mentioning: "'broken' (row 1)")
    }

    @Test func infiniteCoefficientIsRejected() {
        var model = Model()
        let x = model.addVariable()
        model.addConstraint(x <= 1)
        model.addConstraint(Double.infinity * x >= 0)
        expectInvalid(model, mentioning: "row 2")
    }

    @Test func invertedBoundsAreRejectedNamingTheColumn() {
        var model = Model()
        model.addVariable(name: "stock", lower: 5, upper: 1)
        expectInvalid(model, mentioning: "'stock' (column 1)")
    }

    @Test func nonIntegerRangeIsRejected() {
        var model = Model()
        model.addVariable(lower: 0.2, upper: 0.8, kind: .integer)
        expectInvalid(model, mentioning: "no integer value")
    }

    @Test func badRowBoundsAreRejected() {
        var model = Model()
        let x = model.addVariable()
        model.addConstraint(LinearExpression(x), .ranged(lower: 3, upper: 2))
        expectInvalid(model, mentioning: "exceeds")
        var infiniteEquality = Model()
        let y = infiniteEquality.addVariable()
        infiniteEquality.addConstraint(y == .infinity)
        expectInvalid(infiniteEquality, mentioning: "+infinity")
    }

    @Test func badColumnIndexIsRejected() {
        var model = Model()
        model.addVariable()
        model.addConstraint(columns: [0, 7], coefficients: [1, 1], .lessOrEqual(1))
        expectInvalid(model, mentioning: "column 7")
        var objective = Model()
        objective.addVariable()
        objective.objective = Objective(.minimize, LinearExpression(indices: [-1], coefficients: [1]))
        expectInvalid(objective, mentioning: "objective")
    }

    @Test func nanObjectiveIsRejected() {
        var model = Model()
        let x = model.addVariable()
        model.objective = Objective(.minimize, x + .nan)
        expectInvalid(model, mentioning: "constant")
    }

    @Test func unusableNamesAreRejected() {
        for name in ["", "with space", String(repeating: "n", count: 256), "tab\tname"] {
            var model = Model()
            model.addVariable(name: name)
            expectInvalid(model, mentioning: "name")
        }
        var model = Model()
        model.addVariable(name: String(repeating: "n", count: 255))
        #expect(throws: Never.self) { try model.validate() }
    }
}
