/// Which patients a row of the outlook is about: one specialty or all (nil), one
/// administration's patients or the whole region's (nil).
public struct OutlookScope: Sendable, Hashable, Comparable {
    public var specialty: String?
    public var administration: String?

    public init(specialty: String?, administration: String?) {
        self.specialty = specialty
        self.administration = administration
    }

    public static let region = OutlookScope(specialty: nil, administration: nil)

    /// Specialties first (each with its administrations), then the administrations over all specialties, then the region.
    public static func < (lhs: OutlookScope, rhs: OutlookScope) -> Bool {
        func key(_ s: OutlookScope) -> (Int, String, Int, String) {
            (s.specialty == nil ? 1 : 0, s.specialty ?? "", s.administration == nil ? 1 : 0, s.administration ?? "")
        }
        return key(lhs) < key(rhs)
    }

    public var specialtyLabel: String { specialty ?? "*" }
    public var administrationLabel: String { administration ?? "*" }
}

/// A contract that stops serving before the end of the outlook, and what it carries.
public struct EndingContract: Sendable, Hashable {
    public var provider: String
    public var specialty: String
    public var validTo: Day
    /// Cases of the specialty the plan treats under the contract over the horizon.
    public var cases: Double
    /// Those cases over every case of the specialty treated while the contract serves.
    public var shareWhileActive: Double
    public var weeklyCapacity: Double
}

/// The outlook's figures for one scope, from one plan of the repeated years.
public struct OutlookFigures: Sendable {
    public var scope: OutlookScope
    // Load.
    public var referrals: Double
    public var ownCapacity: Double
    /// Contract capacity (each contract's capacity while valid, at most its ceilings);
    /// an administration's part is its share of the specialty's referrals.
    public var contractCapacity: Double
    public var loadOwn: Double? { ownCapacity > 0 ? referrals / ownCapacity : nil }
    public var loadWithContracts: Double? {
        ownCapacity + contractCapacity > 0 ? referrals / (ownCapacity + contractCapacity) : nil
    }
    // Trend.
    public var waitingStart: Double
    public var beyondStart: Double
    /// At the end of each year.
    public var waitingEnd: [Double]
    public var beyondEnd: [Double]
    /// The first period with anyone of the scope beyond the guarantee; nil: none.
    public var firstPeriodBeyond: Int?
    /// The last period with anyone of the scope beyond the guarantee; nil: none.
    public var lastPeriodBeyond: Int?
    /// Weeks until nobody is beyond the guarantee any more (0: nobody ever is).
    public var weeksToClear: Int { lastPeriodBeyond.map { $0 + 1 } ?? 0 }
    // Dependence.
    public var treated: Double
    public var treatedAtContracts: Double
    public var treatedAtOtherAdministrations: Double
    public var shareAtContracts: Double { treated > 0 ? treatedAtContracts / treated : 0 }
    public var shareAtOtherAdministrations: Double { treated > 0 ? treatedAtOtherAdministrations / treated : 0 }
    public var sitesWithCapacity: Int
    public var largestSite: String?
    public var largestSiteShare: Double?
    /// Contracts of the scope's specialty that end within the horizon (specialty scopes only).
    public var endingContracts: [EndingContract]
}

