import Foundation
import Synchronization

/// Several scenarios solved in one process (`lotsa run`, `lotsa check`): every
/// scenario's blocks and its reading and writing share one ``WorkerPool``, so the
/// batch uses the machine's cores without oversubscribing them. Each scenario
/// goes through ``PlanRun`` exactly as `lotsa plan` would, so its folder is byte
/// for byte what `plan` writes.
public enum ScenarioBatch {
    /// Something a progress display shows: scenario `index` started `step`.
    public typealias Progress = @Sendable (_ index: Int, _ step: String) -> Void
    /// Called once per scenario when it is done, in the order they finish.
    public typealias Finished = @Sendable (_ index: Int, _ outcome: Result<PlanRunReport, LotsaError>) -> Void

    /// Plans every scenario in `paths` (results in the order given). At most
    /// `pool.size` scenarios are in flight; their blocks take the pool's slots.
    public static func run(_ paths: [String], options: PlanRunOptions, pool: WorkerPool,
                           progress: Progress? = nil, finished: Finished? = nil) -> [Result<PlanRunReport, LotsaError>] {
        let results = Mutex<[Int: Result<PlanRunReport, LotsaError>]>([:])
        let next = Mutex(0)
        let group = DispatchGroup()
        let workers = max(1, min(pool.size, paths.count))
        for _ in 0..<workers {
            group.enter()
            // A thread of its own rather than a Dispatch worker: a scenario thread
            // waits for slots while its blocks are solved, and must not hold up the
            // Dispatch threads those blocks run on.
            let thread = Thread {
                defer { group.leave() }
                while true {
                    let index: Int = next.withLock { value in
                        defer { value += 1 }
                        return value
                    }
                    guard index < paths.count else { return }
                    var scenarioOptions = options
                    scenarioOptions.planner.pool = pool
                    if let progress { scenarioOptions.progress = { step in progress(index, step) } }
                    let outcome = Result { () throws(LotsaError) -> PlanRunReport in
                        try PlanRun.run(scenarioPath: paths[index], options: scenarioOptions)
                    }
                    results.withLock { $0[index] = outcome }
                    finished?(index, outcome)
                }
            }
            thread.start()
        }
        group.wait()
        let collected = results.withLock { $0 }
        return paths.indices.map { collected[$0]! }
    }
}
