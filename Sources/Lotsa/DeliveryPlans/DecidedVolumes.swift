import Foundation

/// The decided annual volumes (the missiv the production chiefs agreed to), per
/// administration, provider and specialty: the input of `lotsa periodise`.
public struct DecidedVolumes: Sendable {
    public struct Line: Sendable, Hashable {
        public var administration: String
        /// Index into ``PlanningProblem/providers``.
        public var provider: Int
        public var specialty: String
        public var volume: Int

        public init(administration: String, provider: Int, specialty: String, volume: Int) {
            self.administration = administration
            self.provider = provider
            self.specialty = specialty
            self.volume = volume
        }
    }

    public var lines: [Line]
    public var file: InputFile

    public init(lines: [Line], file: InputFile) {
        self.lines = lines
        self.file = file
    }

    /// The missiv of a plan as decided volumes, in missiv.csv's order: what
    /// `lotsa plan` periodises.
    public static func missiv(of plan: Plan, problem: PlanningProblem) -> DecidedVolumes {
        let lines = DeliveryLines(problem: problem, plan: plan).lines.map {
            Line(administration: $0.administration, provider: $0.provider, specialty: $0.specialty,
                 volume: Int($0.weekly.reduce(0, +).rounded()))
        }
        let csv = PlanTables.missiv(problem: problem, plan: plan)
        return DecidedVolumes(lines: lines, file: InputFile(data: Data(csv.utf8), displayPath: "missiv.csv"))
    }

    /// Reads `administration,provider,specialty,volume` (the format `lotsa plan` writes as missiv.csv).
    public static func read(url: URL, displayPath: String, problem: PlanningProblem) throws(InputError) -> DecidedVolumes {
        var ledger = InputLedger()
        let table = try ledger.csv(url, displayPath: displayPath,
                                   required: ["administration", "provider", "specialty", "volume"],
                                   // periodise's own missiv.csv carries `decided`; it can be read back as is
                                   optional: ["decided"])
        let providerIndex = Dictionary(uniqueKeysWithValues: problem.providers.enumerated().map { ($1.id, $0) })
        var seen = Set<[String]>()
        var lines: [Line] = []
        for row in table.rows {
            let administration = try row.reference("administration", in: problem.administrations, kind: "administration")
            let providerID = try row.reference("provider", in: problem.providers.map(\.id), kind: "provider")
            let specialty = try row.reference("specialty", in: problem.specialties, kind: "specialty")
            let provider = providerIndex[providerID]!
            guard problem.offers.contains(where: { $0.provider == provider && $0.specialty == specialty }) else {
                throw row.error("specialty", "\(providerID) has no capacity in this specialty",
                                expected: "a specialty the provider offers", found: specialty)
            }
            guard seen.insert([administration, providerID, specialty]).inserted else {
                throw row.error("provider", "this administration, provider and specialty already have a volume",
                                expected: "one row per administration, provider and specialty", found: providerID)
            }
            lines.append(Line(administration: administration, provider: provider, specialty: specialty,
                              volume: try row.count("volume")))
        }
        guard !lines.isEmpty else {
            throw InputError(SourceLocation(file: displayPath, line: table.headerLine), "no decided volumes",
                             expected: "one row per administration, provider and specialty", found: "only the header")
        }
        return DecidedVolumes(lines: lines, file: ledger.files[0])
    }
}
