/// The printed figures of one KPI for one group and period: value, numerator, denominator.
public struct KPIFigure: Sendable, Hashable {
    /// The value at output precision; nil when the denominator is zero (n/a) or there are no items.
    public var value: String?
    /// The numerator, where the KPI is a ratio.
    public var numerator: String?
    /// The denominator, where the KPI is a ratio.
    public var denominator: String?

    public init(value: String?, numerator: String? = nil, denominator: String? = nil) {
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value as a number (charts); nil when n/a.
    public var number: Double? { value.flatMap { Double($0) } }
}

extension KPIDefinition {
    /// The figures of `partial` over a period of `days` days.
    public func figure(of partial: KPIPartial, days: Int) -> KPIFigure {
        let places = unit.places
        switch (form, partial) {
        case (.count, .total(let n)):
            return KPIFigure(value: String(n))
        case (.amount(let scale), .total(let n)):
            return KPIFigure(value: ExactDecimal.quotient(n, over: scale, places: places))
        case (.ratio(let top, let bottom), .ratio(let n, let d)):
            let (ns, ds) = Self.reduced(top.scale, bottom.scale)
            return KPIFigure(
                value: Self.quotient(n, times: ds, over: d, times: ns, places: places),
                numerator: ExactDecimal.quotient(n, over: top.scale, places: top.places),
                denominator: ExactDecimal.quotient(d, over: bottom.scale, places: bottom.places))
        case (.turnover(let scale), .ratio(let n, let d)):
            return KPIFigure(
                value: ExactDecimal.quotient(n, times: 365, over: d, places: places),
                numerator: ExactDecimal.quotient(n, over: scale, places: 2),
                denominator: Self.quotient(d, times: 1, over: scale, times: Int64(days), places: 2) ?? "0.00")
        case (.daysSupply(let top, let bottom), .ratio(let n, let d)):
            let (ns, ds) = Self.reduced(top.scale, bottom.scale)
            return KPIFigure(
                value: Self.quotient(n, times: Int64(days) * ds, over: d, times: ns, places: places),
                numerator: ExactDecimal.quotient(n, over: top.scale, places: top.places),
                denominator: Self.quotient(d, times: 1, over: bottom.scale, times: Int64(days), places: 2) ?? "0.00")
        case (.perHundred, .ratio(let n, let d)):
            return KPIFigure(
                value: ExactDecimal.quotient(n, times: 100, over: d, places: places), numerator: String(n), denominator: String(d))
        case (.percentile(let percent, let scale), .items(let items)):
            return KPIFigure(value: Self.percentile(items, percent: percent, scale: scale, places: places))
        default:
            return KPIFigure(value: nil)
        }
    }

    /// `a × b ÷ (c × d)`, exact when it fits.
    static func quotient(_ a: Int64, times b: Int64, over c: Int64, times d: Int64, places: Int) -> String? {
        let (divisor, overflow) = c.multipliedReportingOverflow(by: d)
        if !overflow { return ExactDecimal.quotient(a, times: b, over: divisor, places: places) }
        guard c != 0, d != 0 else { return nil }
        return ExactDecimal.approximate(Double(a) * Double(b) / Double(c) / Double(d), places: places)
    }

    static func reduced(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? (a, b) : (a / x, b / x)
    }

    /// Linear interpolation between closest ranks (numpy default, PERCENTILE.INC), exact.
    static func percentile(_ items: [Int64], percent: Int, scale: Int64, places: Int) -> String? {
        guard !items.isEmpty else { return nil }
        let sorted = items.sorted()
        let position = (sorted.count - 1) * percent  // in hundredths of a rank
        let lower = position / 100
        let fraction = Int64(position % 100)
        let a = sorted[lower]
        let b = fraction == 0 ? a : sorted[lower + 1]
        return ExactDecimal.quotient(a * (100 - fraction) + b * fraction, over: 100 * scale, places: places)
    }
}
