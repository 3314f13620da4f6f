import Foundation
import Synchronization
import Testing
@testable import Lotsa

/// The same scenario gives byte-identical output files, whether runs follow one
/// another or run at the same time, and whatever the number of solver threads.
@Suite struct DeterminismTests {
    /// Three administrations with a site each, two specialties, a region and an
    /// other-region contract, eight weeks; cohorts that tie on every tier (same
    /// priorities and dates in several administrations) so that the LPs have many
    /// optima and any nondeterminism in building or solving them would show.
    static var tiedScenario: ScenarioFiles {
        var files = ScenarioFiles()
        files.administrations = "id,name\nA,Admin A\nB,Admin B\nC,Admin C\n"
        files.specialties = "id,name\ns,Surgery\nt,Orthopaedics\n"
        files.sites = "id,name,administration\nSA,Site A,A\nSB,Site B,B\nSC,Site C,C\n"
        files.siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,3\nSB,s,1,3\nSC,s,1,3\nSA,t,1,2\nSB,t,1,2\n"
        files.contractProviders = "id,name,owner_region\nP,Region clinic,R\nQ,Other region,N\n"
        files.contracts = "provider,specialty,weekly_capacity,price\nP,s,2,100\nQ,s,2,100\nP,t,1,150\nQ,t,1,150\n"
        files.scenarioYAML = """
        name: tied
        model: model
        horizon: {start: 2026-W14, periods: 8}
        waiting_list: waiting_list.csv
        forecast: forecast.csv

        """
        var waiting = "administration,specialty,priority,count,days_waited\n"
        for administration in ["A", "B", "C"] {
            waiting += "\(administration),s,7,9,7\n\(administration),s,30,6,20\n\(administration),t,14,5,10\n\(administration),t,90,4,60\n"
        }
        files.waitingList = waiting
        files.forecast = "administration,specialty,priority,week,count\nA,s,30,all,2\nB,s,30,all,2\nC,s,30,all,2\nA,t,60,all,1\nC,t,60,all,1\n"
        return files
    }

    @Test func serialAndConcurrentRunsWriteTheSameBytes() throws {
        let scenario = try Self.tiedScenario.write()
        let outputs = try LotsaProcess.temporaryFolder("determinism")
        defer {
            try? FileManager.default.removeItem(at: outputs)
            try? FileManager.default.removeItem(at: scenario)
        }
        @Sendable func run(_ name: String, threads: Int) throws(LotsaError) {
            var options = PlanRunOptions()
            options.outputDirectory = outputs.appendingPathComponent(name)
            options.planner.parallelism = threads
            options.swedishExcel = true
            options.writeLP = true
            _ = try PlanRun.run(scenarioPath: scenario.path, options: options)
        }
        try run("serial-1", threads: 1)
        try run("serial-2", threads: 1)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            do throws(LotsaError) {
                try run("parallel-\(index + 1)", threads: 2)
            } catch {
                failures.withLock { $0.append(error.description) }
            }
        }
        #expect(failures.withLock { $0 } == [])

        let reference = try LotsaProcess.snapshot(outputs.appendingPathComponent("serial-1"))
        #expect(reference.keys.contains("summary.json") && reference.keys.contains("excel-sv/missiv.csv"))
        #expect(reference.keys.contains { $0.hasPrefix("lp/") })
        for name in ["serial-2", "parallel-1", "parallel-2"] {
            let files = try LotsaProcess.snapshot(outputs.appendingPathComponent(name))
            #expect(files.keys.sorted() == reference.keys.sorted(), "\(name)")
            for (path, data) in reference {
                #expect(files[path] == data, "\(name)/\(path) differs from serial-1/\(path)")
            }
        }
        // Nothing else was left next to the four folders.
        #expect(try FileManager.default.contentsOfDirectory(atPath: outputs.path).sorted()
                == ["parallel-1", "parallel-2", "serial-1", "serial-2"])
    }
}
