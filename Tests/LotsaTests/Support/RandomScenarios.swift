import Foundation
@testable import Lotsa

/// Lotsa's SplitMix64 with the helpers the generators use, so every generated
/// case can be rebuilt from its seed when a property fails.
struct SeededGenerator: RandomNumberGenerator {
    private var base: SplitMix64

    init(seed: UInt64) { base = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { base.next() }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
}

/// Small random scenarios for property tests: 1–3 administrations, 1–2
/// specialties, one or two sites per administration, up to three contract
/// providers (the region's own or another region's) with ceilings, validity and
/// eligibility, a capacity calendar, 3–8 weeks, a random backlog and forecast, and
/// now and then a reordered policy, forbidden transfers or a distance table.
enum RandomScenarios {
    static let careTypes = ["outpatient", "inpatient"]
    static let priorities = ["7", "14", "30", "60", "90"]

    static func files(seed: UInt64) -> ScenarioFiles {
        var random = SeededGenerator(seed: seed)
        var files = ScenarioFiles()
        let periods = random.int(3...8)
        let administrations = Array(["A", "B", "C"].prefix(random.int(1...3)))
        let specialties = Array(["s", "t"].prefix(random.int(1...2)))
        files.administrations = "id,name\n" + administrations.map { "\($0),Admin \($0)\n" }.joined()
        files.specialties = "id,name\n" + specialties.map { "\($0),Specialty \($0)\n" }.joined()

        // Sites and their capacity.
        var sites: [(id: String, administration: String)] = []
        for administration in administrations {
            for k in 1...random.int(1...2) { sites.append(("S\(administration)\(k)", administration)) }
        }
        files.sites = "id,name,administration\n" + sites.map { "\($0.id),Site \($0.id),\($0.administration)\n" }.joined()
        var capacity = "site,specialty,rooms,cases_per_room_week,care_types,max_asa\n"
        for site in sites {
            for specialty in specialties where random.chance(0.8) {
                let rooms = random.pick(["0", "0.5", "1", "1", "2"])
                capacity += "\(site.id),\(specialty),\(rooms),\(random.int(1...4)),\(eligibility(&random))\n"
            }
        }
        files.siteCapacity = capacity

        // Contract providers: the home region's own contracts (R) or another region's.
        var providers = "id,name,owner_region\n"
        var contracts = "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to,care_types,max_asa\n"
        let start = Day(year: 2026, month: 3, day: 30)!  // Monday of 2026-W14
        for k in 1..<(1 + random.int(0...3)) {
            let id = "C\(k)"
            providers += "\(id),Contract \(id),\(random.chance(0.6) ? "R" : "X")\n"
            for specialty in specialties where random.chance(0.75) {
                let ceiling = random.chance(0.5) ? String(random.int(0...10)) : ""
                var from = "", to = ""
                if random.chance(0.4) { from = start.adding(days: random.int(-7...(periods * 7 - 1))).description }
                if random.chance(0.4) {
                    let earliest = from.isEmpty ? 0 : (Day(iso: from)! - start)
                    to = start.adding(days: random.int(earliest...(periods * 7 + 7))).description
                }
                contracts += "\(id),\(specialty),\(random.int(0...4)),\(ceiling),\(random.int(0...200)),\(from),\(to),"
                    + "\(eligibility(&random))\n"
            }
        }
        files.contractProviders = providers
        files.contracts = contracts

        // A calendar: reduced or closed weeks for sites, contracts or everyone.
        if random.chance(0.5) {
            var calendar = "week,factor,scope\n"
            for _ in 1...random.int(1...2) {
                calendar += "\(14 + random.int(0...(periods - 1))),\(random.pick(["0", "0.5", "0.6"])),"
                    + "\(random.pick(["all", "sites", "contracts"]))\n"
            }
            files.calendar = calendar
        }
        if random.chance(0.2) {
            var distances = "administration,site,km\n"
            for administration in administrations {
                for site in sites where site.administration != administration {
                    distances += "\(administration),\(site.id),\(random.int(5...120))\n"
                }
            }
            files.distances = distances
        }

        // Patients.
        var waiting = "administration,specialty,priority,care_type,asa,count,days_waited\n"
        var forecast = "administration,specialty,priority,care_type,asa,week,count\n"
        for administration in administrations {
            for specialty in specialties {
                for _ in 0..<random.int(0...3) {
                    waiting += "\(administration),\(specialty),\(random.pick(priorities)),\(random.pick(careTypes)),"
                        + "\(random.int(1...3)),\(random.int(0...8)),\(random.int(0...120))\n"
                }
                for _ in 0..<random.int(0...2) {
                    let week = random.chance(0.5) ? "all" : "2026-W\(14 + random.int(0...(periods - 1)))"
                    forecast += "\(administration),\(specialty),\(random.pick(priorities)),\(random.pick(careTypes)),"
                        + "\(random.int(1...3)),\(week),\(random.int(0...3))\n"
                }
            }
        }
        files.waitingList = waiting
        files.forecast = forecast

        var yaml = """
        name: generated-\(seed)
        model: model
        horizon: {start: 2026-W14, periods: \(periods)}
        waiting_list: waiting_list.csv
        forecast: forecast.csv

        """
        var policy: [String] = []
        if random.chance(0.2) { policy.append("  internal_transfers: forbidden") }
        if random.chance(0.2) {
            let tiers = Tier.defaultOrder.map(\.rawValue).shuffled(using: &random)
            policy.append("  tiers: [\(tiers.joined(separator: ", "))]")
        }
        if !policy.isEmpty { yaml += "policy:\n" + policy.joined(separator: "\n") + "\n" }
        files.scenarioYAML = yaml
        return files
    }

    /// `care_types,max_asa` of a site or contract row: mostly open, sometimes narrowed.
    static func eligibility(_ random: inout SeededGenerator) -> String {
        let careTypes = random.chance(0.7) ? "" : random.pick(["outpatient", "inpatient", "outpatient|inpatient"])
        let asa = random.chance(0.7) ? "" : String(random.int(1...3))
        return "\(careTypes),\(asa)"
    }
}
