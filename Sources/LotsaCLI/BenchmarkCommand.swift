import ArgumentParser
import Foundation
import Lotsa

/// `lotsa benchmark`: region- and country-scale timings, with HiGHS as the reference.
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark",
        abstract: "Generate scenarios of each size, plan them end to end and compare with HiGHS.",
        discussion: """
        For each size: generate the scenario (lotsa generate), plan it end to end in a process \
        of its own (so the peak memory is that size's), then export the monolithic first-tier LP \
        as MPS and solve it with HiGHS (python3 Benchmarks/highs_reference.py, needs highspy). \
        Run from the repository root, in a release build (scripts/benchmark does both). \
        Benchmarks/README.md explains every figure.
        """)

    @Option(name: .long, help: "Sizes to run, comma-separated: S, M, L.")
    var sizes: String = "S,M"

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Flag(name: .long, inversion: .prefixedNo, help: "Solve the monolithic first-tier LP with HiGHS as the reference.")
    var highs = true

    @Option(name: .long, help: "Folder for generated scenarios, outputs, measurements and MPS files.")
    var work: String = "Benchmarks/out"

    @Option(name: .long, help: "Planner threads (blocks solved at once); default: the number of cores.")
    var threads: Int?

    @Option(name: .long, help: "Planner time limit per solve, in seconds.")
    var timeLimit: Double?

    @Option(name: .long, help: "HiGHS time limit, in seconds.")
    var highsTimeLimit: Double?

    @Option(name: .long, help: "HiGHS threads option; default: HiGHS's choice.")
    var highsThreads: Int?

    @Option(name: .long, help: "GiB of memory HiGHS may use (it then fails instead of exhausting the machine).")
    var highsMemoryLimit: Double?

    @Option(name: .long, help: "The LEMON reference driver (scripts/benchmark builds it from Benchmarks/lemon/lemon_reference.cpp).")
    var lemonDriver: String?

    @Option(name: .long, help: "Sizes compared with LEMON (comma-separated; each replays every block twice, long at L).")
    var lemonSizes: String = "S,M"

    @Option(name: .long, help: "Write each size's block networks (DIMACS, every step's costs) under this folder, in <size>-seed<N>/; default: the size's work folder, networks/.")
    var writeNetwork: String?

    @Option(name: .long, help: "Also plan each size with this policy: max_transfer_km (a second line per size).")
    var maxTransferKm: Double?

    @Option(name: .long, help: "The reference script.")
    var highsScript: String = "Benchmarks/highs_reference.py"

    @Option(name: .long, help: "Python interpreter with highspy.")
    var python: String = "python3"

    @Option(name: .long, help: "Also write every figure as JSON to this file.")
    var json: String?

    @Flag(name: .shortAndLong, help: "Show the solver's log of every block (standard error), to follow long runs.")
    var verbose = false

    func presets() throws -> [ScenarioGenerator.Preset] {
        try sizes.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let preset = ScenarioGenerator.Preset.named(trimmed) else {
                throw ValidationError("unknown size '\(trimmed)' in --sizes; expected S, M and/or L")
            }
            return preset
        }
    }

    func validate() throws {
        guard try !presets().isEmpty else { throw ValidationError("--sizes names no size") }
    }

    func run() throws {
        var configuration = BenchmarkConfiguration()
        configuration.sizes = try presets()
        configuration.seed = seed
        configuration.highs = highs
        configuration.workDirectory = URL(fileURLWithPath: work)
        configuration.threads = threads
        configuration.timeLimit = timeLimit
        configuration.highsTimeLimit = highsTimeLimit
        configuration.highsThreads = highsThreads
        configuration.highsMemoryLimit = highsMemoryLimit
        configuration.highsScript = URL(fileURLWithPath: highsScript)
        configuration.python = python
        configuration.verbose = verbose
        configuration.lemonDriver = lemonDriver.map { URL(fileURLWithPath: $0) }
        configuration.networkRoot = writeNetwork.map { URL(fileURLWithPath: $0) }
        configuration.maxTransferKm = maxTransferKm
        configuration.lemonSizes = Set(lemonSizes.split(separator: ",").map { String($0).uppercased() })
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let results = BenchmarkRunner.run(configuration, executable: executable, report: { text in
            // Unbuffered, so each size appears as soon as it is done (also when piped).
            FileHandle.standardOutput.write(Data((text + "\n").utf8))
        }, progress: { note in
            FileHandle.standardError.write(Data("benchmark: \(note)\n".utf8))
        })
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(results).write(to: URL(fileURLWithPath: json))
        }
        if results.contains(where: { $0.measurement == nil }) { throw ExitCode(1) }
    }
}

/// `lotsa _benchmark-size`: one size's measurement, in a process of its own (hidden;
/// `lotsa benchmark` runs it).
struct BenchmarkSizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_benchmark-size",
        abstract: "Plan one generated scenario and write its measurement as JSON (used by `benchmark`).",
        shouldDisplay: false)

    @Option var size: String
    @Option var scenario: String
    @Option var out: String
    @Option var json: String
    @Option var mps: String?
    @Option var writeNetwork: String?
    @Option var threads: Int?
    @Option var timeLimit: Double?
    @Flag var verbose = false

    func run() throws {
        var planner = PlannerOptions()
        planner.solver.verbose = verbose
        if let threads { planner.parallelism = max(1, threads) }
        if let timeLimit { planner.solver.timeLimit = .milliseconds(Int64(timeLimit * 1000)) }
        let measurement: BenchmarkMeasurement
        do {
            measurement = try BenchmarkMeasurement.measure(
                size: size, scenarioPath: scenario, outputDirectory: URL(fileURLWithPath: out), planner: planner,
                mpsPath: mps.map { URL(fileURLWithPath: $0) }, networkPath: writeNetwork.map { URL(fileURLWithPath: $0) })
        } catch let error as LotsaError {
            throw fail(error)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(70)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(measurement).write(to: URL(fileURLWithPath: json))
    }
}
