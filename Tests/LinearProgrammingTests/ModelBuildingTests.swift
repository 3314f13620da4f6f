import LinearProgramming
import Testing

@Suite("Model building")
struct ModelBuildingTests {
    @Test func operatorsBuildAffineExpressions() {
        var model = Model()
        let x = model.addVariable()
        let y = model.addVariable()
        var e = 3 * x + y * 2 - x + 5
        e += 4 * y
        e -= 1
        e = 2 * e
        let values: [Double] = [10, 100]
        let solution = Solution(status: .optimal, objectiveValue: 0, values: values)
        // 2·(3x + 2y − x + 5 + 4y − 1) = 4x + 12y + 8
        #expect(solution.value(of: e) == 4 * 10 + 12 * 100 + 8)
        #expect(solution.value(of: -(x - y) + 1) == 91)
        #expect(solution.value(of: .sum([x, y, x])) == 120)
    }

    @Test func repeatedColumnsAreSummedInOneRow() {
        var model = Model()
        let x = model.addVariable()
        let y = model.addVariable()
        let z = model.addVariable()
        model.addConstraint(columns: [2, 0, 2, 1, 0], coefficients: [1, 2, 3, 4, 5], .lessOrEqual(1))
        model.addConstraint(x + y + x - 2 * z <= 3)
        let matrix = model.matrix
        #expect(matrix.rowCount == 2)
        #expect(matrix.rowStart == [0, 3, 6])
        #expect(Array(matrix.row(0).map { $0.0 }) == [2, 0, 1])
        #expect(Array(matrix.row(0).map { $0.1 }) == [4, 7, 4])
        #expect(Array(matrix.row(1).map { $0.0 }) == [0, 1, 2])
        #expect(Array(matrix.row(1).map { $0.1 }) == [2, 1, -2])
        #expect(model.nonzeroCount == 6)
    }

    @Test func constantMovesToTheRightHandSide() {
        var model = Model()
        let x = model.addVariable()
        let c1 = model.addConstraint(x + 5 <= 8)
        let c2 = model.addConstraint(2 * x - 1 == 3)
        let c3 = model.addConstraint(x + 1, .ranged(lower: 0, upper: 10))
        #expect(model.bound(of: c1) == .lessOrEqual(3))
        #expect(model.bound(of: c2) == .equal(4))
        #expect(model.bound(of: c3) == .ranged(lower: -1, upper: 9))
    }

    @Test func bulkVariablesAreConsecutiveAndNamedByDefault() {
        var model = Model()
        let a = model.addVariable(name: "a")
        let first = model.addVariables(count: 3, lower: -1, upper: 2, kind: .integer)
        #expect(first.index == 1)
        #expect(model.variableCount == 4)
        #expect(model.name(of: a) == "a")
        #expect(model.name(of: Variable(index: 3)) == "x4")
        #expect(model.bounds(of: Variable(index: 2)) == (-1, 2))
        #expect(model.kind(of: Variable(index: 3)) == .integer)
        #expect(model.hasIntegerVariables)
        let c = model.addConstraint(a <= 1)
        #expect(model.name(of: c) == "c1")
        model.setName("cap", for: c)
        #expect(model.name(of: c) == "cap")
    }

    @Test func modelIsAValue() {
        var original = Model()
        let x = original.addVariable()
        original.addConstraint(x <= 1)
        var copy = original
        copy.addConstraint(x >= 0)
        copy.setBounds(x, lower: 0, upper: 5)
        #expect(original.constraintCount == 1)
        #expect(copy.constraintCount == 2)
        #expect(original.bounds(of: x) == (0, .infinity))
    }

    @Test func transposeIsColumnWise() {
        let model = Textbook.wyndor().model
        let columns = model.matrix.transposed()
        #expect(columns.rowCount == 2)
        #expect(Array(columns.row(0).map { $0.0 }) == [0, 2]) // x: plant1, plant3
        #expect(Array(columns.row(1).map { $0.1 }) == [2, 2]) // y: 2 in plant2, 2 in plant3
    }
}
