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
        out += "  \"rows\": ["
        for (index, row) in report.rows.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"group_key\": \(JSONText.quoted(row.group.key)), \"group_name\": \(JSONText.quoted(row.group.name)), "
            out += "\"kpi\": \(JSONText.quoted(row.definition.id)), \"value\": \(number(row.current.value)), "
            out += "\"numerator\": \(number(row.current.numerator)), \"denominator\": \(number(row.current.denominator)), "
            out += "\"unit\": \(JSONText.quoted(row.definition.unit.rawValue)), \"value_prev\": \(number(row.previous.value)), "
            out += "\"value_yoy\": \(number(row.yearEarlier.value))}"
        }
        out += report.rows.isEmpty ? "]\n" : "\n  ]\n"
        out += "}\n"
        return out
    }
}
