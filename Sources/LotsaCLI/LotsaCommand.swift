import ArgumentParser
import Foundation
import Lotsa

/// `lotsa`: batch planning and optimisation of waiting lists for a healthcare region.
@main
struct LotsaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lotsa",
        abstract: "Plan waiting-list patients across a region's sites and contract providers.",
        discussion: """
        Exit codes: 0 success; 1 `check` found KPIs outside their tolerance; 3 no plan \
        satisfies the scenario (infeasible or unbounded, explained in its terms); 4 the solver \
        stopped (time limit or numerical trouble); 64 bad command line; 65 bad input data \
        (the message names file, line and field); 66 a named file or folder does not exist; \
        70 internal error; 73 outputs could not be written; 130 interrupted.
        """,
        version: "0.1.0",
        subcommands: [PlanCommand.self, PeriodiseCommand.self, CheckCommand.self, RunCommand.self,
                      CompareCommand.self, ReportCommand.self, ReplanCommand.self, FollowupCommand.self,
                      ValidateCommand.self, AssessCommand.self, OutlookCommand.self, GenerateCommand.self,
                      BenchmarkCommand.self, BenchmarkSizeCommand.self]
    )
}

/// Options every solving command shares.
struct SolveOptions: ParsableArguments {
    @Option(name: .long, help: "Stop a block's solve after this many seconds (the run then fails with exit 4).")
    var timeLimit: Double?

    @Option(name: .long, help: "Blocks (specialties) solved at once; default: the number of cores.")
    var threads: Int?

    @Flag(name: .long, help: "Solve all specialties as one LP (slower; the tier values are the same).")
    var monolithic = false

    @Flag(name: .shortAndLong, help: "Print timings and GLPK's own output to standard error.")
    var verbose = false

    @Option(name: .long, help: "Simplex variant for the first tier (primal or dual); the tier values do not depend on it.")
    var method: SimplexMethod = .dual

    @Option(name: .long, help: """
        automatic (min-cost flow where the costs allow, else simplex), network or simplex. The tier values \
        do not depend on it, but the published missiv and delivery plans may: the optimum is not unique, \
        and each algorithm returns one of the optimal plans (docs/optimal-plan.md §4).
        """)
    var algorithm: PlannerOptions.Algorithm = .automatic
}

extension PlannerOptions.Algorithm: ExpressibleByArgument {}

enum SimplexMethod: String, ExpressibleByArgument, CaseIterable {
    case primal, dual
}

extension SolveOptions {
    /// A bad number on the command line is a usage error (exit 64), never a trap.
    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 1_000_000) {
            throw ValidationError("--time-limit must be a number of seconds above 0 and at most 1000000, not \(timeLimit)")
        }
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1, not \(threads)")
        }
        if monolithic && algorithm == .network {
            throw ValidationError("--monolithic solves one LP with the simplex; it cannot be combined with --algorithm network")
        }
    }

    func plannerOptions() -> PlannerOptions {
        var options = PlannerOptions()
        if let timeLimit { options.solver.timeLimit = .milliseconds(Int64(timeLimit * 1000)) }
        if let threads { options.parallelism = max(1, threads) }
        options.monolithic = monolithic
        options.algorithm = algorithm
        options.solver.verbose = verbose
        switch method {
        case .primal: options.solver.method = .primalSimplex
        case .dual: options.solver.method = .dualSimplex
        }
        return options
    }
}

/// Prints a failure the way compilers do and exits with its documented code.
func fail(_ error: LotsaError) -> ExitCode {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    return ExitCode(error.exitCode)
}

/// Removes half-written output folders when the user presses Ctrl-C or the job is killed.
enum InterruptHandling {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                // The registry's lock stays held until the process ends, so that no
                // output folder is half moved into place. `_exit` skips atexit
                // handlers, which could race with the solver threads still running.
                StagingRegistry.shared.removeAll {
                    FileHandle.standardError.write(Data("lotsa: interrupted; earlier outputs are left as they were\n".utf8))
                    _exit(130)
                }
            }
            source.resume()
            sources.append(source)
        }
    }
}
