import Foundation
import Testing
@testable import Lotsa

/// `lotsa periodise` (optimal-plan.md §6): decided annual volumes spread over the
/// weeks, totals met exactly unless capacity cannot, the shortfall reported.
@Suite struct PeriodisationTests {
    /// Administration A without capacity of its own, a region contract C of 10 a
    /// week whose week 16 is halved by the calendar, four weeks (W14–W17, capacity
    /// 10, 10, 5, 10 = 35); 100 patients of priority 90 referred at the start, so
    /// nobody is due within the horizon and `overdue` cannot decide the spread.
    static var contractScenario: ScenarioFiles {
        var files = ScenarioFiles()
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,1\n"
        files.contractProviders = "id,name,owner_region\nC,Contract clinic,R\n"
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\nC,s,10,,100,,\n"
        files.calendar = "week,factor,scope\n16,0.5,contracts\n"
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,100,0\n"
        return files
    }

    static func periodise(_ files: ScenarioFiles, decided csv: String) throws -> PeriodisationResult {
        var files = files
        files.extra["decided.csv"] = csv
        let folder = try files.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let url = folder.appendingPathComponent("decided.csv")
        let decided = try DecidedVolumes.read(url: url, displayPath: "decided.csv", problem: problem)
        var options = PlannerOptions()
        options.parallelism = 1
        let result = try Periodiser.periodise(problem, decided: decided, options: options)
        try check(result)
        return result
    }

    /// What every periodisation must satisfy, whatever the input.
    static func check(_ result: PeriodisationResult, _ context: String = "") throws {
        let problem = result.problem
        #expect(result.plan.isIntegral(tolerance: 0), "\(context)")
        #expect(PlanVerifier.violations(of: result.plan, problem: problem).isEmpty, "\(context)")
        #expect(result.plan.flows.allSatisfy { $0.cases > 0 })
        var total = 0
        for line in result.lines {
            #expect(line.weekly.count == problem.periods)
            #expect(line.weekly.allSatisfy { $0 >= 0 }, "\(context)")
            #expect(line.planned <= line.decided, "\(context) \(line)")
            #expect(line.unresolved == line.decided - line.planned)
            total += line.unresolved
            // Weeks the provider does not serve get nothing.
            let offer = try #require(problem.offers.first { $0.provider == line.provider && $0.specialty == line.specialty })
            for t in 1...problem.periods where !offer.active[t - 1] || offer.capacity[t - 1] == 0 {
                #expect(line.weekly[t - 1] == 0)
            }
        }
        #expect(result.unresolved == total)
        // The LP is a relaxation: rounding can only lose volume.
        #expect(Double(result.unresolved) >= result.lpUnresolved - 1e-6, "\(context)")
        if result.method == .lpVertex {
            #expect(abs(Double(result.unresolved) - result.lpUnresolved) <= 1e-6, "\(context)")
            #expect(abs(result.deviation - result.lpDeviation) <= 1e-6, "\(context)")
        }
    }

