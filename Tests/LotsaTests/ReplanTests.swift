import Foundation
import Testing
@testable import Lotsa

/// Mid-year re-planning on tiny, hand-worked scenarios (optimal-plan.md §7).
@Suite struct ReplanTests {
    // MARK: - Helpers

    /// One administration A with site SA (2 a week) and the region's contract C
    /// (3 a week, 100 a case), six weeks from 2026-W14; `count` patients of priority 7
    /// due in week 1 (days_waited 7), guarantee date in week 4 (guarantee_days 28).
    static func oneAdministration(count: Int) -> ScenarioFiles {
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,3,100\n"
        files.scenarioYAML = "name: tiny\nmodel: model\nhorizon: {start: 2026-W14, periods: 6}\nguarantee_days: 28\n"
            + "waiting_list: waiting_list.csv\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,\(count),7\n"
        return files
    }

    /// The published plan of the full year as the plan in force, with its guarantee KPIs.
    static func planInForce(_ problem: PlanningProblem) throws -> (PlanInForce, Plan) {
        let result = try Planner.solve(problem, options: PlannerOptions())
        let (plan, _) = PlanPublisher.publish(result.plan, problem: problem)
        var weekly: [LineKey: [Int]] = [:]
        for line in DeliveryLines(problem: problem, plan: plan).lines {
            weekly[LineKey(administration: line.administration, provider: problem.providers[line.provider].id,
                           specialty: line.specialty)] = line.weekly.map { Int($0.rounded()) }
        }
        var byPeriod = [Double](repeating: 0, count: problem.periods)
        for (q, cohort) in problem.cohorts.enumerated() {
            for t in 1...problem.periods { byPeriod[t - 1] += max(0, Double(cohort.guaranteed[t]) - plan.treatedCumulative[q][t]) }
        }
        let evaluation = PlanEvaluation(problem: problem, plan: plan)
        return (PlanInForce(weekly: weekly, beyondGuaranteeAtEnd: evaluation.beyondGuaranteeAtEnd,
                            beyondGuaranteeByPeriod: byPeriod), plan)
    }

    static func outcomes(_ rows: [(String, String, String, Int, Int)], replaced: [Int]? = nil) -> Outcomes {
        // (administration, provider, week, sent, returned), specialty s.
        let records = rows.enumerated().map { index, row in
            OutcomeRecord(administration: row.0, provider: row.1, specialty: "s", week: ISOWeek(iso: row.2)!,
                          sent: row.3, returned: row.4, replaced: replaced?[index],
                          location: SourceLocation(file: "outcomes.csv", line: index + 2, field: "week"))
        }
        return Outcomes(records: records, files: [], recordsReplacements: replaced != nil)
    }

    static func change(_ result: ReplanResult, _ administration: String, _ provider: String) -> LineChange? {
        result.changes.first { $0.line == LineKey(administration: administration, provider: provider, specialty: "s") }
    }

    // MARK: - Outcomes as planned

