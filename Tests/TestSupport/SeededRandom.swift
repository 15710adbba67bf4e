/// A small deterministic generator for tests that draw random data from a seed (so that a
/// failure reproduces): a 64-bit linear congruential step, the high bits as the draw.
public struct SeededRandom {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// A number in `0..<bound`.
    public mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }

    /// One of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}
