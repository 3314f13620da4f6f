import ArgumentParser
import Foundation
import Lotsa

/// `lotsa assess <report.csv> --scenario <scenario>`: the capacity-shortage mode.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Classify the daily operating-room report (klarar allt / klarar ej 30 dagar / klarar ej 14 dagar), "
            + "propose a redistribution and a prioritisation list.",
        discussion: "Writes assessment.json, classification.csv, redistribution.csv, prioritisation.csv, "
            + "rooms_needed.csv, checklist.csv and assessment.txt. With --expect, exit 1 when a figure is outside "
            + "its tolerance.")

    @Argument(help: "The daily report (CSV, ',' or ';').")
    var report: String

    @Option(name: .long, help: "The scenario: region model, waiting list with target dates, policy.")
    var scenario: String

    @Option(name: .long, help: "Assessment date (day 1), YYYY-MM-DD; default: the report's date, else the scenario's horizon start.")
    var date: String?

    @Option(name: .long, help: "Days assessed, 30 to 60.")
    var days: Int = 30

    @Option(name: .shortAndLong, help: "Output folder (default: out/<scenario>-assess-<date>).")
    var out: String?

    @Option(name: .long, help: "A YAML file with `expectations:` checked against assessment.json (as lotsa check does).")
    var expect: String?

    @OptionGroup var solve: SolveOptions

    func validate() throws {
        try solve.validate()
        guard AssessRunOptions.dayRange.contains(days) else {
            throw ValidationError("--days must be from 30 to 60, not \(days)")
        }
        if let date, Day(iso: date) == nil {
            throw ValidationError("--date must be a date like 2026-10-05, not \(date)")
        }
    }

    func run() throws {
        InterruptHandling.install()
        var options = AssessRunOptions()
        options.date = date.flatMap { Day(iso: $0) }
        options.days = days
        options.outputDirectory = out.map { URL(fileURLWithPath: $0) }
        options.planner = solve.plannerOptions()
        let result: AssessRunReport
        let expectations: [Expectation]
        do {
            expectations = try expect.map { path throws(LotsaError) in try AssessRun.expectations(path: path) } ?? []
            result = try AssessRun.run(reportPath: report, scenarioPath: scenario, options: options)
        } catch {
            throw fail(error)
        }
        print(AssessmentTables.printed(result.assessment))
        print("\nwritten to \(RunPrinter.displayPath(result.outputDirectory))")
        if expect != nil {
            let outcome = ExpectationCheck.evaluate(expectations, summary: result.json)
            print(outcome.report(scenario: "assess"))
            if !outcome.passed { throw fail(.expectationsNotMet(["expectations not met: assess"])) }
        }
    }
}
