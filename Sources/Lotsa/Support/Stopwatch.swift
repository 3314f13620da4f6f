/// Phase timings of a run ("read inputs", "build and solve", …), for `--verbose`
/// and the benchmark; never written into the outputs, which must not vary.
struct Stopwatch {
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    private(set) var laps: [(String, Duration)] = []

    init() { mark = clock.now }

    /// Records the time since the previous lap under `name`.
    mutating func lap(_ name: String) {
        let now = clock.now
        laps.append((name, now - mark))
        mark = now
    }
}
