import Foundation
import Testing
@testable import Lotsa

/// Promises the docs make about the files a run writes, checked on the files.
@Suite struct PublishedFileTests {
    /// Two administrations, a site each and a region contract; a weighted objective
    /// whose cost weight makes the contract's shadow prices non-integral (30.7, 14.7),
    /// so the Excel copy has a decimal comma to write.
    static var weighted: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin Å\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSB,s,1,1\n"
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,1,100\n"
        files.scenarioYAML = """
        name: tiny
        model: model
        horizon: {start: 2026-W14, periods: 3}
        waiting_list: waiting_list.csv
        policy:
          objective: weighted
          tiers: [overdue, cost]
          tier_weights: {cost: 0.013}

        """
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,9,7\n"
        return files
    }

    @Test func excelCopiesUseSemicolonsDecimalCommasABomAndCRLF() throws {
        let folder = try Self.weighted.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = PlanRunOptions()
        options.outputDirectory = folder.outputSibling("out")
        options.swedishExcel = true
        options.planner.parallelism = 1
        _ = try PlanRun.run(scenarioPath: folder.path, options: options)
        let out = options.outputDirectory!

        let plain = try String(contentsOf: out.appendingPathComponent("capacity_use.csv"), encoding: .utf8)
        #expect(plain.contains("C,s,2026-W14,1,1,30.7\n"), "\(plain)")
        let bytes = try Data(contentsOf: out.appendingPathComponent("excel-sv/capacity_use.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = try #require(String(data: bytes.dropFirst(3), encoding: .utf8))
        #expect(text.hasPrefix("provider;specialty;week;capacity;used;shadow_price\r\n"))
        #expect(text.contains("C;s;2026-W14;1;1;30,7\r\n"), "\(text)")
        #expect(text.contains("C;s;2026-W15;1;1;14,7\r\n"), "\(text)")
        // Every line ends in CRLF: no bare LF anywhere.
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.contains("."), "a decimal point is left, which Swedish Excel reads as text")
        // Every table has its copy, each with a BOM.
        for name in ["missiv.csv", "delivery_plans.csv", "waiting_projection.csv", "needs.csv", "capacity_use.csv"] {
            let copy = try Data(contentsOf: out.appendingPathComponent("excel-sv/\(name)"))
            #expect(Array(copy.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(name)")
        }
    }

    /// unresolved.csv lists every decided line, those fully planned (0) too.
    @Test func unresolvedListsEveryLineZerosToo() throws {
        var files = PeriodisationTests.contractScenario
        files.contractProviders += "D,Other clinic,X\n"
        files.contracts += "D,s,2,,50,,\n"
        // C can take 35 of 50; D takes 7 over the four weeks, so 6 fit.
        let (folder, out, _) = try PeriodiseRunTests.run(files, decided: "administration,provider,specialty,volume\nA,C,s,50\nA,D,s,6\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try String(contentsOf: out.appendingPathComponent("unresolved.csv"), encoding: .utf8) == """
        administration,provider,specialty,decided,planned,unresolved
        A,C,s,50,35,15
        A,D,s,6,6,0

        """)
    }
}

/// The built `lotsa` binary, run as a user runs it.
@Suite struct BinaryRunTests {
    /// Two separate processes give byte-identical folders — on each path. Swift
    /// seeds its hashing per process, so this catches any order that comes from a
    /// dictionary, which a second run in the same process never would.
    @Test(arguments: ["network", "simplex"])
    func twoProcessesWriteTheSameBytes(algorithm: String) throws {
        let folder = try RandomScenarios.files(seed: 12).write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var snapshots: [[String: Data]] = []
        for run in 1...2 {
            let out = folder.outputSibling("out-\(run)")
            let result = try LotsaProcess.run(["plan", folder.path, "--out", out.path, "--algorithm", algorithm, "--excel"])
            #expect(result.status == 0, "\(result.stderr)")
            snapshots.append(try LotsaProcess.snapshot(out))
        }
        #expect(snapshots[0].keys.contains("summary.json") && snapshots[0].keys.contains("delivery_plans.csv"))
        #expect(snapshots[0].count >= 8)
        #expect(snapshots[0] == snapshots[1])
    }

    /// `lotsa periodise` end to end: exit 0, what it prints, and the same files and
    /// the same words from a second process.
    @Test func periodiseAsTheBuiltBinary() throws {
        var files = PeriodisationTests.contractScenario
        files.contractProviders += "D,Other clinic,X\n"
        files.contracts += "D,s,2,,50,,\n"
        files.extra["decided.csv"] = "administration,provider,specialty,volume\nA,C,s,50\nA,D,s,6\n"
        let folder = try files.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var printed: [String] = []
        var snapshots: [[String: Data]] = []
        for run in 1...2 {
            let out = folder.outputSibling("out-\(run)")
            let result = try LotsaProcess.run(["periodise", folder.path, "--missiv",
                                               folder.appendingPathComponent("decided.csv").path, "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            printed.append(result.stdout.replacingOccurrences(of: out.path, with: "OUT"))
            snapshots.append(try LotsaProcess.snapshot(out))
        }
        let lines = printed[0].split(separator: "\n").map(String.init)
        #expect(lines.first == "tiny: decided volumes periodised, written to OUT", "\(printed[0])")
        #expect(lines.dropFirst().first == "  2 lines: decided 56, planned 41, unresolved 15")
        #expect(lines.contains("  unresolved volume (outlösta volymer) on 1 line(s):"))
        #expect(lines.contains("    A → C s: decided 50, planned 35, unresolved 15"))
        #expect(lines.last?.hasPrefix("  overdue 0; deviation from the capacity profile ") == true, "\(printed[0])")
        #expect(printed[0] == printed[1])
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0].keys.contains("unresolved.csv"))
    }
}
