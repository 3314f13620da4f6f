import Foundation

/// Writes synthetic region models and scenarios of a chosen size, in the documented
/// file format (docs/scenario-format.md), for benchmarks and tests.
///
/// The output is a folder with `model/` (the region model) and `scenario/` (its
/// `scenario.yaml`, `waiting_list.csv` and `forecast.csv`). Everything is drawn
/// from a ``SplitMix64`` stream seeded with `seed`, in a fixed order, and written
/// with fixed number formats: the same preset and seed give byte-identical files on
/// every run.
///
/// The shape follows the bundled VGR baseline (Scenarios/tools/generate_vgr_baseline.py):
/// each (administration, specialty) has more referrals than its own capacity by a
/// specialty factor (mostly 1.0–1.25), so contracts and internal transfers matter;
/// cohorts mix priority groups, care types and ASA classes; day-surgery sites and
/// most contracts accept outpatients with a low ASA class only; contracts have
/// annual ceilings and validity intervals; the calendar has a summer and a
/// Christmas dip; the backlog's shape depends on how far demand exceeds capacity.
///
/// ```swift
/// let generated = try ScenarioGenerator(preset: .region, seed: 1).write(to: folder)
/// let report = try PlanRun.run(scenarioPath: generated.scenarioDirectory.path, options: options)
/// ```
public struct ScenarioGenerator: Sendable {
    /// The size of a generated scenario.
    public struct Preset: Sendable, Hashable {
        /// Used in the scenario's name (`bench-M-seed1`).
        public var name: String
        public var administrations: Int
        /// Hospital sites over all administrations (at least one per administration).
        public var sites: Int
        /// At most ``ScenarioGenerator/specialtyCatalogue``.count.
        public var specialties: Int
        public var contractProviders: Int
        public var periods: Int
        /// Referrals over the horizon, over all cohorts (exact).
        public var referrals: Int
        /// Patients waiting at the start (approximately: rounding per cohort).
        public var waiting: Int
        /// Country scale: administrations are the 21 Swedish regions and the home
        /// region is a national pool (see Benchmarks/README.md).
        public var national: Bool

        public init(name: String, administrations: Int, sites: Int, specialties: Int, contractProviders: Int,
                    periods: Int, referrals: Int, waiting: Int, national: Bool = false) {
            self.name = name
            self.administrations = administrations
            self.sites = sites
            self.specialties = specialties
            self.contractProviders = contractProviders
            self.periods = periods
            self.referrals = referrals
            self.waiting = waiting
            self.national = national
        }

        /// S: one administration, one specialty.
        public static let small = Preset(name: "S", administrations: 1, sites: 2, specialties: 1, contractProviders: 3,
                                         periods: 52, referrals: 3_000, waiting: 700)
        /// M: a region (5 administrations, 17 sites, 25 specialties, 40 contract providers).
        public static let region = Preset(name: "M", administrations: 5, sites: 17, specialties: 25,
                                          contractProviders: 40, periods: 52, referrals: 250_000, waiting: 60_000)
        /// L: the country (21 regions, 70 hospitals, 30 specialties, 200 contract providers).
        public static let country = Preset(name: "L", administrations: 21, sites: 70, specialties: 30,
                                           contractProviders: 200, periods: 52, referrals: 1_500_000,
                                           waiting: 360_000, national: true)

        /// The preset named `S`, `M` or `L` (case-insensitive).
        public static func named(_ name: String) -> Preset? {
            switch name.uppercased() {
            case "S": small
            case "M": region
            case "L": country
            default: nil
            }
        }
    }

    /// What was written.
    public struct Generated: Sendable {
        public var directory: URL
        public var modelDirectory: URL
        public var scenarioDirectory: URL
        public var scenarioName: String
        public var administrations: Int
        public var sites: Int
        public var specialties: Int
        public var contractProviders: Int
        public var contracts: Int
        /// Cohorts with at least one patient (waiting or referred).
        public var cohorts: Int
        public var waiting: Int
        public var referrals: Int
        /// File name (relative to `directory`) and contents, in writing order.
        public var files: [(path: String, contents: String)]
    }

    public var preset: Preset
    public var seed: UInt64

    public init(preset: Preset, seed: UInt64) {
        self.preset = preset
        self.seed = seed
    }