    @Test func targetsFollowTheCapacityProfileInWholeCases() {
        let offer = Offer(provider: 0, specialty: "s", capacity: [10, 10, 5, 10, 0], active: [true, true, true, true, false],
                          ceiling: nil, price: 0, eligibility: Eligibility(careTypes: Set(CareType.allCases), maxASA: 5))
        #expect(Periodiser.targets(volume: 28, offer: offer) == [8, 8, 4, 8, 0])
        #expect(Periodiser.targets(volume: 35, offer: offer) == [10, 10, 5, 10, 0])
        // 7 × 10/35 = 2, 2, 1, 2: exact; 8 leaves one case for the largest remainder, the earliest week.
        #expect(Periodiser.targets(volume: 8, offer: offer) == [3, 2, 1, 2, 0])
        #expect(Periodiser.targets(volume: 0, offer: offer) == [0, 0, 0, 0, 0])
        for volume in 0...80 { #expect(Periodiser.targets(volume: volume, offer: offer).reduce(0, +) == volume) }
    }

    @Test func aReducedCapacityWeekGetsLess() throws {
        let result = try Self.periodise(Self.contractScenario,
                                        decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        let line = try #require(result.lines.first)
        #expect(line.weekly == [8, 8, 4, 8])
        #expect(line.planned == 28 && line.unresolved == 0)
        #expect(result.method == .lpVertex)
        #expect(result.deviation == 0)
        // Without the calendar the same volume is spread evenly.
        var flat = Self.contractScenario
        flat.calendar = nil
        let even = try Self.periodise(flat, decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        #expect(even.lines[0].weekly == [7, 7, 7, 7])
    }

    @Test func overduePatientsComeFirst() throws {
        // The same 100 patients, now past their target: overdue is minimised before
        // the spread, so the volume is sent as early as capacity allows.
        var files = Self.contractScenario
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,100,100\n"
        let result = try Self.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        #expect(result.lines[0].weekly == [10, 10, 5, 3])
        #expect(result.unresolved == 0)
    }

    @Test(arguments: [
        // (decided volume, contract columns, expected planned): capacity 10+10+5+10 = 35.
        (50, "C,s,10,,100,,", 35),
        // A ceiling of 30 binds first.
        (50, "C,s,10,30,100,,", 30),
        // Valid from Monday of W16: weeks 16 (5) and 17 (10).
        (50, "C,s,10,,100,2026-04-13,", 15),
        // Exactly the capacity: nothing unresolved.
        (35, "C,s,10,,100,,", 35),
    ])
    func aMissivLargerThanCapacityReportsExactlyTheExcess(decided: Int, contract: String, planned: Int) throws {
        var files = Self.contractScenario
        files.contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to\n\(contract)\n"
        let result = try Self.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,\(decided)\n")
        let line = try #require(result.lines.first)
        #expect(line.planned == planned)
        #expect(line.unresolved == decided - planned)
        #expect(result.unresolved == decided - planned)
        #expect(abs(result.lpUnresolved - Double(decided - planned)) < 1e-6)
    }

    @Test func tooFewPatientsIsUnresolvedToo() throws {
        // Capacity for 35 but only 20 patients (12 waiting, 8 referred in W15).
        var files = Self.contractScenario
        files.waitingList = "administration,specialty,priority,count,days_waited\nA,s,90,12,0\n"
        files.forecast = "administration,specialty,priority,week,count\nA,s,90,2026-W15,8\n"
        files.scenarioYAML += "forecast: forecast.csv\n"
        let result = try Self.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        #expect(result.lines[0].planned == 20)
        #expect(result.lines[0].unresolved == 8)
        // No more can be sent by W14 than the 12 who wait.
        #expect(result.lines[0].weekly[0] <= 12)
    }

    @Test(arguments: [false, true])
    func aSpecialtyNobodyWaitsForIsUnresolved(monolithic: Bool) throws {
        var files = Self.contractScenario
        files.specialties = "id,name\ns,Surgery\nt,Orthopaedics\n"
        files.contracts += "C,t,10,,100,,\n"
        files.extra["decided.csv"] = "administration,provider,specialty,volume\nA,C,t,5\nA,C,s,28\n"
        let folder = try files.write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: folder.path))
        let decided = try DecidedVolumes.read(url: folder.appendingPathComponent("decided.csv"), displayPath: "decided.csv",
                                              problem: problem)
        var options = PlannerOptions()
        options.monolithic = monolithic
        let result = try Periodiser.periodise(problem, decided: decided, options: options)
        try Self.check(result)
        #expect(result.lines.map(\.unresolved) == [5, 0])
        #expect(abs(result.lpUnresolved - 5) < 1e-6)
        #expect(result.lines[1].weekly == [8, 8, 4, 8])
    }

    @Test func linesThatShareAProviderShareItsCapacity() throws {
        // A and B each decide 20 at C (35 in all): 5 cases cannot be placed, and
        // both lines stay within their decided volumes.
        var files = Self.contractScenario
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,0,1\nSB,s,0,1\n"
        files.waitingList += "B,s,90,100,0\n"
        let result = try Self.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,20\nB,C,s,20\n")
        #expect(result.unresolved == 5)
        #expect(result.lines.map(\.planned).reduce(0, +) == 35)
        for t in 0..<4 { #expect(result.lines[0].weekly[t] + result.lines[1].weekly[t] == [10, 10, 5, 10][t]) }
    }

    @Test func undecidedTransfersStayClosedButOwnSitesWork() throws {
        // B's site could take A's patients, but the missiv sends A only to C; A's own
        // site keeps treating A's patients.
        var files = Self.contractScenario
        files.administrations = "id,name\nA,Admin A\nB,Admin B\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\nSB,s,1,5\n"
        let result = try Self.periodise(files, decided: "administration,provider,specialty,volume\nA,C,s,28\n")
        let siteB = try #require(result.problem.providers.firstIndex { $0.id == "SB" })
        let siteA = try #require(result.problem.providers.firstIndex { $0.id == "SA" })
        #expect(!result.plan.flows.contains { result.problem.offers[$0.offer].provider == siteB })
        #expect(result.plan.flows.contains { result.problem.offers[$0.offer].provider == siteA })
        #expect(result.lines[0].planned == 28)
    }

    /// Over generated scenarios: the external lines of `lotsa plan`'s own proposal
    /// are feasible by construction, so periodising them meets every total exactly;
    /// decisions beyond that report their shortfall line by line.
    ///
    /// A seed whose plan sends nobody outside its own administration has nothing to
    /// periodise; the test counts the seeds that reach the checks and requires most
    /// of them (34 of 50 when this was written), so it cannot pass on nothing.
    @Test func totalsAreMetWhenCapacitySufficesAndShortfallIsReported() throws {
        var checked = 0
        for seed in PlanPropertyTests.seeds where try totalsAreMet(seed: seed) {
            checked += 1
        }
        #expect(checked >= 30, "only \(checked) of \(PlanPropertyTests.seeds.count) seeds had external lines")
    }

    /// Returns whether the seed had external lines to check.
    private func totalsAreMet(seed: UInt64) throws -> Bool {
        let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
        var options = PlannerOptions()
        options.parallelism = 1
        let plan = PlanPublisher.publish(try Planner.solve(problem, options: options).plan, problem: problem).0
        let external = DeliveryLines(problem: problem, plan: plan).lines.filter {
            problem.providers[$0.provider].administration != $0.administration
        }
        guard !external.isEmpty else { return false }
        func decided(_ volume: (Int) -> Int) -> DecidedVolumes {
            DecidedVolumes(lines: external.map {
                DecidedVolumes.Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                                    volume: volume(Int($0.weekly.reduce(0, +))))
            }, file: InputFile(data: Data(), displayPath: "generated"))
        }
        let feasible = try Periodiser.periodise(problem, decided: decided { $0 }, options: options)
        try Self.check(feasible, "seed \(seed)")
        #expect(feasible.unresolved == 0, "seed \(seed): \(feasible.lines.filter { $0.unresolved != 0 })")
        #expect(feasible.lpUnresolved <= 1e-6)

        let ambitious = try Periodiser.periodise(problem, decided: decided { 2 * $0 + 3 }, options: options)
        try Self.check(ambitious, "seed \(seed) ×2+3")
        // One LP for all specialties gives the same optimum as one per specialty.
        var monolithic = options
        monolithic.monolithic = true
        let single = try Periodiser.periodise(problem, decided: decided { 2 * $0 + 3 }, options: monolithic)
        try Self.check(single, "seed \(seed) monolithic")
        #expect(abs(single.lpUnresolved - ambitious.lpUnresolved) <= 1e-6, "seed \(seed)")
        // (When every decided case could be placed the fast engine ran, whose spread is not the LP's.)
        if ambitious.engine == .lp {
            #expect(abs(single.lpDeviation - ambitious.lpDeviation) <= 1e-6, "seed \(seed)")
        }
        #expect(single.unresolved == ambitious.unresolved, "seed \(seed)")
        // Asking for more never plans less in total.
        #expect(ambitious.lines.map(\.planned).reduce(0, +) >= feasible.lines.map(\.planned).reduce(0, +))
        return true
    }
}

extension PeriodisationTests {
    /// The fallback for a periodisation that is not a vertex: halfway between the
    /// plan of `lotsa plan` and the periodisation of its own external lines, both of
    /// which send exactly the decided volumes, is feasible but may be fractional.
    /// Rounding keeps every hard rule and each line's total, or reports what it
    /// could not place.
    ///
    /// The rounding is only exercised where the halfway plan is fractional: the test
    /// counts those seeds and requires at least 15 of 50 (20 when this was written).
    @Test func roundingKeepsDecidedTotals() throws {
        var fractional = 0
        for seed in PlanPropertyTests.seeds where try roundingKeepsDecidedTotals(seed: seed) {
            fractional += 1
        }
        #expect(fractional >= 15, "only \(fractional) seeds gave a fractional plan to round")
    }

