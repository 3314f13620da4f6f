import Foundation
import Testing
@testable import Lotsa

/// `lotsa plan` publishes the periodisation of its own missiv (docs/optimal-plan.md §5):
/// the same missiv, the same `overdue` and volume tiers, steadier weeks.
@Suite struct SteadyPeriodisationTests {
    /// Administrations A and B, no capacity of their own; one region contract C of
    /// 10 a week for four weeks (40 in all). Each administration has 20 patients of
    /// priority 90 who have waited 70 days, so they are due in week 3 (20 days left).
    /// Every plan that treats all 40 patients by week 4 has the same tiers but waiting:
    /// other_region 0, region_contract 40, transfers 0, cost 40 × 100 = 4000, and
    /// overdue 10 patients × weight 1 in week 3 whatever the split
    /// (alternating: A 20 by week 3, B 10; steady: 15 and 15; both 10 overdue).
    static var twoAdministrations: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,1\nSB,s,0,1\n"
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\nC,s,10,,100,,\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,20,70\nB,s,90,20,70\n"
        return files
    }

    /// The alternating optimum, written by hand: A sends 10, 0, 10, 0 and B 0, 10, 0, 10.
    static func alternating(_ problem: PlanningProblem) throws -> Plan {
        let c = try #require(problem.offers.firstIndex { problem.providers[$0.provider].id == "C" })
        let a = try #require(problem.cohorts.firstIndex { $0.key.administration == "A" })
        let b = try #require(problem.cohorts.firstIndex { $0.key.administration == "B" })
        var flows: [Flow] = []
        var cumulative = problem.cohorts.map { _ in [Double](repeating: 0, count: 5) }
        for t in 1...4 {
            let q = t % 2 == 1 ? a : b
            flows.append(Flow(group: problem.cohorts[q].group, offer: c, period: t, cases: 10))
            for r in [a, b] { cumulative[r][t] = cumulative[r][t - 1] + (r == q ? 10 : 0) }
        }
        return Plan(treatedCumulative: cumulative, flows: flows)
    }

    @Test func anAlternatingOptimumIsPublishedSteady() throws {
        let folder = try Self.twoAdministrations.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let start = try Self.alternating(problem)
        #expect(PlanVerifier.violations(of: start, problem: problem).isEmpty)
        let before = PlanEvaluation(problem: problem, plan: start)
        // The start is an optimum: the allocation reaches the same tiers but waiting.
        let optimum = PlanEvaluation(problem: problem, plan: try Planner.solve(problem, options: PlannerOptions()).plan)
        for tier in Tier.allCases { #expect(before.tiers[tier] == optimum.tiers[tier], "\(tier)") }
        #expect(before.tiers[.overdue] == 10 && before.tiers[.cost] == 4000)

        let missiv = DecidedVolumes.missiv(of: start, problem: problem)
        #expect(missiv.lines.map(\.volume) == [20, 20])
        var options = PlannerOptions()
        options.parallelism = 1
        let result = try Periodiser.periodise(problem, decided: missiv, options: options, start: start)
        #expect(result.engine == .network)
        #expect(result.lines.map(\.weekly) == [[5, 5, 5, 5], [5, 5, 5, 5]])
        #expect(result.lines.map(\.planned) == [20, 20])
        #expect(PlanVerifier.violations(of: result.plan, problem: problem).isEmpty)
        let after = PlanEvaluation(problem: problem, plan: result.plan)
        for tier in Tier.allCases where tier != .waiting { #expect(after.tiers[tier] == before.tiers[tier], "\(tier)") }
        #expect(Steadiness(problem: problem, plan: start).medianTotalVariation == 1.5)  // 10, 0, 10, 0: 30 / 20
        #expect(Steadiness(problem: problem, plan: start).medianEmptyWeekShare == 0.5)
        #expect(Steadiness(problem: problem, plan: result.plan).medianTotalVariation == 0)
        #expect(Steadiness(problem: problem, plan: result.plan).medianEmptyWeekShare == 0)
    }

    @Test func planPublishesSteadyWeeksWithTheOptimumsMissivAndPeriodiseAgrees() throws {
        let folder = try Self.twoAdministrations.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = PlanRunOptions()
        options.outputDirectory = folder.outputSibling("out")
        options.planner.parallelism = 1
        let report = try PlanRun.run(scenarioPath: folder.path, options: options)
        func read(_ name: String, in out: URL) throws -> String {
            try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        }
        let out = options.outputDirectory!
        #expect(try read("sheets/C.csv", in: out).contains("A,s,plan,5,5,5,5,20\n"))
        #expect(try read("sheets/C.csv", in: out).contains("B,s,plan,5,5,5,5,20\n"))
        #expect(try read("missiv.csv", in: out) == "administration,provider,specialty,volume\nA,C,s,20\nB,C,s,20\n")
        #expect(report.summary.value(at: "tiers.published") != nil)
        #expect(report.summary.value(at: "steadiness.published.median_total_variation") == .number(0))
        #expect(report.summary.value(at: "periodisation.engine") == .string("network"))
        for tier in Tier.allCases where tier != .waiting {
            #expect(report.published.tiers[tier] == report.integer.tiers[tier], "\(tier)")
        }

        // `lotsa periodise` of plan's own missiv publishes the same weeks.
        var periodiseOptions = PeriodiseRunOptions()
        periodiseOptions.outputDirectory = folder.outputSibling("periodised")
        periodiseOptions.planner.parallelism = 1
        let periodised = try PeriodiseRun.run(scenarioPath: folder.path, missivPath: out.appendingPathComponent("missiv.csv").path,
                                              options: periodiseOptions)
        #expect(periodised.result.engine == .network)
        #expect(try read("delivery_plans.csv", in: periodiseOptions.outputDirectory!) == read("delivery_plans.csv", in: out))
    }

    /// Generated scenarios: the published plan keeps the optimum's missiv, every hard
    /// rule, `overdue` and every volume tier; it is not less steady than the optimum's weeks.
    @Test(arguments: PlanPropertyTests.seeds)
    func publishedPlansKeepTheOptimum(seed: UInt64) throws {
        let folder = try RandomScenarios.files(seed: seed).write()
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = PlanRunOptions()
        options.outputDirectory = folder.outputSibling("out")
        options.planner.parallelism = 1
        let report = try PlanRun.run(scenarioPath: folder.path, options: options)
        let problem = report.result.problem
        let integral = PlanPublisher.publish(report.result.plan, problem: problem).0
        #expect(PlanVerifier.violations(of: report.plan, problem: problem).isEmpty, "seed \(seed)")
        #expect(report.plan.isIntegral(tolerance: 0), "seed \(seed)")
        let missiv = DeliveryLines(problem: problem, plan: integral).lines.map { [$0.administration, "\($0.provider)", $0.specialty, "\($0.weekly.reduce(0, +))"] }
        let published = DeliveryLines(problem: problem, plan: report.plan).lines.map { [$0.administration, "\($0.provider)", $0.specialty, "\($0.weekly.reduce(0, +))"] }
        #expect(published == missiv, "seed \(seed)")
        let lp = PlanEvaluation(problem: problem, plan: report.result.plan)
        for tier in Tier.allCases where tier != .waiting {
            let kept = lp.tiers[tier]!, found = report.published.tiers[tier]!
            #expect(abs(found - kept) <= 1e-9 * max(1, abs(kept)), "seed \(seed) \(tier): \(found) vs \(kept)")
        }
        // What the spread minimises, the deviation from the capacity-proportional share,
        // never rises: the optimum's own weeks are one feasible spread.
        guard case .number(let published) = report.summary.value(at: "periodisation.deviation.published"),
              case .number(let own) = report.summary.value(at: "periodisation.deviation.integer") else {
            Issue.record("seed \(seed): summary.json has no periodisation.deviation"); return
        }
        #expect(published <= own + 1e-9, "seed \(seed): deviation \(published) > \(own)")
        // Nor does the median total variation. The spread does not minimise it; it holds
        // on these seeds because the settling steps (SteadySpreadTiesTests) give each
        // line one run among equally good weeks. Without them, seed 8 went 0.67 → 0.75
        // once the allocation started from a plan, although its deviation fell 28 → 20.
        // Small lines are the ones that could get less steady: one patient at a provider
        // whose first week is half open would move to the fuller second week (seed 14,
        // 2.0 against 1.0) if the deviation followed shares below half a case.
        #expect(report.steadiness.medianTotalVariation <= report.integerSteadiness.medianTotalVariation + 1e-12,
                "seed \(seed): \(report.steadiness.medianTotalVariation) > \(report.integerSteadiness.medianTotalVariation)")
    }
}
