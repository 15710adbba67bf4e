/// kpi.json: the rows of kpi.csv as an ordered JSON document, with the definition choices.
public enum KPIJSON {
    public static func render(_ report: KPIReport) -> String {
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
        for (index, row) in report.rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"group_key\": \(JSONText.quoted(row.group.key)), \"group_name\": \(JSONText.quoted(row.group.name)), "
            out += "\"kpi\": \(JSONText.quoted(row.definition.id)), \"value\": \(number(row.current.value)), "
            out += "\"numerator\": \(number(row.current.numerator)), \"denominator\": \(number(row.current.denominator)), "
            out += "\"unit\": \(JSONText.quoted(row.definition.unit.rawValue)), \"value_prev\": \(number(row.previous.value)), "
            out += "\"value_yoy\": \(number(row.yearEarlier.value)), \"coverage\": \(JSONText.quoted(report.coverage(of: row.group).rawValue))}"
        }
        out += report.rows.isEmpty ? "]\n" : "\n  ]\n"
        out += "}\n"
        return out
    }
}
