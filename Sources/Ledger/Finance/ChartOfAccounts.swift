/// The departments of the dealer P&L (kpis.md section 6).
public enum Department: String, Sendable, CaseIterable, Comparable {
    case new, used
    case fAndI = "f_and_i"
    case service, parts, bodyshop, admin

    /// The departments an expense can be booked to (the `expenses` feed has no F&I department).
    public static let expenseDepartments: [Department] = [.new, .used, .service, .parts, .bodyshop, .admin]

    /// The departments whose gross counts towards service absorption.
    public static let fixedOperations: [Department] = [.service, .parts, .bodyshop]

    public static func < (lhs: Department, rhs: Department) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// The expense categories of the `expenses` feed.
public enum ExpenseCategory: String, Sendable, CaseIterable {
    case variable, personnel
    case semiFixed = "semi_fixed"
    case fixed
}

/// Where an account sits in the statements.
public enum AccountType: String, Sendable, CaseIterable {
    case asset, liability, equity, revenue
    case costOfSales = "cost_of_sales"
    case expense
}

/// One account of the chart (docs/chart-of-accounts.md).
public struct Account: Sendable, Hashable, Comparable {
    public var code: String
    public var name: String
    public var type: AccountType

    public init(_ code: String, _ name: String, _ type: AccountType) {
        self.code = code
        self.name = name
        self.type = type
    }

    public static func < (lhs: Account, rhs: Account) -> Bool { lhs.code < rhs.code }
}

/// The chart of accounts the journal posts to. Documented in docs/chart-of-accounts.md;
/// a test checks that the document lists exactly these accounts.
public enum ChartOfAccounts {
    public static let customerReceivables = Account("1100", "Receivables: customers", .asset)
    public static let oemReceivables = Account("1150", "Receivables: OEM (warranty)", .asset)
    public static let insurerReceivables = Account("1160", "Receivables: insurers", .asset)
    public static let internalCharges = Account("1190", "Internal charges clearing", .asset)
    public static let vehicleInventory = Account("1200", "Vehicle inventory", .asset)
    public static let partsInventory = Account("1300", "Parts inventory", .asset)
    public static let partsTransfers = Account("1390", "Parts transfers clearing", .asset)
    public static let payables = Account("2100", "Payables: suppliers and expenses", .liability)
    public static let payrollApplied = Account("2200", "Technician payroll applied", .liability)
    public static let openingBalances = Account("3000", "Opening balances", .equity)
    public static let inventoryAdjustments = Account("3900", "Parts stocktake differences", .equity)
    public static let vehicleSales = Account("4100", "Vehicle sales", .revenue)
    public static let fiIncome = Account("4200", "F&I income", .revenue)
    public static let laborSales = Account("4300", "Labor sales", .revenue)
    public static let partsSales = Account("4400", "Parts sales", .revenue)
    public static let vehicleCost = Account("5100", "Cost of vehicle sales", .costOfSales)
    public static let laborCost = Account("5300", "Cost of labor sales", .costOfSales)
    public static let partsCost = Account("5400", "Cost of parts sales", .costOfSales)
    public static let variableExpenses = Account("6100", "Variable expenses", .expense)
    public static let personnelExpenses = Account("6200", "Personnel expenses", .expense)
    public static let semiFixedExpenses = Account("6300", "Semi-fixed expenses", .expense)
    public static let fixedExpenses = Account("6400", "Fixed expenses", .expense)

    /// Every account, by code.
    public static let all: [Account] = [
        customerReceivables, oemReceivables, insurerReceivables, internalCharges, vehicleInventory, partsInventory, partsTransfers,
        payables, payrollApplied, openingBalances, inventoryAdjustments, vehicleSales, fiIncome, laborSales, partsSales,
        vehicleCost, laborCost, partsCost, variableExpenses, personnelExpenses, semiFixedExpenses, fixedExpenses,
    ]

    /// The receivable debited for a sale of this pay type (warranty is owed by the OEM).
    public static func receivable(payType: String) -> Account {
        switch payType {
        case "warranty": return oemReceivables
        case "insurance": return insurerReceivables
        case "internal": return internalCharges
        default: return customerReceivables
        }
    }

    /// The expense account of a category.
    public static func expense(_ category: ExpenseCategory) -> Account {
        switch category {
        case .variable: return variableExpenses
        case .personnel: return personnelExpenses
        case .semiFixed: return semiFixedExpenses
        case .fixed: return fixedExpenses
        }
    }
}
