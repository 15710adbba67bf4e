/// The top of kpi.html: the title (period, grouping, filters), the provenance line (generated
/// at, tool version, data-through dates), the table of contents, and the heat map of dealers ×
/// headline KPIs with each dealer's rank in its region.
extension KPIHTMLRenderer {
    /// "KPI report · East China · 2026-10 · by dealer": the filters (regions, brands, dealers
    /// by name), the period and the grouping.
    func pageTitle(_ report: KPIReport) -> String {
        var parts = [l("KPI report", "经营指标报告")]
        let selection = report.selection
        let separator = l(", ", "、")
        if !selection.regions.isEmpty { parts.append(selection.regions.joined(separator: separator)) }
        if !selection.brands.isEmpty { parts.append(selection.brands.joined(separator: separator)) }
        if !selection.dealerCodes.isEmpty {
            let names = Dictionary(report.network.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
            if selection.dealerCodes.count > 3 {
                let count = DisplayValue.grouped(String(selection.dealerCodes.count))
                parts.append(l("\(count) dealers", "\(count) 家经销商"))
            } else {
                parts.append(selection.dealerCodes.map { names[$0].flatMap { $0.isEmpty ? nil : $0 } ?? $0 }.joined(separator: separator))
            }
        }
        parts.append(report.period.description)
        parts.append(groupingPhrase(report.groupBy))
        return parts.joined(separator: " · ")
    }

    /// "by dealer" / "按经销商"; the network as "network" / "全网汇总".
    func groupingPhrase(_ level: GroupBy) -> String {
        switch level {
        case .network: return l("network", "全网汇总")
        case .dealer, .region, .brand: return l("by \(groupName(level))", "按\(groupName(level))")
        }
    }

    /// Generated at, tool version, and each dealer's data-through date (dealers sharing a date
    /// together, the latest date first).
    func provenance(_ report: KPIReport) -> String {
        var out = "<p class=\"meta\" id=\"provenance\">"
        if let generatedAt { out += l("Generated ", "生成时间 ") + e(generatedAt) + " · " }
        out += l("Ledger ", "Ledger 版本 ") + e(toolVersion) + "</p>\n"
        var byDate: [String: [Dealer]] = [:]
        for dealer in report.dealers {
            let through = report.coverage.dealers[dealer.code]?.dataThrough?.description ?? ""
            byDate[through, default: []].append(dealer)
        }
        guard !byDate.isEmpty else { return out }
        let dates = byDate.keys.sorted { ($0.isEmpty ? 1 : 0, $1) < ($1.isEmpty ? 1 : 0, $0) }
        let items = dates.map { date -> String in
            let dealers = byDate[date] ?? []
            let label = date.isEmpty ? l("no data", "无数据") : date
            let who =
                dealers.count == report.dealers.count && dealers.count > 1
                ? l("all \(DisplayValue.grouped(String(dealers.count))) dealers", "全部 \(DisplayValue.grouped(String(dealers.count))) 家经销商")
                : dealers.count > 8
                    ? l("\(DisplayValue.grouped(String(dealers.count))) dealers", "\(DisplayValue.grouped(String(dealers.count))) 家经销商")
                    : dealers.map(\.displayName).joined(separator: l(", ", "、"))
            return "<span class=\"through\">" + e(label) + l(": ", "：") + e(who) + "</span>"
        }
        out += "<p class=\"meta\" id=\"data-through\">" + l("Data through ", "数据截至 ") + items.joined(separator: " · ") + "</p>\n"
        return out
    }

    /// The table of contents: a link to every section on the page, with the section's own heading.
    func tableOfContents(_ sections: [String]) -> String {
        var items: [String] = []
        for section in sections {
            guard let id = section.between("<section id=\"", "\""), let heading = section.between("<h2>", "</h2>") else { continue }
            // The heading is already escaped; the id is one of the renderer's fixed names.
            items.append("<li><a href=\"#\(id)\">\(heading)</a></li>")
        }
        guard !items.isEmpty else { return "" }
        return "<nav id=\"contents\" aria-label=\"\(l("Contents", "目录"))\"><h2 class=\"toc\">\(l("Contents", "目录"))</h2>\n<ol class=\"toc\">"
            + items.joined() + "</ol>\n</nav>\n"
    }

    /// Dealers × headline KPIs: each value coloured by its quartile among all the network's
    /// dealers (direction-aware: quartile 1 is always the best, always the same colour), and
    /// below it the dealer's rank within its region (ties equal).
    func heatMap(_ report: KPIReport) -> String {
        let headlines = report.headlines.map(\.definition)
        guard !headlines.isEmpty, !report.dealers.isEmpty else { return "" }
        var out = "<section id=\"heatmap\">\n<h2>\(l("Dealers at a glance: quartile in the network, rank in the region", "经销商一览：全网四分位与区域内排名"))</h2>\n"
        out += "<p class=\"note\">" + e(l(
            "Each value is coloured by its quartile among the network's \(DisplayValue.grouped(String(report.network.count))) dealers, "
                + "the best quarter always dark blue whichever way the KPI is better; below it, the dealer's rank in its region "
                + "(1 = best; equal values share a rank). KPIs without a better direction are not coloured and rank from the highest.",
            "每个值按其在全网 \(DisplayValue.grouped(String(report.network.count))) 家经销商中的四分位着色，无论指标以高为好还是以低为好，"
                + "最好的四分之一始终为深蓝；下方为该经销商在所在区域内的排名（1 = 最好；数值相同则名次相同）。无好坏方向的指标不着色，按数值从高到低排名。"))
            + "</p>\n"
        out += ReportStyle.legend([
            (ReportStyle.quartileColours[0], l("best quarter (Q1)", "最好的四分之一（Q1）")), (ReportStyle.quartileColours[1], "Q2"),
            (ReportStyle.quartileColours[2], "Q3"), (ReportStyle.quartileColours[3], l("worst quarter (Q4)", "最差的四分之一（Q4）")),
            (ReportStyle.noValueColour, l("n/a: no value, not ranked", "无：无数值，不参与排名")),
        ])
        out += "<table class=\"heatmap\">\n<thead><tr><th>\(l("Dealer", "经销商"))</th><th>\(l("Region", "区域"))</th>"
        for definition in headlines { out += "<th class=\"num\" title=\"\(e(definition.id))\">\(e(definition.name[language]))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        var networkNumbers: [String: [Double]] = [:]
        var regionNumbers: [String: [String: [Double]]] = [:]
        for definition in headlines {
            let values = report.networkValues[definition.id] ?? [:]
            for dealer in report.network {
                guard let number = values[dealer.code].flatMap(Double.init) else { continue }
                networkNumbers[definition.id, default: []].append(number)
                regionNumbers[definition.id, default: [:]][dealer.region, default: []].append(number)
            }
        }
        for dealer in report.dealers {
            out += "<tr data-dealer=\"\(e(dealer.code))\"><td>\(dealerLabel(dealer))</td><td>\(e(dealer.region))</td>"
            for definition in headlines {
                let text = report.networkValues[definition.id]?[dealer.code]
                guard let text, let number = Double(text) else {
                    out += valueCell(nil, definition, classes: ["heat", "qna"], below: l("not ranked", "未排名"))
                    continue
                }
                let rank = NetworkStanding.rank(of: number, among: regionNumbers[definition.id]?[dealer.region] ?? [], direction: definition.direction)
                let rankText = "\(DisplayValue.grouped(String(rank.rank)))/\(DisplayValue.grouped(String(rank.of)))"
                let below = "<span class=\"rank\" data-rank=\"\(rankText)\">\(e(l("rank \(rankText) in region", "区域内第 \(rankText)")))</span>"
                if definition.direction == .neutral {
                    out += valueCell(text, definition, classes: ["heat", "qn"], below: below, escapedBelow: true)
                } else {
                    let quartile = NetworkStanding.quartile(of: number, among: networkNumbers[definition.id] ?? [], direction: definition.direction) ?? 4
                    out += valueCell(
                        text, definition, classes: ["heat", "q\(quartile)"], attributes: " data-quartile=\"\(quartile)\"", below: below,
                        escapedBelow: true)
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    /// An employee by name with the id below (the id alone when the employees feed has no name).
    func staffLabel(_ report: KPIReport, dealer: String, id: String) -> String {
        guard let name = report.staffNames[KPIEngine.staffKey(dealer, id)] else { return e(id) }
        return "\(e(name))<span class=\"sub\">\(e(id))</span>"
    }

    /// A dealer's name with its code below (the code alone when the name is empty).
    func dealerLabel(_ dealer: Dealer) -> String {
        dealer.name.isEmpty ? e(dealer.code) : "\(e(dealer.name))<span class=\"sub\">\(e(dealer.code))</span>"
    }

    /// The one place a KPI value becomes a table cell (`<td class="num …">`): the value for its
    /// unit, escaped, n/a when absent, and an optional line below. Everything that marks a
    /// value (the heat map's quartile, a target's traffic light) adds its class here.
    /// `below` is text (escaped here) unless `escapedBelow` says it is already markup.
    func valueCell(
        _ text: String?, _ definition: KPIDefinition, classes: [String] = [], attributes: String = "", below: String = "",
        escapedBelow: Bool = false, litFor dealers: [Dealer]? = nil
    ) -> String {
        let shown = dealers.map { lit(text, definition, $0) } ?? value(text, definition.unit)
        var out = "<td class=\"\((["num"] + classes).joined(separator: " "))\"\(attributes)>\(shown)"
        if !below.isEmpty { out += "<span class=\"sub\">\(escapedBelow ? below : e(below))</span>" }
        return out + "</td>"
    }
}

extension Dealer {
    /// The dealer's name, or its code when the master data has no name.
    var displayName: String { name.isEmpty ? code : name }
}

extension String {
    /// The text between the first `start` and the next `end` after it.
    fileprivate func between(_ start: String, _ end: String) -> String? {
        guard let open = range(of: start), let close = self[open.upperBound...].range(of: end) else { return nil }
        return String(self[open.upperBound..<close.lowerBound])
    }
}
