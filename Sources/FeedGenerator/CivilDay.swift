/// A calendar day, counted from 1970-01-01 (proleptic Gregorian, no time zone).
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The day `year`-`month`-`day` (Howard Hinnant's `days_from_civil`).
    public init(_ year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real calendar day.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(y, m, d)
        guard civil == (y, m, d) else { return nil }
    }

    /// Year, month and day of month.
    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((number % 7) + 7 + 4) % 7 }

    /// The day `days` later (earlier when negative).
    public func adding(_ days: Int) -> CivilDay { CivilDay(number: number + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `YYYY-MM-DD` (years 0–9999) as ASCII bytes.
    func appendText(to bytes: inout [UInt8]) {
        let (y, m, d) = civil
        let year = max(0, min(9_999, y))
        bytes.append(0x30 + UInt8(year / 1000))
        bytes.append(0x30 + UInt8(year / 100 % 10))
        bytes.append(0x30 + UInt8(year / 10 % 10))
        bytes.append(0x30 + UInt8(year % 10))
        bytes.append(0x2D)
        Self.appendTwoDigits(m, to: &bytes)
        bytes.append(0x2D)
        Self.appendTwoDigits(d, to: &bytes)
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
