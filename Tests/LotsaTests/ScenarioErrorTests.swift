import Foundation
import Testing
@testable import Lotsa

/// Every class of bad input gets one error naming the file, the line and the field.
@Suite struct ScenarioErrorTests {
    /// Loads `files` and returns the error it must raise.
    func error(_ files: ScenarioFiles) throws -> InputError {
        do {
            _ = try files.load()
        } catch let error as InputError {
            return error
        }
        Issue.record("no error was raised")
        throw CancellationError()
    }

    static var valid: ScenarioFiles {
        var files = ScenarioFiles()
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,7,6,7\nA,s,30,2,10\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,14,2026-W15,2\nA,s,90,all,1\n"
        files.scenarioYAML += "forecast: forecast.csv\n"
        return files
    }

    @Test func theValidScenarioLoads() throws {
        let scenario = try Self.valid.load()
        #expect(scenario.backlog.count == 2)
        #expect(scenario.forecast.count == 2)
        #expect(scenario.horizon.periods == 4)
    }

    @Test func unknownAdministration() throws {
        var files = Self.valid
        files.waitingList += "X,s,7,1,7\n"
        let e = try error(files)
        #expect(e.location.file.hasSuffix("waiting_list.csv"))
        #expect(e.location.line == 4)
        #expect(e.location.field == "administration")
        #expect(e.found == "X")
    }

    @Test func duplicateID() throws {
        var files = Self.valid
        files.sites = "id,name,administration\nSA,Site A,A\nSA,Again,A\n"
        let e = try error(files)
        #expect(e.location.file.hasSuffix("sites.csv"))
        #expect(e.location.line == 3)
        #expect(e.location.field == "id")
        #expect(e.message.contains("duplicate"))
    }

    @Test func negativeCount() throws {
        var files = Self.valid
        files.waitingList += "A,s,7,-3,7\n"
        let e = try error(files)
        #expect(e.location.line == 4)
        #expect(e.location.field == "count")
        #expect(e.found == "-3")
    }

    @Test func nonNumericCount() throws {
        var files = Self.valid
        files.forecast! += "A,s,7,2026-W16,many\n"
        let e = try error(files)
        #expect(e.location.file.hasSuffix("forecast.csv"))
        #expect(e.location.line == 4)
        #expect(e.location.field == "count")
    }

    @Test func missingColumn() throws {
        var files = Self.valid
        files.forecast = "administration,specialty,week,count\nA,s,2026-W15,2\n"
        let e = try error(files)
        #expect(e.location.file.hasSuffix("forecast.csv"))
        #expect(e.location.line == 1)
        #expect(e.message.contains("priority"))
    }

    @Test func unknownPriorityGroup() throws {
        var files = Self.valid
        files.waitingList += "A,s,45,1,7\n"
        let e = try error(files)
        #expect(e.location.line == 4)
        #expect(e.location.field == "priority")
        #expect(e.found == "45")
    }

    @Test func weekOutsideTheHorizon() throws {
        var files = Self.valid
        files.forecast! += "A,s,7,2026-W30,1\n"
        let e = try error(files)
        #expect(e.location.line == 4)
        #expect(e.location.field == "week")
        #expect(e.message.contains("outside the horizon"))
        #expect(e.expected?.contains("2026-W14") == true)
    }

    @Test func malformedDate() throws {
        var files = Self.valid
        files.waitingList = "administration,specialty,priority,count,target_date\nA,s,7,1,2026-04-01\nA,s,7,1,01/04/2026\n"
        let e = try error(files)
        #expect(e.location.line == 3)
        #expect(e.location.field == "target_date")
        #expect(e.found == "01/04/2026")
    }

    @Test func unknownYAMLKeySuggestsTheRightOne() throws {
        var files = Self.valid
        files.scenarioYAML += "guarante_days: 90\n"
        let e = try error(files)
        #expect(e.location.file.hasSuffix("scenario.yaml"))
        #expect(e.location.line == 6)
        #expect(e.message.contains("guarantee_days"))
    }

    @Test func aScenarioThatExtendsItselfIsACycle() throws {
        var files = Self.valid
        files.scenarioYAML += "extends: .\n"
        let e = try error(files)
        #expect(e.message.contains("extends itself"))
        #expect(e.location.field == "extends")
    }

    /// Two scenarios that extend each other: the message names the whole cycle,
    /// however long the paths, and does not say "extends itself" (issue 10).
    @Test func aTwoScenarioCycleIsNamedInFull() throws {
        var files = Self.valid
        let long = String(repeating: "a-rather-long-folder-name-", count: 4) + "variant"
        files.scenarioYAML += "extends: \(long)\n"
        files.extra["\(long)/scenario.yaml"] = "name: variant\nextends: ..\n"
        let e = try error(files)
        #expect(!e.message.contains("extends itself"), "\(e.message)")
        #expect(e.message.contains("extend each other in a cycle"), "\(e.message)")
        #expect(e.message.contains("\(long)/scenario.yaml"), "the cycle was cut: \(e.message)")
    }

    @Test func theErrorReadsLikeACompilerDiagnostic() throws {
        var files = Self.valid
        files.waitingList += "A,s,7,-3,7\n"
        let text = try error(files).description
        #expect(text.contains("waiting_list.csv:4: error:"))
        #expect(text.contains("count"))
    }
}

/// Extending a scenario: the child states only what it changes.
@Suite struct ScenarioExtendsTests {
    @Test func aVariantInheritsAndOverrides() throws {
        var files = ScenarioErrorTests.valid
        files.extra["variant/scenario.yaml"] = """
        name: variant
        extends: ..
        policy:
          internal_transfers: forbidden
        capacity_changes: [changes.csv]
        forecast_scaling:
          - {priority: "14", factor: 1.5}

        """
        files.extra["variant/changes.csv"] = "provider,specialty,first_week,last_week,rooms_delta\nSA,s,2026-W15,2026-W16,-1\n"
        let root = try files.write()
        let variant = try ScenarioLoader.load(path: root.appendingPathComponent("variant").path)
        #expect(variant.name == "variant")
        #expect(variant.backlog.count == 2)
        #expect(!variant.policy.internalTransfersAllowed)
        #expect(variant.policy.tiers == Tier.defaultOrder)
        #expect(variant.capacityChanges.count == 1)
        let problem = PlanningProblem(scenario: variant)
        #expect(problem.offers[0].capacity == [2, 0, 0, 2])
        // 2 referrals of priority 14 in week 2, × 1.5 = 3.
        let urgent = try #require(problem.cohorts.first { $0.key.priority == "14" })
        #expect(urgent.total == 3)
    }
}

/// docs/scenario-format.md's forecast-scaling example is what the engine does (issue 10).
@Suite struct ForecastScalingDocTests {
    @Test func forecastScalingKeepsTheRunningTotal() throws {
        var files = ScenarioFiles()
        files.scenarioYAML = """
        name: tiny
        model: model
        horizon: {start: 2026-W14}
        waiting_list: waiting_list.csv
        forecast: forecast.csv
        forecast_scaling:
          - {factor: 1.15}

        """
        files.forecast = "administration,specialty,priority,week,count\nA,s,90,all,1\n"
        let problem = PlanningProblem(scenario: try files.load())
        let cohort = try #require(problem.cohorts.first)
        let weekly = (1...problem.periods).map { cohort.available[$0] - cohort.available[$0 - 1] }
        #expect(problem.periods == 53)
        #expect(Array(weekly.prefix(10)) == [1, 1, 1, 2, 1, 1, 1, 1, 1, 2])
        #expect(weekly.reduce(0, +) == 61)
    }
}
