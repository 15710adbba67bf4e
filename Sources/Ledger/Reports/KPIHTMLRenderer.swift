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
    /// The language of every label, heading and footnote (`--lang`); ids and CSVs stay canonical.
    public var language: ReportLanguage
    /// Targets that light the current values green, amber or red (`--targets`), if any.
    public var targets: KPITargets?
    /// When the page was made (passed in by the tool, never read from the clock here).
    public var generatedAt: String?
    /// The version of the tools that made the page.
    public var toolVersion: String

    public init(
        exceptionRowLimit: Int = 25, language: ReportLanguage = .zh, targets: KPITargets? = nil, generatedAt: String? = nil,
        toolVersion: String = LedgerVersion.current
    ) {
        self.exceptionRowLimit = exceptionRowLimit
        self.language = language
        self.targets = targets
        self.generatedAt = generatedAt
        self.toolVersion = toolVersion
    }

    /// The English or the Chinese text, as the page's language asks.
    func l(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    /// The page of `report`. `title` (escaped here) names what the page covers, e.g. a
    /// bundle's region or dealer and the period (default: `pageTitle`, from the report's
    /// period, grouping and filters); `levels` are reports of the same period at coarser
    /// levels whose rows follow the report's in "All KPIs" (a bundle's region and network rows).
    public func render(_ report: KPIReport, title: String? = nil, comparedWith levels: [KPIReport] = []) -> String {
        let heading = title ?? pageTitle(report)
        var out = "<!DOCTYPE html>\n<html lang=\"\(language.htmlCode)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(heading))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(e(heading))</h1>\n"
        out += "<p class=\"meta\">" + l("Period ", "报告期 ") + "\(e(report.period.start.description))" + l(" to ", " 至 ")
        out += "\(e(report.period.end.description)) (\(report.period.days)" + l(" days) · previous ", " 天) · 上期 ")
        out += "\(e(range(report.previousPeriod)))" + l(" · a year earlier ", " · 去年同期 ") + "\(e(range(report.yearEarlierPeriod)))</p>\n"
        out += "<p class=\"meta\">\(DisplayValue.grouped(String(report.dealers.count)))" + l(" dealers · grouped by ", " 家经销商 · 按") + e(groupName(report.groupBy))
        out += l(" · data ", "汇总 · 数据 ") + "\(badge(report.coverage.status(of: report.dealers.map(\.code))))</p>\n"
        out += provenance(report)
        out += "</header>\n"
        // Only the sections with data asked for: with `--kpi`, no empty families, people or lists.
        let sections = [
            headlines(report), heatMap(report), comparisons(report), financeSection(report), allRows(report, comparedWith: levels),
            logisticsSection(report), technicians(report), peopleSection(report), complaintsSection(report), exceptions(report),
            footnotes(report),
        ].filter { !$0.isEmpty }
        out += tableOfContents(sections)
        out += sections.joined()
        out += "</body>\n</html>\n"
        return out
    }

    /// The KPI ids of `family` the report holds rows for (with `--kpi`, only those asked for), in catalogue order.
    func selectedIDs(_ report: KPIReport, family: KPIFamily) -> [String] {
        let present = Set(report.rows.map(\.definition.id))
        return report.catalogue.definitions.filter { $0.family == family && present.contains($0.id) }.map(\.id)
    }

    func e(_ text: String) -> String { HTMLEscape.escape(text) }

    /// A coverage label (complete, partial, none) coloured by its status.
    func badge(_ status: CoverageStatus) -> String {
        let label: String
        switch status {
        case .complete: label = l("complete", "完整")
        case .partial: label = l("partial", "不完整")
        case .none: label = l("none", "无数据")
        }
        return "<span class=\"coverage \(status.rawValue)\">\(e(label))</span>"
    }

    /// The name of a grouping level.
    func groupName(_ level: GroupBy) -> String {
        switch level {
        case .dealer: return l("dealer", "经销商")
        case .region: return l("region", "区域")
        case .brand: return l("brand", "品牌")
        case .network: return l("network", "全网")
        }
    }

    /// A group's heading: its key, and its name when it differs (the network and a filtered
    /// selection by their name in the language).
    func groupTitle(_ group: KPIGroup) -> String {
        group.key == group.name ? groupKey(group) : "\(group.key) · \(group.name)"
    }

    /// A group's key; the network and a filtered selection by their name in the language.
    func groupKey(_ group: KPIGroup) -> String {
        guard group.key == group.name else { return group.key }
        switch group.key {
        case "network": return l("network", "全网")
        case "selection": return l("selection", "所选范围")
        default: return group.key
        }
    }

    /// A dealer's coverage with its data-through date and the feeds behind, for the dealer table.
    func coverageCell(_ coverage: DealerCoverage?) -> String {
        guard let coverage else { return badge(.none) }
        var out = badge(coverage.status)
        if let through = coverage.dataThrough { out += "<span class=\"sub\">\(l("data through", "数据截至")) \(e(through.description))</span>" }
        let late = coverage.lateFeeds.map { "\($0.feed)" + l(" through ", " 截至 ") + "\($0.dataThrough)" }
        if !late.isEmpty { out += "<span class=\"sub\">\(l("late: ", "延迟："))\(e(late.joined(separator: l(", ", "，"))))</span>" }
        if coverage.periodOpen { out += "<span class=\"sub\">\(l("period not ended", "报告期未结束"))</span>" }
        if coverage.status == .none { out += "<span class=\"sub\">\(l("no activity in the period", "报告期内无业务数据"))</span>" }
        return out
    }

    func range(_ period: ReportingPeriod) -> String { "\(period.start)" + l(" to ", " 至 ") + "\(period.end)" }

    func value(_ text: String?, _ unit: KPIUnit) -> String {
        let shown = DisplayValue.text(text, unit: unit)
        return text == nil ? "<span class=\"na\">\(l("n/a", "无"))</span>" : e(shown)
    }

    /// A numerator or denominator as printed in kpi.csv, with thousands separators.
    func number(_ text: String?) -> String { e(text.map(DisplayValue.grouped) ?? "") }

    /// "+2.1 pts" style change against a comparison value, coloured by direction.
    func change(_ current: String?, _ other: String?, _ definition: KPIDefinition) -> String {
        guard let a = current.flatMap(Double.init), let b = other.flatMap(Double.init) else { return "" }
        let delta = a - b
        let text: String
        if definition.unit == .rate {
            text = ExactDecimal.approximate(delta * 100, places: 1) + l(" pts", " 个百分点")
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
        guard !report.headlines.isEmpty else { return "" }
        var out = "<section id=\"headlines\">\n<h2>\(l("Headline KPIs", "核心指标"))</h2>\n<div class=\"cards\">\n"
        for row in report.headlines {
            let definition = row.definition
            out += "<div class=\"card\" data-kpi=\"\(e(definition.id))\">\n"
            out += "<div class=\"name\">\(e(definition.name[language]))</div>\n"
            out += "<div class=\"value\">\(lit(row.current.value, definition, report.dealers))</div>\n"
            out += "<div class=\"compare\">\(l("previous: ", "上期："))\(value(row.previous.value, definition.unit))\(change(row.current.value, row.previous.value, definition))"
            out += "\(l(" · last year: ", " · 去年同期："))\(value(row.yearEarlier.value, definition.unit))\(change(row.current.value, row.yearEarlier.value, definition))</div>\n"
            if let points = report.trends[definition.id], !points.isEmpty {
                let span = trendSpan(report.period.kind, count: points.count)
                out += TrendChart.svg(
                    points: points, unit: definition.unit, title: definition.name[language] + l(": trend over the last \(span)", "：近\(span)趋势"),
                    unitLabel: definition.unit.name[language], emptyText: l("no data in the last \(span)", "近\(span)无数据"))
            }
            out += "</div>\n"
        }
        out += "</div>\n</section>\n"
        return out
    }

    func comparisons(_ report: KPIReport) -> String {
        let headlines = report.headlines.map(\.definition)
        guard !headlines.isEmpty, !report.comparisons.isEmpty else { return "" }
        var out = "<section id=\"dealers\">\n<h2>\(l("Each dealer beside its region and the network", "各经销商与所在区域及全网对比"))</h2>\n"
        out += "<p class=\"note\">\(l("Each cell: the dealer's value; below it, its region's (R) and the network's (N).", "每格：经销商的值；下方为所在区域（区）与全网（网）的值。"))</p>\n"
        out += "<table>\n<thead><tr><th>\(l("Dealer", "经销商"))</th><th>\(l("Region", "区域"))</th><th>\(l("Coverage", "数据完整性"))</th>"
        for definition in headlines { out += "<th class=\"num\">\(e(definition.name[language]))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for comparison in report.comparisons {
            out += "<tr><td>\(dealerLabel(comparison.dealer))</td><td>\(e(comparison.dealer.region))</td>"
            out += "<td>\(coverageCell(report.coverage.dealers[comparison.dealer.code]))</td>"
            for definition in headlines {
                let values = comparison.values[definition.id] ?? [nil, nil, nil]
                out += valueCell(
                    values[0], definition,
                    below: "\(l("R", "区")) \(value(values[1], definition.unit)) · \(l("N", "网")) \(value(values[2], definition.unit))", escapedBelow: true,
                    litFor: [comparison.dealer])
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// Rows of each exception list a printed page keeps (the screen shows `exceptionRowLimit`).
    static let printedExceptionRows = 5

    /// At most this many groups get the side-by-side table of every KPI (one column each).
    static let sideBySideLimit = 8
    /// At most this many groups get a table of every KPI each: beyond, the page would be
    /// tens of megabytes (500 dealers × 135 KPIs) and nobody reads it; kpi.csv and kpi.xlsx
    /// hold every value.
    static let perGroupTableLimit = 30

    func allRows(_ report: KPIReport, comparedWith levels: [KPIReport] = []) -> String {
        var out = "<section id=\"kpis\">\n<h2>\(e(l("All KPIs by \(groupName(report.groupBy))", "按\(groupName(report.groupBy))的全部指标")))</h2>\n"
        let pairs = ([report] + levels).flatMap { level in level.groups.map { (level, $0) } }
        guard pairs.count <= Self.perGroupTableLimit else {
            let groups = DisplayValue.grouped(String(pairs.count))
            let values = DisplayValue.grouped(String(([report] + levels).reduce(0) { $0 + $1.rows.count }))
            out += "<p class=\"note\">" + e(l(
                "\(groups) groups: their \(values) values are in kpi.csv and kpi.xlsx; this page shows every KPI for up to \(Self.perGroupTableLimit) groups.",
                "共 \(groups) 组：全部 \(values) 个数值见 kpi.csv 与 kpi.xlsx；本页仅在不超过 \(Self.perGroupTableLimit) 组时列出全部指标。")) + "</p>\n"
            return out + "</section>\n"
        }
        let sideBySide = pairs.count <= Self.sideBySideLimit
        if sideBySide { out += allRowsSideBySide(report, pairs) }
        // With the side-by-side table, the per-group tables (numerators, denominators, previous
        // period, last year) are for the screen; the print keeps the one table.
        out += sideBySide ? "<div class=\"screen-only\">\n" : ""
        for (level, group) in pairs {
            let label = level.groupBy == report.groupBy || group.key == level.groupBy.rawValue ? "" : groupName(level.groupBy) + " "
            out += "<h3>\(e(label + groupTitle(group))) \(badge(level.coverage(of: group)))</h3>\n"
            let members = targets == nil ? [] : level.dealers.filter { group.dealerCodes.contains($0.code) }
            out += "<table>\n<thead><tr><th>\(l("KPI", "指标"))</th><th class=\"num\">\(l("Value", "本期值"))</th><th class=\"num\">\(l("Numerator", "分子"))</th>"
            out += "<th class=\"num\">\(l("Denominator", "分母"))</th><th class=\"num\">\(l("Previous", "上期"))</th><th class=\"num\">\(l("Last year", "去年同期"))</th></tr></thead>\n<tbody>\n"
            for row in level.rows where row.group == group {
                let unit = row.definition.unit
                out += "<tr><td title=\"\(e(row.definition.id))\">\(e(row.definition.name[language]))</td>\(valueCell(row.current.value, row.definition, litFor: members))"
                out += "<td class=\"num\">\(number(row.current.numerator))</td><td class=\"num\">\(number(row.current.denominator))</td>"
                out += "<td class=\"num\">\(value(row.previous.value, unit))</td><td class=\"num\">\(value(row.yearEarlier.value, unit))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += sideBySide ? "</div>\n" : ""
        out += "</section>\n"
        return out
    }

    /// The families with a section of their own (P&L, logistics, people, complaints): not
    /// repeated in the side-by-side table.
    static let familiesWithOwnSection: Set<KPIFamily> = [.finance, .logistics, .staff, .crm]

    /// Every KPI in a row, a column per group (up to `sideBySideLimit` groups): the groups
    /// compared at a glance, and what the print keeps. KPIs of families with their own
    /// section are shown there, not again here.
    func allRowsSideBySide(_ report: KPIReport, _ pairs: [(KPIReport, KPIGroup)]) -> String {
        var cells: [String: KPIRow] = [:]
        var order: [KPIDefinition] = []
        var seen: Set<String> = []
        for (index, (level, group)) in pairs.enumerated() {
            for row in level.rows where row.group == group && !Self.familiesWithOwnSection.contains(row.definition.family) {
                cells["\(index)\u{1F}\(row.definition.id)"] = row
                if seen.insert(row.definition.id).inserted { order.append(row.definition) }
            }
        }
        guard !order.isEmpty else { return "" }
        var out = "<p class=\"note\">\(l("Values side by side (P&L, logistics, people and complaints in their own sections); numerators, denominators, the previous period and last year of every KPI follow on screen and are in kpi.csv.", "各组数值并列（损益、储运、人员与投诉见各自章节）；每项指标的分子、分母、上期与去年同期见屏幕版下文及 kpi.csv。"))</p>\n"
        out += "<table class=\"side-by-side\">\n<thead><tr><th>\(l("KPI", "指标"))</th>"
        for (level, group) in pairs {
            let label = level.groupBy == report.groupBy || group.key == level.groupBy.rawValue ? "" : groupName(level.groupBy) + " "
            let dealer = level.groupBy == .dealer ? level.dealers.first { $0.code == group.key } : nil
            out += "<th class=\"num\">\(dealer.map(dealerLabel) ?? e(label + groupKey(group)))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        // Each column's dealers choose its targets' region or brand override.
        let members = pairs.map { level, group in targets == nil ? [] : level.dealers.filter { group.dealerCodes.contains($0.code) } }
        for definition in order {
            out += "<tr><td title=\"\(e(definition.id))\">\(e(definition.name[language]))</td>"
            for index in pairs.indices {
                if let row = cells["\(index)\u{1F}\(definition.id)"] {
                    out += valueCell(row.current.value, definition, litFor: members[index])
                } else {
                    out += "<td class=\"num\"></td>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    func technicians(_ report: KPIReport) -> String {
        guard report.includesDetails else { return "" }
        var out = "<section id=\"technicians\">\n<h2>\(l("Technicians", "技师"))</h2>\n"
        guard !report.technicians.isEmpty else {
            return out + "<p class=\"note\">\(l("No technician activity in the period.", "报告期内无技师作业。"))</p>\n</section>\n"
        }
        out += "<table>\n<thead><tr><th>\(l("Dealer", "经销商"))</th><th>\(l("Technician", "技师"))</th>"
        out += "<th class=\"num\">\(l("Sold h", "销售工时"))</th><th class=\"num\">\(l("Clocked h", "打卡工时"))</th>"
        out += "<th class=\"num\">\(l("Present h", "出勤工时"))</th><th class=\"num\">\(l("Efficiency", "效率"))</th>"
        out += "<th class=\"num\">\(l("Productivity", "生产率"))</th><th class=\"num\">\(l("Proficiency", "熟练度"))</th>"
        out += "<th class=\"num\">\(l("Comebacks", "返修"))</th></tr></thead>\n<tbody>\n"
        let names = dealerNames(report)
        for tech in report.technicians {
            out += "<tr><td>\(e(names[tech.dealer] ?? tech.dealer))</td><td>\(staffLabel(report, dealer: tech.dealer, id: tech.technicianID))</td>"
            for hours in [tech.soldHours, tech.clockedHours, tech.hoursPresent] {
                out += "<td class=\"num\">\(number(ExactDecimal.quotient(hours, over: 10_000, places: 2)))</td>"
            }
            for rate in [tech.efficiency, tech.productivity, tech.proficiency] { out += "<td class=\"num\">\(value(rate, .rate))</td>" }
            out += "<td class=\"num\">\(number(String(tech.comebacks)))</td></tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    func exceptions(_ report: KPIReport) -> String {
        guard report.includesDetails, !report.exceptions.isEmpty else { return "" }
        var out = "<section id=\"exceptions\">\n<h2>\(e(l("Exceptions as of \(report.period.end)", "截至 \(report.period.end) 的异常清单")))</h2>\n"
        for list in report.exceptions {
            out += "<h3 id=\"\(e(list.id))\">\(e(list.definition.name[language])) (\(DisplayValue.grouped(String(list.rows.count))))</h3>\n"
            out += "<p class=\"note\">\(e(list.definition.summary[language]))</p>\n"
            guard !list.rows.isEmpty else {
                out += "<p class=\"note\">\(l("None.", "无。"))</p>\n"
                continue
            }
            out += "<table>\n<thead><tr>"
            for column in list.columns {
                out += "<th\(column.isNumber ? " class=\"num\"" : "") title=\"\(e(column.name))\">\(e(column.label[language]))</th>"
            }
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
            if list.rows.count > Self.printedExceptionRows {
                out += "<p class=\"note print-only\">" + e(l("Printed: the first \(Self.printedExceptionRows) rows; all in exceptions/\(list.id).csv.", "打印版仅列前 \(Self.printedExceptionRows) 行；全部见 exceptions/\(list.id).csv。")) + "</p>\n"
            }
            if list.rows.count > exceptionRowLimit {
                let more = DisplayValue.grouped(String(list.rows.count - exceptionRowLimit))
                out += "<p class=\"note\">" + e(l("\(more) more in exceptions/\(list.id).csv", "另有 \(more) 行见 exceptions/\(list.id).csv")) + "</p>\n"
            }
        }
        out += "</section>\n"
        return out
    }

    func footnotes(_ report: KPIReport) -> String {
        let options = report.options
        let lateAfter = report.coverage.lateAfterDays
        let notes: [String]
        switch language {
        case .en:
            notes = [
                "Comebacks: RO B is a comeback when comeback_flag is set, comeback_of_ro is set, or another non-void RO of the same VIN (any dealer, any type) was completed at most \(options.comebackDays) days (× 24 h) before B was opened"
                    + (options.comebackMatch == .opcode ? " and shares a non-empty labor op code with B" : " (any earlier RO matches, op codes ignored)")
                    + ". ROs of type internal and pdi are not counted. Comebacks are grouped by B's dealer and attributed to every technician on A's labor lines.",
                "Averaging: every group value is a ratio of sums (Σ numerator ÷ Σ denominator over the group's dealers), never an average of dealer ratios; medians and percentiles are taken over the pooled items, with linear interpolation between closest ranks. A zero denominator gives n/a.",
                "RO date basis: an RO is closed in the period when it is not void and its invoiced_at (the accounting posting date) falls in the period; repair cycle = completed_at − opened_at.",
                "Sales: an order is delivered in the period when its status is delivered and delivered_on falls in it. Prices exclude VAT.",
                "Stock: turnover and days supply use the stock at the end of each calendar day; a vehicle leaves stock at its first stocked_out or delivered after its stocked_in; parts are valued movement by movement at each movement's own unit cost.",
                "Comparisons: previous = the previous calendar \(kindName(report.period.kind)); last year = the same period a year earlier. Calendar days throughout. Values rounded half-even.",
                "Coverage: complete when every activity feed expected from a dealer (it sent rows dated in the 90 days before the end of the period) has data through no more than \(lateAfter) days before the end of the period; partial when one stops earlier or the period has not ended; none when the dealer has no activity row dated in the period. A group is the worst of its dealers. Values are computed either way.",
                "Dealers missing from the dealer master belong to no group. Personal data (customer names, phone numbers) is not shown; phone numbers are masked.",
            ]
        case .zh:
            notes = [
                "返修：工单 B 设有返修标记（comeback_flag）或关联原工单（comeback_of_ro），或同一 VIN 的另一张非作废工单（任意经销商、任意类型）在 B 开单前不超过 \(options.comebackDays) 天（× 24 小时）完工"
                    + (options.comebackMatch == .opcode ? "且与 B 有相同的非空工时代码" : "（任意前次工单均匹配，不比较工时代码）")
                    + "时，B 计为返修。内部与 PDI 类型的工单不计。返修按 B 的经销商汇总，并计入原工单 A 各工时行的技师。",
                "汇总方式：各组的值均为“和之比”（组内经销商分子之和 ÷ 分母之和），不是经销商比率的平均；中位数和分位数取组内全部明细，相邻秩次线性插值。分母为零时显示“无”。",
                "工单日期口径：工单非作废且结算时间（invoiced_at，即会计过账日期）在报告期内，即为本期结算；维修周期 = 完工时间 − 开单时间。",
                "销售：订单状态为已交车且交车日期在报告期内，即为本期交车。价格不含增值税。",
                "库存：周转率与库存天数按每个自然日日终库存计算；车辆在入库后首次出库或交车时离开库存；配件按每笔出入库各自的单位成本计价。",
                "对比：上期 = 上一个自然\(kindName(report.period.kind))；去年同期 = 一年前的同一期间。全部按自然日计算，数值按银行家舍入。",
                "数据完整性：经销商在报告期末前 90 天内报送过的业务数据源，数据截至日距期末均不超过 \(lateAfter) 天时为“完整”；有数据源更早中断或报告期未结束时为“不完整”；报告期内无任何业务数据时为“无数据”。组取其经销商中最差者。无论完整与否，数值均照常计算。",
                "不在经销商主数据中的经销商不属于任何组。不显示个人信息（客户姓名、电话）；电话号码已脱敏。",
            ]
        }
        var out = "<section id=\"footnotes\">\n<h2>\(l("Definitions and choices", "定义与口径说明"))</h2>\n<ol class=\"footnotes\">\n"
        for note in notes { out += "<li>\(e(note))</li>\n" }
        out += targetsFootnote(shown: Set(report.rows.map(\.definition.id) + report.headlines.map(\.definition.id)))
        out += "</ol>\n</section>\n"
        return out
    }

    /// "13 months", "8 quarters", "5 years" (zh: "13 个月", …): the span of a trend of `count` points.
    func trendSpan(_ kind: ReportingPeriod.Kind, count: Int) -> String {
        switch kind {
        case .month, .range: return l("\(count) months", " \(count) 个月")
        case .quarter: return l("\(count) quarters", " \(count) 个季度")
        case .year: return l("\(count) years", " \(count) 年")
        }
    }

    /// Dealer code → name to show (the code when the dealer has no name).
    func dealerNames(_ report: KPIReport) -> [String: String] {
        Dictionary((report.network + report.dealers).map { ($0.code, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }

    func kindName(_ kind: ReportingPeriod.Kind) -> String {
        switch kind {
        case .month: return l("month", "月")
        case .quarter: return l("quarter", "季度")
        case .year: return l("year", "年")
        case .range: return l("range of the same length", "等长区间")
        }
    }
}

extension String {
    fileprivate func replacingMinus() -> String { first == "-" ? "−" + dropFirst() : self }
}
