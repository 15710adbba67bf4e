/// A source of the current time. The library never reads the clock itself: the tools pass
/// one in, and tests pass a fixed one, so that outputs are reproducible.
public protocol WallClock: Sendable {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    func now() -> Double
}

/// A clock that always says the same time (tests, reproducible reports).
public struct FixedClock: WallClock {
    public var seconds: Double
    public init(seconds: Double) { self.seconds = seconds }
    public func now() -> Double { seconds }
}
