/// A local wall-clock date-time (seconds precision, no time zone).
public struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// The date-time, or nil when a field is out of range (hour 0–23, minute and second 0–59).
    public init?(date: LocalDate, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// The wall-clock time `seconds` after 1970-01-01 00:00:00 (same clock), or nil outside
    /// years 1–9999.
    public init?(secondsSinceEpoch seconds: Int64) {
        let (days, remainder) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = remainder < 0 ? Int(days) - 1 : Int(days)
        let secondOfDay = remainder < 0 ? Int(remainder) + 86_400 : Int(remainder)
        guard let date = LocalDate(daysSinceEpoch: dayNumber) else { return nil }
        self.date = date
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// Seconds since 1970-01-01 00:00:00 on the same wall clock.
    public var secondsSinceEpoch: Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.hour, lhs.minute, lhs.second) < (rhs.date, rhs.hour, rhs.minute, rhs.second)
    }

    /// Calls `body` with the canonical text `YYYY-MM-DD HH:MM:SS` in UTF-8, without allocating.
    public func withCanonicalUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var text:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &text) { buffer in
            date.writeCanonical(into: buffer)
            buffer[10] = UInt8(ascii: " ")
            CanonicalText.writeDigits(hour, count: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            CanonicalText.writeDigits(minute, count: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            CanonicalText.writeDigits(second, count: 2, into: buffer, at: 17)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// The canonical text `YYYY-MM-DD HH:MM:SS`.
    public var text: String { withCanonicalUTF8 { String(decoding: $0, as: UTF8.self) } }

    public var description: String { text }
}
