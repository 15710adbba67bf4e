/// The catalogue as text (`dms-report catalogue`) and as Markdown (docs/kpis.md).
public enum KPICatalogueText {
    /// One block per KPI (id, unit, direction, then name and definition in English and in
    /// Chinese), then the units and the exception lists with their columns.
    public static func plain(_ catalogue: KPICatalogue, lists: [ExceptionList.Definition] = ExceptionList.Definition.standard) -> String {
        var blocks = catalogue.definitions.map { definition in
            "\(definition.id)  [\(definition.unit.rawValue), \(direction(definition.direction))]\n"
                + "  \(definition.name.en): \(definition.summary.en)\n  \(definition.name.zh)：\(definition.summary.zh)\n"
        }
        blocks.append(
            "Units / 单位\n" + KPIUnit.allCases.map { unit in
                "  \(unit.rawValue): \(unit.name.en) — \(unit.summary.en) / \(unit.name.zh)：\(unit.summary.zh)\n"
            }.joined())
        for list in lists {
            var block = "exceptions/\(list.id).csv\n  \(list.name.en): \(list.summary.en)\n  \(list.name.zh)：\(list.summary.zh)\n"
            for column in list.columns {
                block += "    \(column.name): \(column.label.en) — \(column.summary.en) / \(column.label.zh)：\(column.summary.zh)\n"
            }
            blocks.append(block)
        }
        return blocks.joined(separator: "\n")
    }

    /// The header of `dms-report catalogue --format csv`.
    public static let csvHeader = ["id", "family", "unit", "name_zh", "name_en", "definition_zh", "definition_en"]

    /// The catalogue as CSV (UTF-8 with BOM, CRLF, like kpi.csv): a row per KPI (family = its
    /// family), then a row per unit (`unit.<unit>`, family `unit`), per exception list
    /// (`exceptions.<list>`, family `exception_list`) and per list column
    /// (`exceptions.<list>.<column>`, family `exception_column`).
    public static func csv(_ catalogue: KPICatalogue, lists: [ExceptionList.Definition] = ExceptionList.Definition.standard) -> String {
        let writer = CSVWriter()
        func line(_ id: String, _ family: String, _ unit: String, _ name: LocalizedText, _ summary: LocalizedText) -> String {
            writer.line([id, family, unit, name.zh, name.en, summary.zh, summary.en].map { CSVWriter.Cell.text($0) })
        }
        var out = KPITables.byteOrderMark + writer.line(csvHeader)
        for definition in catalogue.definitions {
            out += line(definition.id, definition.family.rawValue, definition.unit.rawValue, definition.name, definition.summary)
        }
        for unit in KPIUnit.allCases { out += line("unit.\(unit.rawValue)", "unit", unit.rawValue, unit.name, unit.summary) }
        for list in lists {
            out += line("exceptions.\(list.id)", "exception_list", "", list.name, list.summary)
            for column in list.columns {
                out += line("exceptions.\(list.id).\(column.name)", "exception_column", "", column.label, column.summary)
            }
        }
        return out
    }

    static func direction(_ direction: KPIDirection) -> String {
        switch direction {
        case .higherIsBetter: return "higher is better"
        case .lowerIsBetter: return "lower is better"
        case .neutral: return "neutral"
        }
    }

    /// docs/kpis.md, generated; a test checks the committed file equals this.
    public static func markdown(_ catalogue: KPICatalogue) -> String {
        var out = """
            # KPI catalogue

            Generated from `KPICatalogue.standard` (`dms-report catalogue`); do not edit by hand —
            a test compares this file with the catalogue. The rules behind every KPI (period,
            groups, ratio of sums, null for a zero denominator, percentiles, rounding) are in the
            specification, `kpis.md` section 1. Finance KPIs (`finance.*`) come from the journal
            (docs/chart-of-accounts.md, docs/finance.md). Every KPI, unit, exception list and column
            also has a one-line definition in Chinese and English: `dms-report catalogue` (text) and
            `dms-report catalogue --format csv`.

            Units and output precision: rate 4 decimals (a fraction), money / hours / days / turns /
            score / km / per_100 2 decimals, count an integer; numerator and denominator are printed
            exactly in their own units (money 2 decimals, hours and scores 4, kilometres whole).

            Choices where the specification is silent (logistics, staff, complaints):
            - `staff.turnover_rate`: the denominator (mean headcount) is printed with one decimal
              (`4.5`, `12.0`); groups add the two headcounts of every dealer before halving, so
              the rate re-aggregates as a ratio of sums.
            - `logistics.*` legs: of two `dispatched` / `in_transit` events at one instant the
              `in_transit` one is the later (event_type order), so its ETA and carrier win.
            - A complaint closed before it was opened (a data error) keeps its negative duration in
              the median and counts as closed within 48 h, as the definition reads; the rows are
              easy to find with `closed_at < opened_at`.
            - `parts.below_min_share` and `parts_below_min` read the current part master also for
              the previous period and a year earlier (the master is not historised).
            - Transit and PDI questions "as of the end of P" read `vehicle_logistics_intervals`
              (docs/schema.md), kept by triggers, so their cost does not grow with the history.

            """
        var family: KPIFamily?
        for definition in catalogue.definitions {
            if definition.family != family {
                family = definition.family
                out += "\n## \(definition.family.rawValue)\n\n| id | 名称 / name | unit | better | definition |\n|---|---|---|---|---|\n"
            }
            let cells = [
                "`\(definition.id)`" + (definition.isHeadline ? " ★" : ""), "\(definition.name.zh) / \(definition.name.en)", definition.unit.rawValue,
                direction(definition.direction), definition.definition,
            ].map { $0.replacingPipes() }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        out += "\n★ headline KPI: shown first in kpi.html with a 13-month trend.\n"
        return out
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for character in self { out += character == "|" ? "\\|" : String(character) }
        return out
    }
}
