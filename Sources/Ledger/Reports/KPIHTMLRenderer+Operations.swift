/// The logistics, people and complaints sections of kpi.html (kpis.md 11–14).
extension KPIHTMLRenderer {
    /// One table of a family's KPIs: a row per group, the previous period and a year earlier
    /// below each value.
    func familyTable(_ report: KPIReport, ids: [String]) -> String {
        let definitions = ids.compactMap { report.catalogue.definition($0) }
        guard !definitions.isEmpty else { return "" }
        var figures: [String: [String: KPIRow]] = [:]
        let wanted = Set(ids)
        for row in report.rows where wanted.contains(row.definition.id) { figures[row.group.key, default: [:]][row.definition.id] = row }
        var out = "<table>\n<thead><tr><th>\(e(report.groupBy.rawValue.capitalized))</th>"
        for definition in definitions { out += "<th class=\"num\">\(e(definition.title))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for group in report.groups {
            out += "<tr><td>\(e(group.key))"
            if group.name != group.key { out += "<span class=\"sub\">\(e(group.name))</span>" }
            out += "</td>"
            for definition in definitions {
                guard let row = figures[group.key]?[definition.id] else {
                    out += "<td class=\"num\"></td>"
                    continue
                }
                out += "<td class=\"num\">\(value(row.current.value, definition.unit))"
                out += "<span class=\"sub\">prev \(value(row.previous.value, definition.unit)) · LY \(value(row.yearEarlier.value, definition.unit))</span></td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// Links to the exception lists of a section.
    func listLinks(_ report: KPIReport, _ ids: [String]) -> String {
        let lists = ids.compactMap { id in report.exceptions.first { $0.id == id } }
        guard !lists.isEmpty else { return "" }
        let items = lists.map { "<a href=\"#\(e($0.id))\">\(e($0.title))</a> (\($0.rows.count))" }
        return "<p class=\"note\">Lists as of \(e(report.period.end.description)): \(items.joined(separator: " · "))</p>\n"
    }

    func logisticsSection(_ report: KPIReport) -> String {
        let ids = report.catalogue.definitions.filter { $0.family == .logistics }.map(\.id)
        guard !ids.isEmpty else { return "" }
        var out = "<section id=\"logistics\">\n<h2>Vehicle logistics (储运)</h2>\n"
        out += "<p class=\"note\">In transit and without certificate: as of the end of the period. Transit time, late and damaged arrivals: "
        out += "arrivals in the period. PDI first pass: rounds starting in the period. Freight: dispatches in the period.</p>\n"
        out += familyTable(report, ids: ids)
        out += listLinks(report, ["vehicles_in_transit_overdue", "certificates_missing", "pdi_failed_open"])
        out += "</section>\n"
        return out
    }

    func peopleSection(_ report: KPIReport) -> String {
        var out = "<section id=\"people\">\n<h2>People</h2>\n"
        let staff = report.catalogue.definitions.filter { $0.family == .staff }.map(\.id)
        if !staff.isEmpty {
            out += "<h3>Headcount and turnover</h3>\n"
            out += "<p class=\"note\">Headcount at the end of the period; turnover = leavers ÷ mean headcount, not annualised.</p>\n"
            out += familyTable(report, ids: staff)
        }
        out += "<h3 id=\"salespeople\">Salespeople</h3>\n"
        if report.salespeople.isEmpty {
            out += "<p class=\"note\">No orders in the period.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>Dealer</th><th>Salesperson</th><th class=\"num\">Retail units</th>"
            out += "<th class=\"num\">Front gross</th><th class=\"num\">On-time delivery</th><th class=\"num\">Orders</th>"
            out += "<th class=\"num\">Cancellations</th></tr></thead>\n<tbody>\n"
            for person in report.salespeople {
                out += "<tr><td>\(e(person.dealer))</td><td>\(person.salespersonID.isEmpty ? "<span class=\"na\">(none)</span>" : e(person.salespersonID))</td>"
                out += "<td class=\"num\">\(person.retailUnits)</td>"
                out += "<td class=\"num\">\(value(ExactDecimal.quotient(person.frontGross, over: 100, places: 2), .money))</td>"
                out += "<td class=\"num\">\(value(person.onTimeDeliveryRate, .rate))<span class=\"sub\">\(person.onTimeDeliveries) of \(person.promisedDeliveries)</span></td>"
                out += "<td class=\"num\">\(person.orders)</td><td class=\"num\">\(person.cancellations)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<h3 id=\"advisors\">Service advisors</h3>\n"
        if report.advisors.isEmpty {
            out += "<p class=\"note\">No ROs closed in the period.</p>\n"
        } else {
            out += "<table>\n<thead><tr><th>Dealer</th><th>Advisor</th><th class=\"num\">ROs closed</th><th class=\"num\">Labor sales</th>"
            out += "<th class=\"num\">Hours per RO</th><th class=\"num\">Comeback rate</th><th class=\"num\">CSI</th></tr></thead>\n<tbody>\n"
            for advisor in report.advisors {
                out += "<tr><td>\(e(advisor.dealer))</td><td>\(advisor.advisorID.isEmpty ? "<span class=\"na\">(none)</span>" : e(advisor.advisorID))</td>"
                out += "<td class=\"num\">\(advisor.roClosed)</td>"
                out += "<td class=\"num\">\(value(ExactDecimal.quotient(advisor.laborSales, over: 100, places: 2), .money))</td>"
                out += "<td class=\"num\">\(value(advisor.hoursPerRO, .hours))</td>"
                out += "<td class=\"num\">\(value(advisor.comebackRate, .rate))<span class=\"sub\">\(advisor.comebacks) of \(advisor.comebackBase)</span></td>"
                out += "<td class=\"num\">\(value(advisor.csiScore, .score))<span class=\"sub\">\(advisor.csiSurveys) surveys</span></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "<p class=\"note\">Technicians: see the technicians section; every figure is also in salespeople.csv, advisors.csv and technicians.csv.</p>\n"
        out += "</section>\n"
        return out
    }

    func complaintsSection(_ report: KPIReport) -> String {
        let ids = report.catalogue.definitions.filter { $0.family == .crm }.map(\.id)
        guard !ids.isEmpty else { return "" }
        var out = "<section id=\"complaints\">\n<h2>Customer complaints (客户投诉)</h2>\n"
        out += "<p class=\"note\">Opened in the period per 100 ROs closed in it; resolution, 48-hour closing and satisfaction over the "
        out += "complaints closed in the period (a re-opened complaint is not closed).</p>\n"
        out += familyTable(report, ids: ids)
        out += listLinks(report, ["complaints_open_over_7_days"])
        out += "</section>\n"
        return out
    }
}
