/// The department P&L section of kpi.html (kpis.md section 6), from the `finance.*` rows.
extension KPIHTMLRenderer {
    func financeSection(_ report: KPIReport) -> String {
        guard report.rows.contains(where: { $0.definition.family == .finance }) else { return "" }
        var figures: [String: [String: KPIRow]] = [:]
        for row in report.rows where row.definition.family == .finance { figures[row.group.key, default: [:]][row.definition.id] = row }
        var out = "<section id=\"finance\">\n<h2>\(e(l("Department P&L (from the journal)", "部门损益（来自日记账）")))</h2>\n"
        out += "<p class=\"note\">" + l("Sales, cost of sales and gross by department; expenses from the expenses feed. ", "按部门的销售收入、销售成本和毛利；费用来自费用数据源。")
        out += l("dms-report ledger writes the trial balance and ledger/pnl.csv.", "dms-report ledger 输出试算平衡表和 ledger/pnl.csv。") + "</p>\n"
        let columns: [(KPIVariants<Department?>, String)] = [
            (KPIDefinition.financeSales, l("Sales", "销售收入")), (KPIDefinition.financeCostOfSales, l("Cost of sales", "销售成本")),
            (KPIDefinition.financeGross, l("Gross", "毛利")), (KPIDefinition.financeGrossMargin, l("Gross margin", "毛利率")),
            (KPIDefinition.financeExpenses, l("Expenses", "费用")),
        ]
        for group in report.groups {
            let rows = figures[group.key] ?? [:]
            func cell(_ definition: KPIDefinition) -> String {
                guard let row = rows[definition.id] else { return "<td class=\"num\"></td>" }
                return valueCell(row.current.value, row.definition)
            }
            out += "<div class=\"pnl-group\">\n<h3>\(e(groupTitle(group)))</h3>\n"
            out += "<table class=\"pnl\">\n<thead><tr><th>\(l("Department", "部门"))</th>"
            for (_, title) in columns { out += "<th class=\"num\">\(e(title))</th>" }
            out += "</tr></thead>\n<tbody>\n"
            for department in Department.allCases.map(Optional.some) + [nil] {
                out += "<tr><td>\(e(department.map { language == .zh ? $0.nameZH : $0.rawValue } ?? l("total", "合计")))</td>"
                for (variants, _) in columns { out += cell(variants[department]) }
                out += "</tr>\n"
            }
            out += "</tbody>\n</table>\n<table class=\"pnl\">\n<tbody>\n"
            for definition in [KPIDefinition.financeOperatingProfit, .financeAbsorptionRate] {
                out += "<tr><td>\(e(definition.name[language]))</td>\(cell(definition))</tr>\n"
            }
            out += "</tbody>\n</table>\n</div>\n"
        }
        out += "</section>\n"
        return out
    }
}
