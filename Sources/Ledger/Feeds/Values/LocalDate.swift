/// A calendar date without a time zone (proleptic Gregorian, years 1–9999).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The date `year-month-day`, or nil when it does not exist (Feb 29 only in leap years).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= LocalDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative: before), or nil outside years 1–9999.
    public init?(daysSinceEpoch days: Int) {
        guard (LocalDate.minimumDays...LocalDate.maximumDays).contains(days) else { return nil }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` days later (earlier when negative), or nil outside years 1–9999.
    public func adding(days: Int) -> LocalDate? { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let offset = (daysSinceEpoch + 3) % 7
        return (offset < 0 ? offset + 7 : offset) + 1
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days of `month` in `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static let minimumDays = -719_162  // 0001-01-01
    static let maximumDays = 2_932_896  // 9999-12-31

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Calls `body` with the canonical text `YYYY-MM-DD` in UTF-8, without allocating.
    public func withCanonicalUTF8<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &text) { buffer in
            writeCanonical(into: buffer)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Writes `YYYY-MM-DD` into the first 10 bytes of `buffer`.
    func writeCanonical(into buffer: UnsafeMutableRawBufferPointer) {
        CanonicalText.writeDigits(year, count: 4, into: buffer, at: 0)
        buffer[4] = UInt8(ascii: "-")
        CanonicalText.writeDigits(month, count: 2, into: buffer, at: 5)
        buffer[7] = UInt8(ascii: "-")
        CanonicalText.writeDigits(day, count: 2, into: buffer, at: 8)
    }

    /// The canonical text `YYYY-MM-DD`.
    public var text: String { withCanonicalUTF8 { String(decoding: $0, as: UTF8.self) } }

    public var description: String { text }
}

enum CanonicalText {
    @inline(__always)
    static func writeDigits(_ value: Int, count: Int, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        var rest = value
        for position in stride(from: offset + count - 1, through: offset, by: -1) {
            buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
