import Foundation
import Testing
@testable import Lotsa

/// One offer's step of the periodisation (``SteadySpread/respread``) has many optimal
/// flows; which one comes out must not depend on where the solver starts, or the
/// coordinate descent takes another path with the warm start than without (issue 17).
@Suite struct SteadySpreadTiesTests {
    /// Administration A with no capacity of its own; contract C of 10 a week for four
    /// weeks. A has 10 patients of priority 60 and 10 of priority 90, none due within
    /// the four weeks, so once the line carries 5 a week (its share) every split of
    /// those 5 between the two cohorts has the same overdue, deviation and waiting.
    static var twoCohorts: ScenarioFiles {
        var files = ScenarioFiles()
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,1\n"
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\nC,s,10,,100,,\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,60,10,0\nA,s,90,10,0\n"
        return files
    }

    /// The current spread is already optimal (5 a week), split between the cohorts in
    /// a way the crash start does not reach (2, 3, 2, 3 and 3, 2, 3, 2). Cold and warm
    /// starts both settle on the same split, and so they do from a spread that is not
    /// optimal (10, 0, 0, 0 and 0, 10, 0, 0): the priority-60 cohort (the larger weight,
    /// neither being due) first. Without the settling steps the warm start keeps the
    /// current split and the cold start lands on another tie.
    @Test func coldAndWarmStartsSettleOnTheSameSplit() throws {
        let folder = try Self.twoCohorts.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let block = try #require(SpecialtyBlock.blocks(of: problem).first)
        let c = try #require(problem.offers.firstIndex { problem.providers[$0.provider].id == "C" })
        let urgent = try #require(problem.cohorts.firstIndex { $0.key.priority == "60" })
        let later = try #require(problem.cohorts.firstIndex { $0.key.priority == "90" })
        #expect(problem.cohorts[urgent].due.allSatisfy { $0 == 0 } && problem.cohorts[later].due.allSatisfy { $0 == 0 })
        for current: [Int: [Int: [Int]]] in [[urgent: [c: [2, 3, 2, 3]], later: [c: [3, 2, 3, 2]]],
                                             [urgent: [c: [10, 0, 0, 0]], later: [c: [0, 10, 0, 0]]]] {
            for warm in [false, true] {
                var cases = current
                let step = try SteadySpread.respread(problem, block, offer: c, totals: ["A": .fixed(20)], cases: &cases,
                                                     deadline: nil, warmStart: warm)
                #expect(step.unresolved == 0)
                #expect(cases == [urgent: [c: [5, 5, 0, 0]], later: [c: [0, 0, 5, 5]]], "from \(current), warm start \(warm): \(cases)")
            }
        }
    }

    /// Two lines at one offer of 1 a week for four weeks, A and B with 2 patients each
    /// (none due): every way to share the weeks has the same overdue, deviation (the
    /// share is half a case a week) and waiting (every week is full). Starting from the
    /// alternating spread, both starts give each line one run of weeks, A (first by
    /// name, the volumes being equal) the earlier one.
    @Test func coldAndWarmStartsGiveEachLineOneRun() throws {
        // SteadyPeriodisationTests' two administrations, with a contract of 1 a week.
        var files = SteadyPeriodisationTests.twoAdministrations
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\nC,s,1,,100,,\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,2,0\nB,s,90,2,0\n"
        let folder = try files.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let block = try #require(SpecialtyBlock.blocks(of: problem).first)
        let c = try #require(problem.offers.firstIndex { problem.providers[$0.provider].id == "C" })
        let a = try #require(problem.cohorts.firstIndex { $0.key.administration == "A" })
        let b = try #require(problem.cohorts.firstIndex { $0.key.administration == "B" })
        let alternating: [Int: [Int: [Int]]] = [a: [c: [1, 0, 1, 0]], b: [c: [0, 1, 0, 1]]]
        for warm in [false, true] {
            var cases = alternating
            _ = try SteadySpread.respread(problem, block, offer: c, totals: ["A": .fixed(2), "B": .fixed(2)],
                                          cases: &cases, deadline: nil, warmStart: warm)
            #expect(cases == [a: [c: [1, 1, 0, 0]], b: [c: [0, 0, 1, 1]]], "warm start \(warm): \(cases)")
        }
    }
}
