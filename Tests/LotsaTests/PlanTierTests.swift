import Foundation
import Testing
@testable import Lotsa

/// Tiny scenarios whose tier values are worked out by hand (optimal-plan.md §4).
@Suite struct PlanTierTests {
    /// One administration, one specialty, an own site (2 a week) and a region
    /// contract (5 a week, 100 per case), four weeks; six patients of priority 7
    /// already due in week 1.
    static var ownSiteAndContract: ScenarioFiles {
        var files = ScenarioFiles()
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,5,100\n"
        // days_waited 7 with priority 7: target date = start of the horizon, period 1.
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,6,7\n"
        return files
    }

    @Test func ownCapacityFirstThenTheRegionsContract() throws {
        // Overdue 0 needs all six in week 1: two at the site, four at the contract.
        let (_, result, evaluation) = try Self.ownSiteAndContract.solve()
        #expect(evaluation.tiers[.overdue] == 0)
        #expect(evaluation.tiers[.regionContractVolume] == 4)
        #expect(evaluation.tiers[.internalTransfers] == 0)
        #expect(evaluation.tiers[.cost] == 400)
        #expect(evaluation.tiers[.waiting] == 0)
        #expect(evaluation.treatedOwnAdministration == 2)
        // The LP's own step values agree with the plan's evaluation.
        let steps = result.blocks[0].steps
        #expect(steps.map(\.name) == Tier.defaultOrder.map(\.rawValue))
        #expect(abs(steps[2].value - 4) < 1e-9)
        #expect(abs(steps[4].value - 400) < 1e-9)
    }

    @Test func reorderingTiersChangesThePlan() throws {
        // Cost first: the contract is never used, so the site treats 2 a week and
        // 4 + 2 patients are overdue in weeks 1 and 2: 16 × 6 = 96.
        var files = Self.ownSiteAndContract
        files.scenarioYAML += "policy:\n  tiers: [cost, overdue, waiting]\n"
        let (_, _, evaluation) = try files.solve()
        #expect(evaluation.tiers[.cost] == 0)
        #expect(evaluation.tiers[.overdue] == 96)
        #expect(evaluation.tiers[.regionContractVolume] == 0)
        // Waiting patient-weeks: 4 + 2 + 0 + 0.
        #expect(evaluation.tiers[.waiting] == 6)
    }

    @Test func weightedObjectiveTradesTiersByWeight() throws {
        // 1 × overdue + 1 × cost: a contract case costs 100 and saves at most
        // 16 + 16 overdue patient-weeks, so the weighted plan avoids the contract.
        var files = Self.ownSiteAndContract
        files.scenarioYAML += "policy:\n  objective: weighted\n  tiers: [overdue, cost]\n"
        let (_, _, evaluation) = try files.solve()
        #expect(evaluation.tiers[.regionContractVolume] == 0)
        #expect(evaluation.tiers[.overdue] == 96)
        // With cost weighted down, the contract pays off again.
        files.scenarioYAML += "  tier_weights: {cost: 0.01}\n"
        let (_, _, cheap) = try files.solve()
        #expect(cheap.tiers[.overdue] == 0)
        #expect(cheap.tiers[.regionContractVolume] == 4)
    }

    /// Administration A has no capacity of its own; B's site has 3 a week.
    static var onlyATransferHelps: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,2\nSB,s,1,3\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,3,7\n"
        return files
    }

    @Test func onlyATransferAvoidsLateness() throws {
        let (_, _, evaluation) = try Self.onlyATransferHelps.solve()
        #expect(evaluation.tiers[.overdue] == 0)
        #expect(evaluation.tiers[.internalTransfers] == 3)
        #expect(evaluation.treatedInternalTransfer == 3)
    }

    @Test func distancesWeighTransfersInKilometres() throws {
        var files = Self.onlyATransferHelps
        files.distances = "administration,site,km\nA,SB,42\nB,SA,42\n"
        let (_, _, evaluation) = try files.solve()
        #expect(evaluation.tiers[.internalTransfers] == Double(3 * 42))
    }

    @Test func forbiddenTransfersLeavePatientsOverdue() throws {
        // Nobody can treat A's three patients: 16 × 3 overdue in each of 4 weeks.
        var files = Self.onlyATransferHelps
        files.scenarioYAML += "policy:\n  internal_transfers: forbidden\n"
        let (_, _, evaluation) = try files.solve()
        #expect(evaluation.tiers[.overdue] == 192)
        #expect(evaluation.tiers[.internalTransfers] == 0)
        #expect(evaluation.tiers[.waiting] == 12)
        #expect(evaluation.beyondGuaranteeAtEnd == 0)
    }

    @Test func weightsDecideBetweenPriorityGroups() throws {
        // One case a week, two weeks; a priority-7 and a priority-90 patient both
        // already past their target. Treating the 7 first leaves the 90 overdue one
        // week (weight 1); the other way round would cost 16.
        var files = ScenarioFiles()
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,1\n"
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 4", with: "periods: 2")
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,1,30\nA,s,90,1,100\n"
        let (problem, result, evaluation) = try files.solve()
        #expect(evaluation.tiers[.overdue] == 1)
        #expect(evaluation.overduePatientWeeks["90"] == 1)
        #expect(evaluation.overduePatientWeeks["7"] == 0)
        let urgent = try #require(problem.cohorts.firstIndex { $0.key.priority == "7" })
        #expect(result.plan.treatedCumulative[urgent][1] == 1)

        // Swap the weights and the 90-day patient goes first.
        files.scenarioYAML += """
        policy:
          priorities:
            - {group: "7", days: 7, weight: 1}
            - {group: "90", days: 90, weight: 16}

        """
        let (_, _, swapped) = try files.solve()
        #expect(swapped.tiers[.overdue] == 1)
        #expect(swapped.overduePatientWeeks["7"] == 1)
    }

    @Test func shadowPriceOfABindingSlot() throws {
        // One week, one slot, two priority-7 patients due: the second is overdue
        // (16 × 1). One more slot would save exactly 16.
        var files = ScenarioFiles()
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,1\n"
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 4", with: "periods: 1")
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,2,7\n"
        let (_, result, evaluation) = try files.solve()
        #expect(evaluation.tiers[.overdue] == 16)
        #expect(result.shadowPrices[0]?[0] == 16)
    }

    @Test func arrivalsBecomeDueAfterTheirPriorityDays() throws {
        // Two referrals of priority 14 arrive in week 1 and are due in week 3
        // (1 + ⌊14/7⌋); with no capacity they are overdue in weeks 3 and 4.
        var files = ScenarioFiles()
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,1\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,14,2026-W14,2\n"
        files.scenarioYAML += "forecast: forecast.csv\n"
        let (problem, _, evaluation) = try files.solve()
        #expect(problem.cohorts[0].due == [0, 0, 0, 2, 2])
        #expect(evaluation.tiers[.overdue] == Double(8 * 2 * 2))
        #expect(evaluation.tiers[.waiting] == 8)
    }

    @Test func monolithicAndBlockSolvesAgree() throws {
        var files = Self.ownSiteAndContract
        files.specialties = "id,name\ns,Surgery\nt,Orthopaedics\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSA,t,1,1\n"
        files.waitingList += "A,t,30,5,40\n"
        var monolithic = PlannerOptions()
        monolithic.monolithic = true
        let (_, _, blocks) = try files.solve()
        let (_, _, single) = try files.solve(options: monolithic)
        for tier in Tier.allCases {
            #expect(abs(blocks.tiers[tier]! - single.tiers[tier]!) <= 1e-6 * max(1, abs(single.tiers[tier]!)))
        }
    }
}

