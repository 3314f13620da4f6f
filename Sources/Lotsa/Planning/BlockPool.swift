import Dispatch
import Synchronization

/// Solves independent blocks on a few threads (GLPK keeps one environment per
/// thread), and hands the results back in block order so runs stay deterministic.
enum BlockPool {
    /// Runs `solve` for every block, `parallelism` at a time, taking blocks in
    /// `order` (largest first balances the workers). Throws the failure of the
    /// first failing block in block order. With a shared `pool` (`lotsa run`,
    /// `lotsa check`), each block holds one of its slots while it is solved, so
    /// the blocks of every scenario in flight together use at most `pool.size`
    /// cores; `parallelism` is then ignored.
    static func solve<Result: Sendable>(
        _ count: Int, order: [Int]? = nil, parallelism: Int, pool: WorkerPool? = nil,
        _ solve: @Sendable (Int) throws(PlanningError) -> Result
    ) throws(PlanningError) -> [Result] {
        let order = order ?? Array(0..<count)
        let parallelism = pool?.size ?? parallelism
        let results = Mutex<[Int: Swift.Result<Result, PlanningError>]>([:])
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(parallelism, count))) { _ in
            while true {
                let position: Int = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard position < order.count else { return }
                let index = order[position]
                let outcome = Swift.Result { () throws(PlanningError) -> Result in
                    if let pool { return try pool.withSlot { () throws(PlanningError) -> Result in try solve(index) } }
                    return try solve(index)
                }
                results.withLock { $0[index] = outcome }
            }
        }
        let collected = results.withLock { $0 }
        var ordered: [Result] = []
        for index in 0..<count {
            switch collected[index]! {
            case .success(let value): ordered.append(value)
            case .failure(let error): throw error
            }
        }
        return ordered
    }
}