    /// Returns whether the seed's halfway plan was fractional, so rounding had work to do.
    private func roundingKeepsDecidedTotals(seed: UInt64) throws -> Bool {
        let problem = PlanningProblem(scenario: try RandomScenarios.files(seed: seed).load())
        var options = PlannerOptions()
        options.parallelism = 1
        let plan = PlanPublisher.publish(try Planner.solve(problem, options: options).plan, problem: problem).0
        let external = DeliveryLines(problem: problem, plan: plan).lines.filter {
            problem.providers[$0.provider].administration != $0.administration
        }
        guard !external.isEmpty else { return false }
        let decided = DecidedVolumes(lines: external.map {
            DecidedVolumes.Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                                volume: Int($0.weekly.reduce(0, +)))
        }, file: InputFile(data: Data(), displayPath: "generated"))
        // The whole-periodisation LP, whose weeks are far enough from the plan's to
        // give fractional halfway points (the network engine starts from the plan).
        var lpOptions = options
        lpOptions.monolithic = true
        let periodised = try Periodiser.periodise(problem, decided: decided, options: lpOptions)
        let mixed = PlanPropertyTests.halfway(plan, periodised.plan, periods: problem.periods)
        var totals: [IntegralRounding.LineKey: Int] = [:]
        for line in decided.lines {
            totals[IntegralRounding.LineKey(administration: line.administration, provider: line.provider,
                                            specialty: line.specialty)] = line.volume
        }
        let (rounded, unresolved) = IntegralRounding.round(mixed, problem: problem, lineTotals: totals)
        #expect(rounded.isIntegral(tolerance: 0))
        #expect(PlanVerifier.violations(of: rounded, problem: problem).isEmpty, "seed \(seed)")
        var planned: [IntegralRounding.LineKey: Int] = [:]
        for flow in rounded.flows { planned[Periodiser.lineKey(flow, problem), default: 0] += Int(flow.cases) }
        for (key, required) in totals {
            #expect((planned[key] ?? 0) + (unresolved[key] ?? 0) == required, "seed \(seed) \(key)")
        }
        #expect(unresolved.isEmpty, "seed \(seed): \(unresolved)")
        return !mixed.isIntegral(tolerance: 0)
    }
}