    /// Writes `model/` and `scenario/` into `directory` (created if needed; files
    /// of the same name are replaced, other files are left alone).
    @discardableResult
    public func write(to directory: URL) throws -> Generated {
        let generated = generate(directory: directory)
        let manager = FileManager.default
        for sub in ["model", "scenario"] {
            try manager.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for file in generated.files {
            try Data(file.contents.utf8).write(to: directory.appendingPathComponent(file.path), options: .atomic)
        }
        return generated
    }

    /// Everything `write(to:)` writes, in memory.
    public func generate(directory: URL = URL(fileURLWithPath: ".")) -> Generated {
        var builder = Builder(preset: preset, seed: seed)
        builder.build()
        var generated = builder.render()
        generated.directory = directory
        generated.modelDirectory = directory.appendingPathComponent("model")
        generated.scenarioDirectory = directory.appendingPathComponent("scenario")
        return generated
    }

    // MARK: Catalogues

    /// (care type, ASA class) of a cohort.
    struct MixKey: Sendable {
        var careType: String
        var asa: Int
    }

    static let mixKeys: [MixKey] = [
        MixKey(careType: "outpatient", asa: 1), MixKey(careType: "outpatient", asa: 2),
        MixKey(careType: "outpatient", asa: 3), MixKey(careType: "inpatient", asa: 2),
        MixKey(careType: "inpatient", asa: 3),
    ]

    /// Weights over `mixKeys`.
    enum Mix: Sendable {
        case general, outpatient, inpatient, heavy

        var weights: [Double] {
            switch self {
            case .general: [25, 30, 0, 25, 20]
            case .outpatient: [45, 40, 15, 0, 0]
            case .inpatient: [0, 0, 0, 35, 65]
            case .heavy: [15, 20, 0, 40, 25]
            }
        }
    }

    static let priorityIDs = ["7", "14", "30", "60", "90"]
    static let priorityDays = [7, 14, 30, 60, 90]
    /// How far a group's waits stretch under pressure (urgent groups are protected).
    static let priorityStretch = [0.1, 0.2, 0.45, 0.8, 1.0]

    /// Weights over `priorityIDs`.
    enum Urgency: Sendable {
        case routine, urgent, elective, surgical

        var weights: [Double] {
            switch self {
            case .routine: [2, 5, 13, 30, 50]
            case .urgent: [8, 15, 30, 27, 20]
            case .elective: [0, 2, 8, 30, 60]
            case .surgical: [5, 10, 15, 30, 40]
            }
        }
    }

    struct SpecialtySpec: Sendable {
        var id: String
        var name: String
        /// Relative share of all referrals.
        var share: Double
        var casesPerRoomWeek: Double
        /// Offered only at the main site of a few (university) administrations.
        var specialised: Bool
        var mix: Mix
        var urgency: Urgency
        /// Yearly referrals / own capacity of the region.
        var factor: Double
        /// Price per case at a contract provider (SEK), before variation.
        var price: Double
    }

    /// The specialties a preset takes from, in order (the first `specialties` are used).
    static let specialtyCatalogue: [SpecialtySpec] = [
        .init(id: "kir", name: "Allmänkirurgi", share: 10, casesPerRoomWeek: 7, specialised: false, mix: .general, urgency: .surgical, factor: 1.04, price: 38_000),
        .init(id: "ort", name: "Ortopedi", share: 12, casesPerRoomWeek: 7, specialised: false, mix: .general, urgency: .elective, factor: 1.15, price: 62_000),
        .init(id: "gyn", name: "Gynekologi", share: 8, casesPerRoomWeek: 9, specialised: false, mix: .general, urgency: .surgical, factor: 1.07, price: 27_000),
        .init(id: "uro", name: "Urologi", share: 6, casesPerRoomWeek: 8, specialised: false, mix: .general, urgency: .surgical, factor: 1.08, price: 32_000),
        .init(id: "onh", name: "Öron-näsa-hals", share: 5, casesPerRoomWeek: 9, specialised: false, mix: .general, urgency: .routine, factor: 0.96, price: 21_000),
        .init(id: "ogon", name: "Ögon", share: 12, casesPerRoomWeek: 18, specialised: false, mix: .outpatient, urgency: .elective, factor: 1.12, price: 15_500),
        .init(id: "plast", name: "Plastikkirurgi", share: 2, casesPerRoomWeek: 5, specialised: true, mix: .general, urgency: .elective, factor: 0.98, price: 52_000),
        .init(id: "hand", name: "Handkirurgi", share: 3, casesPerRoomWeek: 14, specialised: false, mix: .outpatient, urgency: .routine, factor: 0.97, price: 18_000),
        .init(id: "karl", name: "Kärlkirurgi", share: 2, casesPerRoomWeek: 4, specialised: true, mix: .heavy, urgency: .urgent, factor: 0.95, price: 70_000),
        .init(id: "thorax", name: "Thoraxkirurgi", share: 1, casesPerRoomWeek: 3, specialised: true, mix: .inpatient, urgency: .urgent, factor: 0.97, price: 160_000),
        .init(id: "neuro", name: "Neurokirurgi", share: 1, casesPerRoomWeek: 3, specialised: true, mix: .inpatient, urgency: .urgent, factor: 1.02, price: 140_000),
        .init(id: "barnkir", name: "Barnkirurgi", share: 1.5, casesPerRoomWeek: 6, specialised: true, mix: .general, urgency: .surgical, factor: 0.97, price: 45_000),
        .init(id: "rygg", name: "Ryggkirurgi", share: 2.5, casesPerRoomWeek: 4, specialised: false, mix: .heavy, urgency: .elective, factor: 1.2, price: 85_000),
        .init(id: "kolorektal", name: "Kolorektal kirurgi", share: 2, casesPerRoomWeek: 5, specialised: false, mix: .heavy, urgency: .urgent, factor: 1.05, price: 75_000),
        .init(id: "brost", name: "Bröstkirurgi", share: 2, casesPerRoomWeek: 8, specialised: false, mix: .general, urgency: .urgent, factor: 1.0, price: 42_000),
        .init(id: "endokrin", name: "Endokrinkirurgi", share: 1, casesPerRoomWeek: 6, specialised: true, mix: .general, urgency: .surgical, factor: 1.0, price: 48_000),
        .init(id: "ovregi", name: "Övre GI-kirurgi", share: 1.5, casesPerRoomWeek: 4, specialised: true, mix: .heavy, urgency: .urgent, factor: 1.05, price: 90_000),
        .init(id: "obesitas", name: "Obesitaskirurgi", share: 1.5, casesPerRoomWeek: 8, specialised: false, mix: .heavy, urgency: .elective, factor: 1.25, price: 65_000),
        .init(id: "kak", name: "Käkkirurgi", share: 1.5, casesPerRoomWeek: 10, specialised: false, mix: .outpatient, urgency: .routine, factor: 1.05, price: 24_000),
        .init(id: "hud", name: "Hudkirurgi", share: 3, casesPerRoomWeek: 16, specialised: false, mix: .outpatient, urgency: .routine, factor: 1.1, price: 9_000),
        .init(id: "endoskopi", name: "Endoskopi", share: 8, casesPerRoomWeek: 20, specialised: false, mix: .outpatient, urgency: .surgical, factor: 1.15, price: 7_500),
        .init(id: "artroskopi", name: "Artroskopi", share: 4, casesPerRoomWeek: 12, specialised: false, mix: .outpatient, urgency: .elective, factor: 1.2, price: 21_000),
        .init(id: "fot", name: "Fotkirurgi", share: 2, casesPerRoomWeek: 10, specialised: false, mix: .general, urgency: .elective, factor: 1.15, price: 28_000),
        .init(id: "axel", name: "Axelkirurgi", share: 2, casesPerRoomWeek: 8, specialised: false, mix: .general, urgency: .elective, factor: 1.1, price: 34_000),
        .init(id: "ledprotes", name: "Ledprotes höft/knä", share: 4, casesPerRoomWeek: 6, specialised: false, mix: .heavy, urgency: .elective, factor: 1.25, price: 78_000),
        .init(id: "smarta", name: "Smärtbehandling", share: 2, casesPerRoomWeek: 14, specialised: false, mix: .outpatient, urgency: .routine, factor: 1.0, price: 8_000),
        .init(id: "tand", name: "Tandvård i narkos", share: 1, casesPerRoomWeek: 10, specialised: false, mix: .outpatient, urgency: .routine, factor: 0.97, price: 14_000),
        .init(id: "gynonk", name: "Gynekologisk onkologi", share: 1, casesPerRoomWeek: 4, specialised: true, mix: .inpatient, urgency: .urgent, factor: 0.98, price: 95_000),
        .init(id: "urolonk", name: "Urologisk onkologi", share: 1, casesPerRoomWeek: 4, specialised: true, mix: .heavy, urgency: .urgent, factor: 1.0, price: 88_000),
        .init(id: "hpb", name: "Hepatobiliär kirurgi", share: 0.8, casesPerRoomWeek: 3, specialised: true, mix: .inpatient, urgency: .urgent, factor: 1.0, price: 150_000),
    ]

    /// A region of the country: id (county letter), name, population (thousands),
    /// position (km east, km north of Malmö), whether it has a university hospital.
    struct RegionSpec: Sendable {
        var id: String
        var name: String
        var population: Double
        var east: Double
        var north: Double
        var university: Bool
    }

    /// Sweden's 21 regions (populations and positions rounded; for the L preset).
    static let swedishRegions: [RegionSpec] = [
        .init(id: "AB", name: "Region Stockholm", population: 2_450, east: 280, north: 410, university: true),
        .init(id: "C", name: "Region Uppsala", population: 400, east: 255, north: 470, university: true),
        .init(id: "D", name: "Region Sörmland", population: 300, east: 220, north: 350, university: false),
        .init(id: "E", name: "Region Östergötland", population: 470, east: 145, north: 310, university: true),
        .init(id: "F", name: "Region Jönköpings län", population: 370, east: 65, north: 240, university: false),
        .init(id: "G", name: "Region Kronoberg", population: 205, east: 100, north: 140, university: false),
        .init(id: "H", name: "Region Kalmar län", population: 247, east: 185, north: 115, university: false),
        .init(id: "I", name: "Region Gotland", population: 61, east: 290, north: 225, university: false),
        .init(id: "K", name: "Region Blekinge", population: 157, east: 140, north: 60, university: false),
        .init(id: "M", name: "Region Skåne", population: 1_400, east: 10, north: 10, university: true),
        .init(id: "N", name: "Region Halland", population: 340, east: -10, north: 120, university: false),
        .init(id: "O", name: "Västra Götalandsregionen", population: 1_750, east: -55, north: 235, university: true),
        .init(id: "S", name: "Region Värmland", population: 283, east: 30, north: 420, university: false),
        .init(id: "T", name: "Region Örebro län", population: 307, east: 120, north: 405, university: true),
        .init(id: "U", name: "Region Västmanland", population: 280, east: 195, north: 445, university: false),
        .init(id: "W", name: "Region Dalarna", population: 288, east: 145, north: 555, university: false),
        .init(id: "X", name: "Region Gävleborg", population: 288, east: 230, north: 565, university: false),
        .init(id: "Y", name: "Region Västernorrland", population: 245, east: 240, north: 755, university: false),
        .init(id: "Z", name: "Region Jämtland Härjedalen", population: 132, east: 90, north: 840, university: false),
        .init(id: "AC", name: "Region Västerbotten", population: 275, east: 400, north: 915, university: true),
        .init(id: "BD", name: "Region Norrbotten", population: 250, east: 505, north: 1_110, university: false),
    ]

    /// Owners of other regions' contracts in the regional presets.
    static let otherRegionNames = [
        "Region Halland", "Region Jönköpings län", "Region Stockholm", "Region Örebro län", "Region Värmland",
        "Region Skåne", "Region Östergötland", "Region Kronoberg",
    ]

    /// (ISO week, factor, scope) rows of the generated calendar: a summer dip for
    /// sites and (less) for contracts, and Christmas for everyone.
    static let calendarRows: [(week: Int, factor: Double, scope: String)] = [
        (27, 0.6, "sites"), (28, 0.4, "sites"), (29, 0.35, "sites"), (30, 0.35, "sites"), (31, 0.4, "sites"), (32, 0.6, "sites"),
        (27, 0.8, "contracts"), (28, 0.6, "contracts"), (29, 0.5, "contracts"), (30, 0.5, "contracts"),
        (31, 0.6, "contracts"), (32, 0.8, "contracts"),
        (52, 0.5, "all"), (53, 0.5, "all"), (1, 0.5, "all"),
    ]

    /// The first week of every generated horizon.
    static let firstWeek = ISOWeek(year: 2027, week: 14)!
}

// MARK: - Building

extension ScenarioGenerator {
    struct Admin {
        var id: String
        var name: String
        var share: Double
        var east: Double
        var north: Double
        var university: Bool
    }

