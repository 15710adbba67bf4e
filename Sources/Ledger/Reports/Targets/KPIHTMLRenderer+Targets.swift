/// kpi.html's traffic lights (`--targets`, docs/targets.md): the one value-cell function that
/// lights a current value, and the footnote with the rule and every threshold.
extension KPIHTMLRenderer {
    /// A current value as `value(_:_:)` shows it; with a target, wrapped in `t-green`,
    /// `t-amber` or `t-red` with its symbol (● ▲ ■) and the threshold in the tooltip.
    /// `dealers` are the group's: they choose the region or brand override.
    func lit(_ text: String?, _ definition: KPIDefinition, _ dealers: [Dealer]) -> String {
        let shown = value(text, definition.unit)
        guard let targets, let evaluation = targets.evaluation(of: text, kpi: definition, dealers: dealers) else { return shown }
        let light = evaluation.light
        let conditions = KPITargets.conditions(evaluation.threshold, definition)
        var tip = light.name[language] + l(" · target ", " · 目标 ") + conditions.green
        if conditions.amber != "—" { tip += l(", amber ", "，黄区 ") + conditions.amber }
        if evaluation.scope != .all { tip += l(" (", "（") + KPITargets.scopeName(evaluation.scope, language) + l(")", "）") }
        return "<span class=\"light t-\(light.rawValue)\" title=\"\(e(tip))\"><span class=\"sym\" aria-hidden=\"true\">\(light.symbol)</span>\(shown)</span>"
    }

    /// The footnote stating the rule and the targets of the KPIs the page shows (`shown`);
    /// nothing without targets or when none of those KPIs has one.
    func targetsFootnote(shown: Set<String>) -> String {
        guard let targets = targets?.restricted(to: shown), !targets.order.isEmpty else { return "" }
        var out = "<li id=\"targets\">\(e(targets.rule(language)))\n<ul class=\"targets\">\n"
        for rule in targets.orderedRules {
            let definition = rule.definition
            out += "<li>\(e(definition.name[language])) <span class=\"sub-id\">\(e(definition.id))</span>: "
            out += e(conditionsText(rule.threshold, definition))
            let overrides = rule.regionOrder.compactMap { name in rule.regions[name].map { (KPITargetRule.Scope.region(name), $0) } }
                + rule.brandOrder.compactMap { name in rule.brands[name].map { (KPITargetRule.Scope.brand(name), $0) } }
            for (scope, threshold) in overrides {
                out += e(l("; ", "；") + KPITargets.scopeName(scope, language) + l(": ", "：") + conditionsText(threshold, definition))
            }
            out += "</li>\n"
        }
        return out + "</ul></li>\n"
    }

    func conditionsText(_ threshold: KPIThreshold, _ definition: KPIDefinition) -> String {
        let c = KPITargets.conditions(threshold, definition)
        return "● \(c.green) · ▲ \(c.amber) · ■ \(c.red)"
    }
}
