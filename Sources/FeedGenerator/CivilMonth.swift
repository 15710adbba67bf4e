/// A calendar month.
public struct CivilMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM` (or `YYYYMM`); nil when malformed.
    public init?(parsing text: String) {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 6, digits.allSatisfy(\.isASCII), let value = Int(digits) else { return nil }
        let m = value % 100
        guard (1...12).contains(m) else { return nil }
        self.init(year: value / 100, month: m)
    }

    /// Months since year 0, for arithmetic.
    public var index: Int { year * 12 + month - 1 }

    public init(index: Int) {
        self.init(year: index / 12, month: index % 12 + 1)
    }

    /// The month `count` months later.
    public func adding(_ count: Int) -> CivilMonth { CivilMonth(index: index + count) }

    public var firstDay: CivilDay { CivilDay(year, month, 1) }
    public var lastDay: CivilDay { adding(1).firstDay.adding(-1) }
    public var dayCount: Int { lastDay.number - firstDay.number + 1 }

    /// `YYYY-MM`.
    public var description: String { "\(year)-\(CivilDay.pad2(month))" }
    /// `YYYYMM`.
    public var compact: String { "\(year)\(CivilDay.pad2(month))" }

    public static func < (a: CivilMonth, b: CivilMonth) -> Bool { a.index < b.index }
}
