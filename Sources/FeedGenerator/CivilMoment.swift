/// A local wall-clock instant, in seconds since 1970-01-01 00:00:00 (no time zone).
public struct CivilMoment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The calendar day of this instant.
    public var day: CivilDay {
        CivilDay(number: Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400))
    }

    /// The instant `minutes` later.
    public func adding(minutes: Int) -> CivilMoment { CivilMoment(seconds: seconds + Int64(minutes) * 60) }

    /// `YYYY-MM-DD HH:MM:SS`.
    public var description: String {
        let d = day
        let rest = Int(seconds - Int64(d.number) * 86_400)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        d.appendText(to: &bytes)
        bytes.append(0x20)
        CivilDay.appendTwoDigits(rest / 3600, to: &bytes)
        bytes.append(0x3A)
        CivilDay.appendTwoDigits(rest / 60 % 60, to: &bytes)
        bytes.append(0x3A)
        CivilDay.appendTwoDigits(rest % 60, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (a: CivilMoment, b: CivilMoment) -> Bool { a.seconds < b.seconds }
}
