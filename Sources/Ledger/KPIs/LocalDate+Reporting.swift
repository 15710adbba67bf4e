/// Date arithmetic of reports on the shared `LocalDate`: whole days, never a clock or zone.
extension LocalDate {
    /// Parses `YYYY-MM-DD` (also the date part of a stored `YYYY-MM-DD HH:MM:SS`).
    public init?(_ text: String) {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { daysSinceEpoch }

    /// The date `dayNumber` days after 1970-01-01, clamped to years 1–9999.
    public init(dayNumber: Int) {
        let clamped = Swift.min(Swift.max(dayNumber, LocalDate.minimumDays), LocalDate.maximumDays)
        self = LocalDate(daysSinceEpoch: clamped) ?? LocalDate.reportingEpoch
    }

    static let reportingEpoch = LocalDate(year: 1970, month: 1, day: 1) ?? LocalDate(dayNumber: 0)

    /// The date `days` days later (earlier when negative), clamped to years 1–9999.
    public func shifted(by days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The same day `years` years later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> LocalDate {
        let y = year + years
        return LocalDate(year: y, month: month, day: Swift.min(day, LocalDate.daysIn(month: month, year: y))) ?? self
    }

    /// The same day `months` months later, clamped to the month's last day.
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        return LocalDate(year: y, month: m, day: Swift.min(day, LocalDate.daysIn(month: m, year: y))) ?? self
    }
}
