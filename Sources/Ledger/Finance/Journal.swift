/// Builds the double-entry journal of a period from the warehouse tables (kpis.md section 6).
///
/// The journal is derived, never stored: every call reads the current rows, so re-importing
/// a changed document changes its postings, and a document that becomes void or cancelled
/// simply posts nothing any more (its earlier postings are reversed in effect). The same
/// warehouse and period always give the same postings in the same order.
/// docs/chart-of-accounts.md describes every posting rule.
public struct Journal {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// The largest amount one posting may carry: 10¹⁵ minor units (10 trillion in currency
    /// units). A source line beyond it cannot be posted; its document is reported as
    /// unpostable instead, so that sums of postings can never overflow.
    public static let maximumAmount: Int64 = 1_000_000_000_000_000

    /// The journal of a period and the documents that could not be posted.
    public struct Build: Sendable, JournalSink {
        static let keepsOrder = true

        /// Sorted by dealer, document type, document number, line and posting order.
        public var postings: [Posting] = []
        /// Documents with an amount beyond `maximumAmount`: none of their lines are posted.
        public var unpostable: [DocumentKey] = []

        mutating func add(_ entry: Entry) {
            if entry.isUnpostable {
                if unpostable.last != entry.key { unpostable.append(entry.key) }
            } else {
                postings += entry.postings
            }
        }
    }

    /// The postings dated in `period` (every dealer code, also codes missing from `dealers`),
    /// sorted by dealer, document type, document number, line and posting order.
    public func postings(for period: ReportingPeriod) throws -> [Posting] { try build(for: period).postings }

    /// The journal of `period` with the documents it could not post.
    public func build(for period: ReportingPeriod) throws -> Build {
        var out = Build()
        try collect(period, into: &out)
        let unpostable = Set(out.unpostable)
        out.postings.removeAll { unpostable.contains($0.document) }
        out.unpostable = unpostable.sorted()
        return out
    }

    /// The department P&L per dealer code of the postings dated in `period`: the sums of
    /// `build(for:)`'s postings, without keeping or ordering them (the finance KPIs).
    public func statements(for period: ReportingPeriod) throws -> [String: DepartmentPnL] {
        var sums = StatementSums()
        try collect(period, into: &sums)
        guard sums.sawUnpostable else { return sums.statements }
        // A document with an amount out of range posts nothing — also the lines summed before
        // that amount was seen. Rare, so sum the full build, which drops such documents.
        var statements: [String: DepartmentPnL] = [:]
        for posting in try build(for: period).postings { statements[posting.document.dealerCode, default: DepartmentPnL()].add(posting) }
        return statements
    }

    /// Every entry dated in `period`, document type by document type (in key order when the
    /// sink keeps order).
    func collect<Sink: JournalSink>(_ period: ReportingPeriod, into out: inout Sink) throws {
        let bounds: [DatabaseValue] = [.text(period.start.description), .text(period.end.shifted(by: 1).description)]
        try vehicleDeliveries(bounds, into: &out)
        try repairOrders(bounds, into: &out)
        try partMovements(bounds, into: &out)
        try expenses(bounds, into: &out)
    }

    /// `ORDER BY` the columns when the sink keeps order, nothing otherwise.
    static func ordered<Sink: JournalSink>(_ sink: Sink.Type, by columns: String) -> String {
        Sink.keepsOrder ? "ORDER BY " + columns : ""
    }

    /// The money of a parts line: quantity (ten-thousandths) × unit amount (minor units),
    /// rounded half-even to minor units, line by line; nil beyond `maximumAmount`.
    public static func lineAmount(quantity: Int64, unitAmount: Int64) -> Int64? {
        let (product, overflow) = quantity.multipliedReportingOverflow(by: unitAmount)
        guard !overflow, let text = ExactDecimal.quotient(product, over: 10_000, places: 0), let value = Int64(text),
              value.magnitude <= maximumAmount.magnitude
        else { return nil }
        return value
    }

    // MARK: Documents

    func vehicleDeliveries<Sink: JournalSink>(_ bounds: [DatabaseValue], into out: inout Sink) throws {
        for row in try database.rows(
            """
            SELECT dealer_code, order_no, delivered_on, sale_type, sale_price, vehicle_cost, fi_income, batch_id
            FROM sales_orders WHERE status = 'delivered' AND delivered_on >= ? AND delivered_on < ?
            \(Self.ordered(Sink.self, by: "dealer_code, order_no"))
            """, bounds)
        {
            guard let date = LocalDate(row.text(2)) else { continue }
            var document = Entry(
                key: DocumentKey(dealerCode: row.text(0), type: .vehicleDelivery, number: row.text(1)), line: "", date: date,
                batchID: row.int(7))
            let department: Department = row.text(3) == "used" ? .used : .new
            document.pair(debit: ChartOfAccounts.customerReceivables, credit: ChartOfAccounts.vehicleSales, row.int(4), department)
            document.pair(debit: ChartOfAccounts.vehicleCost, credit: ChartOfAccounts.vehicleInventory, row.int(5), department)
            document.pair(debit: ChartOfAccounts.customerReceivables, credit: ChartOfAccounts.fiIncome, row.int(6), .fAndI)
            out.add(document)
        }
    }

