/// A traffic light: how a KPI value stands against its target (docs/targets.md).
public enum TrafficLight: String, Sendable, CaseIterable {
    /// Meets the target (equal counts as met).
    case green
    /// Worse than the target, but within the amber band (its edge included).
    case amber
    /// Worse than the target by more than the amber band.
    case red

    /// The symbol shown beside the colour, so that the light reads without colour vision and
    /// in black-and-white print.
    public var symbol: String {
        switch self {
        case .green: return "●"
        case .amber: return "▲"
        case .red: return "■"
        }
    }

    /// 0, 1, 2: the light's place in workbook styles.
    var index: Int {
        switch self {
        case .green: return 0
        case .amber: return 1
        case .red: return 2
        }
    }

    /// The light's name in both report languages.
    public var name: LocalizedText {
        switch self {
        case .green: return LocalizedText(zh: "达标", en: "on target")
        case .amber: return LocalizedText(zh: "接近目标", en: "near target")
        case .red: return LocalizedText(zh: "未达标", en: "off target")
        }
    }
}

/// A target and its amber band for one KPI in one scope (all dealers, a region or a brand).
public struct KPIThreshold: Sendable, Hashable {
    /// The target, in the KPI's unit as kpi.csv prints it (rates as fractions: 0.03 = 3 %).
    public var target: TargetDecimal
    /// How far beyond the target a value is still amber (≥ 0; 0: green or red only).
    public var amber: TargetDecimal

    public init(target: TargetDecimal, amber: TargetDecimal) {
        self.target = target
        self.amber = amber
    }

    /// The light of `value` for a KPI whose good direction is `direction`: green when it meets
    /// the target, amber when it misses by at most the band, red beyond. Nil for n/a values,
    /// text that is not a decimal, and neutral KPIs.
    public func light(of value: TargetDecimal, direction: KPIDirection) -> TrafficLight? {
        switch direction {
        case .neutral:
            return nil
        case .higherIsBetter:
            if value >= target { return .green }
            guard let edge = target.adding(amber, negated: true) else { return .amber }
            return value >= edge ? .amber : .red
        case .lowerIsBetter:
            if value <= target { return .green }
            guard let edge = target.adding(amber) else { return .amber }
            return value <= edge ? .amber : .red
        }
    }

    /// The edge between amber and red (target − band when higher is better, + band when lower).
    public func amberEdge(_ direction: KPIDirection) -> TargetDecimal? {
        target.adding(amber, negated: direction == .higherIsBetter)
    }
}

/// The targets of one KPI: for all dealers, and overrides for regions and brands.
public struct KPITargetRule: Sendable, Hashable {
    public var definition: KPIDefinition
    public var threshold: KPIThreshold
    /// Region → its threshold (a region override; what it leaves out comes from `threshold`).
    public var regions: [String: KPIThreshold]
    /// Brand → its threshold.
    public var brands: [String: KPIThreshold]
    /// Override keys in file order, for listing them.
    public var regionOrder: [String]
    public var brandOrder: [String]

    public init(definition: KPIDefinition, threshold: KPIThreshold, regions: [(String, KPIThreshold)] = [], brands: [(String, KPIThreshold)] = []) {
        self.definition = definition
        self.threshold = threshold
        self.regions = Dictionary(regions, uniquingKeysWith: { a, _ in a })
        self.brands = Dictionary(brands, uniquingKeysWith: { a, _ in a })
        regionOrder = regions.map(\.0)
        brandOrder = brands.map(\.0)
    }

    /// Where a threshold came from, for a cell's tooltip and the workbook's targets sheet.
    public enum Scope: Sendable, Hashable {
        case all
        case region(String)
        case brand(String)
    }

    /// The threshold for a group of dealers: the override of the region they all belong to,
    /// else of the brand they all carry, else the KPI's own. A dealer is a group of one; a
    /// region row takes its region's override; the network (several regions and brands) the
    /// KPI's own target.
    public func threshold(for dealers: [Dealer]) -> (threshold: KPIThreshold, scope: Scope) {
        if let region = dealers.first?.region, dealers.allSatisfy({ $0.region == region }), let override = regions[region] {
            return (override, .region(region))
        }
        if let brand = dealers.first?.brand, dealers.allSatisfy({ $0.brand == brand }), let override = brands[brand] {
            return (override, .brand(brand))
        }
        return (threshold, .all)
    }
}

/// The targets of a report (`--targets FILE`, docs/targets.md): per KPI a target and an amber
/// band, with overrides per region and brand. Values are compared exactly with the figures
/// kpi.csv prints.
public struct KPITargets: Sendable {
    /// The file's name as the reports cite it (the last path component: no local folders).
    public var fileName: String
    /// KPI id → its rule, and the ids in file order.
    public var rules: [String: KPITargetRule]
    public var order: [String]

    public init(fileName: String, rules: [KPITargetRule]) {
        self.fileName = fileName
        self.rules = Dictionary(rules.map { ($0.definition.id, $0) }, uniquingKeysWith: { a, _ in a })
        order = rules.map(\.definition.id)
    }

    /// The light of a KPI's printed value for a group of dealers; nil when the KPI has no
    /// target or the value is n/a.
    public func light(of value: String?, kpi definition: KPIDefinition, dealers: [Dealer]) -> TrafficLight? {
        guard let value, let rule = rules[definition.id], let number = TargetDecimal(value) else { return nil }
        return rule.threshold(for: dealers).threshold.light(of: number, direction: definition.direction)
    }

    /// The light and the threshold that gave it (for a tooltip), or nil as `light(of:…)`.
    public func evaluation(of value: String?, kpi definition: KPIDefinition, dealers: [Dealer])
        -> (light: TrafficLight, threshold: KPIThreshold, scope: KPITargetRule.Scope)?
    {
        guard let value, let rule = rules[definition.id], let number = TargetDecimal(value) else { return nil }
        let (threshold, scope) = rule.threshold(for: dealers)
        guard let light = threshold.light(of: number, direction: definition.direction) else { return nil }
        return (light, threshold, scope)
    }

    /// The rules in file order.
    public var orderedRules: [KPITargetRule] { order.compactMap { rules[$0] } }

    /// Only the rules of `ids` (the KPIs a report shows, e.g. under `--kpi`), in file order:
    /// what a footnote or the `targets` sheet states.
    public func restricted(to ids: Set<String>) -> KPITargets {
        var copy = self
        copy.order = order.filter(ids.contains)
        copy.rules = rules.filter { ids.contains($0.key) }
        return copy
    }
}
