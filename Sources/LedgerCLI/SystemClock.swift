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

    /// Today's date on this machine's local clock.
    public func today() -> LocalDate {
        var seconds = time_t(now().rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return LocalDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? LocalDate(dayNumber: Int(seconds / 86_400))
    }
}
