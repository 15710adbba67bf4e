/// The logistics, people and complaints sections of kpi.html (kpis.md 11–14).
extension KPIHTMLRenderer {
    /// One table of a family's KPIs: a row per group, the previous period and a year earlier
    /// below each value.
    func familyTable(_ report: KPIReport, ids: [String]) -> String {
        let present = Set(report.rows.map(\.definition.id))
        let definitions = ids.compactMap { report.catalogue.definition($0) }.filter { present.contains($0.id) }
        guard !definitions.isEmpty else { return "" }
        var figures: [String: [String: KPIRow]] = [:]
        let wanted = Set(ids)
        for row in report.rows where wanted.contains(row.definition.id) { figures[row.group.key, default: [:]][row.definition.id] = row }
        var out = "<table>\n<thead><tr><th>\(e(language == .en ? report.groupBy.rawValue.capitalized : groupName(report.groupBy)))</th>"
        for definition in definitions { out += "<th class=\"num\" title=\"\(e(definition.id))\">\(e(definition.name[language]))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for group in report.groups {
            out += "<tr><td>\(e(groupKey(group)))"
            if group.name != group.key { out += "<span class=\"sub\">\(e(group.name))</span>" }
            out += "</td>"
            for definition in definitions {
                guard let row = figures[group.key]?[definition.id] else {
                    out += "<td class=\"num\"></td>"
                    continue
                }
                out += valueCell(
                    row.current.value, definition,
                    below: "\(l("prev", "上期")) \(value(row.previous.value, definition.unit)) · \(l("LY", "去年")) \(value(row.yearEarlier.value, definition.unit))",
                    escapedBelow: true)
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// Links to the exception lists of a section.
    func listLinks(_ report: KPIReport, _ definitions: [ExceptionList.Definition]) -> String {
        let lists = definitions.compactMap { definition in report.exceptions.first { $0.id == definition.id } }
        guard !lists.isEmpty else { return "" }
        let items = lists.map { "<a href=\"#\(e($0.id))\">\(e($0.definition.name[language]))</a> (\(DisplayValue.grouped(String($0.rows.count))))" }
        return "<p class=\"note\">\(e(l("Lists as of \(report.period.end): ", "截至 \(report.period.end) 的清单：")))\(items.joined(separator: " · "))</p>\n"
    }

    func logisticsSection(_ report: KPIReport) -> String {
        let ids = selectedIDs(report, family: .logistics)
        guard !ids.isEmpty else { return "" }
        var out = "<section id=\"logistics\">\n<h2>\(l("Vehicle logistics (储运)", "整车储运"))</h2>\n<p class=\"note\">"
        out += l("In transit and without certificate: as of the end of the period. Transit time, late and damaged arrivals: "
            + "arrivals in the period. PDI first pass: rounds starting in the period. Freight: dispatches in the period.",
            "在途与缺合格证：截至期末。在途时长、延迟及质损：按本期到店车辆。PDI 一次合格：本期开始的检查轮次。运费：本期发运。") + "</p>\n"
        out += familyTable(report, ids: ids)
        out += listLinks(report, [.vehiclesInTransitOverdue, .certificatesMissing, .pdiFailedOpen])
        out += "</section>\n"
        return out
    }

    func peopleSection(_ report: KPIReport) -> String {
        var out = "<section id=\"people\">\n<h2>\(l("People", "人员"))</h2>\n"
        let staff = selectedIDs(report, family: .staff)
        if !staff.isEmpty {
            out += "<h3>\(l("Headcount and turnover", "在职人数与流失率"))</h3>\n"
            out += "<p class=\"note\">\(l("Headcount at the end of the period; turnover = leavers ÷ mean headcount, not annualised.", "期末在职人数；流失率 = 离职人数 ÷ 平均在职人数，未年化。"))</p>\n"
            out += familyTable(report, ids: staff)
        }
        // Salespeople and advisors are details: not computed with `--kpi`.
        guard report.includesDetails else { return staff.isEmpty ? "" : out + "</section>\n" }
        let names = dealerNames(report)
        out += "<h3 id=\"salespeople\">\(l("Salespeople", "销售顾问"))</h3>\n"
        if report.salespeople.isEmpty {
            out += "<p class=\"note\">\(l("No orders in the period.", "报告期内无订单。"))</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>\(l("Dealer", "经销商"))</th><th>\(l("Salesperson", "销售顾问"))</th><th class=\"num\">\(l("Retail units", "零售台数"))</th>"
            out += "<th class=\"num\">\(l("Front gross", "前端毛利"))</th><th class=\"num\">\(l("On-time delivery", "准时交车"))</th><th class=\"num\">\(l("Orders", "订单"))</th>"
            out += "<th class=\"num\">\(l("Cancellations", "取消"))</th></tr></thead>\n<tbody>\n"
            for person in report.salespeople {
                out += "<tr><td>\(e(names[person.dealer] ?? person.dealer))</td><td>\(person.salespersonID.isEmpty ? "<span class=\"na\">\(l("(none)", "（无）"))</span>" : staffLabel(report, dealer: person.dealer, id: person.salespersonID))</td>"
                out += "<td class=\"num\">\(number(String(person.retailUnits)))</td>"
                out += "<td class=\"num\">\(value(ExactDecimal.quotient(person.frontGross, over: 100, places: 2), .money))</td>"
                out += "<td class=\"num\">\(value(person.onTimeDeliveryRate, .rate))<span class=\"sub\">\(ofTotal(person.onTimeDeliveries, person.promisedDeliveries))</span></td>"
                out += "<td class=\"num\">\(number(String(person.orders)))</td><td class=\"num\">\(number(String(person.cancellations)))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<h3 id=\"advisors\">\(l("Service advisors", "服务顾问"))</h3>\n"
        if report.advisors.isEmpty {
            out += "<p class=\"note\">\(l("No ROs closed in the period.", "报告期内无结算工单。"))</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>\(l("Dealer", "经销商"))</th><th>\(l("Advisor", "服务顾问"))</th><th class=\"num\">\(l("ROs closed", "结算工单"))</th>"
            out += "<th class=\"num\">\(l("Labor sales", "工时销售额"))</th><th class=\"num\">\(l("Hours per RO", "单车工时"))</th>"
            out += "<th class=\"num\">\(l("Comeback rate", "返修率"))</th><th class=\"num\">\(l("CSI", "满意度"))</th></tr></thead>\n<tbody>\n"
            for advisor in report.advisors {
                out += "<tr><td>\(e(names[advisor.dealer] ?? advisor.dealer))</td><td>\(advisor.advisorID.isEmpty ? "<span class=\"na\">\(l("(none)", "（无）"))</span>" : staffLabel(report, dealer: advisor.dealer, id: advisor.advisorID))</td>"
                out += "<td class=\"num\">\(number(String(advisor.roClosed)))</td>"
                out += "<td class=\"num\">\(value(ExactDecimal.quotient(advisor.laborSales, over: 100, places: 2), .money))</td>"
                out += "<td class=\"num\">\(value(advisor.hoursPerRO, .hours))</td>"
                out += "<td class=\"num\">\(value(advisor.comebackRate, .rate))<span class=\"sub\">\(ofTotal(advisor.comebacks, advisor.comebackBase))</span></td>"
                let surveys = DisplayValue.grouped(String(advisor.csiSurveys))
                out += "<td class=\"num\">\(value(advisor.csiScore, .score))<span class=\"sub\">\(l("\(surveys) surveys", "\(surveys) 份调查"))</span></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<p class=\"note\">\(l("Technicians: see the technicians section; every figure is also in salespeople.csv, advisors.csv and technicians.csv.", "技师见技师一节；全部数据另见 salespeople.csv、advisors.csv 和 technicians.csv。"))</p>\n"
        out += "</section>\n"
        return out
    }

    func complaintsSection(_ report: KPIReport) -> String {
        let ids = selectedIDs(report, family: .crm)
        guard !ids.isEmpty else { return "" }
        var out = "<section id=\"complaints\">\n<h2>\(l("Customer complaints (客户投诉)", "客户投诉"))</h2>\n<p class=\"note\">"
        out += l("Opened in the period per 100 ROs closed in it; resolution, 48-hour closing and satisfaction over the "
            + "complaints closed in the period (a re-opened complaint is not closed).",
            "本期受理投诉按本期每百张结算工单计；处理时长、48 小时结案率与满意率按本期结案的投诉计（重新打开的投诉不算结案）。") + "</p>\n"
        out += familyTable(report, ids: ids)
        out += listLinks(report, [.complaintsOpenOver7Days])
        out += "</section>\n"
        return out
    }

    /// "3 of 12" with thousands separators.
    func ofTotal(_ part: Int64, _ whole: Int64) -> String {
        let (a, b) = (DisplayValue.grouped(String(part)), DisplayValue.grouped(String(whole)))
        return l("\(a) of \(b)", "\(a) / \(b)")
    }
}
