import Foundation
import LinearProgramming

/// The figures of one benchmark size, measured in a process of its own (so that
/// `peakMemoryBytes`, the process's high-water mark, belongs to this size alone).
///
/// Every time is in seconds. Times named `…Sum` add up the blocks (specialties),
/// which the planner solves in parallel; `…Wall` is elapsed time.
public struct BenchmarkMeasurement: Codable, Sendable {
    /// One lexicographic step (a tier, or `weighted`).
    public struct Step: Codable, Sendable {
        public var name: String
        /// The LP optimum of the step, summed over blocks.
        public var value: Double
        /// Solve time summed over blocks.
        public var solveSum: Double
        /// The slowest block's solve time of this step.
        public var solveMaxBlock: Double
    }

    /// One phase as `PlanRun` times it (`read inputs`, `build and solve`, `write outputs`).
    public struct Lap: Codable, Sendable {
        public var name: String
        public var seconds: Double
    }

    /// The monolithic first-tier LP written for the reference solver.
    public struct MPSExport: Codable, Sendable {
        public var path: String
        public var tier: String
        /// The objective's constant, left out of the file (readers disagree on its sign).
        public var objectiveConstant: Double
        public var rows: Int
        public var columns: Int
        public var nonzeros: Int
        public var bytes: Int
        public var buildSeconds: Double
        public var writeSeconds: Double
    }

    public var size: String
    public var scenario: String
    public var threads: Int
    public var blocks: Int
    public var cohorts: Int
    public var offers: Int
    public var waiting: Int
    public var referrals: Int
    /// Summed over blocks (the monolithic LP has the same size).
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    public var laps: [Lap]
    /// PlanRun's `read inputs`: scenario and model files to a ``PlanningProblem``.
    public var read: Double
    /// Model building summed over blocks.
    public var buildSum: Double
    /// Solving (every step) summed over blocks.
    public var solveSum: Double
    /// PlanRun's `build and solve`: elapsed time of the whole planner call.
    public var buildAndSolveWall: Double
    public var steps: [Step]
    /// PlanRun's `write outputs`: publishing the integral plan, checking and
    /// evaluating it, and writing every output file.
    public var write: Double
    /// Everything `PlanRun.run` does, from reading the scenario to the last file.
    public var endToEnd: Double
    /// VmHWM of the measuring process, taken right after the run.
    public var peakMemoryBytes: Int?
    /// CPU time (user + system, every thread) of the same run: on a shared machine
    /// the wall time includes waiting for a core, this much less.
    public var endToEndCPU: Double? = nil
    public var mps: MPSExport?
    /// Every block's network exported and re-solved one block at a time (for LEMON).
    public var networkReplay: NetworkReplay?
    /// The max_transfer_km the scenario was planned with (nil: the generated policy).
    public var maxTransferKm: Double?
}

extension BenchmarkMeasurement {
    /// The process's peak resident set size (VmHWM in /proc/self/status; Linux only).
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
        return kilobytes * 1024
    }

    /// Runs the plan of `scenarioPath` end to end (reading, planning, writing to
    /// `outputDirectory`) and collects its figures; then, when `mpsPath` is given,
    /// writes the monolithic LP of the first tier there (after the peak memory is taken).
    ///
    /// Whatever the planner does is what is measured: the run goes through
    /// ``PlanRun/run(scenarioPath:options:)`` with the given planner options.
    public static func measure(size: String, scenarioPath: String, outputDirectory: URL, planner: PlannerOptions,
                               mpsPath: URL?, networkPath: URL? = nil) throws -> BenchmarkMeasurement {
        var options = PlanRunOptions()
        options.outputDirectory = outputDirectory
        options.planner = planner
        let clock = ContinuousClock()
        let start = clock.now, startCPU = CPUClock.process()
        let report = try PlanRun.run(scenarioPath: scenarioPath, options: options)
        let endToEnd = seconds(clock.now - start)
        let endToEndCPU = CPUClock.process() - startCPU
        let peak = peakResidentBytes()

        let result = report.result
        let problem = result.problem
        let laps = report.timings.map { Lap(name: $0.0, seconds: seconds($0.1)) }
        func lap(_ name: String) -> Double { laps.first { $0.name == name }?.seconds ?? 0 }
        var steps: [Step] = []
        for block in result.blocks {
            for (k, step) in block.steps.enumerated() {
                let time = k < block.stepTimes.count ? seconds(block.stepTimes[k]) : 0
                if k < steps.count {
                    steps[k].value += step.value
                    steps[k].solveSum += time
                    steps[k].solveMaxBlock = max(steps[k].solveMaxBlock, time)
                } else {
                    steps.append(Step(name: step.name, value: step.value, solveSum: time, solveMaxBlock: time))
                }
            }
        }
        var measurement = BenchmarkMeasurement(
            size: size, scenario: report.scenario.name, threads: planner.parallelism, blocks: result.blocks.count,
            cohorts: problem.cohorts.count, offers: problem.offers.count,
            waiting: problem.cohorts.reduce(0) { $0 + $1.available[0] },
            referrals: problem.cohorts.reduce(0) { $0 + $1.total - $1.available[0] },
            rows: result.blocks.reduce(0) { $0 + $1.rows }, columns: result.blocks.reduce(0) { $0 + $1.columns },
            nonzeros: result.blocks.reduce(0) { $0 + $1.nonzeros },
            laps: laps, read: lap("read inputs"),
            buildSum: result.blocks.reduce(0) { $0 + seconds($1.buildTime) },
            solveSum: result.blocks.reduce(0) { $0 + seconds($1.solveTime) },
            buildAndSolveWall: lap("build and solve"), steps: steps, write: lap("write outputs"),
            endToEnd: endToEnd, peakMemoryBytes: peak, endToEndCPU: endToEndCPU, mps: nil)
        if let mpsPath {
            measurement.mps = try exportFirstTier(problem: problem, to: mpsPath)
        }
        if let networkPath {
            measurement.networkReplay = try NetworkReplay.run(problem: problem, directory: networkPath)
        }
        return measurement
    }

    /// Writes the monolithic LP (all specialties in one model) with the first
    /// tier of the policy as its objective, in free MPS, for a reference solver.
    public static func exportFirstTier(problem: PlanningProblem, to url: URL) throws -> MPSExport {
        let clock = ContinuousClock()
        let start = clock.now
        let formulation = BlockFormulation(problem: problem, block: .monolithic(of: problem))
        var model = formulation.model
        let first = formulation.objectives(policy: problem.policy)[0]
        var expression = first.expression
        let constant = expression.constant
        expression.constant = 0
        model.objective = Objective(.minimize, expression)
        let built = clock.now
        try MPSWriter.write(model, to: url)
        let written = clock.now
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        let bytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        return MPSExport(path: url.path, tier: first.name, objectiveConstant: constant,
                         rows: model.constraintCount, columns: model.variableCount, nonzeros: model.nonzeroCount,
                         bytes: bytes, buildSeconds: seconds(built - start), writeSeconds: seconds(written - built))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}
