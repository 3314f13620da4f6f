import Foundation
import Testing
@testable import Lotsa

/// `lotsa assess` on tiny regions whose statuses, proposals and room figures are
/// worked out by hand. One specialty `s` at 1 case per room-day, weekends open, so a
/// site with r rooms does r cases every day and by day d has done r × d.
@Suite struct ShortageAssessmentTests {
    /// Administrations A and B with one site each (SA, SB); day 1 is 2026-10-05.
    static func region(report: String, waitingList: String) -> ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,5\nSB,s,1,5\n"
        files.scenarioYAML = """
        name: tiny-shortage
        model: model
        horizon: {start: 2026-10-05, periods: 30, period_days: 1}
        waiting_list: waiting_list.csv

        """
        files.waitingList = "administration,specialty,priority,target_date,count\n" + waitingList
        files.extra["model/room_day_cases.csv"] = "specialty,cases_per_room_day,weekends\ns,1,open\n"
        files.extra["daily_report.csv"] = "administration,site,or_rooms,staffed_or_rooms,s\n" + report
        return files
    }

    static func assess(_ files: ScenarioFiles) throws -> ShortageAssessment {
        let folder = try files.write()
        let scenario = try ScenarioLoader.load(path: folder.path)
        let report = try DailyReportTable.read(path: folder.appendingPathComponent("daily_report.csv").path,
                                               model: scenario.model)
        let dayProblem = DayProblem(scenario: scenario, report: report, date: Day(iso: "2026-10-05")!, days: 30)
        let result = try Planner.solve(dayProblem.problem, options: PlannerOptions())
        let (plan, _) = PlanPublisher.publish(result.plan, problem: dayProblem.problem)
        return ShortageAssessment.assess(dayProblem, plan: plan)
    }

    static func line(_ a: ShortageAssessment, _ administration: String) -> ShortageAssessment.Line {
        a.lines.first { $0.administration == administration && $0.specialty == "s" }!
    }

    /// A's patients: 20 due on day 14 (2026-10-18) and 70 on day 30 (2026-11-03):
    /// due(14) = 20, due(30) = 90. With r rooms, capacity(d) = r × d.
    static let thresholds = "A,s,14,2026-10-18,20\nA,s,30,2026-11-03,70\n"

    @Test func ampleCapacityManagesAll() throws {
        // 2 patients due every day 1…30; 3 rooms do 3 a day: due(d) = 2d ≤ 3d.
        let list = (1...30).map { "A,s,30,\(Day(iso: "2026-10-05")!.adding(days: $0 - 1)),2" }.joined(separator: "\n") + "\n"
        let a = try Self.assess(Self.region(report: "A,SA,4,3,3\nB,SB,1,1,1\n", waitingList: list))
        let line = Self.line(a, "A")
        #expect(line.before == CapacityCheck(due14: 28, capacity14: 42, shortfall14: 0, due30: 60, capacity30: 90, shortfall30: 0))
        #expect(line.before.status == .managesAll)
        #expect(a.sites.first { $0.site == "SA" }?.before == .managesAll)
        #expect(!a.capacityShortage)
        #expect(a.redistribution.moves.isEmpty)
        #expect(a.prioritisation.entries.isEmpty)
    }

    @Test func fewerStaffedRoomsFlipTheStatusAtHandWorkedThresholds() throws {
        // 3 rooms: 42 ≥ 20 and 90 ≥ 90 — exactly enough: klarar allt.
        let three = Self.line(try Self.assess(Self.region(report: "A,SA,4,3,3\n", waitingList: Self.thresholds)), "A")
        #expect(three.before.status == .managesAll)
        #expect(three.before.shortfall30 == 0)
        // 2 rooms: 28 ≥ 20 within 14 days, but 60 < 90 by day 30: klarar ej 30 dagar, 30 short.
        let two = Self.line(try Self.assess(Self.region(report: "A,SA,4,2,2\n", waitingList: Self.thresholds)), "A")
        #expect(two.before == CapacityCheck(due14: 20, capacity14: 28, shortfall14: 0, due30: 90, capacity30: 60, shortfall30: 30))
        #expect(two.before.status == .fails30)
        // 1 room: 14 < 20 by day 14 (6 short) and 30 < 90 by day 30 (60 short): klarar ej 14 dagar.
        let one = Self.line(try Self.assess(Self.region(report: "A,SA,4,1,1\n", waitingList: Self.thresholds)), "A")
        #expect(one.before == CapacityCheck(due14: 20, capacity14: 14, shortfall14: 6, due30: 90, capacity30: 30, shortfall30: 60))
        #expect(one.before.status == .fails14)
    }

    @Test func spareCapacityAtAnotherAdministrationResolvesAShortage() throws {
        // A: 1 room, 20 due on day 14: 14 by day 14, 6 short. B: 3 rooms, 10 due on day 14.
        // The proposal sends exactly 6 of A's patients to SB (transfers are minimised
        // once nobody is overdue) and A then manages all.
        let a = try Self.assess(Self.region(report: "A,SA,1,1,1\nB,SB,3,3,3\n",
                                            waitingList: "A,s,14,2026-10-18,20\nB,s,14,2026-10-18,10\n"))
        let lineA = Self.line(a, "A")
        #expect(lineA.before.status == .fails14)
        #expect(lineA.before.shortfall14 == 6)
        #expect(a.capacityShortage)
        #expect(lineA.after.status == .managesAll)
        #expect(lineA.after.shortfall30 == 0)
        #expect(Self.line(a, "B").after.status == .managesAll)
        #expect(a.redistribution.moves.allSatisfy { $0.administration == "A" && $0.provider == "SB" && $0.kind == "other_administration" })
        #expect(a.redistribution.total(kind: "other_administration") == 6)
        // The region pooled: 4 rooms, 56 by day 14 for 30 patients.
        #expect(a.regionLines[0].before.status == .managesAll)
        #expect(a.prioritisation.entries.isEmpty)
        #expect(a.checklist.contains { $0.level == "förvaltningsnivå" && $0.scope == "A"
            && $0.question.hasPrefix("Är alla tillgängliga resurser") && $0.answer == "Ja" })
    }

    @Test func withoutSpareCapacityThePrioritisationListIsInPriorityOrder() throws {
        // A alone, 1 room (1 a day); B has no rooms and no patients. Priority 7: 3 due on
        // day 2; priority 30: 10 due on day 5. Overdue weighs 16 against 4, so days 1–3
        // treat the priority-7 patients (one is a day late: due day 2, treated day 3)
        // and days 4–13 the priority-30 ones: 2 by day 5, so 8 late, treated on days
        // 6…13: 1 + 2 + … + 8 = 36 days late, the most 8.
        let a = try Self.assess(Self.region(report: "A,SA,1,1,1\nB,SB,1,1,0\n",
                                            waitingList: "A,s,30,2026-10-09,10\nA,s,7,2026-10-06,3\n"))
        let entries = a.prioritisation.entries
        #expect(entries.map(\.priority) == ["7", "30"])
        #expect(entries.map(\.late) == [1, 8])
        #expect(entries.map(\.daysLate) == [1, 36])
        #expect(entries.map(\.mostDaysLate) == [1, 8])
        #expect(entries.map(\.untreated) == [0, 0])
        // Rooms: late by day 2 L(2) = 1, by day 5 L(5) = 9. r rooms do r × d by day d:
        // 2r ≥ 1 and 5r ≥ 9 need r = 2 (1 room gives 5 < 9).
        let rooms = try #require(a.prioritisation.rooms.first)
        #expect(rooms.late30 == 9)
        #expect(rooms.rooms30 == 2)
        #expect(rooms.rooms14 == 2)
        #expect(Self.line(a, "A").after.shortfall14 == 9)
        #expect(a.checklist.contains { $0.question.hasPrefix("Krävs horisontell prioritering") && $0.answer == "Ja" })
    }

    @Test func thePrintedTableHasTheTemplatesLayoutWithSummaRows() throws {
        // The spare-capacity morning: A is short before and manages all after.
        let a = try Self.assess(Self.region(report: "A,SA,1,1,1\nB,SB,3,3,3\n",
                                            waitingList: "A,s,14,2026-10-18,20\nB,s,14,2026-10-18,10\n"))
        let lines = AssessmentTables.printed(a).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("Ansvarig") })
        #expect(header.split(separator: " ", omittingEmptySubsequences: true).prefix(5).joined(separator: " ")
                == "Ansvarig Operationsavd Op-salar Bemannade S")
        let rows = lines.drop { !$0.hasPrefix("Ansvarig") }.dropFirst().prefix { !$0.isEmpty }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(rows == [
            "A Site A 1 1 1 klarar ej 14 dagar (s) klarar allt",
            "A Summa A 1 1 1 klarar ej 14 dagar (s) klarar allt",
            "B Site B 3 3 3 klarar allt klarar allt",
            "B Summa B 3 3 3 klarar allt klarar allt",
            "Summa R 4 4 4 klarar allt klarar allt",
        ])
        #expect(lines[0].contains("KAPACITETSBRIST"))
    }

    @Test func anUnknownSiteIsAnErrorAtItsLineAndField() throws {
        let files = Self.region(report: "A,SA,4,3,3\nB,Site Z,2,2,2\n", waitingList: "")
        let folder = try files.write()
        let scenario = try ScenarioLoader.load(path: folder.path)
        let path = folder.appendingPathComponent("daily_report.csv").path
        let error = try #require(throws: InputError.self) { try DailyReportTable.read(path: path, model: scenario.model) }
        #expect(error.location == SourceLocation(file: path, line: 3, field: "site"))
        #expect(error.description.hasPrefix("\(path):3: error: field 'site': unknown site"))
        // Through the command's run: exit 65, nothing written.
        var options = AssessRunOptions()
        options.outputDirectory = folder.outputSibling("out")
        let failure = try #require(throws: LotsaError.self) {
            try AssessRun.run(reportPath: path, scenarioPath: folder.path, options: options)
        }
        #expect(failure.exitCode == 65)
        #expect(!FileManager.default.fileExists(atPath: folder.outputSibling("out").path))
    }

    @Test func moreStaffedRoomsThanRoomsIsAnErrorAtItsLineAndField() throws {
        let files = Self.region(report: "A,SA,4,3,3\nB,SB,2,3,1\n", waitingList: "")
        let folder = try files.write()
        let scenario = try ScenarioLoader.load(path: folder.path)
        let path = folder.appendingPathComponent("daily_report.csv").path
        let error = try #require(throws: InputError.self) { try DailyReportTable.read(path: path, model: scenario.model) }
        #expect(error.location == SourceLocation(file: path, line: 3, field: "staffed_or_rooms"))
        #expect(error.message == "more staffed rooms than operating rooms")
    }
}