/// Computes ``OutlookFigures`` for every scope from a problem and its plan.
public enum OutlookIndicators {
    public static func figures(outlook: OutlookProblem, problem: PlanningProblem, plan: Plan) -> [OutlookScope: OutlookFigures] {
        let T = problem.periods
        let years = outlook.years
        var table: [OutlookScope: OutlookFigures] = [:]
        func scopes(_ specialty: String, _ administration: String) -> [OutlookScope] {
            [OutlookScope(specialty: specialty, administration: administration),
             OutlookScope(specialty: specialty, administration: nil),
             OutlookScope(specialty: nil, administration: administration), .region]
        }
        func blank(_ scope: OutlookScope) -> OutlookFigures {
            OutlookFigures(scope: scope, referrals: 0, ownCapacity: 0, contractCapacity: 0, waitingStart: 0, beyondStart: 0,
                           waitingEnd: [Double](repeating: 0, count: years), beyondEnd: [Double](repeating: 0, count: years),
                           firstPeriodBeyond: nil, lastPeriodBeyond: nil, treated: 0, treatedAtContracts: 0, treatedAtOtherAdministrations: 0,
                           sitesWithCapacity: 0, largestSite: nil, largestSiteShare: nil, endingContracts: [])
        }
        for specialty in problem.specialties {
            for administration in problem.administrations {
                for scope in scopes(specialty, administration) where table[scope] == nil { table[scope] = blank(scope) }
            }
        }
        // Patients: referrals, trend, first period beyond the guarantee.
        var beyondSeries: [OutlookScope: [Double]] = [:]
        for (q, cohort) in problem.cohorts.enumerated() {
            let y = plan.treatedCumulative[q]
            let key = cohort.key
            var beyond = [Double](repeating: 0, count: T + 1)
            for t in 1...T { beyond[t] = max(0, Double(cohort.guaranteed[t]) - y[t]) }
            for scope in scopes(key.specialty, key.administration) {
                var f = table[scope] ?? blank(scope)
                f.referrals += Double(cohort.total - cohort.available[0])
                f.waitingStart += Double(cohort.available[0])
                f.beyondStart += Double(cohort.guaranteed[0])
                for year in 1...years {
                    let t = outlook.lastPeriod(ofYear: year)
                    f.waitingEnd[year - 1] += Double(cohort.available[t]) - y[t]
                    f.beyondEnd[year - 1] += beyond[t]
                }
                table[scope] = f
                var series = beyondSeries[scope] ?? [Double](repeating: 0, count: T + 1)
                for t in 1...T where beyond[t] > 0 { series[t] += beyond[t] }
                beyondSeries[scope] = series
            }
        }
        for (scope, series) in beyondSeries {
            table[scope]?.firstPeriodBeyond = (1...T).first { series[$0] > 1e-9 }
            table[scope]?.lastPeriodBeyond = (1...T).last { series[$0] > 1e-9 }
        }
        // Capacity and concentration.
        var siteCapacity: [OutlookScope: [String: Double]] = [:]
        var contractCapacity: [String: Double] = [:]
        for offer in problem.offers {
            let provider = problem.providers[offer.provider]
            let total = Double(offer.capacity.reduce(0, +))
            if let administration = provider.administration {
                for scope in [OutlookScope(specialty: offer.specialty, administration: administration),
                              OutlookScope(specialty: offer.specialty, administration: nil),
                              OutlookScope(specialty: nil, administration: administration), .region] {
                    siteCapacity[scope, default: [:]][provider.id, default: 0] += total
                }
            } else {
                contractCapacity[offer.specialty, default: 0] += min(total, offer.ceiling.map(Double.init) ?? total)
            }
        }
        for (scope, sites) in siteCapacity {
            let own = sites.values.reduce(0, +)
            table[scope]?.ownCapacity = own
            let positive = sites.filter { $0.value > 0 }
            table[scope]?.sitesWithCapacity = positive.count
            if let largest = positive.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).first, own > 0 {
                table[scope]?.largestSite = largest.key
                table[scope]?.largestSiteShare = largest.value / own
            }
        }
        for specialty in problem.specialties {
            let capacity = contractCapacity[specialty] ?? 0
            let referrals = table[OutlookScope(specialty: specialty, administration: nil)]?.referrals ?? 0
            table[OutlookScope(specialty: specialty, administration: nil)]?.contractCapacity = capacity
            table[.region]?.contractCapacity += capacity
            for administration in problem.administrations {
                let mine = table[OutlookScope(specialty: specialty, administration: administration)]?.referrals ?? 0
                let part = referrals > 0 ? capacity * mine / referrals : 0
                table[OutlookScope(specialty: specialty, administration: administration)]?.contractCapacity = part
                table[OutlookScope(specialty: nil, administration: administration)]?.contractCapacity += part
            }
        }
        // Dependence.
        var treatedPerPeriod: [String: [Double]] = [:]
        var casesAtOffer: [Int: Double] = [:]
        for flow in plan.flows {
            let offer = problem.offers[flow.offer]
            let kind = problem.providers[offer.provider].kind
            treatedPerPeriod[offer.specialty, default: [Double](repeating: 0, count: T + 1)][flow.period] += flow.cases
            casesAtOffer[flow.offer, default: 0] += flow.cases
            for scope in scopes(offer.specialty, flow.group.administration) {
                table[scope]?.treated += flow.cases
                switch kind {
                case .regionContract, .otherRegionContract: table[scope]?.treatedAtContracts += flow.cases
                case .site(let site) where site != flow.group.administration:
                    table[scope]?.treatedAtOtherAdministrations += flow.cases
                case .site: break
                }
            }
        }
        // Contracts that stop serving before the last period.
        let model = outlook.scenario.model
        for contract in model.contracts {
            guard let validTo = contract.validTo,
                  let providerIndex = problem.providers.firstIndex(where: { $0.id == contract.provider }) else { continue }
            let offers = problem.offers.indices.filter {
                problem.offers[$0].provider == providerIndex && problem.offers[$0].specialty == contract.specialty
            }
            guard !offers.isEmpty else { continue }
            var active = [Bool](repeating: false, count: T + 1)
            for index in offers { for t in 1...T where problem.offers[index].active[t - 1] { active[t] = true } }
            guard active.contains(true), !active[T] else { continue }
            let cases = offers.reduce(0) { $0 + (casesAtOffer[$1] ?? 0) }
            let series = treatedPerPeriod[contract.specialty] ?? []
            let treatedWhileActive = (1...T).reduce(0.0) { $0 + (active[$1] && $1 < series.count ? series[$1] : 0) }
            table[OutlookScope(specialty: contract.specialty, administration: nil)]?.endingContracts.append(
                EndingContract(provider: contract.provider, specialty: contract.specialty, validTo: validTo, cases: cases,
                               shareWhileActive: treatedWhileActive > 0 ? cases / treatedWhileActive : 0,
                               weeklyCapacity: contract.weeklyCapacity))
        }
        for (scope, figures) in table where !figures.endingContracts.isEmpty {
            table[scope]?.endingContracts.sort { ($0.shareWhileActive, $1.provider) > ($1.shareWhileActive, $0.provider) }
        }
        return table
    }
}
