import Foundation

/// The CPU time the calling thread has used, in seconds.
///
/// Why beside the wall clock: on a shared machine a solve's elapsed time includes
/// waiting for a core, so comparisons of two solvers (``NetworkSimplex`` against
/// LEMON in `lotsa benchmark`) are also made on the CPU time each spent, which
/// other processes affect much less.
public enum ThreadCPUClock {
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
