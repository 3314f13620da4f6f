import Foundation
import LinearProgramming
import Testing
@testable import Lotsa

/// Solver faults and interrupts end a run with a clear status and leave the
/// earlier outputs exactly as they were, with no hidden staging folder.
/// End to end: these run the built `lotsa` binary.
@Suite(.serialized) struct RunRobustnessTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Big enough that a run takes seconds in a debug build: 670 cohorts, 53 weeks.
    static let baseline = repository.appendingPathComponent("Scenarios/vgr-2026-baseline").path
    static let tiny = BadInputCorpusTests.fixtures.appendingPathComponent("valid-tiny").path

    /// A folder holding `plan/`, the outputs of two successful runs of the tiny
    /// scenario (the second replaced the first), and a snapshot of them.
    func earlierOutputs() throws -> (root: URL, destination: URL, files: [String: Data]) {
        let root = try LotsaProcess.temporaryFolder("robust")
        let destination = root.appendingPathComponent("plan")
        for _ in 0..<2 {
            let run = try LotsaProcess.run(["plan", Self.tiny, "--out", destination.path])
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["plan"])
        let files = try LotsaProcess.snapshot(destination)
        #expect(files.keys.contains("summary.json"))
        return (root, destination, files)
    }

    func expectUntouched(_ earlier: (root: URL, destination: URL, files: [String: Data])) throws {
        // Only `plan/`: no `.plan.partial-…` or `.plan.old-…` next to it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.root.path) == ["plan"])
        #expect(try LotsaProcess.snapshot(earlier.destination) == earlier.files)
    }

    @Test func aTimeLimitFailsWithExit4AndKeepsEarlierOutputs() throws {
        let earlier = try earlierOutputs()
        defer { try? FileManager.default.removeItem(at: earlier.root) }
        let run = try LotsaProcess.run(["plan", Self.baseline, "--threads", "1", "--time-limit", "0.001",
                                        "--out", earlier.destination.path])
        #expect(run.status == 4, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("error: the time limit was reached in specialty "), "\(run.stderr)")
        #expect(run.stderr.contains("no plan was published (raise --time-limit)"))
        try expectUntouched(earlier)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptExits130AndKeepsEarlierOutputs(signal: Int32) throws {
        let earlier = try earlierOutputs()
        defer { try? FileManager.default.removeItem(at: earlier.root) }
        let run = try LotsaProcess.run(["plan", Self.baseline, "--threads", "1", "--out", earlier.destination.path],
                                       signal: (signal, .seconds(1)))
        #expect(!run.killedBySignal, "the signal was not handled: \(run.stderr)")
        #expect(run.status == 130, "\(run.stderr)")
        #expect(run.stderr.contains("lotsa: interrupted; earlier outputs are left as they were"))
        try expectUntouched(earlier)
    }

    /// What the interrupt handler does, in process: staging folders go, and a
    /// commit after it fails without losing the earlier outputs.
    @Test func removingStagingFoldersKeepsTheDestination() throws {
        let earlier = try earlierOutputs()
        defer { try? FileManager.default.removeItem(at: earlier.root) }
        let registry = StagingRegistry()
        let folder = try OutputFolder(destination: earlier.destination, inputs: .none, registry: registry)
        try folder.write("half", to: "summary.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: earlier.root.path).count == 2)
        var finished = false
        registry.removeAll { finished = true }
        #expect(finished)
        try expectUntouched(earlier)
        #expect(throws: OutputError.self) { try folder.commit() }
        try expectUntouched(earlier)
    }
}

/// Numerical trouble that GLPK's retries (safer settings: standard basis, scaling,
/// primal simplex without presolve) do not resolve fails the run with exit 4.
@Suite struct SolverFaultTests {
    /// GLPK itself, but every lexicographic solve reports numerical failure in
    /// its second step, as GLPKProblem.runSimplex does when the retry fails too.
    struct TroubledBackend: SolverBackend {
        func solve(_ model: Model, options: SolverOptions) throws(SolverError) -> Solution {
            try GLPKBackend().solve(model, options: options)
        }

        func solveLexicographic(_ model: Model, objectives: [NamedObjective], options: SolverOptions,
                                strategy: LexicographicStrategy) throws(SolverError) -> LexicographicSolution {
            let real = try GLPKBackend().solveLexicographic(model, objectives: objectives, options: options,
                                                            strategy: strategy)
            return LexicographicSolution(steps: Array(real.steps.prefix(1)), status: .numericalFailure,
                                         failedStep: objectives[1].name, solution: real.solution)
        }
    }

    @Test func numericalFailureIsExit4WithTheTierNamed() throws {
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: RunRobustnessTests.tiny))
        do {
            // The backend is only used by the simplex path.
            var options = PlannerOptions()
            options.algorithm = .simplex
            _ = try Planner.solve(problem, options: options, backend: TroubledBackend())
            Issue.record("the planner accepted a failed solve")
        } catch {
            let failure = LotsaError.planning(error)
            #expect(failure.exitCode == 4)
            #expect(failure.description.contains("while minimising other_region_volume, also after retrying with safer settings"),
                    "\(failure)")
        }
    }
}