/// `lotsa periodise` end to end: files, dialects, and what bad input gets.
@Suite struct PeriodiseRunTests {
    static func run(_ files: ScenarioFiles, decided: String, excel: Bool = false) throws -> (URL, URL, PeriodiseRunReport) {
        var files = files
        files.extra["decided.csv"] = decided
        let folder = try files.write()
        var options = PeriodiseRunOptions()
        options.outputDirectory = folder.outputSibling("out")
        options.swedishExcel = excel
        options.planner.parallelism = 1
        let report = try PeriodiseRun.run(scenarioPath: folder.path,
                                          missivPath: folder.appendingPathComponent("decided.csv").path, options: options)
        return (folder, options.outputDirectory!, report)
    }

    @Test func writesTheOutputsWithEveryLineAndTheSheets() throws {
        var files = PeriodisationTests.contractScenario
        files.contractProviders += "D,Other clinic,X\n"
        files.contracts += "D,s,2,,50,,\n"
        let (folder, out, report) = try Self.run(files, decided: "administration,provider,specialty,volume\nA,C,s,50\nA,D,s,8\n",
                                                 excel: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func read(_ name: String) throws -> String { try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8) }

        #expect(try read("unresolved.csv") == """
        administration,provider,specialty,decided,planned,unresolved
        A,C,s,50,35,15
        A,D,s,8,7,1

        """)
        #expect(try read("missiv.csv") == """
        administration,provider,specialty,volume,decided
        A,C,s,35,50
        A,D,s,7,8

        """)
        let plans = try read("delivery_plans.csv").split(separator: "\n")
        #expect(plans.first == "administration,provider,specialty,week,planned")
        #expect(plans.count == 1 + 2 * 4)
        #expect(plans.contains("A,C,s,2026-W16,5"))
        #expect(try read("sheets/C.csv") == """
        administration,specialty,row,2026-W14,2026-W15,2026-W16,2026-W17,total
        A,s,plan,10,10,5,10,35
        A,s,utfall,,,,,

        """)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sheets/D.csv").path))

        // Swedish Excel: BOM, `;`, CRLF.
        let excelBytes = try Data(contentsOf: out.appendingPathComponent("excel-sv/sheets/C.csv"))
        #expect(Array(excelBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let excel = try read("excel-sv/sheets/C.csv")
        #expect(excel.hasPrefix("administration;specialty;row;2026-W14;") || excel.hasPrefix("\u{FEFF}administration;"))
        #expect(excel.contains("A;s;plan;10;10;5;10;35\r\n"))
        #expect(try read("excel-sv/unresolved.csv").contains("A;C;s;50;35;15\r\n"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("excel-sv/delivery_plans.csv").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("excel-sv/missiv.csv").path))

        let summary = report.summary
        #expect(summary.value(at: "periodisation.unresolved.integer") == .number(16))
        #expect(summary.value(at: "periodisation.unresolved.lp") == .number(16))
        #expect(summary.value(at: "periodisation.lines_with_unresolved") == .number(2))
        #expect(summary.value(at: "periodisation.decided") == .number(58))
        #expect(summary.value(at: "integer_plan.method") == .string("lp_vertex"))
        guard case .array(let integer)? = summary.value(at: "tiers.integer"), case .array(let lp)? = summary.value(at: "tiers.lp") else {
            Issue.record("no tiers in summary.json"); return
        }
        #expect(integer.count == 6 && lp.count == 6)
        guard case .array(let inputs)? = summary.value(at: "inputs") else { Issue.record("no inputs"); return }
        #expect(inputs.contains { $0.value(at: "path").map { "\($0)".contains("decided.csv") } ?? false })
        let onDisk = try read("summary.json")
        #expect(onDisk == summary.serialized())
    }

    @Test(arguments: [
        ("administration,provider,specialty,volume\nA,Q,s,5\n", "decided.csv:2", "provider"),
        ("administration,provider,specialty,volume\nA,C,s,5\nA,C,s,6\n", "decided.csv:3", "provider"),
        ("administration,provider,specialty,volume\nA,C,s,-5\n", "decided.csv:2", "volume"),
        ("administration,provider,specialty,volume\nA,C,s,2.5\n", "decided.csv:2", "volume"),
        ("administration,provider,specialty,volume\nZ,C,s,5\n", "decided.csv:2", "administration"),
        ("administration,provider,specialty,volume\nA,SA,t,5\n", "decided.csv:2", "specialty"),
        ("administration,provider,volume\nA,C,5\n", "decided.csv", "specialty"),
        ("administration,provider,specialty,volume\n", "decided.csv", "no decided volumes"),
    ])
    func badDecidedVolumesNameFileLineAndField(text: String, location: String, field: String) throws {
        var files = PeriodisationTests.contractScenario
        files.specialties = "id,name\ns,Surgery\nt,Orthopaedics\n"
        do {
            let (folder, _, _) = try Self.run(files, decided: text)
            try? FileManager.default.removeItem(at: folder)
            Issue.record("accepted: \(text)")
        } catch let error as LotsaError {
            #expect(error.exitCode == 65)
            #expect(error.description.contains(location), "\(error)")
            #expect(error.description.contains(field), "\(error)")
        }
    }

    /// The bundled decided volumes still fit the baseline: every line names a known
    /// administration, provider and specialty, and only external lines.
    @Test func theBundledDecidedVolumesFitTheBaseline() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let scenario = root.appendingPathComponent("Scenarios/vgr-2026-baseline")
        let problem = PlanningProblem(scenario: try ScenarioLoader.load(path: scenario.path))
        let decided = try DecidedVolumes.read(url: scenario.appendingPathComponent("decided_missiv.csv"),
                                              displayPath: "decided_missiv.csv", problem: problem)
        #expect(decided.lines.count > 100)
        #expect(decided.lines.allSatisfy { problem.providers[$0.provider].administration != $0.administration })
        #expect(decided.lines.allSatisfy { $0.volume > 0 && $0.volume % 10 == 0 })
        // The line decided beyond its contract's ceiling.
        let plast = try #require(decided.lines.first { problem.providers[$0.provider].id == "exempelplastik" })
        let offer = try #require(problem.offers.first { $0.provider == plast.provider && $0.specialty == "plast" })
        #expect(plast.volume > offer.ceiling ?? .max)
    }

    @Test func theSwedishExcelDialectIsReadBack() throws {
        // What Excel saves in a Swedish locale: BOM, `;`, CRLF.
        let (folder, _, report) = try Self.run(PeriodisationTests.contractScenario,
                                               decided: "\u{FEFF}administration;provider;specialty;volume\r\nA;C;s;28\r\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(report.result.lines[0].weekly == [8, 8, 4, 8])
    }
}