    func repairOrders<Sink: JournalSink>(_ bounds: [DatabaseValue], into out: inout Sink) throws {
        var lines: [(key: DocumentKey, line: String, posting: Entry)] = []
        func take(_ key: DocumentKey, _ line: String, _ entry: Entry) {
            if Sink.keepsOrder { lines.append((key, line, entry)) } else { out.add(entry) }
        }
        for row in try database.rows(
            """
            SELECT r.dealer_code, r.ro_no, r.invoiced_at, r.ro_type, l.line_no, COALESCE(l.pay_type, 'customer'),
              l.labor_sale, l.labor_cost, l.batch_id
            FROM ro_labor l JOIN repair_orders r ON r.dealer_code = l.dealer_code AND r.ro_no = l.ro_no
            WHERE \(KPIEngine.closedRO)
            \(Self.ordered(Sink.self, by: "r.dealer_code, r.ro_no, l.line_no"))
            """, bounds)
        {
            guard let date = LocalDate(row.text(2)) else { continue }
            let key = DocumentKey(dealerCode: row.text(0), type: .repairOrder, number: row.text(1))
            var entry = Entry(key: key, line: "labor " + row.text(4), date: date, batchID: row.int(8))
            let department: Department = row.text(3) == "bodyshop" ? .bodyshop : .service
            entry.pair(debit: ChartOfAccounts.receivable(payType: row.text(5)), credit: ChartOfAccounts.laborSales, row.int(6), department)
            entry.pair(debit: ChartOfAccounts.laborCost, credit: ChartOfAccounts.payrollApplied, row.int(7), department)
            take(key, "0 " + row.text(4), entry)
        }
        for row in try database.rows(
            """
            SELECT r.dealer_code, r.ro_no, r.invoiced_at, p.line_no, COALESCE(p.pay_type, 'customer'),
              p.qty, p.unit_price, p.unit_cost, p.batch_id
            FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
            WHERE \(KPIEngine.closedRO)
            \(Self.ordered(Sink.self, by: "r.dealer_code, r.ro_no, p.line_no"))
            """, bounds)
        {
            guard let date = LocalDate(row.text(2)) else { continue }
            let key = DocumentKey(dealerCode: row.text(0), type: .repairOrder, number: row.text(1))
            var entry = Entry(key: key, line: "parts " + row.text(3), date: date, batchID: row.int(8))
            let quantity = row.int(5)
            entry.pair(
                debit: ChartOfAccounts.receivable(payType: row.text(4)), credit: ChartOfAccounts.partsSales,
                Self.lineAmount(quantity: quantity, unitAmount: row.int(6)), .parts)
            entry.pair(
                debit: ChartOfAccounts.partsCost, credit: ChartOfAccounts.partsInventory,
                Self.lineAmount(quantity: quantity, unitAmount: row.int(7)), .parts)
            take(key, "1 " + row.text(3), entry)
        }
        // Both queries return their lines in key order, so this sort only merges two runs; it
        // sorts positions, not the entries (an entry carries its postings). Keys are unique.
        let order = lines.indices.sorted { (lines[$0].key, lines[$0].line) < (lines[$1].key, lines[$1].line) }
        for index in order { out.add(lines[index].posting) }
    }

