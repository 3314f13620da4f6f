import Foundation
import Testing
@testable import Lotsa

/// What `lotsa replan` publishes — the whole year's delivery plans, the workbook with
/// the weeks that happened filled in, read back by the next re-plan — and
/// `--waiting-list`, on one hand-worked administration (ReplanTests.oneAdministration).
@Suite struct ReplanYearTests {
    static let line = LineKey(administration: "A", provider: "C", specialty: "s")

    /// 12 patients (priority 7, waited 7 days), site SA 2 a week, contract C 3 a week,
    /// W14–W19. The plan in force: C 3, 3 and SA 2, 2, 2 (12 treated by W16). C sent 3
    /// in W14 and returned 1 of them, and only 1 in W15.
    static func files(snapshot: String? = nil) -> ScenarioFiles {
        var files = ReplanTests.oneAdministration(count: 12)
        files.extra["plan/delivery_plans.csv"] = "administration,provider,specialty,week,planned\n"
            + (14...19).map { "A,SA,s,2026-W\($0),\($0 < 17 ? 2 : 0)\n" }.joined()
            + (14...19).map { "A,C,s,2026-W\($0),\($0 < 16 ? 3 : 0)\n" }.joined()
        files.extra["outcomes.csv"] = "administration,provider,specialty,week,sent,returned\n"
            + "A,C,s,2026-W14,3,1\nA,C,s,2026-W15,1,0\n"
        if let snapshot { files.extra["snapshot.csv"] = snapshot }
        return files
    }

    static func replan(_ folder: URL, plan: URL, outcomes: URL, through: String, out: String,
                       waitingList: URL? = nil) throws -> ReplanRunReport {
        var options = ReplanRunOptions(planFolder: plan.path, outcomesPath: outcomes.path, through: through)
        options.outputDirectory = folder.outputSibling(out)
        options.waitingListPath = waitingList?.path
        return try ReplanRun.run(scenarioPath: folder.path, options: options)
    }

