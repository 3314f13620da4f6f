import Foundation
@testable import Lotsa

/// A small scenario and its region model written as files into a fresh temporary
/// folder, so tests exercise the same loading path as `lotsa plan`.
struct ScenarioFiles {
    var modelYAML = "name: tiny\nhome_region: R\n"
    var administrations = "id,name\nA,Admin A\n"
    var specialties = "id,name\ns,Surgery\n"
    var sites = "id,name,administration\nSA,Site A,A\n"
    var siteCapacity = "site,specialty,rooms,cases_per_room_week\nSA,s,1,2\n"
    var contractProviders = "id,name,owner_region\n"
    var contracts = "provider,specialty,weekly_capacity,price\n"
    var calendar: String?
    var distances: String?
    var scenarioYAML = """
    name: tiny
    model: model
    horizon: {start: 2026-W14, periods: 4}
    waiting_list: waiting_list.csv

    """
    var waitingList = "administration,specialty,priority,count,days_waited\n"
    var forecast: String?
    /// Further files of the scenario folder, by name.
    var extra: [String: String] = [:]

    /// Writes everything and returns the scenario folder.
    func write() throws -> URL {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("lotsa-test-\(UUID().uuidString)")
        let model = root.appendingPathComponent("model")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        func put(_ text: String, _ url: URL) throws { try Data(text.utf8).write(to: url) }
        try put(modelYAML, model.appendingPathComponent("model.yaml"))
        try put(administrations, model.appendingPathComponent("administrations.csv"))
        try put(specialties, model.appendingPathComponent("specialties.csv"))
        try put(sites, model.appendingPathComponent("sites.csv"))
        try put(siteCapacity, model.appendingPathComponent("site_capacity.csv"))
        try put(contractProviders, model.appendingPathComponent("contract_providers.csv"))
        try put(contracts, model.appendingPathComponent("contracts.csv"))
        if let calendar { try put(calendar, model.appendingPathComponent("calendar.csv")) }
        if let distances { try put(distances, model.appendingPathComponent("distances.csv")) }
        try put(scenarioYAML, root.appendingPathComponent("scenario.yaml"))
        try put(waitingList, root.appendingPathComponent("waiting_list.csv"))
        if let forecast { try put(forecast, root.appendingPathComponent("forecast.csv")) }
        for (name, text) in extra {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try put(text, url)
        }
        return root
    }

    func load() throws -> Scenario {
        try ScenarioLoader.load(path: write().path)
    }

    /// Loads, solves and evaluates: the tier values of the published plan.
    func solve(options: PlannerOptions = PlannerOptions()) throws -> (PlanningProblem, PlanningResult, PlanEvaluation) {
        let problem = PlanningProblem(scenario: try load())
        let result = try Planner.solve(problem, options: options)
        return (problem, result, PlanEvaluation(problem: problem, plan: result.plan))
    }
}

extension URL {
    /// A folder beside this one for a run's outputs: Lotsa refuses to write inside a
    /// folder that holds the run's inputs (docs: the `--out` rules).
    func outputSibling(_ name: String) -> URL {
        deletingLastPathComponent().appendingPathComponent(lastPathComponent + "-" + name)
    }
}
