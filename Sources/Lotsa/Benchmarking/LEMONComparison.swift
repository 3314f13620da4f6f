import Foundation
import LinearProgramming

/// Lotsa's network simplex and LEMON's (Benchmarks/lemon/lemon_reference.cpp) on the
/// same exported block networks, one block at a time, every lexicographic step with
/// the same optimal-face fixing between steps.
///
/// Why a replay and not the plan's own step times: the plan solves blocks in
/// parallel, so on a busy machine its per-block times include waiting for a core.
/// The replay runs in the measuring process right after the plan, each block on one
/// thread, as the LEMON driver does right after it.
public struct NetworkReplay: Codable, Sendable {
    /// One block: each step's optimum and solve time.
    public struct Block: Codable, Sendable {
        public var specialty: String
        public var stepNames: [String]
        public var values: [Double]
        public var seconds: [Double]
        /// CPU seconds of each step (the solving thread's).
        public var cpuSeconds: [Double]? = nil
    }

    public var directory: String
    public var blocks: [Block]
    /// /proc/loadavg's three averages before and after the replay.
    public var loadBefore: [Double]?
    public var loadAfter: [Double]?

    /// Exports every block's network to `directory` (through ``OutputFolder``), then
    /// solves each exportable block with ``NetworkSimplex`` and times its steps.
    public static func run(problem: PlanningProblem, directory: URL) throws -> NetworkReplay {
        let folder = try OutputFolder(destination: directory, inputs: .none)
        try NetworkExport.write(problem: problem, to: folder)
        try folder.commit()
        let before = LoadAverage.now()
        var blocks: [Block] = []
        for block in NetworkExport.blocks(of: problem) where block.exportable {
            let costs = zip(block.costs, block.factors).map { scaled, factor in scaled.map { Double($0) / factor! } }
            // Started from the planner's start plan, as in the plan, whose time counts in step 1.
            var solution = try NetworkSimplex().solveLexicographic(block.network, costs: costs, start: block.start.flow)
            solution.countInFirstStep(block.start)
            blocks.append(Block(specialty: block.specialty, stepNames: block.stepNames, values: solution.values,
                                seconds: solution.stepTimes.map(BenchmarkMeasurement.seconds),
                                cpuSeconds: solution.stepCPUTimes))
        }
        return NetworkReplay(directory: directory.path, blocks: blocks, loadBefore: before, loadAfter: LoadAverage.now())
    }
}

/// The machine's load averages (1, 5, 15 minutes), beside every timing.
public enum LoadAverage {
    public static func now() -> [Double]? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ").prefix(3).compactMap { Double($0) }
        return fields.count == 3 ? fields : nil
    }

    public static func text(_ values: [Double]?) -> String {
        values.map { $0.map { String(format: "%.2f", $0) }.joined(separator: " ") } ?? "n/a"
    }
}

/// LEMON's answer for the same networks, and the comparison.
public struct LEMONComparison: Codable, Sendable {
    public struct Block: Codable, Sendable {
        public struct Step: Codable, Sendable {
            public var name: String
            public var value: Double
            public var seconds: Double
            /// CPU time of the same `run()` call (the driver's `cpu_seconds`).
            public var cpuSeconds: Double?

            enum CodingKeys: String, CodingKey {
                case name, value, seconds
                case cpuSeconds = "cpu_seconds"
            }
        }
        public var specialty: String
        public var status: String
        public var steps: [Step]
    }

    public var blocks: [Block]
    public var loadBefore: [Double]?
    public var loadAfter: [Double]?
    /// Summed over blocks: step 1 and all steps, Lotsa's and LEMON's.
    public var lotsaFirst: Double
    public var lotsaAll: Double
    public var lemonFirst: Double
    public var lemonAll: Double
    /// The same sums in CPU time (nil when a side did not report it).
    public var lotsaFirstCPU: Double? = nil
    public var lotsaAllCPU: Double? = nil
    public var lemonFirstCPU: Double? = nil
    public var lemonAllCPU: Double? = nil
    /// Blocks × steps compared, and those whose optima differ (beyond 1e-6 relative).
    public var compared: Int
    public var differences: [String]

    public var firstRatio: Double? { lemonFirst > 0 ? lotsaFirst / lemonFirst : nil }
    public var allRatio: Double? { lemonAll > 0 ? lotsaAll / lemonAll : nil }
    public var firstCPURatio: Double? {
        guard let ours = lotsaFirstCPU, let theirs = lemonFirstCPU, theirs > 0 else { return nil }
        return ours / theirs
    }
    public var allCPURatio: Double? {
        guard let ours = lotsaAllCPU, let theirs = lemonAllCPU, theirs > 0 else { return nil }
        return ours / theirs
    }

