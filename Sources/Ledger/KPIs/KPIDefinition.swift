/// The unit of a KPI value (kpis.md 1.1), which also fixes its output precision.
public enum KPIUnit: String, Sendable, CaseIterable {
    case count, money, rate, hours, days, turns, score
    /// A distance in kilometres (`fleet.km_per_booking`).
    case km
    /// A count per 100 of a base (`crm.complaints_per_100_ros`): numerator ÷ denominator × 100.
    case per100 = "per_100"

    /// Decimals in the CSV: rates 4, counts 0, everything else 2.
    public var places: Int {
        switch self {
        case .count: return 0
        case .rate: return 4
        case .money, .hours, .days, .turns, .score, .km, .per100: return 2
        }
    }
}

/// Which way is good.
public enum KPIDirection: String, Sendable {
    case higherIsBetter = "higher"
    case lowerIsBetter = "lower"
    /// Volumes and stock levels: neither way is good in itself.
    case neutral
}

/// The part of the warehouse a KPI is computed from; each family is one set of queries.
public enum KPIFamily: String, Sendable, CaseIterable {
    case sales, stock, parts, service, finance, fleet, logistics, staff, crm
}

/// One side of a ratio: its unit, and the divisor that turns stored integers into that unit
/// (100 for fen → yuan, 10 000 for ten-thousandths, 3600 for seconds → hours).
public struct KPIComponent: Sendable, Hashable {
    public var unit: KPIUnit
    public var scale: Int64
    /// Decimals printed for this side (exact for stored units).
    public var places: Int

    public init(_ unit: KPIUnit, scale: Int64, places: Int? = nil) {
        self.unit = unit
        self.scale = scale
        self.places = places ?? unit.places
    }

    public static let count = KPIComponent(.count, scale: 1)
    public static let money = KPIComponent(.money, scale: 100)
    /// Money as quantity (ten-thousandths) × price (fen): 10⁻⁶ of the currency unit.
    public static let lineMoney = KPIComponent(.money, scale: 1_000_000)
    public static let hours = KPIComponent(.hours, scale: 10_000, places: 4)
    public static let seconds = KPIComponent(.hours, scale: 3600, places: 4)
    public static let score = KPIComponent(.score, scale: 10_000, places: 4)
    /// Whole kilometres.
    public static let km = KPIComponent(.km, scale: 1, places: 0)
    /// A count stored doubled, printed with one decimal: a mean of two headcounts (x.5).
    public static let halfCount = KPIComponent(.count, scale: 2, places: 1)
}

/// How a KPI's value is formed from the per-dealer partial results of its family.
public enum KPIForm: Sendable, Hashable {
    /// A count (integers summed).
    case count
    /// A sum of money in stored units of `scale` per currency unit.
    case amount(scale: Int64)
    /// Σ numerator ÷ Σ denominator.
    case ratio(numerator: KPIComponent, denominator: KPIComponent)
    /// The `percent`-th percentile of the pooled items (linear interpolation), items ÷ `itemScale`.
    case percentile(percent: Int, itemScale: Int64)
    /// Annualised turns: numerator = cost of sales, denominator = Σ daily stock value over
    /// the period, printed as the mean daily value; value = n ÷ mean × 365 ÷ days.
    case turnover(scale: Int64)
    /// Days of supply: numerator = stock at end, denominator = leaving in the period, printed
    /// per day; value = n ÷ (d ÷ days).
    case daysSupply(numerator: KPIComponent, denominator: KPIComponent)
    /// Σ numerator ÷ Σ denominator × 100, both counts (unit `per_100`).
    case perHundred
}

/// One KPI of the catalogue: what it means and how it is computed, in both report languages.
///
/// The standard KPIs are static members (`KPIDefinition.serviceComebackRate`) declared once in
/// `KPICatalogue.swift` (finance in `Finance/FinanceKPIs.swift`); the engine hands these values,
/// never id strings, to its partial sink, so a misspelt KPI does not compile.
public struct KPIDefinition: Sendable, Hashable {
    /// The id in kpi.csv (`service.comeback_rate`).
    public var id: String
    /// The name in Chinese and English (`返修率`, `Comeback rate`).
    public var name: LocalizedText
    /// The English name.
    public var title: String { name.en }
    /// The English definition, as printed by `dms-report catalogue` and in docs/kpis.md.
    public var definition: String
    /// The definition in one line per language (`definition` is the English one).
    public var summary: LocalizedText
    public var unit: KPIUnit
    public var direction: KPIDirection
    public var family: KPIFamily
    public var form: KPIForm
    /// Shown first in the HTML, with a 13-month trend.
    public var isHeadline: Bool

