import Ledger

/// Draws for tests that take random data from a seed (so that a failure reproduces), from
/// the project's one seeded generator, `SplitMix64`.
public struct SeededRandom {
    public var source: SplitMix64

    public init(state: UInt64) { source = SplitMix64(seed: state) }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int { Int(source.next() % UInt64(bound)) }

    /// One of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}
