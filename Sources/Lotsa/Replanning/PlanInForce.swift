import Foundation

/// The delivery plans in force: what each line was planned to send, week by week,
/// read from the folder `plan` or `periodise` (or an earlier `replan`) wrote.
///
/// Reads `delivery_plans.csv` (`administration,provider,specialty,week,planned`)
/// and, when present, `summary.json`'s `kpis.beyond_guarantee_end`, so the re-plan
/// can say how far the guarantee slips.
public struct PlanInForce: Sendable {
    /// Planned cases per line and period of the full horizon, index t − 1.
    public var weekly: [LineKey: [Int]]
    /// Patients beyond the guarantee at the end of the horizon in the plan in force, if known.
    public var beyondGuaranteeAtEnd: Double?
    /// Patients beyond the guarantee at the end of each period (index t − 1), summed
    /// over the region, from the plan folder's `waiting_projection.csv`, if there.
    public var beyondGuaranteeByPeriod: [Double]?
    public var files: [InputFile]

    public init(weekly: [LineKey: [Int]], beyondGuaranteeAtEnd: Double? = nil, beyondGuaranteeByPeriod: [Double]? = nil,
                files: [InputFile] = []) {
        self.weekly = weekly
        self.beyondGuaranteeAtEnd = beyondGuaranteeAtEnd
        self.beyondGuaranteeByPeriod = beyondGuaranteeByPeriod
        self.files = files
    }

    /// Planned cases of `line` in weeks `from...to` (1-based, clamped).
    public func planned(_ line: LineKey, from: Int, to: Int) -> Int {
        guard let weeks = weekly[line], from <= to else { return 0 }
        return weeks[max(0, from - 1)..<min(weeks.count, to)].reduce(0, +)
    }

    public static func read(folder: String, problem: PlanningProblem) throws(InputError) -> PlanInForce {
        let url = URL(fileURLWithPath: folder)
        let display = DisplayPath.of(url)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(SourceLocation(file: display), "no such folder",
                             expected: "the output folder of the plan in force (with delivery_plans.csv)", kind: .missingFile)
        }
        var ledger = InputLedger()
        let csvURL = url.appendingPathComponent("delivery_plans.csv")
        let table = try ledger.csv(csvURL, displayPath: DisplayPath.of(csvURL),
                                   required: ["administration", "provider", "specialty", "week", "planned"])
        let T = problem.periods
        var weekly: [LineKey: [Int]] = [:]
        var seen = Set<String>()
        for row in table.rows {
            let administration = try row.reference("administration", in: problem.administrations, kind: "administration")
            let provider = try row.reference("provider", in: problem.providers.map(\.id), kind: "provider")
            let specialty = try row.reference("specialty", in: problem.specialties, kind: "specialty")
            let week = try row.isoWeek("week")
            guard let t = problem.horizon.period(labelled: week.description) else {
                throw row.error("week", "the week is outside the scenario's horizon",
                                expected: "a week from \(problem.horizon.label(ofPeriod: 1)) to \(problem.horizon.label(ofPeriod: T))",
                                found: week.description)
            }
            let key = LineKey(administration: administration, provider: provider, specialty: specialty)
            guard seen.insert("\(key)|\(t)").inserted else {
                throw row.error("week", "this line already has a planned volume for this week",
                                expected: "one row per line and week", found: week.description)
            }
            weekly[key, default: [Int](repeating: 0, count: T)][t - 1] += try row.count("planned")
        }
        var beyond: Double?
        let summaryURL = url.appendingPathComponent("summary.json")
        if FileManager.default.fileExists(atPath: summaryURL.path) {
            let data = try ledger.read(summaryURL, displayPath: DisplayPath.of(summaryURL))
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let kpis = object["kpis"] as? [String: Any], let value = kpis["beyond_guarantee_end"] as? NSNumber {
                beyond = value.doubleValue
            }
        }
        var byPeriod: [Double]?
        let projectionURL = url.appendingPathComponent("waiting_projection.csv")
        if FileManager.default.fileExists(atPath: projectionURL.path) {
            let projection = try ledger.csv(projectionURL, displayPath: DisplayPath.of(projectionURL),
                                            required: ["week", "beyond_guarantee"],
                                            optional: ["administration", "specialty", "priority", "waiting", "overdue"])
            var series = [Double](repeating: 0, count: T)
            for row in projection.rows {
                let week = try row.isoWeek("week")
                guard let t = problem.horizon.period(labelled: week.description) else {
                    throw row.error("week", "the week is outside the scenario's horizon", found: week.description)
                }
                series[t - 1] += try row.double("beyond_guarantee", range: 0...1e12)
            }
            byPeriod = series
        }
        return PlanInForce(weekly: weekly, beyondGuaranteeAtEnd: beyond, beyondGuaranteeByPeriod: byPeriod, files: ledger.files)
    }
}
