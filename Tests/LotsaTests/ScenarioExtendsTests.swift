import Foundation
import Testing
@testable import Lotsa

/// `extends` merges as docs/scenario-format.md says: scalars replace the parent's,
/// `policy` merges key by key, `capacity_changes` and `forecast_scaling` are added
/// to the parent's, `expectations` replace the parent's; paths are relative to the
/// file that states them. Checked on a chain of three scenarios, each in its own
/// folder, grandparent → parent → child.
@Suite struct ScenarioExtendsChainTests {
    /// The grandparent is a whole scenario; parent and child state only changes.
    static func chain() throws -> URL {
        var files = ScenarioFiles()
        files.specialties = "id,name\ns,Surgery\nt,Orthopaedics\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSA,t,1,3\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,3,7\n"
        files.scenarioYAML = """
        name: grandparent
        model: model
        horizon: {start: 2026-W14, periods: 4}
        waiting_list: waiting_list.csv
        guarantee_days: 90
        capacity_changes: [changes.csv]
        forecast_scaling:
          - {specialty: s, factor: 1.1}
        policy:
          internal_transfers: forbidden
          default_asa: 2
          tiers: [overdue, cost, waiting]
        expectations:
          - {kpi: tiers.overdue, max: 100}

        """
        files.extra["changes.csv"] = "provider,specialty,first_week,last_week,factor\nSA,s,2026-W15,2026-W15,0.5\n"
        // Parent: its own waiting list and capacity change (paths relative to its
        // folder), one policy key changed, a second scaling, expectations replaced.
        files.extra["parent/scenario.yaml"] = """
        name: parent
        extends: ..
        guarantee_days: 60
        waiting_list: parent_waiting.csv
        capacity_changes: [parent_changes.csv]
        forecast_scaling:
          - {specialty: t, factor: 1.2}
        policy:
          default_asa: 3
        expectations:
          - {kpi: tiers.cost, max: 5}
          - {kpi: tiers.waiting, max: 50}

        """
        files.extra["parent/parent_waiting.csv"] = "administration,specialty,priority,count,days_waited\nA,t,30,4,10\n"
        files.extra["parent/parent_changes.csv"] = "provider,specialty,first_week,last_week,cases_delta\nSA,t,2026-W15,2026-W16,-1\n"
        // Child: another policy key, a third scaling, no expectations of its own.
        files.extra["parent/child/scenario.yaml"] = """
        name: child
        extends: ..
        horizon: {start: 2026-W14, periods: 3}
        forecast_scaling:
          - {administration: A, factor: 0.9}
        policy:
          internal_transfers: allowed

        """
        return try files.write()
    }

    @Test func aChainOfThreeMergesAsDocumented() throws {
        let root = try Self.chain()
        defer { try? FileManager.default.removeItem(at: root) }
        let child = try ScenarioLoader.load(path: root.appendingPathComponent("parent/child").path)

        #expect(child.name == "child")
        // Scalars: the child's horizon, the parent's guarantee and waiting list.
        #expect(child.horizon.periods == 3)
        #expect(child.guaranteeDays == 60)
        #expect(child.backlog.map(\.count).reduce(0, +) == 4)
        #expect(Set(child.backlog.map(\.cohort.specialty)) == ["t"])
        // Policy key by key: transfers from the child, ASA from the parent, tiers
        // from the grandparent.
        #expect(child.policy.internalTransfersAllowed)
        #expect(child.policy.defaultASA == 3)
        #expect(child.policy.tiers == [.overdue, .cost, .waiting])
        // Lists added, grandparent's first; each file read from its own folder.
        #expect(child.capacityChanges.map(\.provider) == ["SA", "SA"])
        #expect(child.capacityChanges.map(\.factor) == [0.5, 1])
        #expect(child.capacityChanges.map(\.casesDelta) == [0, -1])
        #expect(child.forecastScaling.map(\.factor) == [1.1, 1.2, 0.9])
        #expect(child.forecastScaling.map(\.specialty) == ["s", "t", nil])
        #expect(child.forecastScaling.map(\.administration) == [nil, nil, "A"])
        // Expectations: the parent's replaced the grandparent's; the child, stating
        // none, keeps the parent's.
        #expect(child.expectations.map(\.kpi) == ["tiers.cost", "tiers.waiting"])
    }

    /// A child that states `expectations` replaces, never appends.
    @Test func statedExpectationsReplaceTheParents() throws {
        let root = try Self.chain()
        defer { try? FileManager.default.removeItem(at: root) }
        let yaml = root.appendingPathComponent("parent/child/scenario.yaml")
        let text = try String(contentsOf: yaml, encoding: .utf8) + "expectations:\n  - {kpi: tiers.overdue, value: 0}\n"
        try Data(text.utf8).write(to: yaml)
        let child = try ScenarioLoader.load(path: root.appendingPathComponent("parent/child").path)
        #expect(child.expectations.map(\.kpi) == ["tiers.overdue"])
        #expect(child.expectations.first?.value == 0)
    }

    /// The parent alone: the grandparent's policy keys it did not touch survive.
    @Test func theMiddleOfTheChainMergesToo() throws {
        let root = try Self.chain()
        defer { try? FileManager.default.removeItem(at: root) }
        let parent = try ScenarioLoader.load(path: root.appendingPathComponent("parent").path)
        #expect(parent.horizon.periods == 4)
        #expect(!parent.policy.internalTransfersAllowed)
        #expect(parent.policy.defaultASA == 3)
        #expect(parent.forecastScaling.map(\.factor) == [1.1, 1.2])
        #expect(parent.capacityChanges.count == 2)
    }
}