/// The files of `lotsa assess` are byte-identical run after run.
@Suite struct ShortageAssessmentDeterminismTests {
    @Test func twoRunsWriteTheSameBytes() throws {
        let files = ShortageAssessmentTests.region(
            report: "A,SA,1,1,1\nB,SB,3,3,3\n",
            waitingList: "A,s,14,2026-10-18,20\nA,s,7,2026-10-08,4\nB,s,30,2026-10-18,10\n")
        let folder = try files.write()
        var outputs: [[String: Data]] = []
        for run in 1...2 {
            var options = AssessRunOptions()
            options.outputDirectory = folder.outputSibling("out-\(run)")
            let report = try AssessRun.run(reportPath: folder.appendingPathComponent("daily_report.csv").path,
                                           scenarioPath: folder.path, options: options)
            let names = try FileManager.default.contentsOfDirectory(atPath: report.outputDirectory.path).sorted()
            #expect(names == [".lotsa-output", "assessment.json", "assessment.txt", "checklist.csv", "classification.csv",
                              "prioritisation.csv", "redistribution.csv", "rooms_needed.csv"])
            var contents: [String: Data] = [:]
            for name in names { contents[name] = try Data(contentsOf: report.outputDirectory.appendingPathComponent(name)) }
            outputs.append(contents)
        }
        #expect(outputs[0] == outputs[1])
        #expect(!(outputs[0]["redistribution.csv"]?.isEmpty ?? true))
    }
}
