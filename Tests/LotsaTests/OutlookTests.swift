import Foundation
import Testing
@testable import Lotsa

/// `lotsa outlook` on tiny scenarios worked out by hand.
@Suite struct OutlookTests {
    /// One administration, one site that treats 2 a week, four weeks; 21 patients of
    /// priority 90 who waited 100 days, so all are already past the guarantee.
    static var singleQueue: ScenarioFiles {
        var files = ScenarioFiles()
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,21,100\n"
        return files
    }

    static func outlook(_ files: ScenarioFiles, years: Int = 1, growth: GrowthTable = GrowthTable()) throws -> OutlookProblem {
        OutlookProblem(scenario: try files.load(), years: years, growth: growth)
    }

    static func row(_ analysis: OutlookAnalysis, _ specialty: String?, _ administration: String?) -> OutlookRow {
        analysis.rows.first { $0.figures.scope == OutlookScope(specialty: specialty, administration: administration) }!
    }

    @Test func reliefCapacityOfASingleQueue() throws {
        // 21 patients, 2 a week for 4 weeks treats 8: 13 left beyond the guarantee.
        // Nobody left needs 21 / 4 = 5.25 a week, 3.25 more than the site:
        // 4 whole cases a week.
        let outlook = try Self.outlook(Self.singleQueue)
        let relief = try ReliefCapacity.solve(outlook.problem, parallelism: 1)
        #expect(relief.count == 1)
        #expect(abs((relief[0].exact ?? 0) - 3.25) < 1e-9)
        #expect(relief[0].cases["A"] == 4)

        func beyondAtEnd(extra: Int) throws -> Double {
            var adjusted = relief
            adjusted[0].cases["A"] = extra
            let problem = ReliefCapacity.adding(adjusted, to: outlook.problem)
            let result = try Planner.solve(problem, options: PlannerOptions())
            return PlanEvaluation(problem: problem, plan: result.plan).beyondGuaranteeAtEnd
        }
        // 2 + 4 = 6 a week treats 24 ≥ 21; 2 + 3 = 5 a week treats 20: one left.
        #expect(try beyondAtEnd(extra: 4) == 0)
        #expect(try beyondAtEnd(extra: 3) == 1)

        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions())
        let row = Self.row(analysis, "s", "A")
        #expect(row.figures.beyondEnd == [13])
        #expect(row.reliefCases == 4)
        // 4 cases at 2 cases per room-week: 2 operating rooms.
        #expect(row.reliefRooms == 2)
        // 6 a week: 21 − 18 = 3 left after week 3, none after week 4.
        #expect(row.reliefWeeksToClear == 4)
        // Queueing formulas: demand 0, queue 21, target 0, 4 weeks: 0 + 21 / 4 = 5.25
        // a week, 3.25 beyond the site's 2 — the engine's LP value.
        #expect(abs(row.queueing.reliefCapacity - 5.25) < 1e-9)
        #expect(abs(row.queueing.reliefExtra - 3.25) < 1e-9)
        #expect(analysis.beyondWithRelief == 0)
        #expect(analysis.fragility.first?.fragile == true)
    }

    @Test func lowLoadWithoutBacklogIsNotFragile() throws {
        // 1 referral a week (priority 30) at a site that treats 2: load 0.5.
        var files = ScenarioFiles()
        files.scenarioYAML += "forecast: forecast.csv\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,30,all,1\n"
        let outlook = try Self.outlook(files, years: 2)
        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions())
        let row = Self.row(analysis, "s", nil)
        #expect(row.figures.referrals == 8)
        #expect(row.figures.loadOwn == 0.5)
        #expect(row.reliefCases == 0)
        #expect(row.figures.beyondEnd == [0, 0])
        let assessment = try #require(analysis.fragility.first)
        #expect(assessment.specialty == "s")
        #expect(assessment.fragile == false)
        #expect(assessment.reasons.first == "load 0.50 (own capacity keeps up)")
    }

    @Test func contractEndingMidHorizonShowsInDependence() throws {
        // A region contract (5 a week) valid until 2026-04-08, in week 2 of four; 20
        // patients due now. The contract serves weeks 1 and 2 and is used to the full.
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price,valid_to\nC,s,5,100,2026-04-08\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,20,7\n"
        let outlook = try Self.outlook(files)
        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions(),
                                                   relief: false)
        let row = Self.row(analysis, "s", nil)
        let ending = try #require(row.figures.endingContracts.first)
        #expect(ending.provider == "C")
        #expect(ending.validTo == Day(year: 2026, month: 4, day: 8)!)
        // Weeks 1–2: 2 + 5 a week treated, 10 of them at the contract: 10 / 14.
        #expect(ending.cases == 10)
        #expect(abs(ending.shareWhileActive - 10.0 / 14) < 1e-12)
        #expect(abs(row.figures.shareAtContracts - 10.0 / 18) < 1e-12)
        let assessment = try #require(analysis.fragility.first)
        #expect(assessment.reasons.contains("71 % at one contract (C) ending 2026-04-08"))
        // A contract valid beyond the horizon's end (week 4 ends 2026-04-26) does not
        // end within it, nor does one without an end date.
        for contracts in ["provider,specialty,weekly_capacity,price,valid_to\nC,s,5,100,2026-12-31\n",
                          "provider,specialty,weekly_capacity,price\nC,s,5,100\n"] {
            files.contracts = contracts
            let open = try Self.outlook(files)
            let steady = try OutlookAnalysis.analyse(outlook: open, problem: open.problem, options: PlannerOptions(), relief: false)
            #expect(Self.row(steady, "s", nil).figures.endingContracts.isEmpty)
        }
    }

    @Test func onlyTheContractEndingWithinTheHorizonShows() throws {
        // Two region contracts of 5 a week: C ends 2026-04-08 (week 2 of four), D on
        // 2027-03-31, after the horizon. 30 patients due now; overdue first treats as
        // early as capacity allows: 2 + 5 + 5 in weeks 1 and 2 (24), the last 6 in week
        // 3 at the own site (2) and D (4). C carries 10, D 14, the site 6.
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\nD,Other clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price,valid_to\nC,s,5,100,2026-04-08\nD,s,5,200,2027-03-31\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,30,7\n"
        let outlook = try Self.outlook(files)
        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions(),
                                                   relief: false)
        let row = Self.row(analysis, "s", nil)
        #expect(row.figures.endingContracts.map(\.provider) == ["C"])
        let ending = try #require(row.figures.endingContracts.first)
        #expect(ending.validTo == Day(year: 2026, month: 4, day: 8)!)
        #expect(ending.cases == 10)
        #expect(ending.weeklyCapacity == 5)
        // Weeks 1–2: 2 own + 5 at C + 5 at D = 24 treated, 10 at C.
        #expect(abs(ending.shareWhileActive - 10.0 / 24) < 1e-12)
        let tables = OutlookTables(outlook: outlook, analysis: analysis, bands: nil, options: OutlookRunOptions(),
                                   growth: GrowthTable())
        #expect(tables.contractsCSV() == """
            specialty,provider,valid_to,weekly_capacity,cases,share_while_active
            s,C,2026-04-08,5,10,0.4167

            """)
    }

    @Test func annualCeilingHoldsPerYear() throws {
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price,annual_ceiling\nC,s,5,100,6\n"
        let outlook = try Self.outlook(files, years: 3)
        let contractOffers = outlook.problem.offers.filter { outlook.problem.providers[$0.provider].id == "C" }
        #expect(contractOffers.count == 3)
        #expect(contractOffers.map { $0.active.firstIndex(of: true)! } == [0, 4, 8])
        #expect(contractOffers.allSatisfy { $0.ceiling == 6 })
    }

    @Test func growthCompoundsPerYear() throws {
        var files = ScenarioFiles()
        files.scenarioYAML += "forecast: forecast.csv\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,30,all,10\n"
        let growth = GrowthTable(rows: [.init(specialty: "s", administration: nil, annualGrowth: 0.1)])
        let outlook = try Self.outlook(files, years: 3, growth: growth)
        // 40, 44 and 48.4 a year: 40 + 44 + 48.4 = 132.4, rounded on the running total.
        let cohort = try #require(outlook.problem.cohorts.first)
        #expect(cohort.available[4] == 40)
        #expect(cohort.available[8] == 84)
        #expect(cohort.available[12] == 132)
        // The weekly means before rounding: 10, 11 and 12.1 (1.1², compounded; 12 would
        // be linear growth, which the rounded totals above cannot tell apart).
        let means = try #require(outlook.expectedArrivals.values.first)
        #expect(abs(means[0] - 10) < 1e-9 && abs(means[4] - 11) < 1e-9 && abs(means[8] - 12.1) < 1e-9)
    }

    static var sampled: ScenarioFiles {
        var files = ScenarioFiles()
        files.scenarioYAML += "forecast: forecast.csv\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,30,all,2\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,6,80\n"
        return files
    }

    @Test func theSameSeedGivesTheSameBands() throws {
        let outlook = try Self.outlook(Self.sampled, years: 2)
        var serial = PlannerOptions()
        serial.parallelism = 1
        var parallel = PlannerOptions()
        parallel.parallelism = 3
        let first = Band.bands(try OutlookSampling.run(outlook, samples: 6, seed: 7, options: serial, relief: true))
        let again = Band.bands(try OutlookSampling.run(outlook, samples: 6, seed: 7, options: parallel, relief: true))
        #expect(first == again)
        #expect(first.contains { $0.kpi == "relief_cases_per_week" } && first.contains { $0.kpi == "tiers.overdue" })
        // The draws do vary: referrals are Poisson around 16 over 8 weeks.
        let referrals = try #require(first.first { $0.specialty == "s" && $0.administration == "A" && $0.kpi == "referrals" })
        #expect(referrals.p10 < referrals.p90)
        let other = Band.bands(try OutlookSampling.run(outlook, samples: 6, seed: 8, options: serial, relief: true))
        #expect(other != first)
    }

    @Test func percentilesInterpolateBetweenOrderStatistics() {
        // R's type 7: h = (n − 1)·p; [1, 2, 3, 4, 5] at 0.1 → 1.4, at 0.5 → 3, at 0.9 → 4.6.
        let values = [1.0, 2, 3, 4, 5]
        #expect(abs(Band.percentile(values, 0.1) - 1.4) < 1e-12)
        #expect(Band.percentile(values, 0.5) == 3)
        #expect(abs(Band.percentile(values, 0.9) - 4.6) < 1e-12)
    }

    static func growthError(_ text: String) throws -> InputError? {
        let scenario = try ScenarioFiles().load()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("growth-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        var ledger = InputLedger()
        do {
            _ = try GrowthTable.load(path: url.path, model: scenario.model, ledger: &ledger)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("specialty,administration,annual_growth\ns,A,0.02\nx,A,0.01\n", 3, "specialty", "unknown specialty"),
        ("specialty,administration,annual_growth\ns,B,0.02\n", 2, "administration", "unknown administration"),
        ("specialty,administration,annual_growth\ns,A,3 %\n", 2, "annual_growth", "\"3 %\""),
        ("specialty,administration,annual_growth\ns,*,2\n", 2, "annual_growth", "out of range"),
        ("specialty,administration,annual_growth\ns,A,0.02\n*,*,0\ns,A,0.03\n", 4, "administration", "a second growth row"),
        ("specialty,administration,growth\ns,A,0.02\n", 1, nil, "annual_growth"),
    ] as [(String, Int, String?, String)])
    func badGrowthFilesNameFileLineAndField(text: String, line: Int, field: String?, message: String) throws {
        let error = try #require(try Self.growthError(text))
        #expect(error.location.line == line)
        #expect(error.location.file.hasSuffix(".csv"))
        if let field { #expect(error.location.field == field) }
        #expect(error.description.contains(message))
    }

    @Test func goodGrowthFileMostSpecificRowApplies() throws {
        #expect(try Self.growthError("specialty,administration,annual_growth\n*,*,0.01\ns,*,0.02\ns,A,0.03\n") == nil)
        let table = GrowthTable(rows: [.init(specialty: nil, administration: nil, annualGrowth: 0.01),
                                       .init(specialty: "s", administration: nil, annualGrowth: 0.02),
                                       .init(specialty: "s", administration: "A", annualGrowth: 0.03)])
        #expect(table.annualGrowth(specialty: "s", administration: "A") == 0.03)
        #expect(table.annualGrowth(specialty: "s", administration: "B") == 0.02)
        #expect(table.annualGrowth(specialty: "t", administration: "A") == 0.01)
    }
}
