import Foundation
import Testing
@testable import Lotsa

/// The benchmark generator (Sources/Lotsa/Benchmarking): deterministic for a seed,
/// valid input, and decomposition by specialty does not change any tier value.
@Suite struct BenchmarkGeneratorTests {
    /// Small enough for debug builds, but with several administrations, specialties
    /// (blocks), sites of other administrations and contracts of both kinds.
    static let tiny = ScenarioGenerator.Preset(name: "T", administrations: 2, sites: 4, specialties: 3,
                                               contractProviders: 4, periods: 8, referrals: 400, waiting: 120)

    static func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("lotsa-bench-test-\(UUID().uuidString)")
    }

    /// Every file below `directory`, by relative path.
    static func files(in directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let root = directory.standardizedFileURL.resolvingSymlinksInPath().path
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            files[String(path.dropFirst(root.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test(arguments: [BenchmarkGeneratorTests.tiny, .small])
    func sameSeedWritesByteIdenticalFiles(preset: ScenarioGenerator.Preset) throws {
        let first = Self.temporaryDirectory(), second = Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        try ScenarioGenerator(preset: preset, seed: 7).write(to: first)
        try ScenarioGenerator(preset: preset, seed: 7).write(to: second)
        let a = try Self.files(in: first), b = try Self.files(in: second)
        #expect(Set(a.keys).isSuperset(of: ["model/model.yaml", "model/sites.csv", "model/contracts.csv",
                                            "scenario/scenario.yaml", "scenario/waiting_list.csv", "scenario/forecast.csv"]))
        #expect(a == b)
    }

    @Test func theRegionSizeIsDeterministicToo() {
        let first = ScenarioGenerator(preset: .region, seed: 3).generate()
        let second = ScenarioGenerator(preset: .region, seed: 3).generate()
        #expect(first.files.map(\.path) == second.files.map(\.path))
        #expect(first.files.map(\.contents) == second.files.map(\.contents))
        // The region preset has the issue's shape.
        #expect(first.administrations == 5 && first.sites == 17 && first.specialties == 25)
        #expect(first.contractProviders == 40)
        // Counted in the files a planner would read, not taken from the generator's
        // own bookkeeping: the referrals in forecast.csv, the waiting in waiting_list.csv.
        // A forecast row for week `all` stands for every one of the 52 weeks.
        let referrals = Self.sumOfCounts(in: first, file: "scenario/forecast.csv", weeks: 52)
        let waiting = Self.sumOfCounts(in: first, file: "scenario/waiting_list.csv", weeks: 52)
        #expect(referrals == 250_000)
        #expect(abs(waiting - 60_000) < 600)
        #expect(first.referrals == referrals && first.waiting == waiting)
    }

    @Test func catalogueNamesAreSafeInCSV() {
        let names = ScenarioGenerator.specialtyCatalogue.flatMap { [$0.id, $0.name] }
            + ScenarioGenerator.swedishRegions.flatMap { [$0.id, $0.name] } + ScenarioGenerator.otherRegionNames
        let unsafe = names.filter { name in name.contains { ",;\"".contains($0) || $0.isNewline } }
        #expect(unsafe.isEmpty)
        #expect(Set(ScenarioGenerator.specialtyCatalogue.map(\.id)).count == ScenarioGenerator.specialtyCatalogue.count)
    }

    @Test func anotherSeedGivesOtherFiles() {
        let one = ScenarioGenerator(preset: Self.tiny, seed: 1).generate()
        let two = ScenarioGenerator(preset: Self.tiny, seed: 2).generate()
        #expect(one.files.map(\.path) == two.files.map(\.path))
        let differing = zip(one.files, two.files).filter { $0.0.contents != $0.1.contents }.map(\.0.path)
        #expect(differing.contains("scenario/waiting_list.csv"))
        #expect(differing.contains("scenario/forecast.csv"))
        #expect(differing.contains("model/site_capacity.csv"))
    }

    @Test(arguments: [BenchmarkGeneratorTests.tiny, .small])
    func theFilesLoadAndHoldWhatWasGenerated(preset: ScenarioGenerator.Preset) throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try ScenarioGenerator(preset: preset, seed: 11).write(to: directory)
        let scenario = try ScenarioLoader.load(path: generated.scenarioDirectory.path)
        let problem = PlanningProblem(scenario: scenario)
        #expect(scenario.model.administrations.count == preset.administrations)
        #expect(scenario.model.sites.count == preset.sites)
        #expect(scenario.model.specialties.count == preset.specialties)
        #expect(scenario.model.contractProviders.count == preset.contractProviders)
        #expect(problem.periods == preset.periods)
        #expect(problem.cohorts.count == generated.cohorts)
        #expect(problem.cohorts.reduce(0) { $0 + $1.available[0] } == generated.waiting)
        #expect(problem.cohorts.reduce(0) { $0 + $1.total - $1.available[0] } == preset.referrals)
        // Demand exceeds the own sites' capacity, so contracts and transfers matter.
        let own = problem.offers.filter { problem.providers[$0.provider].administration != nil }
            .reduce(0) { $0 + $1.capacity.reduce(0, +) }
        #expect(preset.referrals + generated.waiting > own)
        #expect(problem.providers.contains { $0.kind == .regionContract })
        #expect(problem.providers.contains { $0.kind == .otherRegionContract })
    }

    /// Tier values of the decomposed (per specialty) and the monolithic solve agree
    /// within 1e-6 (optimal-plan.md: any decomposition must give the same values).
    static let decompositionCases: [(ScenarioGenerator.Preset, UInt64)] = [(tiny, 1), (tiny, 2), (tiny, 3), (.small, 1)]

    @Test(arguments: BenchmarkGeneratorTests.decompositionCases)
    func decomposedAndMonolithicGiveTheSameTierValues(preset: ScenarioGenerator.Preset, seed: UInt64) throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try ScenarioGenerator(preset: preset, seed: seed).write(to: directory)
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: generated.scenarioDirectory.path))

        let decomposed = try Planner.solve(problem, options: PlannerOptions())
        var monolithicOptions = PlannerOptions()
        monolithicOptions.monolithic = true
        let monolithic = try Planner.solve(problem, options: monolithicOptions)
        #expect(decomposed.blocks.count == preset.specialties)
        #expect(monolithic.blocks.count == 1)

        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }
        // The LP optimum of every lexicographic step, summed over blocks.
        let steps = monolithic.blocks[0].steps
        #expect(steps.map(\.name) == Tier.defaultOrder.map(\.rawValue))
        for (k, step) in steps.enumerated() {
            let sum = decomposed.blocks.reduce(0.0) { $0 + $1.steps[k].value }
            #expect(close(sum, step.value), "tier \(step.name): decomposed \(sum), monolithic \(step.value)")
        }
        // And the tier values of the plans themselves.
        let a = PlanEvaluation(problem: problem, plan: decomposed.plan)
        let b = PlanEvaluation(problem: problem, plan: monolithic.plan)
        for tier in Tier.defaultOrder {
            #expect(close(a.tiers[tier]!, b.tiers[tier]!), "tier \(tier.rawValue): \(a.tiers[tier]!) vs \(b.tiers[tier]!)")
        }
        // The scenario is not trivial: patients wait beyond their target, and contracts are used.
        #expect(a.tiers[.overdue]! > 0)
        #expect(a.treatedRegionContract + a.treatedOtherRegionContract > 0)
    }

    /// Sum of the `count` column of one generated CSV file; a row whose `week` is
    /// `all` counts once for each of `weeks` weeks, as the forecast format says.
    static func sumOfCounts(in generated: ScenarioGenerator.Generated, file: String, weeks: Int) -> Int {
        guard let contents = generated.files.first(where: { $0.path == file })?.contents else {
            Issue.record("no \(file) among \(generated.files.map(\.path))")
            return -1
        }
        let lines = contents.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false),
              let column = header.firstIndex(of: "count") else {
            Issue.record("\(file) has no count column")
            return -1
        }
        let weekColumn = header.firstIndex(of: "week")
        return lines.dropFirst().reduce(0) { total, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let times = weekColumn.map { fields[$0] == "all" ? weeks : 1 } ?? 1
            return total + times * (Int(fields[column]) ?? 0)
        }
    }
}