    @Test func outcomesEqualToThePlanKeepTheRestOfTheYear() throws {
        // 12 patients due in week 1; site 2 + contract 3 a week: 5, 5, 2 treated in
        // weeks 1–3, the contract 3 + 3 (fewest contract cases at that overdue).
        // Through week 1 as planned: the rest keeps C 3 and SA 2 + 2, and its
        // overdue is the plan's own after week 1: 16 × 2 (two left at the end of week 2).
        let problem = PlanningProblem(scenario: try Self.oneAdministration(count: 12).load())
        let (inForce, _) = try Self.planInForce(problem)
        #expect(inForce.weekly[LineKey(administration: "A", provider: "C", specialty: "s")] == [3, 3, 0, 0, 0, 0])
        let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                          outcomes: Self.outcomes([("A", "C", "2026-W14", 3, 0)]), through: 1)
        #expect(result.changes.count == 2)
        for change in result.changes {
            #expect(change.after == change.before, "\(change.line)")
            #expect(change.decision == .unchanged)
        }
        #expect(result.evaluation.tiers[.overdue] == 32)
        #expect(result.evaluation.tiers[.regionContractVolume] == 3)
        #expect(result.solves == 1)
    }

    // MARK: - Under-delivery

    @Test func underDeliveryIsMadeUpWithinCapacityAndTheSlipIsReported() throws {
        // 26 patients: the plan treats 5 a week in weeks 1–5 (C 3 each) and 1 in week 6.
        // C sends 1 instead of 3 in week 1: 23 remain, and weeks 2–6 can treat 25, so
        // the contract takes 13 instead of the planned 12 (raised) and all are treated.
        // Beyond the guarantee (from week 4): plan 6 + 1 = 7 patient-weeks, re-plan 8 + 3 = 11.
        let problem = PlanningProblem(scenario: try Self.oneAdministration(count: 26).load())
        let (inForce, _) = try Self.planInForce(problem)
        let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                          outcomes: Self.outcomes([("A", "C", "2026-W14", 1, 0)]), through: 1)
        let contract = try #require(Self.change(result, "A", "C"))
        #expect(contract.before == 12)
        #expect(contract.after == 13)
        #expect(contract.decision == .raised)
        #expect(result.evaluation.waitingAtEnd == 0)
        // Overdue over weeks 2–6: 16 × (18 + 13 + 8 + 3) = 672 (the plan's: 16 × 34 = 544).
        #expect(result.evaluation.tiers[.overdue] == 672)
        #expect(result.beyondGuaranteeWeeks == 11)
        #expect(result.beyondGuaranteeWeeksInForce == 7)
    }

    // MARK: - The three principles

    /// Administrations A (site SA) and B (site SB), 1 a week each, the contract C
    /// 3 a week, four weeks, transfers forbidden; A's line to C planned 3 a week and
    /// sent as planned in week 1; A asks to send nothing more to C.
    static func twoAdministrations(a: String, b: String) -> ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,1\nSB,s,1,1\n"
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,3,100\n"
        files.scenarioYAML += "policy:\n  internal_transfers: forbidden\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\n\(a)\n\(b)\n"
        return files
    }

    static func askToLower(_ files: ScenarioFiles, extraOutcomes: [(String, String, String, Int, Int)] = []) throws -> LineChange {
        let problem = PlanningProblem(scenario: try files.load())
        let inForce = PlanInForce(weekly: [LineKey(administration: "A", provider: "C", specialty: "s"): [3, 3, 3, 3]])
        let request = LineRequest(line: LineKey(administration: "A", provider: "C", specialty: "s"), volume: 0,
                                  location: SourceLocation(file: "requests.csv", line: 2))
        let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                          outcomes: outcomes([("A", "C", "2026-W14", 3, 0)] + extraOutcomes),
                                          through: 1, requests: [request])
        return try #require(change(result, "A", "C"))
    }

    @Test func noPrincipleNoDecrease() throws {
        // 30 of A's and 5 of B's patients are past the guarantee already (waited 100
        // days): neither A nor the region meets it, and A relieved nobody.
        let change = try Self.askToLower(Self.twoAdministrations(a: "A,s,90,30,100", b: "B,s,90,5,100"))
        #expect(change.decision == .refused)
        #expect(change.before == 9)
        #expect(change.after == 9)
        #expect(change.proposed == 0)
        #expect(change.principles.isEmpty)
    }

    @Test func principleOneAloneAdministrationMeetsTheGuarantee() throws {
        // A's patients have just been referred (guarantee in week 13): A meets the
        // guarantee now and without C; B's do not, so the region does not.
        let change = try Self.askToLower(Self.twoAdministrations(a: "A,s,90,30,0", b: "B,s,90,5,100"))
        #expect(change.decision == .lowered)
        #expect(change.after == 0)
        #expect(change.principles == [.administrationMeetsGuarantee])
    }

    @Test func principleTwoAloneAdministrationRelievedAnother() throws {
        // As without a principle, but SA treated one of B's patients in week 1.
        let change = try Self.askToLower(Self.twoAdministrations(a: "A,s,90,30,100", b: "B,s,90,5,100"),
                                         extraOutcomes: [("B", "SA", "2026-W14", 1, 0)])
        #expect(change.decision == .lowered)
        #expect(change.principles == [.relievedAnotherAdministration])
    }

    @Test func principleThreeAloneRegionMetTheGuarantee() throws {
        // Nobody is past the guarantee at the end of week 1, but A's 30 patients reach
        // it in week 3 (waited 76 of 90 days): without C, A's site (1 a week) leaves
        // 25 of them beyond it, so A does not meet it in the re-plan; the region has.
        let change = try Self.askToLower(Self.twoAdministrations(a: "A,s,90,30,76", b: "B,s,90,1,0"))
        #expect(change.decision == .lowered)
        #expect(change.principles == [.regionMeetsGuarantee])
    }

    // MARK: - Returned referrals

    @Test func returnedReferralsAreReplacedOnTopAndNotCountedAsSent() throws {
        // A sends C 3 a week (C takes 5); C returns 1 in W14 and 2 in W15. The one of
        // W14 was replaced in W15 (the routine: the week after); the two of W15 go on
        // top of the re-plan in W16, so C has 5 − 2 = 3 left there for the plan.
        // Treated so far: sent 6 − returned 3 + replacements 1 + 2 = 6 of 60.
        var files = Self.oneAdministration(count: 60)
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,5,100\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,60,100\n"
        let problem = PlanningProblem(scenario: try files.load())
        let inForce = PlanInForce(weekly: [LineKey(administration: "A", provider: "C", specialty: "s"): [3, 3, 3, 3, 3, 3]])
        let result = try Replanner.replan(problem: problem, planInForce: inForce,
                                          outcomes: Self.outcomes([("A", "C", "2026-W14", 3, 1), ("A", "C", "2026-W15", 3, 2)]),
                                          through: 2)
        let replacement = try #require(result.replacements.first)
        #expect(replacement.returned == 3)
        #expect(replacement.replacedSoFar == 1)
        #expect(replacement.placed.map(\.week) == ["2026-W16"])
        #expect(replacement.placed.map(\.cases) == [2])
        #expect(result.rest.cohorts[0].available[0] == 54)
        let offer = try #require(result.rest.offers.firstIndex { result.rest.providers[$0.provider].id == "C" })
        #expect(result.rest.offers[offer].capacity[0] == 3)
        // The line's volume is what the re-plan sends, replacements not included.
        let contract = try #require(Self.change(result, "A", "C"))
        let line = try #require(result.periodisation.lines.first { result.rest.providers[$0.provider].id == "C" })
        #expect(contract.after == line.planned)
        #expect(line.weekly[0] <= 3)
    }

    // MARK: - Outcome sources

    @Test func sheetsFolderReadsLikeTheCSV() throws {
        var files = Self.oneAdministration(count: 12)
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 6", with: "periods: 4")
        files.extra["sheets/C.csv"] = "administration,specialty,row,2026-W14,2026-W15,2026-W16,2026-W17,total\n"
            + "A,s,plan,3,3,0,0,6\nA,s,utfall,3,1,,,\nA,s,returned,0,1,,,\n"
        files.extra["outcomes.csv"] = "administration,provider,specialty,week,sent,returned\n"
            + "A,C,s,2026-W14,3,0\nA,C,s,2026-W15,1,1\n"
        let folder = try files.write()
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let sheets = try OutcomeLoader.load(path: folder.appendingPathComponent("sheets").path, problem: problem)
        let table = try OutcomeLoader.load(path: folder.appendingPathComponent("outcomes.csv").path, problem: problem)
        func summary(_ o: Outcomes) -> [String] { o.records.map { "\($0.line) \($0.week) \($0.sent) \($0.returned)" }.sorted() }
        #expect(summary(sheets) == summary(table))
        #expect(summary(sheets).count == 2)
        #expect(OutcomeLoader.form(of: folder.appendingPathComponent("sheets")) == .sheetsFolder)
        #expect(OutcomeLoader.form(of: URL(fileURLWithPath: "/x/delivery_plans.xlsx")) == .workbook)
    }

    @Test func badSheetCellNamesFileLineAndWeek() throws {
        var files = Self.oneAdministration(count: 12)
        files.extra["sheets/C.csv"] = "administration,specialty,row,2026-W14,2026-W15,total\n"
            + "A,s,plan,3,3,6\nA,s,utfall,3,tre,\n"
        let folder = try files.write()
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        #expect {
            try OutcomeLoader.load(path: folder.appendingPathComponent("sheets").path, problem: problem)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.file.hasSuffix("sheets/C.csv") && error.location.line == 3
                && error.location.field == "2026-W15"
        }
    }

    @Test func returnsBeyondWhatWasSentAreRefused() throws {
        var files = Self.oneAdministration(count: 12)
        files.extra["outcomes.csv"] = "administration,provider,specialty,week,sent,returned\n"
            + "A,C,s,2026-W14,3,0\nA,C,s,2026-W15,0,4\n"
        let folder = try files.write()
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        #expect {
            try OutcomeLoader.load(path: folder.appendingPathComponent("outcomes.csv").path, problem: problem)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.location.line == 3 && error.location.field == "returned"
        }
    }

    // MARK: - The command: bad input writes nothing

    static func commandFiles(outcomes: String) -> ScenarioFiles {
        var files = Self.oneAdministration(count: 12)
        files.extra["plan/delivery_plans.csv"] = "administration,provider,specialty,week,planned\n"
            + (14...19).map { "A,C,s,2026-W\($0),\($0 < 16 ? 3 : 0)\n" }.joined()
        files.extra["outcomes.csv"] = outcomes
        return files
    }

    @Test func malformedOutcomesExit65WithFileLineFieldAndWriteNothing() throws {
        let folder = try Self.commandFiles(outcomes: "administration,provider,specialty,week,sent,returned\n"
                                           + "A,C,s,2026-W14,3,0\nA,C,s,2026-W15,x,0\n").write()
        let out = folder.outputSibling("out")
        let run = try LotsaProcess.run(["replan", folder.path, "--plan", folder.appendingPathComponent("plan").path,
                                        "--outcomes", folder.appendingPathComponent("outcomes.csv").path,
                                        "--through", "2026-W15", "--out", out.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("outcomes.csv:3: error: field 'sent'"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func throughOutsideTheHorizonExit65AndWriteNothing() throws {
        let folder = try Self.commandFiles(outcomes: "administration,provider,specialty,week,sent,returned\n"
                                           + "A,C,s,2026-W14,3,0\n").write()
        let out = folder.outputSibling("out")
        let run = try LotsaProcess.run(["replan", folder.path, "--plan", folder.appendingPathComponent("plan").path,
                                        "--outcomes", folder.appendingPathComponent("outcomes.csv").path,
                                        "--through", "2026-W30", "--out", out.path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("--through"))
        #expect(run.stderr.contains("2026-W30"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        // The command works on the same files with a week inside the horizon.
        let good = try LotsaProcess.run(["replan", folder.path, "--plan", folder.appendingPathComponent("plan").path,
                                         "--outcomes", folder.appendingPathComponent("outcomes.csv").path,
                                         "--through", "2026-W14", "--out", out.path])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("changes.csv").path))
    }
}
