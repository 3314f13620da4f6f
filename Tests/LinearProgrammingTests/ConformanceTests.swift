@testable import LinearProgramming
import Testing

/// The same textbook problems through every solver path, in the spirit of
/// MathOptInterface's conformance tests.
@Suite("Backend conformance")
struct ConformanceTests {
    enum Variant: String, CaseIterable, CustomTestStringConvertible {
        case primal, primalNoPresolve, dual, dualNoPresolve, interiorPoint, integerOptimizer

        var options: SolverOptions {
            var options = SolverOptions()
            switch self {
            case .primal: break
            case .primalNoPresolve: options.presolve = false
            case .dual: options.method = .dualSimplex
            case .dualNoPresolve:
                options.method = .dualSimplex
                options.presolve = false
            case .interiorPoint: options.method = .interiorPoint
            case .integerOptimizer: options.alwaysUseIntegerOptimizer = true
            }
            return options
        }

        var hasDuals: Bool { self != .integerOptimizer }
        /// Interior-point results are accurate to its own tolerance only.
        var tolerance: Double { self == .interiorPoint ? 1e-6 : 1e-9 }
        var testDescription: String { rawValue }
    }

    @Test(arguments: Variant.allCases)
    func wyndor(variant: Variant) throws {
        let (model, x, y, rows) = Textbook.wyndor()
        let solution = try GLPKBackend().solve(model, options: variant.options)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 36, variant.tolerance))
        #expect(isClose(solution[x], 2, variant.tolerance))
        #expect(isClose(solution[y], 6, variant.tolerance))
        if variant.hasDuals {
            #expect(zip(rows, [0.0, 1.5, 1]).allSatisfy { isClose(solution.dual(of: $0), $1, variant.tolerance) })
        } else {
            #expect(solution.rowDuals.isEmpty)
        }
    }

    @Test(arguments: Variant.allCases)
    func diet(variant: Variant) throws {
        let (model, foods, nutrients) = Textbook.diet()
        let solution = try GLPKBackend().solve(model, options: variant.options)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 6.8, variant.tolerance))
        #expect(isClose(solution[foods[0]], 1.6, variant.tolerance))
        #expect(isClose(solution[foods[1]], 1.2, variant.tolerance))
        if variant.hasDuals {
            #expect(isClose(solution.dual(of: nutrients[0]), 1.4, variant.tolerance))
            #expect(isClose(solution.dual(of: nutrients[1]), 0.2, variant.tolerance))
        }
    }

    @Test(arguments: Variant.allCases)
    func transportation(variant: Variant) throws {
        let (model, _) = Textbook.transportation()
        let solution = try GLPKBackend().solve(model, options: variant.options)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objectiveValue, 465, variant.tolerance))
    }

    @Test(arguments: Variant.allCases)
    func infeasible(variant: Variant) throws {
        let solution = try GLPKBackend().solve(Textbook.infeasible(), options: variant.options)
        #expect(solution.status == .infeasible)
    }

    @Test(arguments: Variant.allCases)
    func unbounded(variant: Variant) throws {
        let solution = try GLPKBackend().solve(Textbook.unbounded(), options: variant.options)
        #expect(solution.status == .unbounded)
    }

    @Test(arguments: Variant.allCases)
    func lexicographic(variant: Variant) throws {
        let (model, objectives, v) = LexicographicTests.model()
        let result = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: variant.options,
                                                          strategy: .optimalFace())
        #expect(result.status == .optimal)
        #expect(isClose(result.steps[0].value, 12, 1e-6))
        #expect(isClose(result.solution[v[1]], 2, 1e-6))
    }
}