    struct SiteRow {
        var id: String
        var name: String
        var admin: Int
        var main: Bool
        var east: Double
        var north: Double
        /// Outpatients with ASA ≤ maxASA only (a day-surgery unit), or nil.
        var daySurgeryASA: Int?
    }

    struct CapacityRow {
        var site: Int
        var specialty: Int
        /// Operating rooms in halves (3 = 1.5 rooms).
        var roomHalves: Int
        var casesPerRoomWeek: Int
    }

    struct ProviderRow {
        var id: String
        var name: String
        var owner: String
    }

    struct ContractRow {
        var provider: Int
        var specialty: Int
        var weeklyCapacity: Int
        var ceiling: Int?
        var price: Int
        var validFrom: Day
        var validTo: Day
        var outpatientOnly: Bool
        var maxASA: Int
    }

    struct CohortRow {
        var admin: Int
        var specialty: Int
        var priority: Int
        var mix: Int
        var referrals: Int
        var backlog: [Int]   // per waited bucket
    }

    /// Days-waited buckets: (days written, first week waited, weeks covered).
    static let waitedBuckets: [(days: Int, first: Int, weeks: Int)] = {
        var buckets: [(Int, Int, Int)] = []
        for w in 0 ..< 26 { buckets.append((7 * w + 3, w, 1)) }
        for w in stride(from: 26, to: 52, by: 4) { buckets.append((7 * w + 14, w, 4)) }
        for w in stride(from: 52, to: 104, by: 13) { buckets.append((7 * w + 45, w, 13)) }
        return buckets
    }()

