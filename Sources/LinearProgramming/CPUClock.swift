import Foundation

/// CPU time used so far, in seconds: by the calling thread, or by the whole process.
///
/// Why beside the wall clock: on a shared machine a solve's elapsed time includes
/// waiting for a core, so comparisons of two solvers (``NetworkSimplex`` against
/// LEMON in `lotsa benchmark`) are also made on the CPU time each spent, which
/// other processes affect much less.
public enum CPUClock {
    /// The calling thread's CPU time.
    public static func thread() -> Double { seconds(CLOCK_THREAD_CPUTIME_ID) }

    /// The process's CPU time, user and system, over every thread.
    public static func process() -> Double { seconds(CLOCK_PROCESS_CPUTIME_ID) }

    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
