/// The department P&L section of kpi.html (kpis.md section 6), from the `finance.*` rows.
extension KPIHTMLRenderer {
    func financeSection(_ report: KPIReport) -> String {
        guard report.catalogue.definitions.contains(where: { $0.family == .finance }) else { return "" }
        var figures: [String: [String: KPIRow]] = [:]
        for row in report.rows where row.definition.family == .finance { figures[row.group.key, default: [:]][row.definition.id] = row }
        var out = "<section id=\"finance\">\n<h2>Department P&amp;L (from the journal)</h2>\n"
        out += "<p class=\"note\">Sales, cost of sales and gross by department; expenses from the expenses feed. "
        out += "dms-report ledger writes the trial balance and ledger/pnl.csv.</p>\n"
        let columns: [(String, String)] = [
            ("sales", "Sales"), ("cost_of_sales", "Cost of sales"), ("gross", "Gross"), ("gross_margin", "Gross margin"), ("expenses", "Expenses"),
        ]
        for group in report.groups {
            let rows = figures[group.key] ?? [:]
            func cell(_ id: String) -> String {
                guard let row = rows[id] else { return "<td class=\"num\"></td>" }
                return "<td class=\"num\">\(value(row.current.value, row.definition.unit))</td>"
            }
            out += "<h3>\(e(group.key == group.name ? group.key : "\(group.key) · \(group.name)"))</h3>\n"
            out += "<table class=\"pnl\">\n<thead><tr><th>Department</th>"
            for (_, title) in columns { out += "<th class=\"num\">\(e(title))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for department in Department.allCases.map(\.rawValue) + ["total"] {
                let suffix = department == "total" ? "" : "." + department
                out += "<tr><td>\(e(department))</td>"
                for (base, _) in columns { out += cell("finance.\(base)\(suffix)") }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n<table class=\"pnl\">\n<tbody>\n"
            for (id, title) in [("finance.operating_profit", "Operating profit"), ("finance.absorption_rate", "Service absorption rate")] {
                out += "<tr><td>\(e(title))</td>\(cell(id))</tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</section>\n"
        return out
    }
}