    struct Builder {
        let preset: Preset
        let seed: UInt64
        var random: SplitMix64
        let specialties: [SpecialtySpec]
        var homeRegion = ""
        var admins: [Admin] = []
        var sites: [SiteRow] = []
        var capacities: [CapacityRow] = []
        var providers: [ProviderRow] = []
        var contracts: [ContractRow] = []
        var contractClosure: Int?
        var cohorts: [CohortRow] = []
        /// Referrals per [admin][specialty].
        var demand: [[Int]] = []
        /// Own capacity over the horizon per [admin][specialty], as the engine computes it.
        var ownCapacity: [[Int]] = []

        init(preset: Preset, seed: UInt64) {
            precondition(preset.administrations >= 1 && preset.sites >= preset.administrations,
                         "a preset needs at least one site per administration")
            precondition((1...ScenarioGenerator.specialtyCatalogue.count).contains(preset.specialties),
                         "at most \(ScenarioGenerator.specialtyCatalogue.count) specialties")
            precondition(preset.periods >= 1 && preset.referrals >= 0 && preset.waiting >= 0)
            precondition(!preset.national || preset.administrations <= ScenarioGenerator.swedishRegions.count)
            self.preset = preset
            self.seed = seed
            random = SplitMix64(seed: seed)
            specialties = Array(ScenarioGenerator.specialtyCatalogue.prefix(preset.specialties))
        }

        var T: Int { preset.periods }
        var firstDay: Day { ScenarioGenerator.firstWeek.monday }
        var lastDay: Day { firstDay.adding(days: 7 * T - 1) }

        func isoWeek(ofPeriod t: Int) -> ISOWeek { ScenarioGenerator.firstWeek.adding(weeks: t - 1) }

        /// The calendar factor of period t for sites (or contracts), as the engine applies it.
        func calendarFactor(period t: Int, sites: Bool) -> Double {
            let week = isoWeek(ofPeriod: t).week
            var factor = 1.0
            for row in ScenarioGenerator.calendarRows where row.week == week
                && (row.scope == "all" || row.scope == (sites ? "sites" : "contracts")) {
                factor *= row.factor
            }
            return factor
        }

        mutating func build() {
            // Independent streams per part, so a change in one part leaves the others alone.
            var adminRandom = random.fork()
            var siteRandom = random.fork()
            var capacityRandom = random.fork()
            var contractRandom = random.fork()
            var cohortRandom = random.fork()
            buildAdministrations(&adminRandom)
            buildSites(&siteRandom)
            buildDemand(&capacityRandom)
            buildCapacity(&capacityRandom)
            buildContracts(&contractRandom)
            buildCohorts(&cohortRandom)
        }

