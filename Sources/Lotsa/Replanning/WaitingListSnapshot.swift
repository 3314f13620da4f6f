import Foundation

/// A new waiting-list snapshot for `lotsa replan --waiting-list`: who actually waits
/// at the end of `--through`, so the rest of the year starts from the real list instead
/// of the one the outcomes bring forward (``WaitingListForward``), which knows how many
/// were sent but not who, and not who was referred or left the list otherwise.
///
/// The file has the format of a scenario's `waiting_list.csv` and is checked by the same
/// table reader (file, line and field on every error). `days_waited` counts to the
/// Monday of the week after `--through` (the day the rest of the year starts);
/// `target_date`/`guarantee_date` are dates as in the scenario.
///
/// The snapshot replaces the scenario's own waiting list *and* the referrals its
/// forecast expected in weeks 1…w (those patients are in the snapshot, or were
/// treated); the forecast of weeks w+1…T still arrives. ``problem`` is the scenario's
/// problem over the full horizon with that backlog and forecast, so the re-plan can
/// cut it at w exactly as it cuts the brought-forward list (``Replanner``).
public struct WaitingListSnapshot: Sendable {
    /// The full-horizon problem whose cohorts are the snapshot (available from the
    /// start) plus the forecast of weeks after `--through`.
    public var problem: PlanningProblem
    /// Patients in the snapshot.
    public var patients: Int
    public var file: InputFile

    public static func read(path: String, scenario: Scenario, through w: Int) throws(InputError) -> WaitingListSnapshot {
        let url = URL(fileURLWithPath: path)
        let display = DisplayPath.of(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: display), "no such file",
                             expected: "a waiting-list snapshot in the format of waiting_list.csv", kind: .missingFile)
        }
        let horizon = scenario.horizon
        let context = TableContext(model: scenario.model, policy: scenario.policy, horizon: horizon,
                                   snapshotDate: horizon.firstDay(ofPeriod: w + 1), guaranteeDays: scenario.guaranteeDays)
        var ledger = InputLedger()
        let table = try ledger.csv(url, displayPath: display, required: WaitingListTable.required,
                                   optional: WaitingListTable.optional)
        let backlog = try WaitingListTable.read(table, context: context)
        var variant = scenario
        variant.backlog = backlog
        variant.forecast = scenario.forecast.flatMap { entry -> [ForecastEntry] in
            if let period = entry.period { return period > w ? [entry] : [] }
            return ((w + 1)...horizon.periods).map { ForecastEntry(cohort: entry.cohort, period: $0, count: entry.count) }
        }
        return WaitingListSnapshot(problem: PlanningProblem(scenario: variant),
                                   patients: backlog.reduce(0) { $0 + $1.count }, file: ledger.files[0])
    }
}