/// The network path and the LP simplex path give the same tier values.
@Suite struct AlgorithmAgreementTests {
    static let scenarios: [(String, ScenarioFiles)] = [
        ("own site and contract", PlanTierTests.ownSiteAndContract),
        ("only a transfer helps", PlanTierTests.onlyATransferHelps),
    ]

    @Test(arguments: [0, 1])
    func networkAndSimplexAgree(index: Int) throws {
        var files = Self.scenarios[index].1
        files.waitingList += "A,s,30,3,40\nA,s,90,4,95\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,14,all,1\nA,s,60,2026-W15,3\n"
        files.scenarioYAML += "forecast: forecast.csv\n"
        var network = PlannerOptions(), simplex = PlannerOptions()
        network.algorithm = .network
        simplex.algorithm = .simplex
        let (_, networkResult, byNetwork) = try files.solve(options: network)
        let (_, simplexResult, bySimplex) = try files.solve(options: simplex)
        #expect(networkResult.blocks.allSatisfy { $0.algorithm == "network" })
        #expect(simplexResult.blocks.allSatisfy { $0.algorithm == "simplex" })
        for tier in Tier.allCases {
            #expect(abs(byNetwork.tiers[tier]! - bySimplex.tiers[tier]!) <= 1e-6 * max(1, abs(bySimplex.tiers[tier]!)))
        }
    }

    /// One administration that can use all four kinds of place: its own site (2 a
    /// week), another administration's site (3), a contract of the home region (2,
    /// 100 a case) and a contract owned by another region (2, 90 a case). One week;
    /// `n` patients of priority 7 are due in it, so overdue 0 needs all of them
    /// treated now. The default order then minimises other regions' volume, then the
    /// region's contracts, then transfers: the region's own production (egen regi —
    /// own sites first, then other administrations') fills before the region's
    /// contracts, and those before other regions' contracts, even though the other
    /// region's contract is cheaper.
    @Test(arguments: [
        (2, [2.0, 0, 0, 0]),   // own site only
        (4, [2.0, 2, 0, 0]),   // then a transfer
        (6, [2.0, 3, 1, 0]),   // then the region's contract
        (8, [2.0, 3, 2, 1]),   // then another region's contract
        (9, [2.0, 3, 2, 2]),   // every place full
    ])
    func defaultOrderFillsOwnThenTransferThenRegionContractThenOtherRegion(n: Int, expected: [Double]) throws {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSB,s,1,3\n"
        files.contractProviders = "id,name,owner_region\nC,Region clinic,R\nO,Other clinic,X\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nC,s,2,100\nO,s,2,90\n"
        files.scenarioYAML = files.scenarioYAML.replacingOccurrences(of: "periods: 4", with: "periods: 1")
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,\(n),7\n"
        let (_, _, evaluation) = try files.solve()
        let bySource = [evaluation.treatedOwnAdministration, evaluation.treatedInternalTransfer,
                        evaluation.treatedRegionContract, evaluation.treatedOtherRegionContract]
        #expect(bySource == expected)
        #expect(evaluation.tiers[.overdue] == 0)
        #expect(evaluation.tiers[.otherRegionVolume] == expected[3])
        #expect(evaluation.tiers[.regionContractVolume] == expected[2])
        #expect(evaluation.tiers[.internalTransfers] == expected[1])
        #expect(evaluation.tiers[.cost] == 100 * expected[2] + 90 * expected[3])
    }
}
