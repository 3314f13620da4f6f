import Foundation

/// Reads a scenario folder (or its `scenario.yaml`), follows `extends` to its
/// ancestors, merges them, loads the region model and every table, and validates
/// every reference. Every problem is reported as an ``InputError`` naming the
/// file, line and field.
///
/// ```swift
/// let scenario = try ScenarioLoader.load(path: "Scenarios/vgr-2026-baseline")
/// ```
public enum ScenarioLoader {
    static let topLevelKeys = [
        "name", "description", "model", "extends", "horizon", "snapshot_date", "guarantee_days",
        "waiting_list", "forecast", "capacity_changes", "forecast_scaling", "policy", "expectations",
    ]

    /// Loads the scenario at `path` (a folder holding `scenario.yaml`, or the YAML file itself).
    public static func load(path: String) throws(InputError) -> Scenario {
        var ledger = InputLedger()
        let chain = try readChain(path: path, ledger: &ledger)
        return try resolve(chain: chain, ledger: &ledger)
    }

    // MARK: The chain of scenarios

    /// One scenario file of an `extends` chain.
    struct Layer {
        var url: URL
        var displayPath: String
        var mapping: YAMLMapping
        var directory: URL { url.deletingLastPathComponent() }
        var displayDirectory: String { (displayPath as NSString).deletingLastPathComponent }
    }

