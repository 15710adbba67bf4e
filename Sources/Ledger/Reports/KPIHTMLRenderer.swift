/// kpi.html: one self-contained, printable page (inline CSS and SVG, no scripts, no network).
///
/// Every value is escaped with `HTMLEscape.escape`. The page shows the headline KPIs with the
/// previous period, a year earlier and a 13-month trend; each dealer beside its region and
/// the network; every KPI row; vehicle logistics; the technicians; salespeople and advisors;
/// complaints; the exception lists; and footnotes stating
/// the definition choices.
public struct KPIHTMLRenderer: Sendable {
    /// Rows of each exception list shown in the page (the CSV has them all).
    public var exceptionRowLimit: Int

    public init(exceptionRowLimit: Int = 25) { self.exceptionRowLimit = exceptionRowLimit }

    /// The page of `report`. `title` (escaped here) names what the page covers, e.g. a
    /// bundle's region or dealer and the period; `levels` are reports of the same period
    /// at coarser levels whose rows follow the report's in "All KPIs" (a bundle's region and
    /// network rows).
    public func render(_ report: KPIReport, title: String? = nil, comparedWith levels: [KPIReport] = []) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(title ?? "KPI report \(report.period)"))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(e(title ?? "Dealer KPI report — \(report.period)"))</h1>\n"
        out += "<p class=\"meta\">Period \(e(report.period.start.description)) to \(e(report.period.end.description)) (\(report.period.days) days) · "
        out += "previous \(e(range(report.previousPeriod))) · a year earlier \(e(range(report.yearEarlierPeriod)))</p>\n"
        out += "<p class=\"meta\">\(report.dealers.count) dealers · grouped by \(e(report.groupBy.rawValue)) · data "
        out += "\(badge(report.coverage.status(of: report.dealers.map(\.code))))</p>\n</header>\n"
        out += headlines(report)
        out += comparisons(report)
        out += financeSection(report)
        out += allRows(report, comparedWith: levels)
        out += logisticsSection(report)
        out += technicians(report)
        out += peopleSection(report)
        out += complaintsSection(report)
        out += exceptions(report)
        out += footnotes(report)
        out += "</body>\n</html>\n"
        return out
    }

    func e(_ text: String) -> String { HTMLEscape.escape(text) }

    /// A coverage label (complete, partial, none) coloured by its status.
    func badge(_ status: CoverageStatus) -> String {
        "<span class=\"coverage \(status.rawValue)\">\(e(status.rawValue))</span>"
    }

    /// A dealer's coverage with its data-through date and the feeds behind, for the dealer table.
    func coverageCell(_ coverage: DealerCoverage?) -> String {
        guard let coverage else { return badge(.none) }
        var out = badge(coverage.status)
        if let through = coverage.dataThrough { out += "<span class=\"sub\">data through \(e(through.description))</span>" }
        let late = coverage.lateFeeds.map { "\($0.feed) through \($0.dataThrough)" }
        if !late.isEmpty { out += "<span class=\"sub\">late: \(e(late.joined(separator: ", ")))</span>" }
        if coverage.periodOpen { out += "<span class=\"sub\">period not ended</span>" }
        if coverage.status == .none { out += "<span class=\"sub\">no activity in the period</span>" }
        return out
    }

    func range(_ period: ReportingPeriod) -> String { "\(period.start) to \(period.end)" }

    func value(_ text: String?, _ unit: KPIUnit) -> String {
        let shown = DisplayValue.text(text, unit: unit)
        return text == nil ? "<span class=\"na\">n/a</span>" : e(shown)
    }

    /// "+2.1 pts" style change against a comparison value, coloured by direction.
    func change(_ current: String?, _ other: String?, _ definition: KPIDefinition) -> String {
        guard let a = current.flatMap(Double.init), let b = other.flatMap(Double.init) else { return "" }
        let delta = a - b
        let text: String
        if definition.unit == .rate {
            text = ExactDecimal.approximate(delta * 100, places: 1) + " pts"
        } else if b != 0 {
            text = ExactDecimal.approximate(delta / abs(b) * 100, places: 1) + "%"
        } else {
            return ""
        }
        let signed = delta > 0 ? "+" + text : text.replacingMinus()
        let good: String
        switch definition.direction {
        case .neutral: good = "flat"
        case .higherIsBetter: good = delta > 0 ? "up" : delta < 0 ? "down" : "flat"
        case .lowerIsBetter: good = delta < 0 ? "up" : delta > 0 ? "down" : "flat"
        }
        return " <span class=\"\(good)\">(\(e(signed)))</span>"
    }

    func headlines(_ report: KPIReport) -> String {
        var out = "<section id=\"headlines\">\n<h2>Headline KPIs</h2>\n<div class=\"cards\">\n"
        for row in report.headlines {
            let definition = row.definition
            out += "<div class=\"card\" data-kpi=\"\(e(definition.id))\">\n"
            out += "<div class=\"name\">\(e(definition.title))</div>\n"
            out += "<div class=\"value\">\(value(row.current.value, definition.unit))</div>\n"
            out += "<div class=\"compare\">previous: \(value(row.previous.value, definition.unit))\(change(row.current.value, row.previous.value, definition))"
            out += " · last year: \(value(row.yearEarlier.value, definition.unit))\(change(row.current.value, row.yearEarlier.value, definition))</div>\n"
            if let points = report.trends[definition.id], !points.isEmpty {
                out += TrendChart.svg(points: points, unit: definition.unit, title: definition.title)
            }
            out += "</div>\n"
        }
        out += "</div>\n</section>\n"
        return out
    }

    func comparisons(_ report: KPIReport) -> String {
        let headlines = report.catalogue.headlines
        var out = "<section id=\"dealers\">\n<h2>Each dealer beside its region and the network</h2>\n"
        out += "<p class=\"note\">Each cell: the dealer's value; below it, its region's (R) and the network's (N).</p>\n"
        out += "<table>\n<thead><tr><th>Dealer</th><th>Region</th><th>Coverage</th>"
        for definition in headlines { out += "<th class=\"num\">\(e(definition.title))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for comparison in report.comparisons {
            out += "<tr><td>\(e(comparison.dealer.code))<span class=\"sub\">\(e(comparison.dealer.name))</span></td><td>\(e(comparison.dealer.region))</td>"
            out += "<td>\(coverageCell(report.coverage.dealers[comparison.dealer.code]))</td>"
            for definition in headlines {
                let values = comparison.values[definition.id] ?? [nil, nil, nil]
                out += "<td class=\"num\">\(value(values[0], definition.unit))"
                out += "<span class=\"sub\">R \(value(values[1], definition.unit)) · N \(value(values[2], definition.unit))</span></td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    func allRows(_ report: KPIReport, comparedWith levels: [KPIReport] = []) -> String {
        var out = "<section id=\"kpis\">\n<h2>All KPIs by \(e(report.groupBy.rawValue))</h2>\n"
        for (level, group) in ([report] + levels).flatMap({ level in level.groups.map { (level, $0) } }) {
            let label = level.groupBy == report.groupBy || group.key == level.groupBy.rawValue ? "" : level.groupBy.rawValue + " "
            out += "<h3>\(e(label + (group.key == group.name ? group.key : "\(group.key) · \(group.name)"))) \(badge(level.coverage(of: group)))</h3>\n"
            out += "<table>\n<thead><tr><th>KPI</th><th class=\"num\">Value</th><th class=\"num\">Numerator</th>"
            out += "<th class=\"num\">Denominator</th><th class=\"num\">Previous</th><th class=\"num\">Last year</th></tr></thead>\n<tbody>\n"
            for row in level.rows where row.group == group {
                let unit = row.definition.unit
                out += "<tr><td>\(e(row.definition.id))</td><td class=\"num\">\(value(row.current.value, unit))</td>"
                out += "<td class=\"num\">\(e(row.current.numerator ?? ""))</td><td class=\"num\">\(e(row.current.denominator ?? ""))</td>"
                out += "<td class=\"num\">\(value(row.previous.value, unit))</td><td class=\"num\">\(value(row.yearEarlier.value, unit))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"
        return out
    }

    func technicians(_ report: KPIReport) -> String {
        var out = "<section id=\"technicians\">\n<h2>Technicians</h2>\n"
        guard !report.technicians.isEmpty else { return out + "<p class=\"note\">No technician activity in the period.</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th>Dealer</th><th>Technician</th><th class=\"num\">Sold h</th><th class=\"num\">Clocked h</th>"
        out += "<th class=\"num\">Present h</th><th class=\"num\">Efficiency</th><th class=\"num\">Productivity</th>"
        out += "<th class=\"num\">Proficiency</th><th class=\"num\">Comebacks</th></tr></thead>\n<tbody>\n"
        for tech in report.technicians {
            out += "<tr><td>\(e(tech.dealer))</td><td>\(e(tech.technicianID))</td>"
            for hours in [tech.soldHours, tech.clockedHours, tech.hoursPresent] {
                out += "<td class=\"num\">\(e(ExactDecimal.quotient(hours, over: 10_000, places: 2) ?? ""))</td>"
            }
            for rate in [tech.efficiency, tech.productivity, tech.proficiency] { out += "<td class=\"num\">\(value(rate, .rate))</td>" }
            out += "<td class=\"num\">\(tech.comebacks)</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    func exceptions(_ report: KPIReport) -> String {
        var out = "<section id=\"exceptions\">\n<h2>Exceptions as of \(e(report.period.end.description))</h2>\n"
        for list in report.exceptions {
            out += "<h3 id=\"\(e(list.id))\">\(e(list.title)) (\(list.rows.count))</h3>\n<p class=\"note\">\(e(list.rule))</p>\n"
            guard !list.rows.isEmpty else {
                out += "<p class=\"note\">None.</p>\n"
                continue
            }
            out += "<table>\n<thead><tr>"
            for column in list.columns { out += "<th\(column.isNumber ? " class=\"num\"" : "")>\(e(column.name))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for row in list.rows.prefix(exceptionRowLimit) {
                out += "<tr>"
                for (column, cell) in zip(list.columns, row.cells) {
                    let shown = column.isNumber ? cell.map(DisplayValue.grouped) : cell
                    out += "<td\(column.isNumber ? " class=\"num\"" : "")>\(e(shown ?? ""))</td>"
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n"
            if list.rows.count > exceptionRowLimit {
                out += "<p class=\"note\">\(list.rows.count - exceptionRowLimit) more in exceptions/\(e(list.id)).csv</p>\n"
            }
        }
        out += "</section>\n"
        return out
    }

    func footnotes(_ report: KPIReport) -> String {
        let options = report.options
        let notes = [
            "Comebacks: RO B is a comeback when comeback_flag is set, comeback_of_ro is set, or another non-void RO of the same VIN (any dealer, any type) was completed at most \(options.comebackDays) days (× 24 h) before B was opened"
                + (options.comebackMatch == .opcode ? " and shares a non-empty labor op code with B" : " (any earlier RO matches, op codes ignored)")
                + ". ROs of type internal and pdi are not counted. Comebacks are grouped by B's dealer and attributed to every technician on A's labor lines.",
            "Averaging: every group value is a ratio of sums (Σ numerator ÷ Σ denominator over the group's dealers), never an average of dealer ratios; medians and percentiles are taken over the pooled items, with linear interpolation between closest ranks. A zero denominator gives n/a.",
            "RO date basis: an RO is closed in the period when it is not void and its invoiced_at (the accounting posting date) falls in the period; repair cycle = completed_at − opened_at.",
            "Sales: an order is delivered in the period when its status is delivered and delivered_on falls in it. Prices exclude VAT.",
            "Stock: turnover and days supply use the stock at the end of each calendar day; a vehicle leaves stock at its first stocked_out or delivered after its stocked_in; parts are valued movement by movement at each movement's own unit cost.",
            "Comparisons: previous = the previous calendar \(kindName(report.period.kind)); last year = the same period a year earlier. Calendar days throughout. Values rounded half-even.",
            "Coverage: complete when every activity feed expected from a dealer (it sent rows dated in the 90 days before the end of the period) has data through no more than \(report.coverage.lateAfterDays) days before the end of the period; partial when one stops earlier or the period has not ended; none when the dealer has no activity row dated in the period. A group is the worst of its dealers. Values are computed either way.",
            "Dealers missing from the dealer master belong to no group. Personal data (customer names, phone numbers) is not shown; phone numbers are masked.",
        ]
        var out = "<section id=\"footnotes\">\n<h2>Definitions and choices</h2>\n<ol class=\"footnotes\">\n"
        for note in notes { out += "<li>\(e(note))</li>\n" }
        out += "</ol>\n</section>\n"
        return out
    }

    func kindName(_ kind: ReportingPeriod.Kind) -> String {
        switch kind {
        case .month: return "month"
        case .quarter: return "quarter"
        case .year: return "year"
        case .range: return "range of the same length"
        }
    }
}

extension String {
    fileprivate func replacingMinus() -> String { first == "-" ? "−" + dropFirst() : self }
}
