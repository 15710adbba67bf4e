/// The `finance.*` KPIs (kpis.md sections 6 and 10), computed from the journal.
extension StandardKPIs {
    static let financeMoney = KPIForm.amount(scale: 100)
    static let financeMargin = KPIForm.ratio(numerator: .money, denominator: .money)

    static func financeAmount(
        _ id: String, _ title: String, _ nameZH: String, _ definition: String, zh definitionZH: String,
        direction: KPIDirection = .higherIsBetter
    ) -> KPIDefinition {
        KPIDefinition(
            id, title, nameZH, unit: .money, direction: direction, family: .finance, form: financeMoney, definition: definition,
            zh: definitionZH)
    }

    /// `nil` is the total; a department adds its suffix.
    static func financeID(_ base: String, _ department: Department?) -> String {
        department.map { "finance.\(base).\($0.rawValue)" } ?? "finance.\(base)"
    }

    static func financeScope(_ department: Department?) -> String {
        department.map { "department \($0.rawValue)" } ?? "all departments"
    }

    static func financeScopeZH(_ department: Department?) -> String { department.map(\.nameZH) ?? "全部部门" }

    static let allDepartments: [Department?] = [nil] + Department.allCases.map { $0 }
    static let expenseScopes: [Department?] = [nil] + Department.expenseDepartments.map { $0 }

    static var finance: [KPIDefinition] {
        joined([
            KPIDefinition.financeSales.definitions, KPIDefinition.financeCostOfSales.definitions, KPIDefinition.financeGross.definitions,
            KPIDefinition.financeGrossMargin.definitions, KPIDefinition.financeExpenses.definitions,
            KPIDefinition.financeExpensesByCategory.definitions, [KPIDefinition.financeOperatingProfit, KPIDefinition.financeAbsorptionRate],
        ])
    }
}

extension Department {
    /// The department's name in Chinese dealer accounting.
    var nameZH: String {
        switch self {
        case .new: return "新车"
        case .used: return "二手车"
        case .fAndI: return "金融保险"
        case .service: return "售后服务"
        case .parts: return "配件"
        case .bodyshop: return "钣喷"
        case .admin: return "行政"
        }
    }
}

extension ExpenseCategory {
    var nameZH: String {
        switch self {
        case .variable: return "变动费用"
        case .personnel: return "人员费用"
        case .semiFixed: return "半固定费用"
        case .fixed: return "固定费用"
        }
    }
}

