/// Where patients can be treated, as the planner sees it: a site of one
/// administration, or a contract provider under the home region's or another
/// region's contract. The kind decides which tier a case counts in.
public struct Provider: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case site(administration: String)
        case regionContract
        case otherRegionContract
    }

    public var id: String
    public var name: String
    public var kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }

    public var administration: String? {
        if case .site(let administration) = kind { return administration }
        return nil
    }
}

/// What one provider offers in one specialty over the horizon.
public struct Offer: Sendable, Hashable {
    /// Index into ``PlanningProblem/providers``.
    public var provider: Int
    public var specialty: String
    /// cap(j, s, t) for t = 1...T at index t − 1, in whole cases; 0 when inactive.
    public var capacity: [Int]
    /// Whether the provider serves period t (a contract's validity); index t − 1.
    public var active: [Bool]
    /// Most cases over the horizon (a contract's annual ceiling).
    public var ceiling: Int?
    /// Price per case.
    public var price: Double
    public var eligibility: Eligibility

    public init(provider: Int, specialty: String, capacity: [Int], active: [Bool], ceiling: Int?, price: Double,
                eligibility: Eligibility) {
        self.provider = provider
        self.specialty = specialty
        self.capacity = capacity
        self.active = active
        self.ceiling = ceiling
        self.price = price
        self.eligibility = eligibility
    }
}

extension Provider {
    /// Every provider of a region model — its sites, then its contract providers —
    /// with each id's index, in the order plans and outputs number them.
    static func all(in model: RegionModel) -> (providers: [Provider], index: [String: Int]) {
        var providers: [Provider] = []
        var index: [String: Int] = [:]
        for site in model.sites.values {
            index[site.id] = providers.count
            providers.append(Provider(id: site.id, name: site.name, kind: .site(administration: site.administration)))
        }
        for provider in model.contractProviders.values {
            index[provider.id] = providers.count
            let kind: Provider.Kind = provider.ownerRegion == model.homeRegion ? .regionContract : .otherRegionContract
            providers.append(Provider(id: provider.id, name: provider.name, kind: kind))
        }
        return (providers, index)
    }
}
