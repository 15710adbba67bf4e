import Ledger

#if canImport(Glibc)
import Glibc
#endif

/// The real clock, read only by the tools.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