        mutating func buildAdministrations(_ random: inout SplitMix64) {
            if preset.national {
                homeRegion = "Sverige"
                // The most populous regions when fewer than 21 are asked for, in the catalogue's order.
                let chosen = ScenarioGenerator.swedishRegions.indices
                    .sorted { ScenarioGenerator.swedishRegions[$0].population > ScenarioGenerator.swedishRegions[$1].population }
                    .prefix(preset.administrations).sorted()
                for index in chosen {
                    let region = ScenarioGenerator.swedishRegions[index]
                    admins.append(Admin(id: region.id, name: region.name, share: region.population,
                                        east: region.east, north: region.north, university: region.university))
                }
            } else {
                homeRegion = "Region Syntet"
                for a in 0 ..< preset.administrations {
                    // The first administration is the university hospital's and the largest.
                    let share = a == 0 ? 0.34 : random.uniform(0.12, 0.2)
                    admins.append(Admin(id: "F\(a + 1)", name: "Förvaltning \(a + 1) (syntetisk)", share: share,
                                        east: random.uniform(0, 250), north: random.uniform(0, 250), university: a == 0))
                }
            }
            let total = admins.reduce(0) { $0 + $1.share }
            for a in admins.indices { admins[a].share /= total }
        }

        mutating func buildSites(_ random: inout SplitMix64) {
            // One main site per administration, the rest by population.
            let extra = largestRemainder(admins.map(\.share), preset.sites - admins.count)
            for (a, admin) in admins.enumerated() {
                for k in 0 ..< 1 + extra[a] {
                    let main = k == 0
                    let radius = preset.national ? 60.0 : 30.0
                    let daySurgery = !main && random.chance(0.4)
                    sites.append(SiteRow(
                        id: preset.national ? "\(admin.id)-\(k + 1)" : "s\(sites.count + 1)",
                        name: main ? "Huvudsjukhuset \(admin.id)" : "Sjukhus \(admin.id)-\(k + 1)",
                        admin: a, main: main,
                        east: admin.east + (main ? 0 : random.uniform(-radius, radius)),
                        north: admin.north + (main ? 0 : random.uniform(-radius, radius)),
                        daySurgeryASA: daySurgery ? 2 + random.next(below: 2) : nil))
                }
            }
        }

        mutating func buildDemand(_ random: inout SplitMix64) {
            var weights: [Double] = []
            let shareTotal = specialties.reduce(0) { $0 + $1.share }
            for admin in admins {
                for spec in specialties {
                    weights.append(admin.share * spec.share / shareTotal * random.uniform(0.9, 1.1))
                }
            }
            let counts = largestRemainder(weights, preset.referrals)
            demand = admins.indices.map { a in Array(counts[a * specialties.count ..< (a + 1) * specialties.count]) }
        }

        /// Which sites offer which specialty, and how much: the region's own
        /// capacity is its referrals divided by the specialty's factor.
        mutating func buildCapacity(_ random: inout SplitMix64) {
            let siteWeeks = (1...T).reduce(0.0) { $0 + calendarFactor(period: $1, sites: true) }
            ownCapacity = admins.map { _ in [Int](repeating: 0, count: specialties.count) }
            let universities = admins.indices.filter { admins[$0].university }
            for (s, spec) in specialties.enumerated() {
                // Hosting sites.
                var hosts: [Int] = []
                if spec.specialised {
                    // University administrations' main sites; in the country a random
                    // subset of at least three (or all there are).
                    var chosen = universities.isEmpty ? [0] : universities
                    if preset.national && chosen.count > 3 {
                        chosen = chosen.filter { _ in random.chance(0.7) }
                        var pool = universities.filter { !chosen.contains($0) }
                        while chosen.count < 3 { chosen.append(pool.remove(at: random.next(below: pool.count))) }
                        chosen.sort()
                    } else if !preset.national && admins.count > 1 && random.chance(0.3) {
                        chosen.append(1)
                    }
                    hosts = sites.indices.filter { sites[$0].main && chosen.contains(sites[$0].admin) }
                } else {
                    hosts = sites.indices.filter { site in
                        sites[site].main || random.chance(sites[site].daySurgeryASA == nil ? 0.6 : 0.45)
                    }
                    // Day-surgery units cannot take inpatient-only specialties.
                    if spec.mix == .inpatient { hosts = hosts.filter { sites[$0].daySurgeryASA == nil } }
                }
                let total = Double(demand.reduce(0) { $0 + $1[s] }) / spec.factor
                // Per administration: its referrals times a jitter, so some have spare
                // capacity and others a gap (which transfers can fill).
                let hostAdmins = Set(hosts.map { sites[$0].admin })
                var adminWeight = [Double](repeating: 0, count: admins.count)
                for a in admins.indices where hostAdmins.contains(a) {
                    adminWeight[a] = spec.specialised ? random.uniform(0.5, 1.5) : Double(demand[a][s]) * random.uniform(0.8, 1.25)
                }
                let weightTotal = adminWeight.reduce(0, +)
                for a in admins.indices where adminWeight[a] > 0 {
                    let adminSites = hosts.filter { sites[$0].admin == a }
                    let siteWeight = adminSites.map { (sites[$0].main ? 3.0 : 1.0) * random.uniform(0.7, 1.3) }
                    let siteTotal = siteWeight.reduce(0, +)
                    for (k, site) in adminSites.enumerated() {
                        let weekly = total * adminWeight[a] / weightTotal * siteWeight[k] / siteTotal / siteWeeks
                        let nominal = max(1, (spec.casesPerRoomWeek * random.uniform(0.85, 1.15)).rounded())
                        let halves = max(1, Int((2 * weekly / nominal).rounded()))
                        let perRoom = max(1, Int((weekly * 2 / Double(halves)).rounded()))
                        capacities.append(CapacityRow(site: site, specialty: s, roomHalves: halves, casesPerRoomWeek: perRoom))
                        var cases = 0
                        for t in 1...T {
                            cases += Int((Double(halves) / 2 * Double(perRoom) * calendarFactor(period: t, sites: true) + 1e-9)
                                .rounded(.down))
                        }
                        ownCapacity[a][s] += cases
                    }
                }
            }
            // site_capacity.csv in site order, then specialty order.
            capacities.sort { ($0.site, $0.specialty) < ($1.site, $1.specialty) }
        }

