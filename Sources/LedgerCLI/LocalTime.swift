#if canImport(Glibc)
import Glibc
#endif

/// Local wall-clock text for names the tools derive from the time (the library never reads
/// the clock or the time zone: the tools do, and pass the text in).
public enum LocalTime {
    /// `YYYY-MM-DD_HHMMSS` in the local time zone (`TZ`): the archive's run-folder name.
    public static func runFolderName(seconds: Double) -> String {
        format(seconds: seconds, "%Y-%m-%d_%H%M%S")
    }

    /// The UTC ledger timestamp (`YYYY-MM-DDTHH:MM:SSZ`) of local midnight starting `date`
    /// (`YYYY-MM-DD`), or nil when `date` is not a valid date.
    public static func utcStartOfLocalDay(_ date: String) -> String? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int32(parts[0]), let month = Int32(parts[1]), let day = Int32(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var fields = tm()
        fields.tm_year = year - 1900
        fields.tm_mon = month - 1
        fields.tm_mday = day
        fields.tm_isdst = -1
        let seconds = mktime(&fields)
        guard seconds != -1, fields.tm_mday == day else { return nil }
        var utc = tm()
        var value = seconds
        gmtime_r(&value, &utc)
        var buffer = [Int8](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%SZ", &utc)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func format(seconds: Double, _ pattern: String) -> String {
        var value = time_t(seconds.rounded(.down))
        var local = tm()
        localtime_r(&value, &local)
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
