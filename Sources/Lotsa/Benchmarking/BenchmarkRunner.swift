import Foundation
import LinearProgramming

/// What `lotsa benchmark` runs.
public struct BenchmarkConfiguration: Sendable {
    public var sizes: [ScenarioGenerator.Preset] = [.small, .region]
    public var seed: UInt64 = 1
    /// Solve the monolithic first-tier LP with HiGHS as the reference.
    public var highs = true
    /// Generated scenarios, plan outputs, measurements and MPS files go here.
    public var workDirectory = URL(fileURLWithPath: "Benchmarks/out")
    /// Planner threads; nil: the planner's default (the number of cores).
    public var threads: Int?
    /// Per-solve time limit of the planner, in seconds.
    public var timeLimit: Double?
    public var python = "python3"
    public var highsScript = URL(fileURLWithPath: "Benchmarks/highs_reference.py")
    public var highsTimeLimit: Double?
    public var highsThreads: Int?
    /// GiB of address space HiGHS may use (it fails rather than exhausting the machine).
    public var highsMemoryLimit: Double?
    /// Pass the solver's log through (to standard error).
    public var verbose = false
    /// The LEMON reference driver; nil: no LEMON comparison.
    public var lemonDriver: URL?
    /// Where each size's block networks go (in `<size>-seed<N>/`); nil: the size's folder, `networks/`.
    public var networkRoot: URL?
    /// Also plan each size with `policy: max_transfer_km` set to this (a second result).
    public var maxTransferKm: Double?
    /// Sizes compared with LEMON (when a driver is given).
    public var lemonSizes: Set<String> = ["S", "M"]

    public init() {}
}

/// HiGHS's answer for the monolithic first-tier LP (Benchmarks/highs_reference.py).
public struct HiGHSReference: Codable, Sendable {
    public var version: String?
    public var rows: Int?
    public var columns: Int?
    public var nonzeros: Int?
    public var readSeconds: Double?
    public var runSeconds: Double?
    public var modelStatus: String?
    public var objective: Double?
    public var simplexIterations: Int?
    public var ipmIterations: Int?
    public var peakMemoryBytes: Int?
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case version, rows, columns, nonzeros, objective, error
        case readSeconds = "read_seconds", runSeconds = "run_seconds", modelStatus = "model_status"
        case simplexIterations = "simplex_iterations", ipmIterations = "ipm_iterations"
        case peakMemoryBytes = "peak_memory_bytes"
    }
}

/// One size's outcome.
public struct BenchmarkSizeResult: Codable, Sendable {
    public var size: String
    public var seed: UInt64
    public var directory: String
    public var generateSeconds: Double
    public var administrations: Int
    public var sites: Int
    public var specialties: Int
    public var contractProviders: Int
    public var contracts: Int
    public var periods: Int
    public var measurement: BenchmarkMeasurement?
    /// Why there is no measurement (the run failed).
    public var failure: String?
    public var highs: HiGHSReference?
    /// Why HiGHS was not run or gave no answer.
    public var highsSkipped: String?
    /// LEMON on the same block networks, and why not when it did not run.
    public var lemon: LEMONComparison?
    public var lemonSkipped: String?
    /// Load averages at the start and end of the size's run.
    public var loadBefore: [Double]?
    public var loadAfter: [Double]?

    /// HiGHS's time for the monolithic first-tier LP / our end-to-end time (> 1: we are faster).
    public var ratio: Double? {
        guard let run = highs?.runSeconds, highs?.modelStatus == "Optimal", let ours = measurement?.endToEnd,
              ours > 0 else { return nil }
        return run / ours
    }

    /// Our first-step optimum, with the constant HiGHS's file leaves out.
    public var ourFirstTier: Double? { measurement?.steps.first?.value }

    /// Whether HiGHS's objective equals ours within 1e-6 (relative, absolute below 1).
    public var objectivesAgree: Bool? {
        guard let theirs = highs?.objective, highs?.modelStatus == "Optimal", let ours = ourFirstTier else { return nil }
        let total = theirs + (measurement?.mps?.objectiveConstant ?? 0)
        return abs(total - ours) <= 1e-6 * max(1, abs(ours), abs(total))
    }
}