        mutating func buildContracts(_ random: inout SplitMix64) {
            let contractWeeks = (1...T).reduce(0.0) { $0 + calendarFactor(period: $1, sites: false) }
            // Owners: the home region's own contracts, or another region's.
            // The first provider is the home region's and the second another region's, so
            // that every size has both kinds; the rest are drawn.
            for p in 0 ..< preset.contractProviders {
                let own = p == 0 || (p > 1 && random.chance(preset.national ? 0.3 : 0.7))
                let owner: String
                if own {
                    owner = homeRegion
                } else if preset.national {
                    owner = admins[random.next(below: admins.count)].name
                } else {
                    owner = ScenarioGenerator.otherRegionNames[random.next(below: ScenarioGenerator.otherRegionNames.count)]
                }
                providers.append(ProviderRow(id: String(format: "k%03d", p + 1),
                                             name: "Kontraktsklinik \(p + 1) (syntetisk)", owner: owner))
            }
            guard !providers.isEmpty else { return }
            // Specialties per provider: 1–4, weighted by referrals (specialised ones rarely).
            var offered = [[Int]](repeating: [], count: providers.count)
            let weight = specialties.map { $0.share * ($0.specialised ? 0.2 : 1) }
            for p in providers.indices {
                var pool = Array(specialties.indices)
                var poolWeight = weight
                for _ in 0 ..< min(1 + random.next(below: 4), pool.count) {
                    let pick = weightedIndex(poolWeight, &random)
                    offered[p].append(pool.remove(at: pick))
                    poolWeight.remove(at: pick)
                }
            }
            // Every specialty with referrals gets at least one contract.
            for s in specialties.indices where !offered.contains(where: { $0.contains(s) }) {
                offered[random.next(below: providers.count)].append(s)
            }
            for p in providers.indices { offered[p].sort() }

            for (s, spec) in specialties.enumerated() {
                let referrals = demand.reduce(0) { $0 + $1[s] }
                let own = ownCapacity.reduce(0) { $0 + $1[s] }
                // Contracts cover part of the gap, plus a little for peaks.
                let gap = Double(max(referrals - own, 0))
                let total = gap * random.uniform(0.45, 0.85) + 0.04 * Double(referrals)
                let holders = providers.indices.filter { offered[$0].contains(s) }
                let shares = holders.map { _ in random.uniform(0.5, 1.5) }
                let shareTotal = shares.reduce(0, +)
                for (k, p) in holders.enumerated() {
                    let weekly = max(1, Int((total * shares[k] / shareTotal / contractWeeks).rounded()))
                    var from = firstDay, to = lastDay
                    let validity = random.unit()
                    if validity < 0.1 {
                        from = firstDay.adding(days: 7 * (4 + random.next(below: max(1, T / 2))))
                    } else if validity < 0.2 {
                        to = lastDay.adding(days: -7 * (4 + random.next(below: max(1, T / 2))))
                    }
                    if to < from { to = from }
                    let activeWeeks = (to - from) / 7 + 1
                    let ceiling: Int? = random.chance(0.7)
                        ? max(1, Int((Double(weekly * activeWeeks) * random.uniform(0.6, 0.95)).rounded())) : nil
                    let otherRegion = providers[p].owner != homeRegion
                    let price = spec.price * (otherRegion ? random.uniform(1.0, 1.4) : random.uniform(0.8, 1.2))
                    contracts.append(ContractRow(
                        provider: p, specialty: s, weeklyCapacity: weekly, ceiling: ceiling,
                        price: Int((price / 100).rounded()) * 100, validFrom: from, validTo: to,
                        outpatientOnly: spec.mix != .inpatient && random.chance(0.6),
                        maxASA: random.chance(0.6) ? 2 : 3))
                }
            }
            contracts.sort { ($0.provider, $0.specialty) < ($1.provider, $1.specialty) }
            // One provider closes for the summer.
            contractClosure = random.next(below: providers.count)
        }

