import Foundation

/// A planning question, validated and resolved: the model, the horizon, patients,
/// capacity changes, policy and the expectations CI checks.
public struct Scenario: Sendable {
    public var name: String
    public var description: String
    public var model: RegionModel
    public var horizon: Horizon
    public var snapshotDate: Day
    public var guaranteeDays: Int
    public var policy: Policy
    public var backlog: [BacklogEntry]
    public var forecast: [ForecastEntry]
    public var capacityChanges: [CapacityChange]
    public var forecastScaling: [ForecastScaling]
    public var expectations: [Expectation]
    /// Every file read, with checksums, in the order read.
    public var inputFiles: [InputFile]
    /// The folders (scenario, the scenarios it extends, the model) and files the
    /// scenario was read from: no output may be written on, over or inside them.
    public var inputs = RunInputs()

    public init(name: String, description: String = "", model: RegionModel, horizon: Horizon,
                snapshotDate: Day? = nil, guaranteeDays: Int = 90, policy: Policy = Policy(),
                backlog: [BacklogEntry] = [], forecast: [ForecastEntry] = [],
                capacityChanges: [CapacityChange] = [], forecastScaling: [ForecastScaling] = [],
                expectations: [Expectation] = [], inputFiles: [InputFile] = []) {
        self.name = name
        self.description = description
        self.model = model
        self.horizon = horizon
        self.snapshotDate = snapshotDate ?? horizon.start
        self.guaranteeDays = guaranteeDays
        self.policy = policy
        self.backlog = backlog
        self.forecast = forecast
        self.capacityChanges = capacityChanges
        self.forecastScaling = forecastScaling
        self.expectations = expectations
        self.inputFiles = inputFiles
    }
}
