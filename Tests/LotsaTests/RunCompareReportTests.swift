import Foundation
import Testing
@testable import Lotsa

/// `lotsa run` (one shared pool), `lotsa compare` and the HTML report, on small
/// generated scenarios so the debug build stays quick. The bundled scenarios are
/// compared in scripts/test with the debug binary (scripts/check-run-compare).
@Suite("Run, compare and report")
struct RunCompareReportTests {
    /// Four scenarios through one pool of two slots write exactly what four
    /// separate `plan` runs write.
    @Test func runWritesTheSameFoldersAsPlan() throws {
        let scenarios = try [3, 5, 8, 13].map { try RandomScenarios.files(seed: UInt64($0)).write().path }
        let batchRoot = try LotsaProcess.temporaryFolder("run"), planRoot = try LotsaProcess.temporaryFolder("plan")
        var options = PlanRunOptions()
        options.outputRoot = batchRoot
        let outcomes = ScenarioBatch.run(scenarios, options: options, pool: WorkerPool(size: 2))
        #expect(outcomes.count == 4)
        for (path, outcome) in zip(scenarios, outcomes) {
            let report = try outcome.get()
            var single = PlanRunOptions()
            single.outputRoot = planRoot
            single.planner.parallelism = 1
            let planned = try PlanRun.run(scenarioPath: path, options: single)
            #expect(report.scenario.name == planned.scenario.name)
            let batchFiles = try LotsaProcess.snapshot(report.outputDirectory)
            let planFiles = try LotsaProcess.snapshot(planned.outputDirectory)
            #expect(!batchFiles.isEmpty)
            #expect(batchFiles == planFiles, "\(report.scenario.name): run and plan wrote different files")
        }
    }

    /// The pool never lets more than its size run at once.
    @Test func poolBoundsConcurrentWork() {
        let pool = WorkerPool(size: 2)
        let counters = Counters()
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            pool.withSlot {
                counters.enter()
                Thread.sleep(forTimeInterval: 0.002)
                counters.leave()
            }
        }
        #expect(counters.peak <= 2)
        #expect(counters.peak >= 1)
    }

    @Test func compareOfAProposalWithItselfShowsNoDifferences() throws {
        let folder = try planned(RandomScenarios.files(seed: 21))
        let outputs = try PlanOutputs.load(folder)
        let comparison = Comparison([outputs, outputs], rates: [nil, nil])
        #expect(comparison.proposals.count == 2)
        #expect(comparison.rows.count > 10)
        #expect(comparison.differingRows.isEmpty)
        #expect(comparison.missivDifferences.isEmpty)
        #expect(comparison.text().hasPrefix("No differences"))
    }

    /// Forbidding transfers (as vgr-2026-no-transfers does) takes them to zero,
    /// for the region and for the administration that sent patients.
    @Test func forbiddingTransfersShowsThemGoingToZero() throws {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,1\nSB,s,2,4\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,30,12,60\nB,s,30,1,10\n"
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "name: tiny", with: "name: transfers")
        let allowed = try planned(files)
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "name: transfers", with: "name: no-transfers")
            + "policy:\n  internal_transfers: forbidden\n"
        let forbidden = try planned(files)
        let outputs = try [allowed, forbidden].map { try PlanOutputs.load($0) }
        let comparison = Comparison(outputs, rates: outputs.map(ModelRates.of))
        func row(_ scope: String, _ measure: String) throws -> Comparison.Row {
            try #require(comparison.rows.first { $0.scope == scope && $0.measure == measure })
        }
        let region = try row("region", "treated internal transfers")
        #expect((region.values[0] ?? 0) > 0)
        #expect(region.values[1] == 0)
        #expect(region.differs)
        let sender = try row("A", "treated internal transfers")
        #expect((sender.values[0] ?? 0) > 0)
        #expect(sender.values[1] == 0)
        #expect(try row("region", "tier internal_transfers").values[1] == 0)
        #expect(try row("A", "internal transfers (case-km)").values[1] == 0)
        #expect(!comparison.missivDifferences.isEmpty)
        #expect(comparison.markdown().contains("| treated internal transfers |"))
        #expect(comparison.csv().contains("region,treated internal transfers,"))
    }

    /// One chart per section, every chart with data marks, and nothing the page
    /// would fetch from elsewhere.
    @Test func reportIsSelfContainedWithOneChartPerSection() throws {
        let folder = try planned(RandomScenarios.files(seed: 21))
        let html = HTMLReport.render([try PlanOutputs.load(folder)])
        let sections = html.components(separatedBy: "<section id=\"").dropFirst()
        let charted = sections.filter { $0.contains("<figure") }
        #expect(charted.count == HTMLReport.sections.count)
        for section in charted {
            let figures = section.components(separatedBy: "<figure").dropFirst()
            #expect(figures.count == 1, "section \(section.prefix(12)) has \(figures.count) charts")
            for figure in figures {
                #expect(figure.contains("<svg"))
                #expect(figure.contains("class=\"mark\""), "chart without data in section \(section.prefix(12))")
            }
        }
        Self.expectSelfContained(html)

        // Side by side: one chart per proposal in each section.
        let outputs = try PlanOutputs.load(folder)
        let side = HTMLReport.render([outputs, outputs])
        #expect(side.components(separatedBy: "<figure").count - 1 == 2 * HTMLReport.sections.count)
        Self.expectSelfContained(side)
    }

    static func expectSelfContained(_ html: String) {
        let lowered = html.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import", "//fonts", "https:"] {
            #expect(!lowered.contains(forbidden), "the report references something outside itself: \(forbidden)")
        }
        // The only address is the SVG namespace, which browsers never fetch.
        #expect(lowered.components(separatedBy: "http:").count - 1 == lowered.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
    }

    /// Plans `files` into a fresh folder and returns the output folder.
    func planned(_ files: ScenarioFiles) throws -> URL {
        var options = PlanRunOptions()
        options.outputRoot = try LotsaProcess.temporaryFolder("compare")
        return try PlanRun.run(scenarioPath: try files.write().path, options: options).outputDirectory
    }
}

/// How many closures are inside the pool at once, and the most seen.
final class Counters: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0
    func enter() { lock.lock(); current += 1; peak = max(peak, current); lock.unlock() }
    func leave() { lock.lock(); current -= 1; lock.unlock() }
}
