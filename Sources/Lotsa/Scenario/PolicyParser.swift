import Yams

/// Reads `policy:`, merged key by key over the `extends` chain.
enum PolicyParser {
    static let keys = ["objective", "tiers", "tier_weights", "internal_transfers", "default_care_type",
                       "default_asa", "priorities", "max_transfer_km"]

    static func parse(chain: [ScenarioLoader.Layer], model: RegionModel) throws(InputError) -> Policy {
        var merged: [String: YAMLNode] = [:]
        for layer in chain {
            guard let node = layer.mapping["policy"] else { continue }
            for (key, value) in try node.mapping(allowedKeys: keys).entries { merged[key] = value }
        }
        var policy = Policy()
        if let node = merged["objective"] {
            let text = try node.string()
            guard let mode = Policy.ObjectiveMode(rawValue: text) else {
                throw node.error("unknown objective", expected: "lexicographic or weighted", found: text)
            }
            policy.objective = mode
        }
        if let node = merged["tiers"] {
            var tiers: [Tier] = []
            for item in try node.sequence() {
                let text = try item.string()
                guard let tier = Tier(rawValue: text) else {
                    let suggestion = closestMatch(to: text, among: Tier.allCases.map(\.rawValue)).map { " (did you mean '\($0)'?)" } ?? ""
                    throw item.error("unknown tier" + suggestion, expected: Tier.allCases.map(\.rawValue).joined(separator: ", "), found: text)
                }
                guard !tiers.contains(tier) else { throw item.error("tier listed twice", found: text) }
                tiers.append(tier)
            }
            guard !tiers.isEmpty else { throw node.error("at least one tier is needed", expected: "e.g. [overdue, cost]") }
            policy.tiers = tiers
        }
        if let node = merged["tier_weights"] {
            for (key, value) in try node.mapping(allowedKeys: Tier.allCases.map(\.rawValue)).entries {
                policy.tierWeights[Tier(rawValue: key)!] = try value.double(range: 0...1e12)
            }
        }
        if let node = merged["internal_transfers"] {
            let text = try node.string()
            switch text {
            case "allowed": policy.internalTransfersAllowed = true
            case "forbidden": policy.internalTransfersAllowed = false
            default: throw node.error("unknown transfer rule", expected: "allowed or forbidden", found: text)
            }
        }
        if let node = merged["default_care_type"] {
            let text = try node.string()
            guard let careType = CareType(rawValue: text) else {
                throw node.error("unknown care type", expected: "outpatient or inpatient", found: text)
            }
            policy.defaultCareType = careType
        }
        if let node = merged["default_asa"] {
            policy.defaultASA = try node.int(range: 1...5)
        }
        if let node = merged["priorities"] {
            var groups: [PriorityGroup] = []
            for item in try node.sequence() {
                let mapping = try item.mapping(allowedKeys: ["group", "days", "weight"])
                let id = try mapping.requiredString("group")
                guard !groups.contains(where: { $0.id == id }) else {
                    throw try mapping.required("group").error("priority group listed twice", found: id)
                }
                groups.append(PriorityGroup(id: id, days: try mapping.required("days").int(range: 0...3650),
                                            weight: try mapping.required("weight").double(range: 0...1e9)))
            }
            guard !groups.isEmpty else { throw node.error("at least one priority group is needed") }
            policy.priorities = groups
        }
        if let node = merged["max_transfer_km"] {
            try parseMaxTransfer(node, model: model, into: &policy)
        }
        return policy
    }

    /// `max_transfer_km: 150`, or per specialty with an optional `all`:
    /// `max_transfer_km: {all: 150, ortopedi: 300}`. Needs the model's distance table.
    static func parseMaxTransfer(_ node: YAMLNode, model: RegionModel, into policy: inout Policy) throws(InputError) {
        guard model.distances != nil else {
            throw node.error("a transfer limit needs the region model's distances.csv", expected: "distances.csv in the model folder")
        }
        if case .scalar = node.node {
            policy.maxTransferKm = try node.double(range: 0...1e6)
            return
        }
        let specialties = Array(model.specialties.keys)
        for (key, value) in try node.mapping(allowedKeys: ["all"] + specialties).entries {
            let limit = try value.double(range: 0...1e6)
            if key == "all" { policy.maxTransferKm = limit } else { policy.maxTransferKmBySpecialty[key] = limit }
        }
    }
}
