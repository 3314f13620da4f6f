import Foundation
import Testing
@testable import Lotsa

/// `policy: max_transfer_km`: a patient is never planned to a site of another
/// administration further away than the limit, and without the limit (or with one
/// no transfer reaches) the tiers are those of the unlimited plan.
@Suite struct TransferLimitTests {
    /// A has no capacity of its own; B's site is 40 km away (1 a week), C's 200 km (3 a week).
    static var nearAndFar: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\nC,Admin C\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\nSC,Site C,C\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,2\nSB,s,1,1\nSC,s,1,3\n"
        files.distances = "administration,site,km\nA,SB,40\nA,SC,200\nB,SA,40\nB,SC,180\nC,SA,200\nC,SB,180\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,6,7\n"
        return files
    }

    static func farFlows(_ problem: PlanningProblem, _ result: PlanningResult, limit: Double) -> [Flow] {
        result.plan.flows.filter { flow in
            guard flow.cases > 0,
                  let km = problem.transferWeight(administration: flow.group.administration,
                                                  provider: problem.offers[flow.offer].provider) else { return false }
            return km > limit
        }
    }

    @Test(arguments: ["100", "{all: 100}", "{all: 500, s: 100}"])
    func aTransferBeyondTheLimitIsNeverPlanned(limit: String) throws {
        let (_, unlimitedResult, unlimited) = try Self.nearAndFar.solve()
        let unlimitedProblem = PlanningProblem(scenario: try Self.nearAndFar.load())
        #expect(!Self.farFlows(unlimitedProblem, unlimitedResult, limit: 100).isEmpty)

        var files = Self.nearAndFar
        files.scenarioYAML += "policy:\n  max_transfer_km: \(limit)\n"
        let (problem, result, limited) = try files.solve()
        #expect(problem.policy.maxTransferKm(specialty: "s") == 100)
        #expect(Self.farFlows(problem, result, limit: 100).isEmpty)
        #expect(result.plan.flows.contains { $0.cases > 0 })
        // Only SB (1 a week) is left: the six patients wait longer.
        #expect(limited.tiers[.overdue]! > unlimited.tiers[.overdue]!)
    }

    @Test func removingTheLimitRestoresTheTiers() throws {
        let (_, _, unlimited) = try Self.nearAndFar.solve()
        var far = Self.nearAndFar
        far.scenarioYAML += "policy:\n  max_transfer_km: 200\n"
        let (_, _, reaching) = try far.solve()
        for tier in Tier.allCases {
            #expect(reaching.tiers[tier] == unlimited.tiers[tier])
        }
    }

    @Test func aLimitNeedsDistances() throws {
        var files = PlanTierTests.onlyATransferHelps
        files.scenarioYAML += "policy:\n  max_transfer_km: 100\n"
        #expect(throws: InputError.self) { try files.load() }
    }

    @Test func anUnknownSpecialtyIsNamed() throws {
        var files = Self.nearAndFar
        files.scenarioYAML += "policy:\n  max_transfer_km: {all: 100, x: 5}\n"
        #expect(throws: InputError.self) { try files.load() }
    }
}
