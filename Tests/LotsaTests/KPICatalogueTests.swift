import Foundation
import Testing
@testable import Lotsa

/// A misspelled KPI in `expectations` is caught before solving (issue 10), and the
/// KPIs that exist are read off summary.json, not kept by hand.
@Suite struct KPICatalogueTests {
    @Test func validateRejectsAMisspelledKPIWithFileLineAndField() throws {
        let root = try LotsaProcess.temporaryFolder("kpi")
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = root.appendingPathComponent("tiny")
        try FileManager.default.copyItem(at: BadInputCorpusTests.fixtures.appendingPathComponent("valid-tiny"), to: scenario)
        let yaml = scenario.appendingPathComponent("scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8)
        try text.replacingOccurrences(of: "kpis.beyond_guarantee_end", with: "tiers.overdu").write(to: yaml, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("kpis.beyond_guarantee_end") }! + 1
        for command in [["validate", "tiny"], ["check", "--out", "results", "tiny"]] {
            let run = try LotsaProcess.run(command, in: root)
            #expect(run.status == 65, "\(command): \(run.stderr)")
            #expect(run.stderr.hasPrefix("tiny/scenario.yaml:\(line): error: field 'kpi': unknown KPI 'tiers.overdu'"),
                    "\(command): \(run.stderr)")
            #expect(run.stderr.contains("tiers.overdue"), "the message suggests the real names: \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("results").path))
    }

    @Test func theBundledExpectationsAreKnownKPIs() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for name in ["vgr-2026-baseline", "vgr-2026-ort-demand-up"] {
            let run = try LotsaProcess.run(["validate", repository.appendingPathComponent("Scenarios/\(name)").path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
    }

    /// A key a later version adds to summary.json is a KPI without touching the catalogue.
    @Test func newSummaryKeysAreKPIsAutomatically() throws {
        let summary = JSONValue.object([
            ("tiers", .object([("integer", .array([.object([("name", .string("overdue")), ("value", .number(3))])])),
                               ("lp", .array([.object([("name", .string("overdue")), ("value", .number(2))])]))])),
            ("steadiness", .object([("median", .number(0.1))])),
            ("status", .string("optimal")),
        ])
        let paths = KPICatalogue.paths(in: summary)
        #expect(Set(paths) == ["tiers.integer.overdue", "tiers.overdue", "tiers.lp.overdue", "lp_tiers.overdue",
                               "steadiness.median"])
        #expect(ExpectationCheck.lookup("tiers.lp.overdue", in: summary) == 2)
        #expect(ExpectationCheck.lookup("lp_tiers.overdue", in: summary) == 2)
    }
}