    func partMovements<Sink: JournalSink>(_ bounds: [DatabaseValue], into out: inout Sink) throws {
        for row in try database.rows(
            """
            SELECT dealer_code, movement_no, line_no, moved_at, movement_type, qty, unit_cost, unit_price, batch_id
            FROM part_movements
            WHERE moved_at >= ? AND moved_at < ? AND movement_type IN ('opening_balance', 'receipt', 'receipt_reversal',
              'counter_sale', 'counter_return', 'transfer_in', 'transfer_out', 'stocktake_gain', 'stocktake_loss')
            \(Self.ordered(Sink.self, by: "dealer_code, movement_no, line_no"))
            """, bounds)
        {
            guard let date = LocalDate(row.text(3)) else { continue }
            var entry = Entry(
                key: DocumentKey(dealerCode: row.text(0), type: .partMovement, number: row.text(1)), line: row.text(2), date: date,
                batchID: row.int(8))
            let cost = Self.lineAmount(quantity: row.int(5), unitAmount: row.int(6))
            let sale = Self.lineAmount(quantity: row.int(5), unitAmount: row.int(7))
            let inventory = ChartOfAccounts.partsInventory
            switch row.text(4) {
            case "opening_balance": entry.pair(debit: inventory, credit: ChartOfAccounts.openingBalances, cost, .parts)
            case "receipt": entry.pair(debit: inventory, credit: ChartOfAccounts.payables, cost, .parts)
            case "receipt_reversal": entry.pair(debit: ChartOfAccounts.payables, credit: inventory, cost, .parts)
            case "transfer_in": entry.pair(debit: inventory, credit: ChartOfAccounts.partsTransfers, cost, .parts)
            case "transfer_out": entry.pair(debit: ChartOfAccounts.partsTransfers, credit: inventory, cost, .parts)
            case "stocktake_gain": entry.pair(debit: inventory, credit: ChartOfAccounts.inventoryAdjustments, cost, .parts)
            case "stocktake_loss": entry.pair(debit: ChartOfAccounts.inventoryAdjustments, credit: inventory, cost, .parts)
            case "counter_sale":
                entry.pair(debit: ChartOfAccounts.customerReceivables, credit: ChartOfAccounts.partsSales, sale, .parts)
                entry.pair(debit: ChartOfAccounts.partsCost, credit: inventory, cost, .parts)
            case "counter_return":
                entry.pair(debit: ChartOfAccounts.partsSales, credit: ChartOfAccounts.customerReceivables, sale, .parts)
                entry.pair(debit: inventory, credit: ChartOfAccounts.partsCost, cost, .parts)
            default: break
            }
            out.add(entry)
        }
    }

    func expenses<Sink: JournalSink>(_ bounds: [DatabaseValue], into out: inout Sink) throws {
        for row in try database.rows(
            """
            SELECT dealer_code, entry_no, posting_date, account, department, category, amount, batch_id
            FROM expenses WHERE posting_date >= ? AND posting_date < ?
            \(Self.ordered(Sink.self, by: "dealer_code, entry_no"))
            """, bounds)
        {
            guard let date = LocalDate(row.text(2)) else { continue }
            var entry = Entry(
                key: DocumentKey(dealerCode: row.text(0), type: .expense, number: row.text(1)), line: "", date: date, batchID: row.int(7))
            let department = Department(rawValue: row.text(4)) ?? .admin
            let category = ExpenseCategory(rawValue: row.text(5)) ?? .fixed
            entry.category = category
            entry.sourceAccount = row[3].string
            entry.pair(debit: ChartOfAccounts.expense(category), credit: ChartOfAccounts.payables, row.int(6), department)
            out.add(entry)
        }
    }
}

/// Where the journal's entries go.
protocol JournalSink {
    /// Whether entries must arrive in document key order (a full journal) or may come in any
    /// order (sums).
    static var keepsOrder: Bool { get }
    mutating func add(_ entry: Entry)
}

/// The department P&L per dealer code of the entries, summed as they come.
struct StatementSums: JournalSink {
    static let keepsOrder = false
    var statements: [String: DepartmentPnL] = [:]
    /// An entry had an amount out of range (its document must post nothing).
    var sawUnpostable = false

    mutating func add(_ entry: Entry) {
        guard !entry.isUnpostable else {
            sawUnpostable = true
            return
        }
        for posting in entry.postings { statements[entry.key.dealerCode, default: DepartmentPnL()].add(posting) }
    }
}

/// The postings of one source line, built in balanced pairs.
struct Entry {
    var key: DocumentKey
    var line: String
    var date: LocalDate
    var batchID: Int64
    var category: ExpenseCategory?
    var sourceAccount: String?
    var postings: [Posting] = []
    /// An amount was out of range: the document cannot be posted.
    var isUnpostable = false

    init(key: DocumentKey, line: String, date: LocalDate, batchID: Int64) {
        self.key = key
        self.line = line
        self.date = date
        self.batchID = batchID
    }

    /// Dr `debit` / Cr `credit` for `amount`; a negative amount (a credit note, a reversal)
    /// swaps the sides so that debits and credits are never negative; zero posts nothing.
    mutating func pair(debit: Account, credit: Account, _ amount: Int64?, _ department: Department) {
        guard let amount, amount.magnitude <= Journal.maximumAmount.magnitude else {
            isUnpostable = true
            return
        }
        guard amount != 0 else { return }
        let (dr, cr) = amount > 0 ? (debit, credit) : (credit, debit)
        let magnitude = amount > 0 ? amount : -amount
        postings.append(posting(dr, department, debit: magnitude, credit: 0))
        postings.append(posting(cr, department, debit: 0, credit: magnitude))
    }

    private func posting(_ account: Account, _ department: Department, debit: Int64, credit: Int64) -> Posting {
        Posting(
            document: key, line: line, date: date, batchID: batchID, account: account, department: department,
            category: category, sourceAccount: sourceAccount, debit: debit, credit: credit)
    }
}
