/// The rule of the traffic lights in words, for kpi.html's footnote and kpi.xlsx's
/// `targets` sheet, in both report languages.
extension KPITargets {
    /// The general rule, naming the targets file.
    public func rule(_ language: ReportLanguage) -> String {
        switch language {
        case .en:
            return "Targets from \(fileName): ● green = meets the target; ▲ amber = misses it by at most the amber band; "
                + "■ red = misses it by more. Where higher is better, green is ≥ target and amber ≥ target − band; where lower "
                + "is better, green is ≤ target and amber ≤ target + band (kpi.csv's values, compared exactly). A dealer, and "
                + "a group whose dealers all share one region, takes that region's override; else one brand's; else the KPI's "
                + "target (so the network takes the KPI's). n/a values have no light."
        case .zh:
            return "目标取自 \(fileName)：● 绿 = 达到目标；▲ 黄 = 未达目标但差距不超过黄区宽度；■ 红 = 差距超过黄区宽度。"
                + "越高越好的指标：≥ 目标为绿，≥ 目标 − 黄区为黄；越低越好的指标：≤ 目标为绿，≤ 目标 + 黄区为黄（按 kpi.csv 中的数值精确比较）。"
                + "经销商，以及全部经销商同属一个区域的组，采用该区域的覆盖值；否则采用同一品牌的覆盖值；否则采用该指标的目标（全网即采用指标目标）。"
                + "数值为“无”时不标颜色。"
        }
    }

    /// One threshold as the three conditions (`≥ 95.0%`, `≥ 93.0%`, `< 93.0%`).
    public static func conditions(_ threshold: KPIThreshold, _ definition: KPIDefinition) -> (green: String, amber: String, red: String) {
        let higher = definition.direction == .higherIsBetter
        let target = shown(threshold.target, definition.unit)
        let edge = threshold.amberEdge(definition.direction).map { shown($0, definition.unit) } ?? target
        let green = (higher ? "≥ " : "≤ ") + target
        let red = (higher ? "< " : "> ") + edge
        guard threshold.amber != TargetDecimal(mantissa: 0, places: 0) else { return (green, "—", (higher ? "< " : "> ") + target) }
        let amber = higher ? "\(edge) – \(target)" : "\(target) – \(edge)"
        return (green, amber, red)
    }

    /// A target as the reports show its unit: rates as exact percentages (0.025 → 2.5%).
    public static func shown(_ value: TargetDecimal, _ unit: KPIUnit) -> String {
        guard unit == .rate else { return DisplayValue.grouped(value.description) }
        let percent =
            value.places >= 2
            ? TargetDecimal(mantissa: value.mantissa, places: value.places - 2)
            : TargetDecimal(mantissa: value.mantissa * (value.places == 1 ? 10 : 100), places: 0)
        return DisplayValue.grouped(percent.description) + "%"
    }

    /// The scope of a threshold in words.
    public static func scopeName(_ scope: KPITargetRule.Scope, _ language: ReportLanguage) -> String {
        switch (scope, language) {
        case (.all, .en): return "all"
        case (.all, .zh): return "全部"
        case (.region(let name), .en): return "region \(name)"
        case (.region(let name), .zh): return "区域 \(name)"
        case (.brand(let name), .en): return "brand \(name)"
        case (.brand(let name), .zh): return "品牌 \(name)"
        }
    }

    /// Every threshold of the file, in file order: the KPI's own, then its region and brand overrides.
    public var thresholds: [(definition: KPIDefinition, scope: KPITargetRule.Scope, threshold: KPIThreshold)] {
        var out: [(definition: KPIDefinition, scope: KPITargetRule.Scope, threshold: KPIThreshold)] = []
        for rule in orderedRules {
            out.append((rule.definition, .all, rule.threshold))
            for name in rule.regionOrder { if let threshold = rule.regions[name] { out.append((rule.definition, .region(name), threshold)) } }
            for name in rule.brandOrder { if let threshold = rule.brands[name] { out.append((rule.definition, .brand(name), threshold)) } }
        }
        return out
    }
}
