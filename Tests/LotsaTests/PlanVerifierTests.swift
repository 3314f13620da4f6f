import Foundation
import Testing
@testable import Lotsa

/// The verifier is the last gate before a plan is published (exit 70 when it
/// objects), so each hard rule is broken once, by a plan written by hand, and the
/// verifier must name that rule — and only that one. A verifier that found
/// nothing would fail every test here but the first.
@Suite struct PlanVerifierTests {
    /// One administration, two weeks. Site SA takes 2 a week; contract C takes 5 a
    /// week, 3 in all (its ceiling), outpatients only. Waiting: 4 outpatients and
    /// 2 inpatients of priority 7.
    static func problem() throws -> PlanningProblem {
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,care_types\nC,s,5,3,100,outpatient\n"
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 4", with: "periods: 2")
        files.waitingList = "administration,specialty,priority,care_type,count,days_waited\nA,s,7,outpatient,4,7\nA,s,7,inpatient,2,7\n"
        return PlanningProblem(scenario: try files.load())
    }

    /// A plan from outpatient and inpatient flows `(provider, period, cases)`; the
    /// cumulative treated counts are given separately so that each test can make
    /// them agree with the flows or not.
    static func plan(_ problem: PlanningProblem, outpatient: [(String, Int, Double)], inpatient: [(String, Int, Double)],
                     treatedOutpatient: [Double], treatedInpatient: [Double]) throws -> Plan {
        let out = try #require(problem.cohorts.firstIndex { $0.group.careType == .outpatient })
        let inp = try #require(problem.cohorts.firstIndex { $0.group.careType == .inpatient })
        func offer(_ id: String) throws -> Int {
            try #require(problem.offers.firstIndex { problem.providers[$0.provider].id == id })
        }
        var treated = [[Double]](repeating: [0, 0, 0], count: problem.cohorts.count)
        treated[out] = treatedOutpatient
        treated[inp] = treatedInpatient
        var flows: [Flow] = []
        for (q, list) in [(out, outpatient), (inp, inpatient)] {
            for (id, period, cases) in list {
                flows.append(Flow(group: problem.cohorts[q].group, offer: try offer(id), period: period, cases: cases))
            }
        }
        return Plan(treatedCumulative: treated, flows: flows)
    }

    @Test func aPlanKeepingEveryRuleHasNoViolations() throws {
        let problem = try Self.problem()
        let plan = try Self.plan(problem, outpatient: [("C", 1, 3), ("SA", 2, 1)], inpatient: [("SA", 1, 2)],
                                 treatedOutpatient: [0, 3, 4], treatedInpatient: [0, 2, 2])
        #expect(PlanVerifier.violations(of: plan, problem: problem) == [])
    }

    @Test func capacity() throws {
        let problem = try Self.problem()
        // Site SA treats 1 + 2 = 3 in week 1; it has 2.
        let plan = try Self.plan(problem, outpatient: [("SA", 1, 1), ("C", 1, 2), ("C", 2, 1)], inpatient: [("SA", 1, 2)],
                                 treatedOutpatient: [0, 3, 4], treatedInpatient: [0, 2, 2])
        let found = PlanVerifier.violations(of: plan, problem: problem)
        #expect(found == ["SA s period 1: 3.0 cases > capacity 2"])
    }

    @Test func ceiling() throws {
        let problem = try Self.problem()
        // All four outpatients at C in week 1: within its weekly 5, above its ceiling of 3.
        let plan = try Self.plan(problem, outpatient: [("C", 1, 4)], inpatient: [("SA", 1, 2)],
                                 treatedOutpatient: [0, 4, 4], treatedInpatient: [0, 2, 2])
        #expect(PlanVerifier.violations(of: plan, problem: problem) == ["C s: 4.0 cases > ceiling 3"])
    }

    @Test func eligibility() throws {
        let problem = try Self.problem()
        // One inpatient at C, which takes outpatients only.
        let plan = try Self.plan(problem, outpatient: [("C", 1, 2), ("SA", 2, 2)], inpatient: [("C", 1, 1), ("SA", 1, 1)],
                                 treatedOutpatient: [0, 2, 4], treatedInpatient: [0, 2, 2])
        let found = PlanVerifier.violations(of: plan, problem: problem)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("ineligible flow") == true, "\(found)")
    }

    @Test func weeklySums() throws {
        let problem = try Self.problem()
        // Four outpatients counted as treated in week 1, but only 3 cases sent then.
        let plan = try Self.plan(problem, outpatient: [("C", 1, 3), ("SA", 2, 1)], inpatient: [("SA", 1, 2)],
                                 treatedOutpatient: [0, 4, 4], treatedInpatient: [0, 2, 2])
        let found = PlanVerifier.violations(of: plan, problem: problem)
        #expect(found.count == 2, "\(found)")  // week 1: 4 treated, 3 sent; week 2: 0 treated, 1 sent
        #expect(found.allSatisfy { $0.contains("treated but") }, "\(found)")
    }

    @Test func nonIntegral() throws {
        let problem = try Self.problem()
        // Feasible in every other respect, but half patients.
        let plan = try Self.plan(problem, outpatient: [("C", 1, 2.5), ("SA", 2, 1.5)], inpatient: [("SA", 1, 2)],
                                 treatedOutpatient: [0, 2.5, 4], treatedInpatient: [0, 2, 2])
        let found = PlanVerifier.violations(of: plan, problem: problem)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.contains("not a whole number") }, "\(found)")
    }
}
