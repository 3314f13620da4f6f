/// A small deterministic pseudo-random generator (SplitMix64, Steele, Lea and
/// Flood 2014): the same seed gives the same sequence on every platform and in
/// every Swift version, which the system generator does not promise.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let roll = random.next(below: 6)        // 0...5
/// let share = random.uniform(0.8, 1.2)    // [0.8, 1.2)
/// ```
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A whole number in `0 ..< bound` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `[0, 1)` with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A number in `[low, high)`.
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A generator for a sub-stream, so that adding draws in one part of a
    /// generator does not shift every later part.
    public mutating func fork() -> SplitMix64 {
        SplitMix64(seed: next())
    }
}