        mutating func buildCohorts(_ random: inout SplitMix64) {
            var expected: [[Double]] = []
            for a in admins.indices {
                for (s, spec) in specialties.enumerated() where demand[a][s] > 0 {
                    let mixWeights = spec.mix.weights.map { $0 * random.uniform(0.85, 1.15) }
                    var keys: [(priority: Int, mix: Int, weight: Double)] = []
                    for (p, pw) in spec.urgency.weights.enumerated() where pw > 0 {
                        for (m, mw) in mixWeights.enumerated() where mw > 0 { keys.append((p, m, pw * mw)) }
                    }
                    let counts = largestRemainder(keys.map(\.weight), demand[a][s])
                    // Pressure: how far waits stretch, from the specialty's factor and
                    // the administration's own gap (as in the VGR baseline generator).
                    let own = ownCapacity[a][s]
                    let ratio = own > 0 ? Double(demand[a][s]) / Double(own) : 2
                    let basePressure = min(max(1 + (spec.factor - 1) * 8, 0.8), 2.5)
                    let pressure = min(max(basePressure * pow(ratio, 1.5), 0.5), 3.6)
                    for (k, key) in keys.enumerated() {
                        let rate = Double(counts[k]) / Double(T) * random.uniform(0.9, 1.1)
                        cohorts.append(CohortRow(admin: a, specialty: s, priority: key.priority, mix: key.mix,
                                                 referrals: counts[k], backlog: []))
                        expected.append(backlogShape(priority: key.priority, weeklyRate: rate, pressure: pressure))
                    }
                }
            }
            // Scale the backlog to the preset's size, then round each cohort on its own.
            let sum = expected.reduce(0) { $0 + $1.reduce(0, +) }
            let scale = sum > 0 ? Double(preset.waiting) / sum : 0
            for q in cohorts.indices {
                let shape = expected[q].map { $0 * scale }
                cohorts[q].backlog = largestRemainder(shape, Int(shape.reduce(0, +).rounded()))
            }
        }

        /// Expected patients per waited bucket of a cohort with `weeklyRate` referrals:
        /// flat up to the (stretched) target, then a geometric tail.
        func backlogShape(priority: Int, weeklyRate: Double, pressure: Double) -> [Double] {
            let days = Double(ScenarioGenerator.priorityDays[priority])
            let stretch = max(0.4, 1 + (pressure - 1) * ScenarioGenerator.priorityStretch[priority])
            let flat = days / 7 * stretch
            let tail = pow(min(0.88, 0.55 + 0.2 * pressure), (90 / days).squareRoot())
            return ScenarioGenerator.waitedBuckets.map { bucket in
                var sum = 0.0
                for w in bucket.first ..< bucket.first + bucket.weeks {
                    let mid = Double(w) + 0.5
                    sum += mid <= flat ? 1 : pow(tail, mid - flat)
                }
                return weeklyRate * sum
            }
        }

        // MARK: Rendering

