import Foundation
import Testing
@testable import Lotsa

/// `lotsa periodise` of a missiv that is not the allocation's own (docs/optimal-plan.md
/// §6): the fast engine places it offer by offer; only when a decided case finds no
/// week does the LP decide exactly what cannot be placed.
@Suite struct ForeignMissivPeriodisationTests {
    @Test func aPlaceableMissivGoesThroughTheNetworkEngine() throws {
        let result = try PeriodisationTests.periodise(PeriodisationTests.contractScenario,
                                                      decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        #expect(result.engine == .network)
        #expect(result.lines[0].weekly == [8, 8, 4, 8])
        #expect(result.unresolved == 0)
    }

    @Test func aShortfallOfTheOffersOwnCapacityIsExactWithoutTheLP() throws {
        // 50 decided, capacity 35: the offer alone could not place more, so neither can any spread.
        let result = try PeriodisationTests.periodise(PeriodisationTests.contractScenario,
                                                      decided: "administration,provider,specialty,volume\nA,C,s,50\n")
        #expect(result.engine == .network)
        #expect(result.unresolved == 15)
    }

    /// D (weeks 14–15, listed first, so placed first) spreads its 10 as 5 and 5 and
    /// leaves C (week 14 only) 5 of the 10 who wait in W14; C alone could place all
    /// 10, so the shortfall is not proven least and the LP finds the plan that places
    /// everything: C 10 in W14, D 10 in W15 (the 10 referred in W15).
    @Test func aShortfallCausedByAnotherOfferIsLeftToTheLP() throws {
        var files = PeriodisationTests.contractScenario
        files.contractProviders = "id,name,owner_region\nD,Clinic D,R\nC,Clinic C,R\n"
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\n"
            + "D,s,10,,100,,2026-04-12\nC,s,10,,100,,2026-04-05\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,10,0\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,90,2026-W15,10\n"
        files.scenarioYAML += "forecast: forecast.csv\n"
        let result = try PeriodisationTests.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,10\nA,D,s,10\n")
        #expect(result.engine == .lp)
        #expect(result.unresolved == 0)
        #expect(result.lines.map(\.weekly) == [[10, 0, 0, 0], [0, 10, 0, 0]])
    }

    /// Generated scenarios: the external lines of the allocation's own plan, decided
    /// alone (own sites then free), are placed in full by the network engine; its
    /// `overdue` is never below the LP's optimum of the same periodisation (the LP is
    /// exact, the engine offer by offer), and the test counts how often it is equal.
    @Test func externalLinesOfGeneratedPlansArePlacedByTheNetworkEngine() throws {
        var checked = 0, equalOverdue = 0, network = 0
        for seed in PlanPropertyTests.seeds {
            let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
            var options = PlannerOptions()
            options.parallelism = 1
            let plan = PlanPublisher.publish(try Planner.solve(problem, options: options).plan, problem: problem).0
            let external = DeliveryLines(problem: problem, plan: plan).lines.filter {
                problem.providers[$0.provider].administration != $0.administration
            }
            guard !external.isEmpty else { continue }
            let decided = DecidedVolumes(lines: external.map {
                DecidedVolumes.Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                                    volume: Int($0.weekly.reduce(0, +)))
            }, file: InputFile(data: Data(), displayPath: "generated"))
            let fast = try Periodiser.periodise(problem, decided: decided, options: options)
            try PeriodisationTests.check(fast, "seed \(seed)")
            #expect(fast.unresolved == 0, "seed \(seed)")
            if fast.engine == .network { network += 1 }
            var lpOptions = options
            lpOptions.monolithic = true
            let exact = try Periodiser.periodise(problem, decided: decided, options: lpOptions)
            #expect(exact.engine == .lp)
            let fastOverdue = PlanEvaluation(problem: problem, plan: fast.plan).tiers[.overdue] ?? 0
            let exactOverdue = PlanEvaluation(problem: problem, plan: exact.plan).tiers[.overdue] ?? 0
            // The engine's weeks are published only when their `overdue` meets the
            // allocation's bound, so `overdue` is the periodisation's optimum either way.
            #expect(abs(fastOverdue - exactOverdue) <= 1e-6 * max(1, abs(exactOverdue)), "seed \(seed)")
            if abs(fastOverdue - exactOverdue) <= 1e-6 { equalOverdue += 1 }
            checked += 1
        }
        #expect(checked >= 30)
        print("foreign missiv: network engine on \(network), overdue equal to the LP's on \(equalOverdue) of \(checked) seeds")
    }
}
