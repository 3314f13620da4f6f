import Dispatch
import Synchronization

/// Solves independent blocks on a few threads (GLPK keeps one environment per
/// thread), and hands the results back in block order so runs stay deterministic.
enum BlockPool {
    /// Runs `solve` for every block, `parallelism` at a time, taking blocks in
    /// `order` (largest first balances the workers). Throws the failure of the
    /// first failing block in block order.
    static func solve<Result: Sendable>(
        _ count: Int, order: [Int]? = nil, parallelism: Int,
        _ solve: @Sendable (Int) throws(PlanningError) -> Result
    ) throws(PlanningError) -> [Result] {
        let order = order ?? Array(0..<count)
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
                let outcome = Swift.Result { () throws(PlanningError) -> Result in try solve(index) }
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
