import Ledger

/// A calendar day of the generator, counted from 1970-01-01 (proleptic Gregorian, no time
/// zone). The civil-date arithmetic is the library's `LocalDate`; this type only adds what
/// the simulation needs (a plain day number, a Sunday-based weekday, times of day).
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The day `year`-`month`-`day` (a day beyond the month's end runs into the next month).
    public init(_ year: Int, _ month: Int, _ day: Int) {
        number = (LocalDate(year: year, month: month, day: 1)?.dayNumber ?? 0) + day - 1
    }

    /// The same day as `date`.
    public init(_ date: LocalDate) { number = date.dayNumber }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real calendar day.
    public init?(parsing text: String) {
        guard text.utf8.count == 10, let date = LocalDate(text) else { return nil }
        number = date.dayNumber
    }

    /// The library's date of this day.
    public var date: LocalDate { LocalDate(dayNumber: number) }

    /// Year, month and day of month.
    public var civil: (year: Int, month: Int, day: Int) {
        let date = self.date
        return (date.year, date.month, date.day)
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { date.weekday % 7 }

    /// The day `days` later (earlier when negative).
    public func adding(_ days: Int) -> CivilDay { CivilDay(number: number + days) }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CivilDay { CivilDay(date.adding(years: years)) }

    /// `YYYY-MM-DD`.
    public var description: String { date.description }

    /// Appends `YYYY-MM-DD` as ASCII bytes.
    func appendText(to bytes: inout [UInt8]) {
        date.withCanonicalUTF8 { bytes.append(contentsOf: $0) }
    }

    static func appendTwoDigits(_ value: Int, to bytes: inout [UInt8]) {
        bytes.append(0x30 + UInt8(value / 10 % 10))
        bytes.append(0x30 + UInt8(value % 10))
    }

    /// Midnight of this day.
    public var start: CivilMoment { CivilMoment(seconds: Int64(number) * 86_400) }

    /// This day at `hour`:`minute`.
    public func at(_ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> CivilMoment {
        CivilMoment(seconds: Int64(number) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
    }

    public static func < (a: CivilDay, b: CivilDay) -> Bool { a.number < b.number }

    static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
