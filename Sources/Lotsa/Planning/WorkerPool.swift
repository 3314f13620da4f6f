import Dispatch
import Foundation

/// A fixed number of slots for CPU-bound work, shared by everything one `lotsa`
/// process solves at once: the specialty blocks of every scenario of a `run` or a
/// `check`, and the reading and writing phases of those scenarios. Whoever does
/// work holds a slot, so the machine never runs more solver threads than it has
/// cores, however many scenarios and blocks are in flight.
///
/// A slot is held only around work that never waits for another slot (one block's
/// solve, one scenario's reading or writing), so the pool cannot deadlock.
public final class WorkerPool: @unchecked Sendable {
    /// How many pieces of work run at once.
    public let size: Int
    // DispatchSemaphore is thread-safe; `@unchecked` because corelibs-dispatch does
    // not mark it Sendable.
    private let slots: DispatchSemaphore

    /// A pool of `size` slots (at least 1); default: the number of active cores.
    public init(size: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.size = max(1, size)
        slots = DispatchSemaphore(value: self.size)
    }

    /// Runs `body` while holding one slot, waiting for a free one first.
    public func withSlot<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        slots.wait()
        defer { slots.signal() }
        return try body()
    }
}
