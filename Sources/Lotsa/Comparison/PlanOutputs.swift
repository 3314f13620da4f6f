import Foundation

/// An output folder of `lotsa plan` read back: what `compare` and `report` work
/// from, so they show exactly what the files say (and need no solver run).
///
/// summary.json is read by key: keys added by later versions (published
/// periodised tiers, steadiness) are carried along and otherwise ignored.
public struct PlanOutputs: Sendable {
    public struct MissivLine: Sendable, Hashable {
        public var administration: String
        public var provider: String
        public var specialty: String
        public var volume: Double
    }

    public struct NeedsLine: Sendable {
        public var administration: String
        public var specialty: String
        public var need: Double
        public var ownCapacity: Double
        public var gap: Double
        public var treatedOwn: Double
        public var internalTransfers: Double
        public var regionContracts: Double
        public var otherRegionContracts: Double
    }

    /// One row of waiting_projection.csv.
    public struct WaitingPoint: Sendable {
        public var administration: String
        public var specialty: String
        public var priority: String
        public var week: String
        public var waiting: Double
        public var overdue: Double
        public var beyondGuarantee: Double
    }

    public struct CapacityPoint: Sendable {
        public var provider: String
        public var specialty: String
        public var week: String
        public var capacity: Double
        public var used: Double
        public var shadowPrice: Double
    }

    public struct DeliveryPoint: Sendable {
        public var administration: String
        public var provider: String
        public var specialty: String
        public var week: String
        public var planned: Double
    }

    /// The folder as given on the command line.
    public var folder: URL
    public var summary: JSONValue
    public var missiv: [MissivLine]
    public var needs: [NeedsLine]
    public var waiting: [WaitingPoint]
    public var capacity: [CapacityPoint]
    public var deliveries: [DeliveryPoint]

    /// The scenario's name from summary.json (the folder's name when absent).
    public var scenario: String {
        if case .string(let name)? = summary.value(at: "scenario") { return name }
        return folder.lastPathComponent
    }

    /// A number in summary.json by dotted path.
    public func number(_ path: String) -> Double? {
        if case .number(let value)? = summary.value(at: path) { return value }
        return nil
    }

    /// Weeks per period (1 for the weekly horizon of the bundled scenarios).
    public var weeksPerPeriod: Double { (number("horizon.period_days") ?? 7) / 7 }

    /// The published plan's tiers in summary.json's order.
    public var tiers: [(name: String, value: Double)] {
        guard case .array(let entries)? = summary.value(at: "tiers.integer") else { return [] }
        return entries.compactMap { entry in
            guard case .string(let name)? = entry.value(at: "name"), case .number(let value)? = entry.value(at: "value")
            else { return nil }
            return (name, value)
        }
    }

    /// Priority groups in the policy's order (waiting_projection.csv is written in
    /// it; summary.json's keys are the fallback).
    public var priorities: [String] {
        var seen: [String] = []
        for point in waiting where !seen.contains(point.priority) { seen.append(point.priority) }
        if seen.isEmpty, case .object(let entries)? = summary.value(at: "kpis.overdue_patient_weeks") { return entries.map(\.0) }
        return seen
    }

    /// The weeks of the horizon, in order of waiting_projection.csv.
    public var weeks: [String] {
        var seen = Set<String>(), ordered: [String] = []
        for point in waiting where seen.insert(point.week).inserted { ordered.append(point.week) }
        return ordered
    }

    /// Reads `folder`; every problem names the file (and line) as the input loaders do.
    public static func load(_ folder: URL, displayPath: String? = nil) throws(InputError) -> PlanOutputs {
        let shown = displayPath ?? DisplayPath.of(folder)
        func path(_ name: String) -> String { shown.hasSuffix("/") ? shown + name : shown + "/" + name }
        func table(_ name: String, _ columns: [String]) throws(InputError) -> CSVTable {
            try CSVTable.read(contentsOf: folder.appendingPathComponent(name), displayPath: path(name),
                              required: columns, optional: [])
        }
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = try? Data(contentsOf: summaryURL) else {
            throw InputError(SourceLocation(file: path("summary.json")), "file not found",
                             expected: "an output folder of `lotsa plan` (summary.json, missiv.csv, …)", kind: .missingFile)
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let summary = JSONValue(foundation: object) else {
            throw InputError(SourceLocation(file: path("summary.json")), "not valid JSON", expected: "summary.json as `lotsa plan` writes it")
        }
        var outputs = PlanOutputs(folder: folder, summary: summary, missiv: [], needs: [], waiting: [], capacity: [], deliveries: [])
        for row in try table("missiv.csv", ["administration", "provider", "specialty", "volume"]).rows {
            outputs.missiv.append(MissivLine(administration: try row.string("administration"), provider: try row.string("provider"),
                                             specialty: try row.string("specialty"), volume: try row.double("volume")))
        }
        for row in try table("needs.csv", ["administration", "specialty", "need", "own_capacity", "gap", "treated_own",
                                          "internal_transfers", "region_contracts", "other_region_contracts",
                                          "treated_for_others", "waiting_end"]).rows {
            outputs.needs.append(NeedsLine(
                administration: try row.string("administration"), specialty: try row.string("specialty"),
                need: try row.double("need"), ownCapacity: try row.double("own_capacity"), gap: try row.double("gap"),
                treatedOwn: try row.double("treated_own"), internalTransfers: try row.double("internal_transfers"),
                regionContracts: try row.double("region_contracts"), otherRegionContracts: try row.double("other_region_contracts")))
        }
        for row in try table("waiting_projection.csv", ["administration", "specialty", "priority", "week", "waiting",
                                                        "overdue", "beyond_guarantee"]).rows {
            outputs.waiting.append(WaitingPoint(
                administration: try row.string("administration"), specialty: try row.string("specialty"),
                priority: try row.string("priority"), week: try row.string("week"), waiting: try row.double("waiting"),
                overdue: try row.double("overdue"), beyondGuarantee: try row.double("beyond_guarantee")))
        }
        for row in try table("capacity_use.csv", ["provider", "specialty", "week", "capacity", "used", "shadow_price"]).rows {
            outputs.capacity.append(CapacityPoint(
                provider: try row.string("provider"), specialty: try row.string("specialty"), week: try row.string("week"),
                capacity: try row.double("capacity"), used: try row.double("used"), shadowPrice: try row.double("shadow_price")))
        }
        for row in try table("delivery_plans.csv", ["administration", "provider", "specialty", "week", "planned"]).rows {
            outputs.deliveries.append(DeliveryPoint(
                administration: try row.string("administration"), provider: try row.string("provider"),
                specialty: try row.string("specialty"), week: try row.string("week"), planned: try row.double("planned")))
        }
        return outputs
    }
}

extension JSONValue {
    /// A value from `JSONSerialization` (key order is not kept; readers look keys up).
    init?(foundation object: Any) {
        switch object {
        case is NSNull: self = .null
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber too.
            if String(cString: number.objCType) == "c" { self = .bool(number.boolValue) } else { self = .number(number.doubleValue) }
        case let string as String: self = .string(string)
        case let array as [Any]:
            var values: [JSONValue] = []
            for element in array {
                guard let value = JSONValue(foundation: element) else { return nil }
                values.append(value)
            }
            self = .array(values)
        case let dictionary as [String: Any]:
            var entries: [(String, JSONValue)] = []
            for key in dictionary.keys.sorted() {
                guard let value = JSONValue(foundation: dictionary[key]!) else { return nil }
                entries.append((key, value))
            }
            self = .object(entries)
        default: return nil
        }
    }
}
