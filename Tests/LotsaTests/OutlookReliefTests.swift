import Foundation
import Testing
import LinearProgramming
@testable import Lotsa

/// Relief capacity by Newton steps on the network simplex against the LP and by
/// hand, "not computed" without relief, and the terminal table's bands header.
@Suite struct OutlookReliefTests {
    /// Two administrations, transfers allowed: A's site treats 2 a week, B's 1, four
    /// weeks; 21 of A's and 5 of B's patients already past the guarantee.
    static var twoAdministrations: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSB,s,1,1\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,21,100\nB,s,90,5,100\n"
        return files
    }

    @Test func networkMatchesTheLPAndTheHandWorkedValue() throws {
        // 26 patients, 3 a week for 4 weeks treats 12: nobody left needs 26 / 4 = 6.5
        // a week, 3.5 more (the LP minimum); whole cases: 4 (4 × 4 = 16 ≥ 14 extra).
        let outlook = OutlookProblem(scenario: try Self.twoAdministrations.load(), years: 1)
        let problem = outlook.problem
        let block = try #require(SpecialtyBlock.blocks(of: problem).first)
        let network = try ReliefCapacity.solveNetwork(problem, block)
        let lp = try ReliefCapacity.solveLP(problem, block, options: SolverOptions())
        #expect(network.method == "network" && lp.method == "simplex")
        #expect(abs((network.exact ?? 0) - 3.5) < 1e-9)
        #expect(abs((lp.exact ?? 0) - 3.5) < 1e-9)
        // A's patients use 13 of the 14 extra cases (B's site leaves B one short):
        // 4 × 13 / 14 = 3.71 → 4 at A, 0.29 → 0 at B. The LP rounds each
        // administration up (3.25 → 4, 0.25 → 1): one case more than needed.
        #expect(network.cases == ["A": 4, "B": 0])
        #expect(lp.cases.values.reduce(0, +) == 5)

        func beyondAtEnd(_ cases: [String: Int]) throws -> Double {
            var relief = network
            relief.cases = cases
            let withRelief = ReliefCapacity.adding([relief], to: problem)
            let result = try Planner.solve(withRelief, options: PlannerOptions())
            return PlanEvaluation(problem: withRelief, plan: result.plan).beyondGuaranteeAtEnd
        }
        // 3 + 4 = 7 a week treats 28 ≥ 26; 3 + 3 = 6 a week treats 24: two left.
        #expect(try beyondAtEnd(["A": 4, "B": 0]) == 0)
        #expect(try beyondAtEnd(["A": 3, "B": 0]) == 2)
        #expect(try beyondAtEnd(["A": 0, "B": 3]) == 2)
    }

    @Test func newtonStepsFindTheSmallestWholeCapacityOnAGrowingQueue() throws {
        // 3 referrals a week (priority 90, guarantee 90 days = 12 weeks) at a site that
        // treats 1, 30 weeks, 14 already past the guarantee. A referral of week t is
        // guaranteed by week t + 12 (90 days), so weeks 1..18 must be treated by week
        // 30 with the backlog: 14 + 3 × 18 = 68, earliest first, and never more than
        // has arrived (14 + 3t ≥ (1 + x)t), so (1 + x) · 30 ≥ 68: x ≥ 38 / 30, 2 whole.
        var files = ScenarioFiles()
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 4", with: "periods: 30")
            + "forecast: forecast.csv\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,1\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,90,all,3\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,14,100\n"
        let outlook = OutlookProblem(scenario: try files.load(), years: 1)
        let block = try #require(SpecialtyBlock.blocks(of: outlook.problem).first)
        let guaranteed = outlook.problem.cohorts.reduce(0) { $0 + $1.guaranteed[30] }
        #expect(guaranteed == 68)
        let network = try ReliefCapacity.solveNetwork(outlook.problem, block)
        let lp = try ReliefCapacity.solveLP(outlook.problem, block, options: SolverOptions())
        #expect(abs((network.exact ?? -1) - (lp.exact ?? -2)) < 1e-9)
        #expect(abs((network.exact ?? 0) - Double(guaranteed - 30) / 30) < 1e-9)
        #expect(network.cases["A"] == Int((Double(guaranteed - 30) / 30).rounded(.up)))
        #expect(network.cases == lp.cases)
    }

    @Test func withoutReliefTheReliefColumnsSayNotComputed() throws {
        let outlook = OutlookProblem(scenario: try OutlookTests.singleQueue.load(), years: 1)
        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions(),
                                                   relief: false)
        let row = OutlookTests.row(analysis, "s", nil)
        #expect(row.reliefCases == nil && row.reliefExact == nil && row.reliefWeeksToClear == nil)
        #expect(analysis.beyondWithRelief == nil)
        let tables = OutlookTables(outlook: outlook, analysis: analysis, bands: nil, options: OutlookRunOptions(),
                                   growth: GrowthTable())
        // Terminal: the ranking's relief column and the region line.
        let text = tables.text()
        let ranked = try #require(text.split(separator: "\n").first { $0.hasPrefix("1 ") })
        #expect(ranked.contains("not computed"))
        #expect(text.contains("relief not computed"))
        // CSV: empty fields, not 0.
        let lines = tables.rowsCSV().split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for column in ["relief_cases_per_week", "relief_exact", "relief_weeks_to_clear"] {
            let index = try #require(header.firstIndex(of: column))
            #expect(cells[index] == "", "\(column) is '\(cells[index])'")
        }
        // JSON: null, and no relief KPI to check against.
        let json = tables.json()
        guard case .array(let rows)? = json.value(at: "rows"), let first = rows.first else {
            Issue.record("no rows in outlook.json"); return
        }
        #expect(first.value(at: "relief.cases_per_week") == .null)
        #expect(first.value(at: "relief.weeks_to_clear") == .null)
        #expect(first.value(at: "relief.computed") == .bool(false))
        #expect(json.value(at: "kpis.s.A.relief_cases_per_week") == nil)
        #expect(json.value(at: "kpis.s.A.load_own") != nil)

        // With relief the same columns carry numbers.
        let computed = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: PlannerOptions())
        let withRelief = OutlookTables(outlook: outlook, analysis: computed, bands: nil, options: OutlookRunOptions(),
                                       growth: GrowthTable())
        #expect(!withRelief.text().contains("not computed"))
        #expect(withRelief.json().value(at: "kpis.s.A.relief_cases_per_week") == .number(4))
    }

    @Test func bandsHeaderNamesStandApart() throws {
        let outlook = OutlookProblem(scenario: try OutlookTests.sampled.load(), years: 2)
        var options = PlannerOptions()
        options.parallelism = 1
        let analysis = try OutlookAnalysis.analyse(outlook: outlook, problem: outlook.problem, options: options, relief: false)
        let bands = Band.bands(try OutlookSampling.run(outlook, samples: 3, seed: 1, options: options, relief: false))
        var run = OutlookRunOptions()
        run.samples = 3
        let text = OutlookTables(outlook: outlook, analysis: analysis, bands: bands, options: run, growth: GrowthTable()).text()
        let lines = text.split(separator: "\n").map(String.init)
        let title = try #require(lines.firstIndex { $0.hasPrefix("bands over 3 variants") })
        let header = lines[title + 1]
        #expect(header.split(separator: " ").map(String.init)
                == ["specialty", "load_own", "beyond_guarantee_end_year2", "relief_cases_per_week", "fragile"])
        // Every row ends where the header does (right-aligned columns), and relief,
        // left out of the variants, says so.
        let region = try #require(lines.first { $0.hasPrefix("region ") })
        #expect(region.count == header.count)
        #expect(region.contains("not computed"))
    }
}
