/// The kind of business document a posting comes from (the link back to the warehouse).
public enum DocumentType: String, Sendable, CaseIterable, Comparable {
    /// A delivered sales order (`sales_orders.order_no`).
    case vehicleDelivery = "vehicle_delivery"
    /// An invoiced repair order (`repair_orders.ro_no`).
    case repairOrder = "repair_order"
    /// A parts movement document (`part_movements.movement_no`).
    case partMovement = "part_movement"
    /// A general-ledger expense entry (`expenses.entry_no`).
    case expense

    public static func < (lhs: DocumentType, rhs: DocumentType) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A document of the journal: dealer, type and number.
public struct DocumentKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var dealerCode: String
    public var type: DocumentType
    public var number: String

    public init(dealerCode: String, type: DocumentType, number: String) {
        self.dealerCode = dealerCode
        self.type = type
        self.number = number
    }

    public static func < (lhs: DocumentKey, rhs: DocumentKey) -> Bool {
        (lhs.dealerCode, lhs.type.rawValue, lhs.number) < (rhs.dealerCode, rhs.type.rawValue, rhs.number)
    }

    /// `DLR001 repair_order RO123`.
    public var description: String { "\(dealerCode) \(type.rawValue) \(number)" }
}

/// One line of the journal: a debit or a credit to one account and department, in minor units.
public struct Posting: Sendable, Hashable {
    public var document: DocumentKey
    /// The source line within the document (RO line, movement line); empty for one-line documents.
    public var line: String
    /// The posting date (delivered_on, the date of invoiced_at or moved_at, posting_date).
    public var date: LocalDate
    /// The batch that loaded the source row.
    public var batchID: Int64
    public var account: Account
    public var department: Department
    /// The expense category (expense postings only).
    public var category: ExpenseCategory?
    /// The source system's own account text (expense postings only).
    public var sourceAccount: String?
    /// Debit in minor units (fen); zero on a credit line.
    public var debit: Int64
    /// Credit in minor units (fen); zero on a debit line.
    public var credit: Int64

    public init(
        document: DocumentKey, line: String, date: LocalDate, batchID: Int64, account: Account, department: Department,
        category: ExpenseCategory? = nil, sourceAccount: String? = nil, debit: Int64, credit: Int64
    ) {
        self.document = document
        self.line = line
        self.date = date
        self.batchID = batchID
        self.account = account
        self.department = department
        self.category = category
        self.sourceAccount = sourceAccount
        self.debit = debit
        self.credit = credit
    }

    /// Debit minus credit.
    public var net: Int64 { debit - credit }
}