/// The `finance.*` entries: per department (nil = all departments) and per expense category.
extension KPIDefinition {
    static let financeSales = KPIVariants(StandardKPIs.allDepartments) { d in
        StandardKPIs.financeAmount(
            StandardKPIs.financeID("sales", d), "Sales (\(StandardKPIs.financeScope(d)))", "销售收入（\(StandardKPIs.financeScopeZH(d))）",
            "Journal revenue (credit − debit of revenue accounts 4xxx) dated in P, \(StandardKPIs.financeScope(d)).",
            zh: "P 内日记账收入（4xxx 收入科目贷方 − 借方），\(StandardKPIs.financeScopeZH(d))。")
    }
    static let financeCostOfSales = KPIVariants(StandardKPIs.allDepartments) { d in
        StandardKPIs.financeAmount(
            StandardKPIs.financeID("cost_of_sales", d), "Cost of sales (\(StandardKPIs.financeScope(d)))",
            "销售成本（\(StandardKPIs.financeScopeZH(d))）",
            "Journal cost of sales (debit − credit of accounts 5xxx) dated in P, \(StandardKPIs.financeScope(d)).",
            zh: "P 内日记账销售成本（5xxx 科目借方 − 贷方），\(StandardKPIs.financeScopeZH(d))。", direction: .neutral)
    }
    static let financeGross = KPIVariants(StandardKPIs.allDepartments) { d in
        StandardKPIs.financeAmount(
            StandardKPIs.financeID("gross", d), "Gross (\(StandardKPIs.financeScope(d)))", "毛利（\(StandardKPIs.financeScopeZH(d))）",
            "finance.sales − finance.cost_of_sales, \(StandardKPIs.financeScope(d)).",
            zh: "销售收入 − 销售成本，\(StandardKPIs.financeScopeZH(d))。")
    }
    static let financeGrossMargin = KPIVariants(StandardKPIs.allDepartments) { d in
        KPIDefinition(
            StandardKPIs.financeID("gross_margin", d), "Gross margin (\(StandardKPIs.financeScope(d)))",
            "毛利率（\(StandardKPIs.financeScopeZH(d))）", unit: .rate, direction: .higherIsBetter, family: .finance,
            form: StandardKPIs.financeMargin,
            definition: "Gross ÷ sales from the journal, \(StandardKPIs.financeScope(d)). Numerator = gross, denominator = sales.",
            zh: "日记账毛利 ÷ 销售收入，\(StandardKPIs.financeScopeZH(d))。")
    }
    static let financeExpenses = KPIVariants(StandardKPIs.expenseScopes) { d in
        StandardKPIs.financeAmount(
            StandardKPIs.financeID("expenses", d), "Expenses (\(StandardKPIs.financeScope(d)))", "费用（\(StandardKPIs.financeScopeZH(d))）",
            "Journal expenses (debit − credit of accounts 6xxx, from the expenses feed) dated in P, \(StandardKPIs.financeScope(d)).",
            zh: "P 内日记账费用（6xxx 科目借方 − 贷方），\(StandardKPIs.financeScopeZH(d))。", direction: .lowerIsBetter)
    }
    static let financeExpensesByCategory = KPIVariants(ExpenseCategory.allCases) { c in
        StandardKPIs.financeAmount(
            "finance.expenses.\(c.rawValue)", "Expenses (\(c.rawValue))", "费用（\(c.nameZH)）",
            "Journal expenses of category \(c.rawValue) dated in P, all departments.",
            zh: "P 内类别为\(c.nameZH)的日记账费用，全部部门。", direction: .lowerIsBetter)
    }
    static let financeOperatingProfit = StandardKPIs.financeAmount(
        "finance.operating_profit", "Operating profit", "经营利润", "Total gross − total expenses, from the journal, P.",
        zh: "P 内日记账总毛利 − 总费用。")
    static let financeAbsorptionRate = KPIDefinition(
        "finance.absorption_rate", "Service absorption rate", "售后吸收率", unit: .rate, direction: .higherIsBetter, family: .finance,
        form: StandardKPIs.financeMargin,
        definition: "(service + parts + bodyshop gross) ÷ expenses in P of all departments other than category variable (服务吸收率).",
        zh: "(售后 + 配件 + 钣喷毛利) ÷ P 内除变动费用外的全部费用。")
}

extension KPIEngine {
    /// The finance partials of `period` per dealer code, from the journal.
    func financePartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        for (dealer, pnl) in try Journal(database: database).statements(for: period) {
            for department in StandardKPIs.allDepartments {
                sink.total(dealer, .financeSales[department], pnl.sales(department))
                sink.total(dealer, .financeCostOfSales[department], pnl.costOfSales(department))
                sink.total(dealer, .financeGross[department], pnl.gross(department))
                sink.ratio(dealer, .financeGrossMargin[department], pnl.gross(department), pnl.sales(department))
            }
            for department in StandardKPIs.expenseScopes {
                sink.total(dealer, .financeExpenses[department], pnl.expenses(department))
            }
            for category in ExpenseCategory.allCases {
                sink.total(dealer, .financeExpensesByCategory[category], pnl.expenses(category))
            }
            sink.total(dealer, .financeOperatingProfit, pnl.operatingProfit)
            sink.ratio(dealer, .financeAbsorptionRate, pnl.absorptionNumerator, pnl.absorptionDenominator)
        }
    }
}
