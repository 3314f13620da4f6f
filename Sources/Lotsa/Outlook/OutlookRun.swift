import Foundation
import LinearProgramming

/// Options of one `lotsa outlook` run.
public struct OutlookRunOptions: Sendable {
    public var years = 3
    /// A growth file (``GrowthTable``); nil: the forecast as it is every year.
    public var growthPath: String?
    public var outputDirectory: URL?
    /// The folder that holds one output folder per scenario; the outlook writes `<scenario>-outlook`.
    public var outputRoot = URL(fileURLWithPath: "out")
    public var planner = PlannerOptions()
    /// Sampled variants for the uncertainty bands (0: none).
    public var samples = 0
    public var seed: UInt64 = 1
    /// Relief capacity in the outlook (a few min-cost flows per specialty, about the plan's own time).
    public var relief = true
    /// Relief capacity in every variant too (about doubles each variant's time).
    public var reliefInSamples = false
    public var assumptions = SamplingAssumptions()
    /// A YAML file with `expectations:` (as in scenario.yaml) on paths of outlook.json (`kpis.…`).
    public var expectationsPath: String?
    /// Called after each variant with (finished, total).
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init() {}
}

/// What `lotsa outlook` found, for the command line to print.
public struct OutlookReport: Sendable {
    public var outlook: OutlookProblem
    public var analysis: OutlookAnalysis
    public var bands: [Band]?
    public var outputDirectory: URL
    /// The expectations' outcome, when a file was given.
    public var check: ExpectationCheck?
    public var timings: [(String, Duration)]
}

/// `lotsa outlook`: the scenario's year repeated, its fragile specialties, relief
/// capacity, the queueing formulas beside it, and uncertainty bands.
public enum OutlookRun {
    public static func run(scenarioPath: String, options: OutlookRunOptions) throws(LotsaError) -> OutlookReport {
        var stopwatch = Stopwatch()
        let scenario: Scenario
        var growth = GrowthTable()
        do {
            scenario = try ScenarioLoader.load(path: scenarioPath)
            if let path = options.growthPath {
                var ledger = InputLedger()
                growth = try GrowthTable.load(path: path, model: scenario.model, ledger: &ledger)
            }
        } catch {
            throw .input(error)
        }
        var expectations: [Expectation]?
        if let path = options.expectationsPath {
            do throws(InputError) {
                var ledger = InputLedger()
                let url = URL(fileURLWithPath: path)
                let node = try ledger.yaml(url, displayPath: DisplayPath.of(url))
                let mapping = try node.mapping(allowedKeys: ["expectations"])
                guard let list = mapping["expectations"] else {
                    throw InputError(SourceLocation(file: DisplayPath.of(url), line: 1, field: "expectations"),
                                     "missing key 'expectations'", expected: "expectations: [{kpi: kpis.*.*.load_own, max: 2}]")
                }
                expectations = try ScenarioLoader.parseExpectations(list)
            } catch {
                throw .input(error)
            }
        }
        let outlook = OutlookProblem(scenario: scenario, years: options.years, growth: growth)
        stopwatch.lap("read inputs")
        let analysis: OutlookAnalysis
        do { analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: options.planner,
                                                                 relief: options.relief) } catch {
            throw .planning(error)
        }
        stopwatch.lap("outlook and relief capacity")
        var bands: [Band]?
        if options.samples > 0 {
            let analyses: [OutlookAnalysis]
            do {
                analyses = try OutlookSampling.run(outlook, samples: options.samples, seed: options.seed, options: options.planner,
                                                   relief: options.relief && options.reliefInSamples, assumptions: options.assumptions,
                                                   progress: options.progress)
            } catch {
                throw .planning(error)
            }
            bands = Band.bands(analyses)
            stopwatch.lap("\(options.samples) sampled variants")
        }
        let tables = OutlookTables(outlook: outlook, analysis: analysis, bands: bands, options: options, growth: growth)
        let document = tables.json()
        let destination = options.outputDirectory ?? options.outputRoot.appendingPathComponent(scenario.name + "-outlook")
        do {
            var inputs = scenario.inputs
            if let path = options.growthPath { inputs = inputs.adding(file: URL(fileURLWithPath: path)) }
            let folder = try OutputFolder(destination: destination, inputs: inputs)
            try folder.write(document.serialized(), to: "outlook.json")
            try folder.write(tables.rowsCSV(), to: "outlook.csv")
            try folder.write(tables.trendCSV(), to: "trend.csv")
            try folder.write(tables.contractsCSV(), to: "contracts_ending.csv")
            try folder.write(tables.fragilityCSV(), to: "fragility.csv")
            if bands != nil { try folder.write(tables.bandsCSV(), to: "bands.csv") }
            try folder.commit()
        } catch {
            throw .output(error)
        }
        stopwatch.lap("write outputs")
        return OutlookReport(outlook: outlook, analysis: analysis, bands: bands, outputDirectory: destination,
                             check: expectations.map { ExpectationCheck.evaluate($0, summary: document) },
                             timings: stopwatch.laps.flatMap { lap in
                                 // The outlook's own parts, indented under their lap.
                                 lap.0 == "outlook and relief capacity" ? [lap] + analysis.timings.map { ("  " + $0.0, $0.1) } : [lap]
                             })
    }
}