/// `lotsa benchmark`: generate each size, plan it end to end in a process of its
/// own, and compare with HiGHS on the monolithic first-tier LP.
public enum BenchmarkRunner {
    /// Runs every size in `configuration`. `executable` is the `lotsa` binary,
    /// re-invoked with the hidden `_benchmark-size` command per size; `report`
    /// receives each size's text as soon as it is done, `progress` short notes.
    public static func run(_ configuration: BenchmarkConfiguration, executable: URL,
                           report: (String) -> Void, progress: (String) -> Void) -> [BenchmarkSizeResult] {
        var results: [BenchmarkSizeResult] = []
        if let driver = configuration.lemonDriver, !FileManager.default.isExecutableFile(atPath: driver.path) {
            progress("LEMON reference: \(driver.path) is not an executable (scripts/benchmark builds it)")
        }
        let highsProblem = configuration.highs ? highsUnavailable(configuration) : "disabled (--no-highs)"
        if configuration.highs, let highsProblem { progress("HiGHS reference: \(highsProblem); skipped") }
        for preset in configuration.sizes {
            var result = runSize(preset, configuration: configuration, executable: executable,
                                 highs: highsProblem == nil, progress: progress)
            result.loadAfter = LoadAverage.now()
            if result.highsSkipped == nil, highsProblem != nil { result.highsSkipped = highsProblem }
            report(text(result))
            results.append(result)
            if let limit = configuration.maxTransferKm {
                var capped = runSize(preset, configuration: configuration, executable: executable, highs: false,
                                     maxTransferKm: limit, progress: progress)
                capped.loadAfter = LoadAverage.now()
                capped.highsSkipped = "not run for the max_transfer_km line"
                report(text(capped))
                results.append(capped)
            }
        }
        if results.count > 1 { report(table(results)) }
        return results
    }