        func render() -> Generated {
            let name = "bench-\(preset.name)-seed\(seed)"
            var files: [(String, String)] = []
            let modelDescription = preset.national
                ? "Synthetic country (preset \(preset.name), seed \(seed)): the 21 regions are the administrations; the home region is a national pool, so only its contracts count as region contracts."
                : "Synthetic region (preset \(preset.name), seed \(seed)) written by ScenarioGenerator; not real figures."
            files.append(("model/model.yaml", """
                name: \(name)
                home_region: \(homeRegion)
                description: >-
                  \(modelDescription)

                """))
            files.append(("model/administrations.csv",
                          table("id,name", admins.map { "\($0.id),\($0.name)" })))
            files.append(("model/specialties.csv",
                          table("id,name", specialties.map { "\($0.id),\($0.name)" })))
            // Operating rooms: those the capacity rows use (staffed), plus one or two unstaffed.
            var halves = [Int](repeating: 0, count: sites.count)
            for row in capacities { halves[row.site] += row.roomHalves }
            files.append(("model/sites.csv", table("id,name,administration,or_rooms,staffed_or_rooms",
                                                   sites.indices.map { i in
                let site = sites[i]
                let staffed = (halves[i] + 1) / 2
                return "\(site.id),\(site.name),\(admins[site.admin].id),\(staffed + (site.main ? 2 : 1)),\(staffed)"
            })))
            files.append(("model/site_capacity.csv", table("site,specialty,rooms,cases_per_room_week,care_types,max_asa",
                                                           capacities.map { row in
                let site = sites[row.site]
                let rooms = "\(row.roomHalves / 2)" + (row.roomHalves % 2 == 1 ? ".5" : "")
                let (careTypes, asa) = site.daySurgeryASA.map { ("outpatient", "\($0)") } ?? ("", "")
                return "\(site.id),\(specialties[row.specialty].id),\(rooms),\(row.casesPerRoomWeek),\(careTypes),\(asa)"
            })))
            files.append(("model/contract_providers.csv",
                          table("id,name,owner_region", providers.map { "\($0.id),\($0.name),\($0.owner)" })))
            files.append(("model/contracts.csv", table(
                "provider,specialty,weekly_capacity,annual_ceiling,price,valid_from,valid_to,care_types,max_asa",
                contracts.map { c in
                    "\(providers[c.provider].id),\(specialties[c.specialty].id),\(c.weeklyCapacity),"
                        + "\(c.ceiling.map(String.init) ?? ""),\(c.price),\(c.validFrom),\(c.validTo),"
                        + "\(c.outpatientOnly ? "outpatient" : ""),\(c.maxASA)"
                })))
            var calendar = ScenarioGenerator.calendarRows.map { "\($0.week),\(decimal($0.factor)),\($0.scope)" }
            if let closure = contractClosure {
                calendar += (28...31).map { "\($0),0,\(providers[closure].id)" }
            }
            files.append(("model/calendar.csv", table("week,factor,scope", calendar)))
            var distances: [String] = []
            for admin in admins {
                for site in sites where admins[site.admin].id != admin.id {
                    let km = max(5, Int((1.2 * hypot(site.east - admin.east, site.north - admin.north)).rounded()))
                    distances.append("\(admin.id),\(site.id),\(km)")
                }
            }
            if !distances.isEmpty {
                files.append(("model/distances.csv", table("administration,site,km", distances)))
            }

            // The scenario.
            let waitingTotal = cohorts.reduce(0) { $0 + $1.backlog.reduce(0, +) }
            files.append(("scenario/scenario.yaml", """
                name: \(name)
                description: >-
                  Generated by `lotsa generate --size \(preset.name) --seed \(seed)`: \(admins.count) administrations,
                  \(sites.count) sites, \(specialties.count) specialties, \(providers.count) contract providers,
                  \(T) weeks, \(waitingTotal) waiting, \(preset.referrals) referrals.
                model: ../model
                horizon:
                  start: \(ScenarioGenerator.firstWeek)
                  periods: \(T)
                  period_days: 7
                guarantee_days: 90
                waiting_list: waiting_list.csv
                forecast: forecast.csv
                policy:
                  objective: lexicographic
                  tiers: [overdue, other_region_volume, region_contract_volume, internal_transfers, cost, waiting]
                  internal_transfers: allowed

                """))
            var waiting: [String] = []
            var forecast: [String] = []
            var offsetRandom = SplitMix64(seed: seed ^ 0x5EED_F0CA_57AB_1E00)
            for cohort in cohorts {
                let key = "\(admins[cohort.admin].id),\(specialties[cohort.specialty].id),"
                    + "\(ScenarioGenerator.priorityIDs[cohort.priority]),"
                    + "\(ScenarioGenerator.mixKeys[cohort.mix].careType),\(ScenarioGenerator.mixKeys[cohort.mix].asa)"
                for (b, count) in cohort.backlog.enumerated() where count > 0 {
                    waiting.append("\(key),\(ScenarioGenerator.waitedBuckets[b].days),\(count)")
                }
                // A steady `all` row, and single extra patients spread evenly over the year.
                let (base, rest) = cohort.referrals.quotientAndRemainder(dividingBy: T)
                if base > 0 { forecast.append("\(key),all,\(base)") }
                let offset = offsetRandom.next(below: T)
                let extra = (0 ..< T).filter { k in (k + 1) * rest / T > k * rest / T }.map { ($0 + offset) % T }.sorted()
                for k in extra { forecast.append("\(key),\(isoWeek(ofPeriod: k + 1)),1") }
            }
            files.append(("scenario/waiting_list.csv",
                          table("administration,specialty,priority,care_type,asa,days_waited,count", waiting)))
            files.append(("scenario/forecast.csv",
                          table("administration,specialty,priority,care_type,asa,week,count", forecast)))

            let url = URL(fileURLWithPath: ".")
            return Generated(directory: url, modelDirectory: url, scenarioDirectory: url, scenarioName: name,
                             administrations: admins.count, sites: sites.count, specialties: specialties.count,
                             contractProviders: providers.count, contracts: contracts.count,
                             cohorts: cohorts.filter { $0.referrals + $0.backlog.reduce(0, +) > 0 }.count,
                             waiting: waitingTotal, referrals: preset.referrals,
                             files: files)
        }

        func table(_ header: String, _ rows: [String]) -> String {
            var text = header + "\n"
            text.reserveCapacity(rows.reduce(text.utf8.count) { $0 + $1.utf8.count + 1 })
            for row in rows {
                text += row
                text += "\n"
            }
            return text
        }

        func decimal(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : "\(value)"
        }
    }
}

/// Integers proportional to `weights` that add up to `total`; ties go to the earlier index.
func largestRemainder(_ weights: [Double], _ total: Int) -> [Int] {
    let sum = weights.reduce(0, +)
    guard total > 0, sum > 0 else { return [Int](repeating: 0, count: weights.count) }
    let exact = weights.map { $0 * Double(total) / sum }
    var counts = exact.map { Int($0.rounded(.down)) }
    let order = exact.indices.sorted { i, j in
        let (ri, rj) = (exact[i] - Double(counts[i]), exact[j] - Double(counts[j]))
        return ri != rj ? ri > rj : i < j
    }
    var missing = total - counts.reduce(0, +)
    for i in order where missing > 0 {
        counts[i] += 1
        missing -= 1
    }
    return counts
}

/// An index drawn with probability proportional to its weight.
func weightedIndex(_ weights: [Double], _ random: inout SplitMix64) -> Int {
    let total = weights.reduce(0, +)
    var pick = random.uniform(0, total)
    for (i, w) in weights.enumerated() {
        if pick < w { return i }
        pick -= w
    }
    return weights.count - 1
}

extension ScenarioGenerator {
    /// Adds `max_transfer_km` to the policy of a generated scenario (the last section of
    /// its scenario.yaml), for the benchmark's second line per size.
    public static func limitTransfers(scenario folder: URL, kilometres: Double) throws {
        let url = folder.appendingPathComponent("scenario.yaml")
        var text = try String(contentsOf: url, encoding: .utf8)
        guard text.contains("\npolicy:\n") else {
            throw LotsaError.internalError("\(url.path): no policy section to add max_transfer_km to")
        }
        if !text.hasSuffix("\n") { text += "\n" }
        text += "  max_transfer_km: \(NumberFormat.csv(kilometres))\n"
        try Data(text.utf8).write(to: url)
    }
}
