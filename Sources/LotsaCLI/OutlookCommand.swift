import ArgumentParser
import Foundation
import Lotsa

/// `lotsa outlook <scenario>`: fragile care areas — the scenario's year repeated at
/// unchanged conditions, relief capacity, queueing formulas, ranking and bands.
struct OutlookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outlook",
        abstract: "Repeat the scenario's year at unchanged conditions: load, trend, dependence, relief capacity, fragility ranking, uncertainty bands.")

    @Argument(help: "A scenario folder (with scenario.yaml) or the YAML file itself.")
    var scenario: String

    @Option(name: .long, help: "Years of the outlook, 1 to 3.")
    var years = 3

    @Option(name: .long, help: "Growth of referrals per specialty and administration: CSV specialty,administration,annual_growth.")
    var growth: String?

    @Option(name: .shortAndLong, help: "Output folder (default: out/<scenario name>-outlook).")
    var out: String?

    @Option(name: .long, help: "Sampled variants for P10/P50/P90 bands (0: none).")
    var samples = 0

    @Option(name: .long, help: "Seed of the sampled variants; the same seed gives the same bands.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "A YAML file of expectations on outlook.json paths (kpis.…); exit 1 with a table when one is not met.")
    var expect: String?

    @Flag(name: .long, help: "Leave relief capacity out (its columns then say 'not computed').")
    var noRelief = false

    @Flag(name: .long, help: "Compute relief capacity in every sampled variant too (about doubles each variant's time).")
    var reliefInSamples = false

    @OptionGroup var solve: SolveOptions

    func validate() throws {
        guard (1...3).contains(years) else { throw ValidationError("--years must be 1, 2 or 3, not \(years)") }
        guard (0...100_000).contains(samples) else { throw ValidationError("--samples must be between 0 and 100000, not \(samples)") }
        try solve.validate()
    }

    func run() throws {
        InterruptHandling.install()
        var options = OutlookRunOptions()
        options.years = years
        options.growthPath = growth
        options.outputDirectory = out.map { URL(fileURLWithPath: $0) }
        options.planner = solve.plannerOptions()
        options.samples = samples
        options.seed = seed
        options.relief = !noRelief
        options.reliefInSamples = reliefInSamples
        options.expectationsPath = expect
        if samples > 0, isatty(STDERR_FILENO) == 1 {
            let start = ContinuousClock.now
            options.progress = { done, total in
                let elapsed = ContinuousClock.now - start
                let seconds = Double(elapsed.components.seconds)
                FileHandle.standardError.write(Data(String(format: "\rvariants %d/%d  %.0f s", done, total, seconds).utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
        let report: OutlookReport
        do {
            report = try OutlookRun.run(scenarioPath: scenario, options: options)
        } catch {
            throw fail(error)
        }
        let tables = OutlookTables(outlook: report.outlook, analysis: report.analysis, bands: report.bands,
                                   options: options, growth: GrowthTable())  // growth is not printed
        print(tables.text())
        print("written to \(RunPrinter.displayPath(report.outputDirectory))")
        if solve.verbose {
            let lines = report.timings.map { "  \($0.0): \(RunPrinter.format($0.1))" }
            FileHandle.standardError.write(Data(("timings:\n" + lines.joined(separator: "\n") + "\n").utf8))
        }
        if let check = report.check {
            print(check.report(scenario: report.outlook.scenario.name + " outlook"))
            if !check.passed { throw fail(.expectationsNotMet(["outlook expectations not met"])) }
        }
    }
}
