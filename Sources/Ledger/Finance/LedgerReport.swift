/// What `dms-report ledger` shows: the journal of a period, its balance check, and the trial
/// balance and department P&L per group.
public struct LedgerReport: Sendable {
    /// One group's statements.
    public struct Section: Sendable {
        public var group: KPIGroup
        public var trialBalance: TrialBalance
        public var pnl: DepartmentPnL
    }

    public var period: ReportingPeriod
    public var groupBy: GroupBy
    /// Every posting of the period, in journal order: of every dealer code (also codes
    /// missing from `dealers`), or only of the dealers asked for.
    public var postings: [Posting]
    /// Documents whose debits and credits differ (empty when the journal balances).
    public var unbalanced: [(document: DocumentKey, difference: Int64)]
    /// Documents the journal could not post (an amount beyond `Journal.maximumAmount`).
    public var unpostable: [DocumentKey]
    public var sections: [Section]

    /// Every document posted, Σ debit = Σ credit in total and per document.
    public var isBalanced: Bool {
        let totals = JournalCheck.totals(postings)
        return unbalanced.isEmpty && unpostable.isEmpty && totals.debit == totals.credit
    }

    /// Builds the report from the warehouse; `dealerCodes` keeps only those dealers, their
    /// postings and their documents (empty: all, including dealer codes missing from `dealers`).
    public static func build(
        database: Database, period: ReportingPeriod, groupBy: GroupBy, dealerCodes: Set<String> = []
    ) throws -> LedgerReport {
        var journal = try Journal(database: database).build(for: period)
        if !dealerCodes.isEmpty {
            journal.postings.removeAll { !dealerCodes.contains($0.document.dealerCode) }
            journal.unpostable.removeAll { !dealerCodes.contains($0.dealerCode) }
        }
        let dealers = try KPIEngine(database: database).dealers().filter { dealerCodes.isEmpty || dealerCodes.contains($0.code) }
        return assemble(period: period, groupBy: groupBy, dealers: dealers, postings: journal.postings, unpostable: journal.unpostable)
    }

    /// The report of given postings (exposed for tests of the balance check).
    public static func assemble(
        period: ReportingPeriod, groupBy: GroupBy, dealers: [Dealer], postings: [Posting], unpostable: [DocumentKey] = []
    ) -> LedgerReport {
        var byDealer: [String: [Posting]] = [:]
        for posting in postings { byDealer[posting.document.dealerCode, default: []].append(posting) }
        let sections = KPIAggregation.groups(of: dealers, by: groupBy).map { group in
            let members = group.dealerCodes.flatMap { byDealer[$0] ?? [] }
            return Section(group: group, trialBalance: TrialBalance(postings: members), pnl: DepartmentPnL(postings: members))
        }
        return LedgerReport(
            period: period, groupBy: groupBy, postings: postings, unbalanced: JournalCheck.unbalancedDocuments(postings),
            unpostable: unpostable, sections: sections)
    }
}

/// ledger/trial_balance.csv, ledger/pnl.csv and the journal export: UTF-8 with BOM, CRLF,
/// money in currency units with 2 decimals, rates with 4.
public enum LedgerTables {
    static func money(_ minor: Int64) -> CSVWriter.Cell { .number(ExactDecimal.quotient(minor, over: 100, places: 2) ?? "0.00") }

    public static let trialBalanceHeader = [
        "period_start", "period_end", "group_by", "group_key", "group_name", "account", "account_name", "account_type", "debit",
        "credit", "balance",
    ]

    /// One row per group and account, then a `total` row per group.
    public static func trialBalanceCSV(_ report: LedgerReport) -> String {
        let writer = CSVWriter()
        var out = KPITables.byteOrderMark + writer.line(trialBalanceHeader)
        for section in report.sections {
            let lead: [CSVWriter.Cell] = [
                .text(report.period.start.description), .text(report.period.end.description), .text(report.groupBy.rawValue),
                .text(section.group.key), .text(section.group.name),
            ]
            for line in section.trialBalance.lines {
                out += writer.line(lead + [
                    .text(line.account.code), .text(line.account.name), .text(line.account.type.rawValue), money(line.debit),
                    money(line.credit), money(line.balance),
                ])
            }
            let tb = section.trialBalance
            out += writer.line(lead + ["total", "Total", "", money(tb.totalDebit), money(tb.totalCredit), money(tb.totalDebit - tb.totalCredit)])
        }
        return out
    }