    /// The scenario and its ancestors, eldest first.
    static func readChain(path: String, ledger: inout InputLedger) throws(InputError) -> [Layer] {
        var chain: [Layer] = []
        var seen: [String] = []
        var next: (url: URL, requestedBy: YAMLNode?)? = (scenarioFile(for: URL(fileURLWithPath: path)), nil)
        while let (url, requestedBy) = next {
            let display = DisplayPath.of(url)
            let canonical = url.standardizedFileURL.resolvingSymlinksInPath().path
            if let start = seen.firstIndex(of: canonical) {
                // The whole cycle, in the message (a `found` value is shortened).
                let members = seen[start...].map { DisplayPath.of(URL(fileURLWithPath: $0)) } + [display]
                let cycle = members.joined(separator: " → ")
                let message = members.count == 2 ? "the scenario extends itself: \(cycle)"
                    : "the scenarios extend each other in a cycle: \(cycle)"
                throw requestedBy?.error(message, expected: "a chain of scenarios without a cycle")
                    ?? InputError(SourceLocation(file: display), message)
            }
            seen.append(canonical)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if let requestedBy {
                    throw requestedBy.error("the scenario it extends does not exist",
                                            expected: "a scenario folder with scenario.yaml", found: (try? requestedBy.string()) ?? display).missingFile
                }
                throw InputError(SourceLocation(file: display), "no scenario here",
                                 expected: "a scenario folder with scenario.yaml, or the YAML file itself",
                                 found: "no such file", kind: .missingFile)
            }
            let root = try ledger.yaml(url, displayPath: display)
            let mapping = try root.mapping(allowedKeys: topLevelKeys)
            chain.insert(Layer(url: url, displayPath: display, mapping: mapping), at: 0)
            if let extends = mapping["extends"] {
                let target = try extends.string()
                let parent = url.deletingLastPathComponent().appendingPathComponent(target)
                next = (scenarioFile(for: parent), extends)
            } else {
                next = nil
            }
        }
        return chain
    }

    static func scenarioFile(for url: URL) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent("scenario.yaml").standardizedFileURL
        }
        if url.pathExtension == "yaml" || url.pathExtension == "yml" { return url.standardizedFileURL }
        return url.appendingPathComponent("scenario.yaml").standardizedFileURL
    }

    /// The value a key takes after merging the chain (the youngest layer that states it).
    static func last(_ key: String, in chain: [Layer]) -> (YAMLNode, Layer)? {
        for layer in chain.reversed() {
            if let node = layer.mapping[key] { return (node, layer) }
        }
        return nil
    }

    // MARK: Resolving

    static func resolve(chain: [Layer], ledger: inout InputLedger) throws(InputError) -> Scenario {
        let own = chain[chain.count - 1]
        let folderName = own.directory.lastPathComponent
        let name = try own.mapping.optionalString("name") ?? folderName
        let description = try own.mapping.optionalString("description") ?? ""

        guard let (modelNode, modelLayer) = last("model", in: chain) else {
            throw InputError(SourceLocation(file: own.displayPath, line: 1, field: "model"), "missing key 'model'",
                             expected: "the path of a region model folder, e.g. ../../Models/vgr")
        }
        let modelPath = try modelNode.string()
        let modelURL = modelLayer.directory.appendingPathComponent(modelPath).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelURL.path, isDirectory: &isDirectory) else {
            throw modelNode.error("the region model folder does not exist", expected: "a folder such as ../../Models/vgr",
                                  found: modelPath).missingFile
        }
        guard isDirectory.boolValue else {
            throw modelNode.error("this names a file, not a folder", expected: "a folder such as ../../Models/vgr",
                                  found: modelPath)
        }
        let model = try RegionModelLoader.load(folder: modelURL, displayPath: DisplayPath.of(modelURL), ledger: &ledger)

        let policy = try PolicyParser.parse(chain: chain, model: model)
        let horizon = try parseHorizon(chain: chain)
        let snapshotDate = try last("snapshot_date", in: chain)?.0.day() ?? horizon.start
        let guaranteeDays = try last("guarantee_days", in: chain)?.0.int(range: 1...3650) ?? 90

        let context = TableContext(model: model, policy: policy, horizon: horizon,
                                   snapshotDate: snapshotDate, guaranteeDays: guaranteeDays)
        var backlog: [BacklogEntry] = []
        if let (node, layer) = last("waiting_list", in: chain) {
            let (url, display) = try tablePath(node, layer)
            backlog = try WaitingListTable.read(try ledger.csv(url, displayPath: display, required: WaitingListTable.required,
                                                               optional: WaitingListTable.optional), context: context)
        }
        var forecast: [ForecastEntry] = []
        if let (node, layer) = last("forecast", in: chain) {
            let (url, display) = try tablePath(node, layer)
            forecast = try ForecastTable.read(try ledger.csv(url, displayPath: display, required: ForecastTable.required,
                                                             optional: ForecastTable.optional), context: context)
        }
        var changes: [CapacityChangeTable.Located] = []
        for layer in chain {
            guard let node = layer.mapping["capacity_changes"] else { continue }
            let files: [YAMLNode]
            if case .sequence = node.node { files = try node.sequence() } else { files = [node] }
            for file in files {
                let (url, display) = try tablePath(file, layer)
                changes += try CapacityChangeTable.read(
                    try ledger.csv(url, displayPath: display, required: CapacityChangeTable.required,
                                   optional: CapacityChangeTable.optional), context: context)
            }
        }
        try CapacityChangeTable.checkCombinedFactors(changes, context: context)
        var scaling: [(scaling: ForecastScaling, location: SourceLocation)] = []
        for layer in chain {
            guard let node = layer.mapping["forecast_scaling"] else { continue }
            scaling += try parseForecastScaling(node, model: model, policy: policy)
        }
        try checkCombinedScaling(scaling, forecast: forecast)
        var expectations: [Expectation] = []
        if let (node, _) = last("expectations", in: chain) { expectations = try parseExpectations(node) }

        var scenario = Scenario(name: name, description: description, model: model, horizon: horizon,
                                snapshotDate: snapshotDate, guaranteeDays: guaranteeDays, policy: policy,
                                backlog: backlog, forecast: forecast, capacityChanges: changes.map(\.change),
                                forecastScaling: scaling.map(\.scaling), expectations: expectations,
                                inputFiles: ledger.files)
        scenario.inputs = RunInputs(folders: chain.map(\.directory) + [modelURL], files: ledger.urls)
        return scenario
    }

    static func tablePath(_ node: YAMLNode, _ layer: Layer) throws(InputError) -> (URL, String) {
        let relative = try node.string()
        let url = layer.directory.appendingPathComponent(relative).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw node.error("the file does not exist", expected: "a CSV file next to the scenario",
                             found: relative).missingFile
        }
        guard !isDirectory.boolValue else {
            throw node.error("this names a folder, not a file", expected: "a CSV file next to the scenario",
                             found: relative)
        }
        return (url, DisplayPath.of(url))
    }

    static func parseHorizon(chain: [Layer]) throws(InputError) -> Horizon {
        guard let (node, _) = last("horizon", in: chain) else {
            throw InputError(SourceLocation(file: chain.last!.displayPath, line: 1, field: "horizon"), "missing key 'horizon'",
                             expected: "horizon: {start: 2026-W14} or horizon: {budget_year: 2026}")
        }
        let mapping = try node.mapping(allowedKeys: ["start", "budget_year", "periods", "period_days"])
        let periodDays = try mapping["period_days"]?.int(range: 1...366) ?? 7
        var horizon: Horizon
        if let yearNode = mapping["budget_year"] {
            if mapping["start"] != nil {
                throw yearNode.error("give either start or budget_year, not both")
            }
            guard periodDays == 7 else {
                throw yearNode.error("a budget year is planned in weeks", expected: "period_days: 7 (or a start date)",
                                     found: "period_days: \(periodDays)")
            }
            horizon = Horizon.budgetYear(try yearNode.int(range: 1900...2200))
        } else if let startNode = mapping["start"] {
            let text = try startNode.string()
            if periodDays == 7 {
                let week: ISOWeek
                switch ISOWeek.parse(text) {
                case .success(let parsed): week = parsed
                case .failure(let problem):
                    let hint = Day(iso: text) != nil ? " (a date is a start only with period_days other than 7)" : ""
                    throw startNode.error(problem.message + hint, expected: "a week like 2026-W14", found: text)
                }
                // Default length: to the end of the budget year the start week lies in.
                let aprilWeek = ISOWeek(containing: Day(year: week.monday.year, month: 4, day: 1)!)
                let budgetYear = week >= aprilWeek ? week.monday.year : week.monday.year - 1
                let end = ISOWeek(containing: Day(year: budgetYear + 1, month: 3, day: 31)!)
                horizon = Horizon(start: week.monday, periods: end - week + 1, periodDays: 7)
            } else {
                guard let day = Day(iso: text) else {
                    throw startNode.error("not a date", expected: "a date like 2026-04-01 (period_days is \(periodDays))", found: text)
                }
                guard let periodsNode = mapping["periods"] else {
                    throw startNode.error("periods must be given when period_days is not 7", expected: "periods: 28")
                }
                horizon = Horizon(start: day, periods: try periodsNode.int(range: 1...5000), periodDays: periodDays)
            }
        } else {
            throw node.error("the horizon needs a start", expected: "start: 2026-W14 or budget_year: 2026")
        }
        if let periodsNode = mapping["periods"] {
            horizon.periods = try periodsNode.int(range: 1...5000)
        }
        return horizon
    }

    static func parseForecastScaling(_ node: YAMLNode, model: RegionModel,
                                     policy: Policy) throws(InputError) -> [(scaling: ForecastScaling, location: SourceLocation)] {
        var result: [(scaling: ForecastScaling, location: SourceLocation)] = []
        for item in try node.sequence() {
            let mapping = try item.mapping(allowedKeys: ["administration", "specialty", "priority", "factor"])
            let administration = try mapping.optionalString("administration")
            if let administration, model.administrations[administration] == nil {
                throw try mapping.required("administration").error("unknown administration",
                                                                  expected: model.administrations.keys.joined(separator: ", "),
                                                                  found: administration)
            }
            let specialty = try mapping.optionalString("specialty")
            if let specialty, model.specialties[specialty] == nil {
                throw try mapping.required("specialty").error("unknown specialty",
                                                             expected: model.specialties.keys.joined(separator: ", "),
                                                             found: specialty)
            }
            let priority = try mapping.optionalString("priority")
            if let priority, policy.priority(priority) == nil {
                throw try mapping.required("priority").error("unknown priority group",
                                                            expected: policy.priorities.map(\.id).joined(separator: ", "),
                                                            found: priority)
            }
            let factor = try mapping.required("factor")
            result.append((ForecastScaling(administration: administration, specialty: specialty, priority: priority,
                                           factor: try factor.double(range: 0...maximumScaling)), factor.location))
        }
        return result
    }

    /// The largest product of `forecast_scaling` factors for one cohort: the bound of one entry.
    static let maximumScaling = 100.0

    /// Factors of matching entries multiply; their product stays within the bound of
    /// one entry, so that the scaled referrals remain numbers a plan can hold.
    static func checkCombinedScaling(_ scaling: [(scaling: ForecastScaling, location: SourceLocation)],
                                     forecast: [ForecastEntry]) throws(InputError) {
        guard scaling.contains(where: { $0.scaling.factor > 1 }) else { return }
        for cohort in Set(forecast.map(\.cohort)).sorted() {
            let applying = scaling.filter { $0.scaling.applies(to: cohort) }
            let product = applying.reduce(1.0) { $0 * $1.scaling.factor }
            guard product > maximumScaling else { continue }
            throw InputError(
                applying.last { $0.scaling.factor > 1 }!.location,
                "the forecast_scaling factors for \(cohort.administration), \(cohort.specialty), priority \(cohort.priority) "
                    + "multiply to \(NumberFormat.json(product))",
                expected: "factors whose product for any cohort is at most \(NumberFormat.json(maximumScaling))",
                found: applying.map { NumberFormat.json($0.scaling.factor) }.joined(separator: " × "))
        }
    }

    static func parseExpectations(_ node: YAMLNode) throws(InputError) -> [Expectation] {
        var result: [Expectation] = []
        for item in try node.sequence() {
            let mapping = try item.mapping(allowedKeys: ["kpi", "value", "tolerance", "min", "max"])
            let kpi = try mapping.requiredString("kpi")
            let value = try mapping["value"]?.double()
            let minimum = try mapping["min"]?.double()
            let maximum = try mapping["max"]?.double()
            if value == nil && minimum == nil && maximum == nil {
                throw item.error("an expectation needs value, min or max", expected: "{kpi: tiers.overdue, value: 12.5, tolerance: 0.001}")
            }
            result.append(Expectation(kpi: kpi, value: value,
                                      tolerance: try mapping["tolerance"]?.double(range: 0...1) ?? 1e-6,
                                      min: minimum, max: maximum, location: item.location))
        }
        return result
    }
}