    /// `administration,provider,specialty` → the planned column of delivery_plans.csv.
    static func planned(_ folder: URL) throws -> [String: [Int]] {
        let text = try String(contentsOf: folder.appendingPathComponent("delivery_plans.csv"), encoding: .utf8)
        var result: [String: [Int]] = [:]
        for row in text.split(separator: "\n").dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            result[cells[0...2].joined(separator: ","), default: []].append(Int(Double(cells[4])!))
        }
        return result
    }

    static func summary(_ outcomes: Outcomes) -> [String] {
        outcomes.records.map { "\($0.line) \($0.week) sent \($0.sent) returned \($0.returned)" }.sorted()
    }

    // MARK: - The whole year, and the workbook read back

    @Test func replanPublishesTheWholeYearWithTheWeeksAsTheyHappened() throws {
        // Brought forward: W14 C 3 + SA 2, 1 returned → 4 treated; W15 C 1 + the
        // replacement 1 + SA 2 → 8. Four remain, all overdue: W16's SA 2 + C 2 treat
        // them (fewest overdue), so C's line is raised from 0 to 2 over W16–W19.
        let folder = try Self.files().write()
        let report = try Self.replan(folder, plan: folder.appendingPathComponent("plan"),
                                     outcomes: folder.appendingPathComponent("outcomes.csv"), through: "2026-W15", out: "r1")
        let change = try #require(report.result.changes.first { $0.line == Self.line })
        #expect(change.before == 0)
        #expect(change.after == 2)
        let out = report.outputDirectory
        let planned = try Self.planned(out)
        // W14–W15 as happened (sent, replacements not included), then the re-plan.
        #expect(planned["A,C,s"] == [3, 1, 2, 0, 0, 0])
        #expect(planned["A,SA,s"] == [2, 2, 2, 0, 0, 0])
        let missiv = try String(contentsOf: out.appendingPathComponent("missiv.csv"), encoding: .utf8)
        #expect(missiv.contains("A,C,s,6\n"))
        // The sheet: plan row for the year, the recorded utfall and the returns.
        let sheet = try String(contentsOf: out.appendingPathComponent("sheets/C.csv"), encoding: .utf8)
        #expect(sheet.contains("A,s,plan,3,1,2,0,0,0,6\n"))
        #expect(sheet.contains("A,s,utfall,3,1,,,,,4\n"))
        #expect(sheet.contains("A,s,returned,1,0,,,,,1\n"))

        // The workbook and the sheets read back to the outcomes that went in.
        let scenario = try ScenarioLoader.load(path: folder.path)
        let problem = PlanningProblem(scenario: scenario)
        let original = try OutcomeLoader.load(path: folder.appendingPathComponent("outcomes.csv").path, problem: problem)
        let workbook = try OutcomeLoader.load(path: out.appendingPathComponent("delivery_plans.xlsx").path, problem: problem)
        let sheets = try OutcomeLoader.load(path: out.appendingPathComponent("sheets").path, problem: problem)
        #expect(Self.summary(workbook) == Self.summary(original))
        #expect(Self.summary(sheets) == Self.summary(original))
        #expect(Self.summary(original).count == 2)
    }

    @Test func replanTwiceFromTheWorkbookItWrote() throws {
        // The first re-plan's folder is the plan in force of the second, and its
        // workbook, with W16 typed in (C sent 2, as re-planned), the outcomes.
        let folder = try Self.files().write()
        let first = try Self.replan(folder, plan: folder.appendingPathComponent("plan"),
                                    outcomes: folder.appendingPathComponent("outcomes.csv"), through: "2026-W15", out: "r1")
        let workbook = folder.outputSibling("filled.xlsx")
        try FileManager.default.copyItem(at: first.outputDirectory.appendingPathComponent("delivery_plans.xlsx"), to: workbook)
        // Sheet C: rows 7 plan, 8 utfall, 9 returned; weeks from column D (W14): F = W16.
        try WorkbookFixtures.type(["F8": .number(2)], intoSheet: "C", of: workbook)
        let second = try Self.replan(folder, plan: first.outputDirectory, outcomes: workbook, through: "2026-W16", out: "r2")
        // Everything happened as re-planned: W14–W16 kept (3, 1, 2), nothing left to send.
        #expect(try Self.planned(second.outputDirectory)["A,C,s"] == [3, 1, 2, 0, 0, 0])
        #expect(second.result.changes.allSatisfy { $0.decision == .unchanged })
        #expect(second.result.evaluation.waitingAtEnd == 0)
        // The W14 return still came back and was replaced (the returned row went round).
        #expect(second.result.replacements.first?.returned == 1)
        #expect(second.result.replacements.first?.replacedSoFar == 1)
        // Its own workbook carries all three weeks of outcomes.
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let again = try OutcomeLoader.load(path: second.outputDirectory.appendingPathComponent("delivery_plans.xlsx").path,
                                           problem: problem)
        #expect(Self.summary(again) == ["A → C s 2026-W14 sent 3 returned 1", "A → C s 2026-W15 sent 1 returned 0",
                                        "A → C s 2026-W16 sent 2 returned 0"])
    }

    @Test func followupOfAReplanFolderFollowsWhatTheRePlanMade() throws {
        let folder = try Self.files().write()
        let outcomes = folder.appendingPathComponent("outcomes.csv").path
        // Against the plan in force: C sent 3 + 1 of 3 + 3, two behind; the W14 return
        // was replaced in W15 (the week after, not in sent).
        let inForce = try FollowupRun.run(planFolder: folder.appendingPathComponent("plan").path, outcomesPath: outcomes,
                                          through: "2026-W15", outputDirectory: folder.outputSibling("f1")).followup
        let behind = try #require(inForce.lines.first { $0.0 == Self.line }?.1)
        #expect(behind.planned == 6)
        #expect(behind.sent == 4)
        #expect(behind.deviation == -2)
        #expect(inForce.returns.map(\.returned) == [1])
        #expect(inForce.returns.first?.status.hasPrefix("replaced") == true)
        // Against the re-plan: W14–W15 are its plan as they happened, so no deviation.
        let replan = try Self.replan(folder, plan: folder.appendingPathComponent("plan"),
                                     outcomes: folder.appendingPathComponent("outcomes.csv"), through: "2026-W15", out: "r1")
        let followed = try FollowupRun.run(planFolder: replan.outputDirectory.path, outcomesPath: outcomes,
                                           through: "2026-W15", outputDirectory: folder.outputSibling("f2")).followup
        let kept = try #require(followed.lines.first { $0.0 == Self.line }?.1)
        #expect(kept.planned == 4)
        #expect(kept.deviation == 0)
    }

    // MARK: - --waiting-list

    @Test func aSnapshotReplacesTheListBroughtForward() throws {
        // The snapshot at the end of W15 says 10 wait, not the 4 the outcomes leave,
        // and they waited 30 days by Monday 2026-04-13: past the 28-day guarantee
        // already (at the end of W15). The rest of the year: SA 2 + C 3 in W16 and W17
        // treat the 10 soonest, so C's line takes 6. The kept weeks are the outcomes'.
        let folder = try Self.files(snapshot: "administration,specialty,priority,count,days_waited\nA,s,7,10,30\n").write()
        let report = try Self.replan(folder, plan: folder.appendingPathComponent("plan"),
                                     outcomes: folder.appendingPathComponent("outcomes.csv"), through: "2026-W15", out: "r",
                                     waitingList: folder.appendingPathComponent("snapshot.csv"))
        #expect(report.result.fromSnapshot)
        #expect(report.result.rest.cohorts.map { $0.available[0] }.reduce(0, +) == 10)
        #expect(report.result.findings["A"]?.beyondAtThrough == 10)
        #expect(report.result.regionFindings.beyondAtThrough == 10)
        let change = try #require(report.result.changes.first { $0.line == Self.line })
        #expect(change.after == 6)
        #expect(try Self.planned(report.outputDirectory)["A,C,s"] == [3, 1, 3, 3, 0, 0])
        // Replacements still owed are placed, and take the snapshot's patients: the
        // W15 return (1) goes on top in W16 and leaves 9 for the plan.
        var files = Self.files(snapshot: "administration,specialty,priority,count,days_waited\nA,s,7,10,30\n")
        files.extra["outcomes.csv"] = "administration,provider,specialty,week,sent,returned\n"
            + "A,C,s,2026-W14,3,0\nA,C,s,2026-W15,1,1\n"
        let other = try files.write()
        let owed = try Self.replan(other, plan: other.appendingPathComponent("plan"),
                                   outcomes: other.appendingPathComponent("outcomes.csv"), through: "2026-W15", out: "r",
                                   waitingList: other.appendingPathComponent("snapshot.csv"))
        #expect(owed.result.replacements.first?.placed.map(\.cases) == [1])
        #expect(owed.result.rest.cohorts.map { $0.available[0] }.reduce(0, +) == 9)
    }

    @Test func aBadSnapshotExits65WithFileLineFieldAndWritesNothing() throws {
        let folder = try Self.files(snapshot: "administration,specialty,priority,count,days_waited\nA,s,7,10,30\nA,s,7,x,3\n").write()
        let out = folder.outputSibling("out")
        let arguments = ["replan", folder.path, "--plan", folder.appendingPathComponent("plan").path,
                         "--outcomes", folder.appendingPathComponent("outcomes.csv").path, "--through", "2026-W15",
                         "--waiting-list", folder.appendingPathComponent("snapshot.csv").path, "--out", out.path]
        let run = try LotsaProcess.run(arguments)
        #expect(run.status == 65)
        #expect(run.stderr.contains("snapshot.csv:3: error: field 'count'"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // An administration the model does not know.
        try Data("administration,specialty,priority,count,days_waited\nZ,s,7,10,30\n".utf8)
            .write(to: folder.appendingPathComponent("snapshot.csv"))
        let unknown = try LotsaProcess.run(arguments)
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("snapshot.csv:2: error: field 'administration'"), "\(unknown.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    // MARK: - Principle 2 against the plan in force

    @Test func plannedReliefIsNoPrincipleReliefBeyondThePlanIs() throws {
        // As ReplanTests.noPrincipleNoDecrease (neither A nor the region meets the
        // guarantee), with B sending 1 a week to A's site SA in the plan in force.
        // B sent exactly that in W14: the agreement, no relief — A's decrease is refused.
        // B sent 2: one beyond the plan — A relieved B, and may lower its line.
        let files = ReplanTests.twoAdministrations(a: "A,s,90,30,100", b: "B,s,90,5,100")
        let problem = PlanningProblem(scenario: try files.load())
        let inForce = PlanInForce(weekly: [Self.line: [3, 3, 3, 3],
                                           LineKey(administration: "B", provider: "SA", specialty: "s"): [1, 1, 1, 1]])
        let request = LineRequest(line: Self.line, volume: 0, location: SourceLocation(file: "requests.csv", line: 2))
        func decision(bSent: Int) throws -> (LineChange, PrincipleFindings) {
            let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                              outcomes: ReplanTests.outcomes([("A", "C", "2026-W14", 3, 0),
                                                                              ("B", "SA", "2026-W14", bSent, 0)]),
                                              through: 1, requests: [request])
            return (try #require(result.changes.first { $0.line == Self.line }), try #require(result.findings["A"]))
        }
        let (asPlanned, plannedFindings) = try decision(bSent: 1)
        #expect(plannedFindings.relievedSoFar == 0)
        #expect(asPlanned.decision == .refused)
        #expect(asPlanned.after == 9)
        let (beyond, beyondFindings) = try decision(bSent: 2)
        #expect(beyondFindings.relievedSoFar == 1)
        #expect(beyond.decision == .lowered)
        #expect(beyond.principles == [.relievedAnotherAdministration])
    }

    @Test func reliefInTheReplanIsWhatTheRequestsAgree() throws {
        // No relief so far and no principle 1 or 3 (as above). In the re-plan B asks to
        // send 2 to A's site SA (planned 0): A takes on 2 of B's patients by agreement,
        // and its own decrease rests on principle 2. Without B's request it is refused
        // — the re-plan's own routing is never counted.
        var files = ReplanTests.twoAdministrations(a: "A,s,90,30,100", b: "B,s,90,5,100")
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "internal_transfers: forbidden", with: "internal_transfers: allowed")
        let problem = PlanningProblem(scenario: try files.load())
        let inForce = PlanInForce(weekly: [Self.line: [3, 3, 3, 3]])
        let lower = LineRequest(line: Self.line, volume: 0, location: SourceLocation(file: "requests.csv", line: 2))
        let raise = LineRequest(line: LineKey(administration: "B", provider: "SA", specialty: "s"), volume: 2,
                                location: SourceLocation(file: "requests.csv", line: 3))
        func decide(_ requests: [LineRequest]) throws -> (LineChange, PrincipleFindings) {
            let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                              outcomes: ReplanTests.outcomes([("A", "C", "2026-W14", 3, 0)]),
                                              through: 1, requests: requests)
            return (try #require(result.changes.first { $0.line == Self.line }), try #require(result.findings["A"]))
        }
        let (agreed, agreedFindings) = try decide([lower, raise])
        #expect(agreedFindings.relievedInReplan == 2)
        #expect(agreed.decision == .lowered)
        #expect(agreed.principles == [.relievedAnotherAdministration])
        let (alone, aloneFindings) = try decide([lower])
        #expect(aloneFindings.relievedInReplan == 0)
        #expect(alone.decision == .refused)
    }
}