    init(
        _ id: String, _ title: String, _ nameZH: String, unit: KPIUnit, direction: KPIDirection, family: KPIFamily, form: KPIForm,
        headline: Bool = false, definition: String, zh definitionZH: String
    ) {
        self.id = id
        self.name = LocalizedText(zh: nameZH, en: title)
        self.definition = definition
        self.summary = LocalizedText(zh: definitionZH, en: definition)
        self.unit = unit
        self.direction = direction
        self.family = family
        self.form = form
        self.isHeadline = headline
    }

    /// The neutral partial of this KPI (a dealer with no rows).
    public var emptyPartial: KPIPartial {
        switch form {
        case .count, .amount: return .total(0)
        case .ratio, .turnover, .daysSupply, .perHundred: return .ratio(0, 0)
        case .percentile: return .items([])
        }
    }
}

/// What a family computes for one dealer and one KPI, before grouping: sums and item lists,
/// so that a group's value is computed from pooled sums (ratio of sums) or pooled items.
public enum KPIPartial: Sendable, Hashable {
    /// Numerator and denominator, in the stored units of the KPI's form.
    case ratio(Int64, Int64)
    /// A count or a sum.
    case total(Int64)
    /// Items for a percentile, in stored units.
    case items([Int64])

    /// The partial of a group holding both.
    public func merged(with other: KPIPartial) -> KPIPartial {
        switch (self, other) {
        case (.ratio(let a, let b), .ratio(let c, let d)): return .ratio(a + c, b + d)
        case (.total(let a), .total(let b)): return .total(a + b)
        case (.items(let a), .items(let b)): return .items(a + b)
        default: return self
        }
    }
}

extension KPIUnit {
    /// The unit's name in both report languages.
    public var name: LocalizedText {
        switch self {
        case .count: return LocalizedText(zh: "数量", en: "count")
        case .money: return LocalizedText(zh: "金额（元）", en: "money (yuan)")
        case .rate: return LocalizedText(zh: "比率", en: "rate")
        case .hours: return LocalizedText(zh: "小时", en: "hours")
        case .days: return LocalizedText(zh: "天", en: "days")
        case .turns: return LocalizedText(zh: "次/年", en: "turns per year")
        case .score: return LocalizedText(zh: "分", en: "score")
        case .km: return LocalizedText(zh: "公里", en: "kilometres")
        case .per100: return LocalizedText(zh: "每百单", en: "per 100")
        }
    }

    /// What a value of this unit is, in one line per language.
    public var summary: LocalizedText {
        switch self {
        case .count: return LocalizedText(zh: "整数计数。", en: "A whole number of items.")
        case .money: return LocalizedText(zh: "人民币金额，两位小数。", en: "An amount of money in the currency unit, 2 decimals.")
        case .rate: return LocalizedText(zh: "0 到 1 之间的比例（四位小数），报表中显示为百分比。", en: "A fraction (4 decimals), shown as a percentage in reports.")
        case .hours: return LocalizedText(zh: "小时数，两位小数。", en: "A number of hours, 2 decimals.")
        case .days: return LocalizedText(zh: "天数，两位小数。", en: "A number of days, 2 decimals.")
        case .turns: return LocalizedText(zh: "年化周转次数，两位小数。", en: "Annualised turns, 2 decimals.")
        case .score: return LocalizedText(zh: "0–10 分的平均分，两位小数。", en: "A mean score from 0 to 10, 2 decimals.")
        case .km: return LocalizedText(zh: "公里数，两位小数。", en: "A distance in kilometres, 2 decimals.")
        case .per100: return LocalizedText(zh: "每 100 个基数的数量，两位小数。", en: "A count per 100 of a base, 2 decimals.")
        }
    }
}
