/// The `finance.*` KPIs (kpis.md sections 6 and 10), computed from the journal.
extension StandardKPIs {
    static let financeMoney = KPIForm.amount(scale: 100)
    static let financeMargin = KPIForm.ratio(numerator: .money, denominator: .money)

    static func financeAmount(_ id: String, _ title: String, _ definition: String, direction: KPIDirection = .higherIsBetter) -> KPIDefinition {
        KPIDefinition(id, title, unit: .money, direction: direction, family: .finance, form: financeMoney, definition: definition)
    }

    /// `nil` is the total; a department adds its suffix.
    static func financeID(_ base: String, _ department: Department?) -> String {
        department.map { "finance.\(base).\($0.rawValue)" } ?? "finance.\(base)"
    }

    static func financeScope(_ department: Department?) -> String {
        department.map { "department \($0.rawValue)" } ?? "all departments"
    }

    static var finance: [KPIDefinition] {
        let departments: [Department?] = [nil] + Department.allCases.map { $0 }
        var out: [KPIDefinition] = []
        out += departments.map { d in
            financeAmount(financeID("sales", d), "Sales (\(financeScope(d)))",
                          "Journal revenue (credit − debit of revenue accounts 4xxx) dated in P, \(financeScope(d)).")
        }
        out += departments.map { d in
            financeAmount(financeID("cost_of_sales", d), "Cost of sales (\(financeScope(d)))",
                          "Journal cost of sales (debit − credit of accounts 5xxx) dated in P, \(financeScope(d)).", direction: .neutral)
        }
        out += departments.map { d in
            financeAmount(financeID("gross", d), "Gross (\(financeScope(d)))", "finance.sales − finance.cost_of_sales, \(financeScope(d)).")
        }
        out += departments.map { d in
            KPIDefinition(financeID("gross_margin", d), "Gross margin (\(financeScope(d)))", unit: .rate, direction: .higherIsBetter,
                          family: .finance, form: financeMargin,
                          definition: "Gross ÷ sales from the journal, \(financeScope(d)). Numerator = gross, denominator = sales.")
        }
        let expenseDepartments: [Department?] = [nil] + Department.expenseDepartments.map { $0 }
        out += expenseDepartments.map { d in
            financeAmount(financeID("expenses", d), "Expenses (\(financeScope(d)))",
                          "Journal expenses (debit − credit of accounts 6xxx, from the expenses feed) dated in P, \(financeScope(d)).",
                          direction: .lowerIsBetter)
        }
        out += ExpenseCategory.allCases.map { c in
            financeAmount("finance.expenses.\(c.rawValue)", "Expenses (\(c.rawValue))",
                          "Journal expenses of category \(c.rawValue) dated in P, all departments.", direction: .lowerIsBetter)
        }
        out.append(financeAmount("finance.operating_profit", "Operating profit", "Total gross − total expenses, from the journal, P."))
        out.append(KPIDefinition(
            "finance.absorption_rate", "Service absorption rate", unit: .rate, direction: .higherIsBetter, family: .finance,
            form: financeMargin,
            definition: "(service + parts + bodyshop gross) ÷ expenses in P of all departments other than category variable (服务吸收率)."))
        return out
    }
}

extension KPIEngine {
    /// The finance partials of `period` per dealer code, from the journal.
    func financePartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        for (dealer, pnl) in try Journal(database: database).statements(for: period) {
            for department in [nil] + Department.allCases.map({ Optional($0) }) {
                sink.total(dealer, StandardKPIs.financeID("sales", department), pnl.sales(department))
                sink.total(dealer, StandardKPIs.financeID("cost_of_sales", department), pnl.costOfSales(department))
                sink.total(dealer, StandardKPIs.financeID("gross", department), pnl.gross(department))
                sink.ratio(dealer, StandardKPIs.financeID("gross_margin", department), pnl.gross(department), pnl.sales(department))
            }
            for department in [nil] + Department.expenseDepartments.map({ Optional($0) }) {
                sink.total(dealer, StandardKPIs.financeID("expenses", department), pnl.expenses(department))
            }
            for category in ExpenseCategory.allCases {
                sink.total(dealer, "finance.expenses.\(category.rawValue)", pnl.expenses(category))
            }
            sink.total(dealer, "finance.operating_profit", pnl.operatingProfit)
            sink.ratio(dealer, "finance.absorption_rate", pnl.absorptionNumerator, pnl.absorptionDenominator)
        }
    }
}
