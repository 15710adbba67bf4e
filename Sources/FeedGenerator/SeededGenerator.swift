import Ledger

/// A seeded, portable pseudo-random generator (xoshiro256** seeded through SplitMix64).
///
/// Never the system generator: the same seed gives the same sequence on every machine and
/// every run, which is what makes generated feed sets byte-identical.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator for `seed`; `stream` selects an independent sequence (one per dealer, say).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `range` (unbiased: Lemire's method through the standard library).
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform integer in `range`.
    public mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p` (0…1), decided on a 1/1,000,000 grid so that it is exact.
    public mutating func chance(_ p: Double) -> Bool {
        let threshold = UInt64((max(0, min(1, p)) * 1_000_000).rounded())
        return next() % 1_000_000 < threshold
    }

    /// A uniformly chosen element of a non-empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
        items[items.startIndex + int(0..<items.count)]
    }

    /// An index chosen with the given non-negative integer weights (at least one positive).
    public mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var roll = int(0..<total)
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// A count drawn around `mean` (±30 %, never negative), deterministic and cheap.
    public mutating func count(around mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let spread = mean * 0.3
        let low = max(0, mean - spread)
        let value = low + Double(next() % 1_000_001) / 1_000_000 * (2 * spread)
        let whole = Int(value)
        let fraction = value - Double(whole)
        return whole + (chance(fraction) ? 1 : 0)
    }
}