    public static let pnlHeader = [
        "period_start", "period_end", "group_by", "group_key", "group_name", "line", "department", "category", "value", "unit",
    ]

    /// The department P&L: sales, cost of sales, gross and gross margin per department and in
    /// total (empty department); expenses per department and per category; operating profit;
    /// absorption rate. A margin over zero sales is empty.
    public static func pnlCSV(_ report: LedgerReport) -> String { pnlCSV([report]) }

    /// The P&L of several reports of one period under one header, each section with its
    /// report's `group_by` (a region bundle: its dealers, then the region in total).
    public static func pnlCSV(_ reports: [LedgerReport]) -> String {
        let writer = CSVWriter()
        var out = KPITables.byteOrderMark + writer.line(pnlHeader)
        for report in reports {
            out += pnlLines(report, writer)
        }
        return out
    }

    private static func pnlLines(_ report: LedgerReport, _ writer: CSVWriter) -> String {
        var out = ""
        for section in report.sections {
            let pnl = section.pnl
            let lead: [CSVWriter.Cell] = [
                .text(report.period.start.description), .text(report.period.end.description), .text(report.groupBy.rawValue),
                .text(section.group.key), .text(section.group.name),
            ]
            func rate(_ n: Int64, _ d: Int64) -> CSVWriter.Cell { ExactDecimal.quotient(n, over: d, places: 4).map { .number($0) } ?? .empty }
            let departments: [Department?] = Department.allCases.map { $0 } + [nil]
            for (line, value) in [("sales", pnl.sales), ("cost_of_sales", pnl.costOfSales), ("gross", pnl.gross)] as [(String, (Department?) -> Int64)] {
                for d in departments {
                    out += writer.line(lead + [.text(line), .text(d?.rawValue ?? ""), "", money(value(d)), "money"])
                }
            }
            for d in departments {
                out += writer.line(lead + ["gross_margin", .text(d?.rawValue ?? ""), "", rate(pnl.gross(d), pnl.sales(d)), "rate"])
            }
            for d in Department.expenseDepartments.map({ Optional($0) }) + [nil] {
                out += writer.line(lead + ["expenses", .text(d?.rawValue ?? ""), "", money(pnl.expenses(d)), "money"])
            }
            for c in ExpenseCategory.allCases {
                out += writer.line(lead + ["expenses", "", .text(c.rawValue), money(pnl.expenses(c)), "money"])
            }
            out += writer.line(lead + ["operating_profit", "", "", money(pnl.operatingProfit), "money"])
            out += writer.line(lead + ["absorption_rate", "", "", rate(pnl.absorptionNumerator, pnl.absorptionDenominator), "rate"])
        }
        return out
    }

    public static let journalHeader = [
        "dealer_code", "date", "document_type", "document_no", "line", "batch_id", "account", "account_name", "department",
        "category", "source_account", "debit", "credit",
    ]

    /// The journal for the dealer's accountants: one line per posting.
    public static func journalCSV(_ postings: [Posting]) -> String {
        let writer = CSVWriter()
        var out = KPITables.byteOrderMark + writer.line(journalHeader)
        for p in postings {
            out += writer.line([
                .text(p.document.dealerCode), .text(p.date.description), .text(p.document.type.rawValue), .text(p.document.number),
                .text(p.line), .number(String(p.batchID)), .text(p.account.code), .text(p.account.name), .text(p.department.rawValue),
                .text(p.category?.rawValue ?? ""), .text(p.sourceAccount ?? ""), money(p.debit), money(p.credit),
            ])
        }
        return out
    }
}