    static func runSize(_ preset: ScenarioGenerator.Preset, configuration: BenchmarkConfiguration, executable: URL,
                        highs: Bool, maxTransferKm: Double? = nil, progress: (String) -> Void) -> BenchmarkSizeResult {
        let clock = ContinuousClock()
        let name = "\(preset.name)-seed\(configuration.seed)" + (maxTransferKm.map { "-max\(NumberFormat.csv($0))km" } ?? "")
        let directory = configuration.workDirectory.appendingPathComponent(name).standardizedFileURL
        var result = BenchmarkSizeResult(size: preset.name, seed: configuration.seed, directory: directory.path,
                                         generateSeconds: 0, administrations: 0, sites: 0, specialties: 0,
                                         contractProviders: 0, contracts: 0, periods: preset.periods)
        result.loadBefore = LoadAverage.now()
        progress("\(preset.name): generating into \(directory.path)")
        let start = clock.now
        if let refusal = BenchmarkWorkFolder.refusal(directory) {
            result.failure = refusal
            return result
        }
        do {
            if FileManager.default.fileExists(atPath: directory.path) { try FileManager.default.removeItem(at: directory) }
            let generated = try ScenarioGenerator(preset: preset, seed: configuration.seed).write(to: directory)
            try BenchmarkWorkFolder.mark(directory)
            result.administrations = generated.administrations
            result.sites = generated.sites
            result.specialties = generated.specialties
            result.contractProviders = generated.contractProviders
            result.contracts = generated.contracts
            if let maxTransferKm {
                try ScenarioGenerator.limitTransfers(scenario: directory.appendingPathComponent("scenario"), kilometres: maxTransferKm)
            }
        } catch {
            result.failure = "could not write the generated scenario: \(error)"
            return result
        }
        result.generateSeconds = BenchmarkMeasurement.seconds(clock.now - start)

        // The plan, in a process of its own.
        let json = directory.appendingPathComponent("measurement.json")
        let mps = directory.appendingPathComponent("tier1-monolithic.mps")
        var arguments = ["_benchmark-size", "--size", preset.name,
                         "--scenario", directory.appendingPathComponent("scenario").path,
                         "--out", directory.appendingPathComponent("out").path, "--json", json.path]
        if highs { arguments += ["--mps", mps.path] }
        let networks = configuration.networkRoot.map { $0.appendingPathComponent(name) }
            ?? directory.appendingPathComponent("networks")
        // LEMON (and the replay it is compared with) only for the sizes asked for, and
        // not on the max_transfer_km line: at L the two replays would take longer than the plan.
        let lemonWanted = configuration.lemonSizes.contains(preset.name) && maxTransferKm == nil
        let lemon = configuration.lemonDriver.flatMap { FileManager.default.isExecutableFile(atPath: $0.path) ? $0 : nil }
            .flatMap { lemonWanted ? $0 : nil }
        if lemon != nil || configuration.networkRoot != nil { arguments += ["--write-network", networks.path] }
        if let threads = configuration.threads { arguments += ["--threads", String(threads)] }
        if let limit = configuration.timeLimit { arguments += ["--time-limit", String(limit)] }
        if configuration.verbose { arguments.append("--verbose") }
        progress("\(preset.name): planning (\(executable.lastPathComponent) \(arguments.joined(separator: " ")))")
        do {
            let status = try execute(executable, arguments, standardOutput: FileHandle.standardError).status
            guard status == 0 else {
                result.failure = "the measuring process exited with status \(status) (its messages are above)"
                return result
            }
            result.measurement = try JSONDecoder().decode(BenchmarkMeasurement.self, from: Data(contentsOf: json))
            result.measurement?.maxTransferKm = maxTransferKm
        } catch {
            result.failure = "could not run the measuring process: \(error)"
            return result
        }
        if let lemon, let replay = result.measurement?.networkReplay {
            progress("\(preset.name): LEMON on the block networks in \(replay.directory)")
            do {
                result.lemon = try LEMONComparison.run(driver: lemon, replay: replay)
            } catch {
                result.lemonSkipped = "\(error)"
            }
        } else {
            result.lemonSkipped = configuration.lemonDriver == nil ? "no --lemon-driver (scripts/benchmark passes it)"
                : !lemonWanted ? (maxTransferKm == nil ? "not run for \(preset.name) (--lemon-sizes)" : "not run for the max_transfer_km line")
                : "\(configuration.lemonDriver!.path) is not an executable"
        }

        guard highs else { return result }
        progress("\(preset.name): HiGHS on the monolithic first-tier LP")
        var highsArguments = [configuration.highsScript.path, mps.path]
        if let limit = configuration.highsTimeLimit { highsArguments += ["--time-limit", String(limit)] }
        if let threads = configuration.highsThreads { highsArguments += ["--threads", String(threads)] }
        if let limit = configuration.highsMemoryLimit { highsArguments += ["--memory-limit", String(limit)] }
        highsArguments += ["--log", directory.appendingPathComponent("highs.log").path]
        do {
            let pipe = Pipe()
            let (status, output) = try execute(URL(fileURLWithPath: "/usr/bin/env"), [configuration.python] + highsArguments,
                                               standardOutput: pipe)
            let line = String(decoding: output ?? Data(), as: UTF8.self)
                .split(separator: "\n").last(where: { $0.hasPrefix("{") }) ?? ""
            let reference = try? JSONDecoder().decode(HiGHSReference.self, from: Data(line.utf8))
            result.highs = reference
            if let error = reference?.error {
                result.highsSkipped = error
            } else if reference == nil {
                result.highsSkipped = "highs_reference.py exited with status \(status) without a result"
            }
        } catch {
            result.highsSkipped = "could not run \(configuration.python): \(error)"
        }
        return result
    }

    /// Why HiGHS cannot be run here, or nil when it can.
    static func highsUnavailable(_ configuration: BenchmarkConfiguration) -> String? {
        guard FileManager.default.fileExists(atPath: configuration.highsScript.path) else {
            return "\(configuration.highsScript.path) not found (run from the repository root or pass --highs-script)"
        }
        do {
            let (status, _) = try execute(URL(fileURLWithPath: "/usr/bin/env"),
                                          [configuration.python, "-c", "import highspy"],
                                          standardOutput: FileHandle.nullDevice, standardError: FileHandle.nullDevice)
            return status == 0 ? nil : "highspy is not installed for \(configuration.python) (pip install highspy)"
        } catch {
            return "\(configuration.python) could not be started: \(error)"
        }
    }

    /// Runs a program to its end; with a `Pipe` as standard output, returns what it wrote.
    @discardableResult
    static func execute(_ executable: URL, _ arguments: [String], standardOutput: Any,
                        standardError: Any? = nil) throws -> (status: Int32, output: Data?) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = standardOutput
        if let standardError { process.standardError = standardError }
        try process.run()
        // Read before waiting, so a full pipe cannot block the child.
        let output = (standardOutput as? Pipe)?.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    // MARK: Text

    static let sizeNames = ["S": "one administration, one specialty", "M": "region", "L": "country"]

