import Foundation

/// The figures the production chiefs' group weighs a proposal by, for the
/// region and for each administration (the routine's decision is per
/// administration: "beslut om den totala volymen … per förvaltning").
public struct ProposalFigures: Sendable, Equatable {
    public var treatedOwn: Double
    public var treatedTransfers: Double
    public var treatedRegionContracts: Double
    public var treatedOtherRegions: Double
    /// Overdue patient-weeks per priority group id (unweighted).
    public var overduePatientWeeks: [String: Double]
    public var beyondGuaranteeAtEnd: Double
    /// Nil where it cannot be told from the files (per administration without the model).
    public var cost: Double?
    /// Cases sent to another administration's sites × km (× 1 without a distance table).
    public var transferCaseKm: Double?

    /// The region as a whole: summary.json's KPIs, which the plan itself computed.
    public static func region(_ outputs: PlanOutputs) -> ProposalFigures {
        var figures = from(outputs, administration: nil, rates: nil)
        if let value = outputs.number("kpis.treated.own_administration") { figures.treatedOwn = value }
        if let value = outputs.number("kpis.treated.internal_transfer") { figures.treatedTransfers = value }
        if let value = outputs.number("kpis.treated.region_contract") { figures.treatedRegionContracts = value }
        if let value = outputs.number("kpis.treated.other_region_contract") { figures.treatedOtherRegions = value }
        for priority in outputs.priorities {
            if let value = outputs.number("kpis.overdue_patient_weeks.\(priority)") { figures.overduePatientWeeks[priority] = value }
        }
        if let value = outputs.number("kpis.beyond_guarantee_end") { figures.beyondGuaranteeAtEnd = value }
        figures.cost = outputs.number("kpis.cost")
        figures.transferCaseKm = outputs.tiers.first { $0.name == "internal_transfers" }?.value
        return figures
    }

    /// One administration (or, with nil, the region), computed from needs.csv,
    /// waiting_projection.csv and — for cost and case-km, with the model's
    /// `rates` — missiv.csv.
    public static func from(_ outputs: PlanOutputs, administration: String?, rates: ModelRates?) -> ProposalFigures {
        func mine(_ name: String) -> Bool { administration == nil || administration == name }
        var figures = ProposalFigures(treatedOwn: 0, treatedTransfers: 0, treatedRegionContracts: 0, treatedOtherRegions: 0,
                                      overduePatientWeeks: [:], beyondGuaranteeAtEnd: 0, cost: nil, transferCaseKm: nil)
        for line in outputs.needs where mine(line.administration) {
            figures.treatedOwn += line.treatedOwn
            figures.treatedTransfers += line.internalTransfers
            figures.treatedRegionContracts += line.regionContracts
            figures.treatedOtherRegions += line.otherRegionContracts
        }
        let lastWeek = outputs.weeks.last
        for priority in outputs.priorities { figures.overduePatientWeeks[priority] = 0 }
        for point in outputs.waiting where mine(point.administration) {
            figures.overduePatientWeeks[point.priority, default: 0] += point.overdue * outputs.weeksPerPeriod
            if point.week == lastWeek { figures.beyondGuaranteeAtEnd += point.beyondGuarantee }
        }
        if let rates {
            var cost = 0.0, caseKm = 0.0
            for line in outputs.missiv where mine(line.administration) {
                cost += line.volume * (rates.price[ModelRates.Key(provider: line.provider, specialty: line.specialty)] ?? 0)
                caseKm += line.volume * (rates.transferWeight[ModelRates.Route(administration: line.administration,
                                                                                provider: line.provider)] ?? 0)
            }
            figures.cost = cost
            figures.transferCaseKm = caseKm
        }
        return figures
    }
}

/// Prices and transfer weights of a scenario's model, for the per-administration
/// cost and case-km (the output files hold volumes, not prices).
public struct ModelRates: Sendable {
    struct Key: Hashable { var provider: String; var specialty: String }
    struct Route: Hashable { var administration: String; var provider: String }
    var price: [Key: Double] = [:]
    var transferWeight: [Route: Double] = [:]

    public init(problem: PlanningProblem) {
        for offer in problem.offers {
            price[Key(provider: problem.providers[offer.provider].id, specialty: offer.specialty)] = offer.price
        }
        for administration in problem.administrations {
            for (index, provider) in problem.providers.enumerated() {
                if let weight = problem.transferWeight(administration: administration, provider: index) {
                    transferWeight[Route(administration: administration, provider: provider.id)] = weight
                }
            }
        }
    }

    /// The rates of the scenario that produced `outputs`, when its scenario.yaml
    /// (summary.json's first input) can still be read; nil otherwise.
    public static func of(_ outputs: PlanOutputs) -> ModelRates? {
        guard case .array(let inputs)? = outputs.summary.value(at: "inputs") else { return nil }
        for case .string(let path)? in inputs.map({ $0.value(at: "path") }) where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            guard FileManager.default.fileExists(atPath: path),
                  let scenario = try? ScenarioLoader.load(path: path) else { continue }
            return ModelRates(problem: PlanningProblem(scenario: scenario))
        }
        return nil
    }
}
