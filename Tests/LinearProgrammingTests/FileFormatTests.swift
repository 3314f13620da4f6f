import Foundation
import LinearProgramming
import Testing
import TestSupport

@Suite("MPS and LP files")
struct FileFormatTests {
    /// Exercises every feature the writers must translate: maximisation, an
    /// objective constant, ranged, equality, ≥ and free rows, free, negative,
    /// fixed and unbounded columns, integer and binary columns, an empty
    /// column, names with spaces, brackets, keywords and clashes.
    static func awkwardModel(sense: ObjectiveSense) -> Model {
        var model = Model(name: "awkward model")
        let x = model.addVariable(name: "x", lower: -2, upper: 6)
        let y = model.addVariable(name: "y", lower: -.infinity, upper: 4)
        let z = model.addVariable(name: "ship[1,2]", lower: 1, upper: 1)
        let n = model.addVariable(name: "free", lower: 0, upper: 5.5, kind: .integer)
        let b = model.addVariable(name: "x", kind: .binary) // clashes with the first "x"
        let w = model.addVariable(lower: -.infinity, upper: .infinity)
        _ = model.addVariable(name: "unused", upper: 3) // appears nowhere
        let e = model.addVariable(name: "e1", lower: -1, upper: 1)
        model.addConstraint(x + y + z + n, .ranged(lower: -1, upper: 7.25), name: "range(row)")
        model.addConstraint(x - y + 0.1 * w == 1.5, name: "balance")
        model.addConstraint(w - n >= -3, name: "st")
        model.addConstraint(w + x <= 10, name: "c1") // clashes with default names
        model.addConstraint(w + b + x >= -100)
        model.addConstraint(LinearExpression(e), .lessOrEqual(.infinity), name: "free_row")
        model.addConstraint(x + e <= 6.5)
        var objective = 3 * x + 2 * y + 1.0 / 3 * z
        objective += 5 * n - 4 * b
        objective += 0.25 * w - e + 17.5
        model.objective = Objective(sense, objective)
        return model
    }

    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func mpsRoundTripThroughGlpsol(sense: ObjectiveSense) throws {
        let model = Self.awkwardModel(sense: sense)
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        let file = temporaryFile("awkward-\(sense).mps")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try MPSWriter.write(model, to: file)
        let reported = try #require(try Glpsol.objective(format: "--freemps", file: file))
        // Maximisation is written negated.
        let expected = sense == .maximize ? -solution.objectiveValue : solution.objectiveValue
        #expect(isClose(reported, expected, 1e-8), "glpsol \(reported) vs \(expected)")
    }

    @Test(arguments: [ObjectiveSense.minimize, .maximize])
    func lpRoundTripThroughGlpsol(sense: ObjectiveSense) throws {
        let model = Self.awkwardModel(sense: sense)
        let solution = try GLPKBackend().solve(model, options: SolverOptions())
        #expect(solution.status == .optimal)
        let file = temporaryFile("awkward-\(sense).lp")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try LPWriter.write(model, to: file)
        let reported = try #require(try Glpsol.objective(format: "--lp", file: file))
        #expect(isClose(reported, solution.objectiveValue, 1e-8), "glpsol \(reported) vs \(solution.objectiveValue)")
    }

    @Test func textbookModelsRoundTrip() throws {
        let models = [Textbook.wyndor().model, Textbook.diet().model, Textbook.transportation().model,
                      Textbook.knapsack().model, Textbook.randomTransportation(supplies: 7, demands: 9)]
        let directory = temporaryFile("textbook")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (k, model) in models.enumerated() {
            let optimum = try GLPKBackend().solve(model, options: SolverOptions()).objectiveValue
            let sign = model.objective.sense == .maximize ? -1.0 : 1.0
            let mps = directory.appendingPathComponent("m\(k).mps")
            try MPSWriter.write(model, to: mps)
            let fromMPS = try #require(try Glpsol.objective(format: "--freemps", file: mps))
            #expect(isClose(fromMPS, sign * optimum, 1e-8), "\(model.name) MPS")
            let lp = directory.appendingPathComponent("m\(k).lp")
            try LPWriter.write(model, to: lp)
            let fromLP = try #require(try Glpsol.objective(format: "--lp", file: lp))
            #expect(isClose(fromLP, optimum, 1e-8), "\(model.name) LP")
        }
    }

    /// A zero objective (a later tier with nothing to do in a block) is written as a
    /// zero term, not as `obj:` alone, which glpsol rejects (issue 10).
    @Test func zeroObjectiveIsReadByGlpsol() throws {
        var model = Textbook.wyndor().model
        model.objective = Objective(.minimize, LinearExpression())
        let text = LPWriter.write(model)
        #expect(!text.contains("obj:\n"))
        let file = temporaryFile("zero-objective.lp")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try LPWriter.write(model, to: file)
        let reported = try #require(try Glpsol.objective(format: "--lp", file: file), "glpsol rejected:\n\(text)")
        #expect(reported == 0)
    }

    /// Names the solver rejects (blanks) are still written as valid files.
    @Test func unsolvableNamesAreCleaned() throws {
        var model = Self.awkwardModel(sense: .minimize)
        model.setName("y y", for: Variable(index: 1))
        model.setName("", for: Constraint(index: 1))
        model.setName("range row", for: Constraint(index: 0))
        let optimum = try GLPKBackend().solve(Self.awkwardModel(sense: .minimize), options: SolverOptions())
        let mps = MPSWriter.write(model)
        #expect(!mps.contains("y y"))
        #expect(mps.contains(" y_y "))
        let file = temporaryFile("blank-names.mps")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try MPSWriter.write(model, to: file)
        let fromMPS = try #require(try Glpsol.objective(format: "--freemps", file: file))
        #expect(isClose(fromMPS, optimum.objectiveValue, 1e-8))
        let lpFile = temporaryFile("blank-names.lp")
        try LPWriter.write(model, to: lpFile)
        let fromLP = try #require(try Glpsol.objective(format: "--lp", file: lpFile))
        #expect(isClose(fromLP, optimum.objectiveValue, 1e-8))
    }

    /// Determinism across processes is FileFormatGoldenTests' job; this checks the
    /// details that matter most one by one, so a failure names the rule broken.
    @Test func outputIsExact() {
        let model = Self.awkwardModel(sense: .maximize)
        let mps = MPSWriter.write(model)
        #expect(mps.contains("0.3333333333333333"))      // full precision
        #expect(mps.contains("'MARKER'"))
        #expect(mps.contains(" RHS obj -17.5"))           // maximisation negated
        let lp = LPWriter.write(model)
        #expect(lp.contains("Maximize"))
        #expect(lp.contains("objective_constant = 1"))
        #expect(lp.contains("range(row)_upper:"))
        #expect(lp.contains("ship_1,2_"))
        #expect(lp.contains(" _free"))                     // keyword escaped
        #expect(lp.contains(" x_1"))                       // clash resolved
        #expect(lp.contains(" _e1"))                       // would read as an exponent
    }
}