    /// Runs the driver on the replay's directory and compares it with the replay.
    public static func run(driver: URL, replay: NetworkReplay) throws -> LEMONComparison {
        let before = LoadAverage.now()
        let pipe = Pipe()
        let (status, output) = try BenchmarkRunner.execute(driver, [replay.directory], standardOutput: pipe)
        let after = LoadAverage.now()
        guard status == 0 else {
            throw LotsaError.internalError("\(driver.path) exited with status \(status)")
        }
        let decoder = JSONDecoder()
        let blocks = try String(decoding: output ?? Data(), as: UTF8.self).split(separator: "\n")
            .filter { $0.hasPrefix("{") }
            .map { try decoder.decode(Block.self, from: Data($0.utf8)) }
        return compare(replay: replay, lemon: blocks, loadBefore: before, loadAfter: after)
    }

    static func compare(replay: NetworkReplay, lemon: [Block], loadBefore: [Double]?, loadAfter: [Double]?) -> LEMONComparison {
        var result = LEMONComparison(blocks: lemon, loadBefore: loadBefore, loadAfter: loadAfter, lotsaFirst: 0, lotsaAll: 0,
                                     lemonFirst: 0, lemonAll: 0, compared: 0, differences: [])
        let theirs = Dictionary(lemon.map { ($0.specialty, $0) }, uniquingKeysWith: { first, _ in first })
        var cpu: [Double]? = [0, 0, 0, 0]
        for block in replay.blocks {
            result.lotsaFirst += block.seconds.first ?? 0
            result.lotsaAll += block.seconds.reduce(0, +)
            if let ours = block.cpuSeconds { cpu?[0] += ours.first ?? 0; cpu?[1] += ours.reduce(0, +) } else { cpu = nil }
            guard let other = theirs[block.specialty], other.status == "optimal" else {
                result.differences.append("\(block.specialty): LEMON gave no optimum")
                continue
            }
            result.lemonFirst += other.steps.first?.seconds ?? 0
            result.lemonAll += other.steps.reduce(0) { $0 + $1.seconds }
            let theirCPU = other.steps.compactMap(\.cpuSeconds)
            if theirCPU.count == other.steps.count { cpu?[2] += theirCPU.first ?? 0; cpu?[3] += theirCPU.reduce(0, +) } else { cpu = nil }
            guard other.steps.count == block.values.count else {
                result.differences.append("\(block.specialty): \(other.steps.count) LEMON steps for \(block.values.count)")
                continue
            }
            for (k, step) in other.steps.enumerated() {
                result.compared += 1
                let ours = block.values[k]
                if abs(step.value - ours) > 1e-6 * max(1, abs(ours)) {
                    result.differences.append("\(block.specialty) step \(k + 1) \(step.name): LEMON \(step.value), Lotsa \(ours)")
                }
            }
        }
        if let cpu {
            result.lotsaFirstCPU = cpu[0]; result.lotsaAllCPU = cpu[1]
            result.lemonFirstCPU = cpu[2]; result.lemonAllCPU = cpu[3]
        }
        return result
    }

    /// The lines `lotsa benchmark` prints.
    public func text(firstStepName: String) -> [String] {
        func ratio(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        var lines = ["LEMON NetworkSimplex (block search, cold start each step) vs Lotsa (warm start), same networks, one block at a time:"]
        lines.append("  \(BenchmarkRunner.pad("step 1 (\(firstStepName))", 28)) Lotsa \(BenchmarkRunner.secondsText(lotsaFirst))"
                     + "   LEMON \(BenchmarkRunner.secondsText(lemonFirst))   ratio \(ratio(firstRatio))")
        lines.append("  \(BenchmarkRunner.pad("all steps", 28)) Lotsa \(BenchmarkRunner.secondsText(lotsaAll))"
                     + "   LEMON \(BenchmarkRunner.secondsText(lemonAll))   ratio \(ratio(allRatio))")
        if let ours = lotsaFirstCPU, let theirs = lemonFirstCPU, let oursAll = lotsaAllCPU, let theirsAll = lemonAllCPU {
            lines.append("  \(BenchmarkRunner.pad("CPU time: step 1", 28)) Lotsa \(BenchmarkRunner.secondsText(ours))"
                         + "   LEMON \(BenchmarkRunner.secondsText(theirs))   ratio \(ratio(firstCPURatio))")
            lines.append("  \(BenchmarkRunner.pad("CPU time: all steps", 28)) Lotsa \(BenchmarkRunner.secondsText(oursAll))"
                         + "   LEMON \(BenchmarkRunner.secondsText(theirsAll))   ratio \(ratio(allCPURatio))")
        }
        if differences.isEmpty {
            lines.append("  step optima: equal in all \(compared) block steps")
        } else {
            lines.append("  step optima: \(differences.count) DIFFERENT: " + differences.prefix(3).joined(separator: "; "))
        }
        lines.append("  load average during LEMON: \(LoadAverage.text(loadBefore)) -> \(LoadAverage.text(loadAfter))")
        return lines
    }
}
