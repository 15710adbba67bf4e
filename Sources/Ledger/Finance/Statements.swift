/// Balance checks of a journal: per document and in total.
public enum JournalCheck {
    /// The documents whose debits and credits differ, with debit − credit, sorted.
    public static func unbalancedDocuments(_ postings: [Posting]) -> [(document: DocumentKey, difference: Int64)] {
        var net: [DocumentKey: Int64] = [:]
        for posting in postings { net[posting.document, default: 0] += posting.net }
        return net.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Σ debit and Σ credit of the postings.
    public static func totals(_ postings: [Posting]) -> (debit: Int64, credit: Int64) {
        postings.reduce(into: (Int64(0), Int64(0))) { sum, posting in
            sum.0 += posting.debit
            sum.1 += posting.credit
        }
    }
}

/// One account of a trial balance.
public struct TrialBalanceLine: Sendable, Hashable {
    public var account: Account
    public var debit: Int64
    public var credit: Int64
    /// Debit − credit.
    public var balance: Int64 { debit - credit }
}

/// The trial balance of a set of postings: every account touched, Σ debit and Σ credit.
public struct TrialBalance: Sendable, Hashable {
    /// By account code.
    public var lines: [TrialBalanceLine]

    public init(postings: [Posting]) {
        var sums: [Account: (Int64, Int64)] = [:]
        for posting in postings {
            let sum = sums[posting.account] ?? (0, 0)
            sums[posting.account] = (sum.0 + posting.debit, sum.1 + posting.credit)
        }
        lines = sums.keys.sorted().map { account in
            let sum = sums[account] ?? (0, 0)
            return TrialBalanceLine(account: account, debit: sum.0, credit: sum.1)
        }
    }

    public var totalDebit: Int64 { lines.reduce(0) { $0 + $1.debit } }
    public var totalCredit: Int64 { lines.reduce(0) { $0 + $1.credit } }
    public var isBalanced: Bool { totalDebit == totalCredit }
}

/// The department P&L of a set of postings, in minor units.
public struct DepartmentPnL: Sendable, Hashable {
    public var sales: [Department: Int64] = [:]
    public var costOfSales: [Department: Int64] = [:]
    public var expenses: [Department: Int64] = [:]
    public var expensesByCategory: [ExpenseCategory: Int64] = [:]

    public init() {}

    /// Revenue = credit − debit of revenue accounts; cost of sales and expenses = debit − credit.
    public init(postings: [Posting]) {
        for posting in postings { add(posting) }
    }

    public mutating func add(_ posting: Posting) {
        switch posting.account.type {
        case .revenue: sales[posting.department, default: 0] -= posting.net
        case .costOfSales: costOfSales[posting.department, default: 0] += posting.net
        case .expense:
            expenses[posting.department, default: 0] += posting.net
            expensesByCategory[posting.category ?? .fixed, default: 0] += posting.net
        case .asset, .liability, .equity: break
        }
    }

    public func sales(_ department: Department?) -> Int64 { Self.value(sales, department) }
    public func costOfSales(_ department: Department?) -> Int64 { Self.value(costOfSales, department) }
    public func gross(_ department: Department?) -> Int64 { sales(department) - costOfSales(department) }
    public func expenses(_ department: Department?) -> Int64 { Self.value(expenses, department) }
    public func expenses(_ category: ExpenseCategory) -> Int64 { expensesByCategory[category] ?? 0 }
    public var operatingProfit: Int64 { gross(nil) - expenses(nil) }
    /// Service + parts + bodyshop gross.
    public var absorptionNumerator: Int64 { Department.fixedOperations.reduce(0) { $0 + gross($1) } }
    /// Expenses of every department other than category `variable`.
    public var absorptionDenominator: Int64 { expenses(nil) - expenses(.variable) }

    /// One department, or the total when nil.
    static func value(_ values: [Department: Int64], _ department: Department?) -> Int64 {
        department.map { values[$0] ?? 0 } ?? values.values.reduce(0, +)
    }
}
