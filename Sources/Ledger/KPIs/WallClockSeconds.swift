/// Parsing of stored local wall-clock date-times (`YYYY-MM-DD HH:MM:SS`) into seconds, for
/// exact durations without a time zone.
enum WallClockSeconds {
    /// Seconds since 1970-01-01 00:00:00 of the same wall clock; a bare date means 00:00:00.
    static func seconds(_ text: String) -> Int64? {
        guard let date = LocalDate(text) else { return nil }
        var seconds = Int64(date.dayNumber) * 86_400
        let bytes = Array(text.utf8)
        if bytes.count >= 16 {
            func two(_ at: Int) -> Int64? {
                guard at + 1 < bytes.count else { return nil }
                let a = bytes[at], b = bytes[at + 1]
                guard (48...57).contains(a), (48...57).contains(b) else { return nil }
                return Int64(a - 48) * 10 + Int64(b - 48)
            }
            guard let h = two(11), let m = two(14) else { return nil }
            seconds += h * 3600 + m * 60 + (bytes.count >= 19 ? (two(17) ?? 0) : 0)
        }
        return seconds
    }

    /// Seconds of the start of a date.
    static func seconds(of date: LocalDate) -> Int64 { Int64(date.dayNumber) * 86_400 }
}
