import Foundation
import Testing
@testable import Lotsa

/// The bad-input corpus (Fixtures/bad-input, written by Fixtures/corpus.py): one
/// small scenario folder per defect, each with the exact diagnostic and exit code
/// it must give in `expected.txt`. See docs/robustness.md.
@Suite struct BadInputCorpusTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let corpus = fixtures.appendingPathComponent("bad-input")

    static let caseNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    /// `expected.txt`: the diagnostic, paths relative to the case folder, then `exit: N`.
    static func expectation(_ name: String) throws -> (diagnostic: String, exitCode: Int32) {
        let text = try String(contentsOf: corpus.appendingPathComponent(name).appendingPathComponent("expected.txt"),
                              encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        let last = lines.popLast() ?? ""
        let code = try #require(last.hasPrefix("exit: ") ? Int32(last.dropFirst(6)) : nil, "no exit line in \(name)")
        return (lines.joined(separator: "\n"), code)
    }

    /// The error as `lotsa validate .` run inside the case folder would print it.
    static func diagnostic(_ error: InputError, caseFolder: URL) -> String {
        let prefixes = [DisplayPath.of(caseFolder) + "/", caseFolder.standardizedFileURL.path + "/"]
        func strip(_ text: String) -> String {
            prefixes.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
        }
        var error = error
        error.location.file = strip(error.location.file)
        error.message = strip(error.message)
        error.expected = error.expected.map(strip)
        error.found = error.found.map(strip)
        return error.description
    }

    @Test func theCorpusIsThere() {
        #expect(Self.caseNames.count >= 90)
    }

    @Test func theScenarioTheCasesAreBuiltFromIsValid() throws {
        let scenario = try ScenarioLoader.load(path: Self.fixtures.appendingPathComponent("valid-tiny").path)
        #expect(scenario.inputFiles.count == 13)
        #expect(!scenario.backlog.isEmpty && !scenario.forecast.isEmpty && !scenario.capacityChanges.isEmpty)
    }

    @Test(arguments: caseNames)
    func theCaseGivesItsDiagnostic(_ name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let expected = try Self.expectation(name)
        do {
            let scenario = try ScenarioLoader.load(path: folder.path)
            _ = PlanningProblem(scenario: scenario)
            Issue.record("\(name): loaded without an error")
        } catch {
            #expect(Self.diagnostic(error, caseFolder: folder) == expected.diagnostic, "\(name)")
            #expect(LotsaError.input(error).exitCode == expected.exitCode, "\(name)")
        }
    }

    /// Every kind of input file has at least one case whose diagnostic names it.
    @Test func everyFileKindHasACase() throws {
        let firstLines = try Self.caseNames.map { try Self.expectation($0).diagnostic.prefix { $0 != "\n" } }
        let kinds = ["model/model.yaml", "model/administrations.csv", "model/specialties.csv", "model/sites.csv",
                     "model/site_capacity.csv", "model/contract_providers.csv", "model/contracts.csv",
                     "model/calendar.csv", "model/distances.csv", "scenario.yaml", "waiting_list.csv",
                     "forecast.csv", "capacity_changes.csv"]
        for kind in kinds {
            #expect(firstLines.contains { $0.hasPrefix(kind + ":") }, "no case for \(kind)")
        }
    }

    /// What Swedish Excel writes (BOM, CRLF, `;`, decimal comma, midnight date-times,
    /// cleared rows) loads to the same planning problem as the plain files.
    @Test func excelFilesGiveTheSameProblem() throws {
        let plain = try ScenarioLoader.load(path: Self.fixtures.appendingPathComponent("valid-tiny").path)
        let excel = try ScenarioLoader.load(path: Self.fixtures.appendingPathComponent("excel-accepted").path)
        #expect(excel.model.administrations == plain.model.administrations)
        #expect(excel.model.specialties == plain.model.specialties)
        #expect(excel.model.sites == plain.model.sites)
        #expect(excel.model.siteCapacities == plain.model.siteCapacities)
        #expect(excel.model.contractProviders == plain.model.contractProviders)
        #expect(excel.model.contracts == plain.model.contracts)
        #expect(excel.model.calendar == plain.model.calendar)
        #expect(excel.model.distances == plain.model.distances)
        #expect(excel.backlog == plain.backlog)
        #expect(excel.forecast == plain.forecast)
        #expect(excel.capacityChanges == plain.capacityChanges)
        #expect(excel.forecastScaling == plain.forecastScaling)
        let a = PlanningProblem(scenario: plain), b = PlanningProblem(scenario: excel)
        #expect(a.name == b.name && a.horizon == b.horizon && a.policy == b.policy)
        #expect(a.administrations == b.administrations && a.specialties == b.specialties)
        #expect(a.providers == b.providers)
        #expect(a.offers == b.offers)
        #expect(a.cohorts == b.cohorts)
        #expect(a.distances == b.distances)
        // The decimal commas were read as decimals, not dropped.
        #expect(excel.model.siteCapacities[0].casesPerRoomWeek == 2.5)
        #expect(excel.model.contracts[0].price == 1500.5)
    }
}

/// `lotsa plan` on corpus cases: the documented exit code, the diagnostic on
/// standard error, and no output folder, not even a hidden staging one.
@Suite(.serialized) struct BadInputCommandLineTests {
    static let cases = ["sites-unknown-administration", "waiting-list-crlf-line-number", "scenario-extends-cycle",
                        "calendar-factors-multiply-too-far", "scenario-waiting-list-missing-file", "model-yaml-syntax-error"]

    @Test(arguments: cases)
    func planRejectsTheCaseAndWritesNothing(_ name: String) throws {
        let folder = BadInputCorpusTests.corpus.appendingPathComponent(name)
        let expected = try BadInputCorpusTests.expectation(name)
        let outputs = try LotsaProcess.temporaryFolder("bad-input-out")
        defer { try? FileManager.default.removeItem(at: outputs) }
        let run = try LotsaProcess.run(["plan", ".", "--out", outputs.appendingPathComponent(name).path], in: folder)
        #expect(!run.killedBySignal, "\(name) crashed: \(run.stderr)")
        #expect(run.status == expected.exitCode, "\(name): \(run.stderr)")
        #expect(run.stderr.trimmingCharacters(in: .newlines) == expected.diagnostic, "\(name)")
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path) == [], "\(name) left files behind")
    }
}
