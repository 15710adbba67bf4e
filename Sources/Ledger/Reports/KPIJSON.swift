/// kpi.json: the rows of kpi.csv as an ordered JSON document, with the definition choices.
/// Each row names its `group_by` (a bundle's kpi.json holds dealer, region and network rows).
public enum KPIJSON {
    public static func render(_ report: KPIReport) -> String { render(report, comparedWith: []) }

    /// The document of `report` whose rows are followed by those of `comparisons` (reports of
    /// the same period at coarser levels: a bundle's region and network rows).
    public static func render(_ report: KPIReport, comparedWith comparisons: [KPIReport]) -> String {
        func number(_ text: String?) -> String { text ?? "null" }
        var out = "{\n"
        out += "  \"period\": \(JSONText.quoted(report.period.description)),\n"
        out += "  \"period_start\": \(JSONText.quoted(report.period.start.description)),\n"
        out += "  \"period_end\": \(JSONText.quoted(report.period.end.description)),\n"
        out += "  \"previous_period\": [\(JSONText.quoted(report.previousPeriod.start.description)), \(JSONText.quoted(report.previousPeriod.end.description))],\n"
        out += "  \"year_earlier_period\": [\(JSONText.quoted(report.yearEarlierPeriod.start.description)), \(JSONText.quoted(report.yearEarlierPeriod.end.description))],\n"
        out += "  \"group_by\": \(JSONText.quoted(report.groupBy.rawValue)),\n"
        out += "  \"comeback_days\": \(report.options.comebackDays),\n"
        out += "  \"comeback_match\": \(JSONText.quoted(report.options.comebackMatch.rawValue)),\n"
        out += "  \"late_after_days\": \(report.coverage.lateAfterDays),\n"
        let coverage = report.dealers.compactMap { report.coverage.dealers[$0.code] }.map { dealer -> String in
            let feeds = dealer.feeds.map { "\(JSONText.quoted($0.feed)): \(JSONText.quoted($0.dataThrough.description))" }
            return "    {\"dealer_code\": \(JSONText.quoted(dealer.dealer)), \"coverage\": \(JSONText.quoted(dealer.status.rawValue)), "
                + "\"data_through\": \(dealer.dataThrough.map { JSONText.quoted($0.description) } ?? "null"), "
                + "\"feeds\": {\(feeds.joined(separator: ", "))}}"
        }
        out += "  \"coverage\": [" + (coverage.isEmpty ? "],\n" : "\n" + coverage.joined(separator: ",\n") + "\n  ],\n")
        out += "  \"rows\": ["
        let rows = ([report] + comparisons).flatMap { level in level.rows.map { (level, $0) } }
        for (index, (level, row)) in rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"group_by\": \(JSONText.quoted(level.groupBy.rawValue)), \"group_key\": \(JSONText.quoted(row.group.key)), \"group_name\": \(JSONText.quoted(row.group.name)), "
            out += "\"kpi\": \(JSONText.quoted(row.definition.id)), \"value\": \(number(row.current.value)), "
            out += "\"numerator\": \(number(row.current.numerator)), \"denominator\": \(number(row.current.denominator)), "
            out += "\"unit\": \(JSONText.quoted(row.definition.unit.rawValue)), \"value_prev\": \(number(row.previous.value)), "
            out += "\"value_yoy\": \(number(row.yearEarlier.value)), \"coverage\": \(JSONText.quoted(level.coverage(of: row.group).rawValue))}"
        }
        out += rows.isEmpty ? "]\n" : "\n  ]\n"
        out += "}\n"
        return out
    }
}