    /// The figures of one size, as `lotsa benchmark` prints them.
    public static func text(_ result: BenchmarkSizeResult) -> String {
        var lines: [String] = []
        let title = sizeNames[result.size].map { "\(result.size) (\($0))" } ?? result.size
        let capped = result.measurement?.maxTransferKm.map { ", policy max_transfer_km \(NumberFormat.csv($0))" } ?? ""
        lines.append("== \(title), seed \(result.seed)\(capped) ==")
        lines.append("load average  \(LoadAverage.text(result.loadBefore)) at the start, \(LoadAverage.text(result.loadAfter)) at the end")
        lines.append("scenario      \(result.administrations) administrations, \(result.sites) sites, "
                     + "\(result.specialties) specialties, \(result.contractProviders) contract providers "
                     + "(\(result.contracts) contracts), \(result.periods) weeks")
        lines.append("generated in  \(secondsText(result.generateSeconds)) into \(result.directory) (not part of the run)")
        guard let m = result.measurement else {
            lines.append("FAILED: \(result.failure ?? "no measurement")")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append("problem       \(m.cohorts) cohorts, \(m.offers) provider offers, \(m.waiting) waiting, "
                     + "\(m.referrals) referrals")
        lines.append("model         \(m.blocks) blocks; rows \(m.rows), columns \(m.columns), nonzeros \(m.nonzeros)")
        lines.append("read inputs              \(secondsText(m.read))")
        let share = m.solveSum > 0 ? m.buildSum / m.solveSum : 0
        lines.append("build model (sum)        \(secondsText(m.buildSum))   \(percent(share)) of solve (sum)")
        lines.append("solve per step           sum over blocks   slowest block")
        for step in m.steps {
            lines.append("  \(pad(step.name, 22)) \(secondsText(step.solveSum))      \(secondsText(step.solveMaxBlock))")
        }
        lines.append("  \(pad("all steps", 22)) \(secondsText(m.solveSum))")
        lines.append("build and solve (wall)   \(secondsText(m.buildAndSolveWall))   \(m.threads) threads")
        // The steady weeks of the missiv (SteadySpread): on L as long as the allocation.
        if let periodise = m.laps.first(where: { $0.name == "periodise" }) {
            lines.append("periodise (wall)         \(secondsText(periodise.seconds))   (steady weeks of the missiv)")
        }
        lines.append("write outputs            \(secondsText(m.write))   (publish, verify, evaluate, write files)")
        lines.append("end to end (wall)        \(secondsText(m.endToEnd))"
                     + (m.endToEndCPU.map { "   (CPU \(secondsText($0)), all threads)" } ?? ""))
        lines.append("peak memory              \(memoryText(m.peakMemoryBytes))   (VmHWM of the measuring process)")
        if let h = result.highs, result.highsSkipped == nil {
            let size = m.mps.map { "rows \($0.rows), columns \($0.columns), nonzeros \($0.nonzeros); MPS "
                + memoryText($0.bytes) + " written in " + secondsText($0.writeSeconds) } ?? ""
            lines.append("HiGHS \(h.version ?? "?") on the monolithic \(m.mps?.tier ?? "first-tier") LP (\(size))")
            lines.append("  read \(secondsText(h.readSeconds ?? 0)), solve \(secondsText(h.runSeconds ?? 0)), "
                         + "status \(h.modelStatus ?? "?"), \(h.simplexIterations ?? 0) simplex / "
                         + "\(h.ipmIterations ?? 0) IPM iterations, peak memory \(memoryText(h.peakMemoryBytes))")
            let ours = result.ourFirstTier.map { number($0) } ?? "?"
            let theirs = h.objective.map { number($0 + (m.mps?.objectiveConstant ?? 0)) } ?? "?"
            let agree = result.objectivesAgree.map { $0 ? "equal (rel 1e-6)" : "DIFFERENT" } ?? "not comparable"
            lines.append("  objective \(theirs) vs ours \(ours): \(agree)")
            if let ratio = result.ratio {
                lines.append("  ratio HiGHS first tier / our end to end: \(String(format: "%.2f", ratio))")
            } else if let run = h.runSeconds, h.modelStatus == "Time limit reached", m.endToEnd > 0 {
                lines.append("  ratio HiGHS first tier / our end to end: more than \(String(format: "%.2f", run / m.endToEnd)) "
                             + "(HiGHS stopped at its time limit)")
            }
        } else {
            lines.append("HiGHS reference: \(result.highsSkipped ?? "not run")")
        }
        if let lemon = result.lemon {
            lines.append(contentsOf: lemon.text(firstStepName: m.steps.first?.name ?? "first"))
        } else {
            lines.append("LEMON reference: \(result.lemonSkipped ?? "not run")")
        }
        lines.append(contentsOf: targets(result).map { "target: " + $0 })
        return lines.joined(separator: "\n") + "\n"
    }

    /// The issue's targets that apply to this size, each with met / NOT met.
    static func targets(_ result: BenchmarkSizeResult) -> [String] {
        guard let m = result.measurement else { return [] }
        func verdict(_ met: Bool) -> String { met ? "met" : "NOT met" }
        var lines: [String] = []
        let share = m.solveSum > 0 ? m.buildSum / m.solveSum : 0
        lines.append("model building < 10% of solve time: \(percent(share)) — \(verdict(share < 0.1))")
        if result.size == "M" {
            if let ratio = result.ratio {
                lines.append("M end to end < HiGHS first tier alone: ratio \(String(format: "%.2f", ratio)) — \(verdict(ratio > 1))")
            } else {
                lines.append("M end to end < HiGHS first tier alone: no HiGHS figure")
            }
        }
        if result.size == "M", let lemon = result.lemon {
            if let ratio = lemon.firstRatio {
                let cpu = lemon.firstCPURatio.map { String(format: " (CPU time ratio %.2f)", $0) } ?? ""
                lines.append("M step 1 Lotsa ≤ LEMON: ratio \(String(format: "%.2f", ratio)) — \(verdict(ratio <= 1))\(cpu)")
            }
            if let ratio = lemon.allRatio {
                let cpu = lemon.allCPURatio.map { String(format: " (CPU time ratio %.2f)", $0) } ?? ""
                lines.append("M all steps Lotsa ≤ 0.6 × LEMON cold start: ratio \(String(format: "%.2f", ratio)) — \(verdict(ratio <= 0.6))\(cpu)")
            }
        }
        if result.size == "L", m.maxTransferKm == nil {
            let cpu = m.endToEndCPU.map { " (CPU \(secondsText($0)), load average \(LoadAverage.text(result.loadAfter)))" } ?? ""
            lines.append("L end to end < 60 s: \(secondsText(m.endToEnd)) — \(verdict(m.endToEnd < 60))\(cpu)")
            if let peak = m.peakMemoryBytes {
                lines.append("L peak memory < 1 GiB: \(memoryText(peak)) — \(verdict(peak < 1 << 30))")
            }
        }
        return lines
    }

    /// One line per size, for comparing sizes at a glance.
    public static func table(_ results: [BenchmarkSizeResult]) -> String {
        var lines = ["size      read     build     solve   b+s wall     write  end2end  peak MiB       rows    columns   nonzeros   HiGHS t1   ratio  obj  LEMON t1 ratio  all ratio"]
        for r in results {
            guard let m = r.measurement else {
                lines.append("\(pad(r.size, 4))  failed")
                continue
            }
            let highs = r.highs?.runSeconds.map { String(format: "%9.2f", $0) } ?? "        -"
            let ratio = r.ratio.map { String(format: "%7.2f", $0) } ?? "      -"
            let agree = r.objectivesAgree.map { $0 ? "=" : "DIFF" } ?? "-"
            lines.append(pad(r.size, 4) + String(format: " %8.2f %9.2f %9.2f %10.2f %9.2f %8.2f %9.1f %10ld %10ld %10ld  ",
                                                 m.read, m.buildSum, m.solveSum, m.buildAndSolveWall, m.write, m.endToEnd,
                                                 Double(m.peakMemoryBytes ?? 0) / 1_048_576, m.rows, m.columns, m.nonzeros)
                         + highs + " " + ratio + "  " + pad(agree, 4)
                         + (r.lemon?.firstRatio.map { String(format: "  %14.2f", $0) } ?? "               -")
                         + (r.lemon?.allRatio.map { String(format: " %10.2f", $0) } ?? "          -")
                         + (r.measurement?.maxTransferKm.map { "  (max_transfer_km \(NumberFormat.csv($0)))" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func secondsText(_ seconds: Double) -> String { String(format: "%8.3f s", seconds) }

    static func memoryText(_ bytes: Int?) -> String {
        guard let bytes else { return "n/a" }
        return bytes >= 1 << 30 ? String(format: "%.2f GiB", Double(bytes) / 1_073_741_824)
            : String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    static func percent(_ share: Double) -> String { String(format: "%.2f %%", 100 * share) }

    static func number(_ value: Double) -> String { String(format: "%.6f", value) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