/// Everything a table needs to validate its rows.
struct TableContext {
    var model: RegionModel
    var policy: Policy
    var horizon: Horizon
    var snapshotDate: Day
    var guaranteeDays: Int

    /// The horizon's first and last period labels, for messages.
    var horizonRange: String {
        "\(horizon.label(ofPeriod: 1)) to \(horizon.label(ofPeriod: horizon.periods))"
    }

    func period(_ row: CSVRow, _ column: String) throws(InputError) -> Int {
        let text = try row.string(column)
        guard let t = horizon.period(labelled: text) else {
            let form = horizon.isWeekly ? "an ISO week" : "a period start date"
            var message = "outside the horizon"
            if horizon.isWeekly {
                if case .failure(let problem) = ISOWeek.parse(text) { message = problem.message }
            } else {
                switch Day.parse(text, allowMidnight: false) {
                case .failure(let problem): message = problem.message
                case .success(let day) where day >= horizon.start && day <= horizon.lastDay:
                    message = "not the first day of a period (periods are \(horizon.periodDays) days from \(horizon.start))"
                case .success: break
                }
            }
            throw row.error(column, message, expected: "\(form) from \(horizonRange)", found: text)
        }
        return t
    }

    func cohort(_ row: CSVRow) throws(InputError) -> CohortKey {
        let administration = try row.reference("administration", in: model.administrations.keys, kind: "administration")
        let specialty = try row.reference("specialty", in: model.specialties.keys, kind: "specialty")
        let priority = try row.string("priority")
        guard policy.priority(priority) != nil else {
            throw row.error("priority", "unknown priority group",
                            expected: policy.priorities.map(\.id).joined(separator: ", "), found: priority)
        }
        var careType = policy.defaultCareType
        if let text = row.optionalString("care_type") {
            guard let value = CareType(rawValue: text) else {
                throw row.error("care_type", "unknown care type", expected: "outpatient or inpatient", found: text)
            }
            careType = value
        }
        let asa = row.optionalString("asa") == nil ? policy.defaultASA : try row.int("asa", range: 1...5)
        return CohortKey(administration: administration, specialty: specialty, priority: priority,
                         careType: careType, asa: asa)
    }
}
