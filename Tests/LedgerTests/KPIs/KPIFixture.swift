import Testing
@testable import Ledger

/// A fresh migrated in-memory warehouse with helpers to insert feed rows (stored units:
/// money in fen, decimals in ten-thousandths, booleans 0/1).
final class KPIFixture {
    let database: Database

    init() throws {
        database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
    }

    /// Inserts one row with bound values; `batch_id` is filled in.
    func insert(_ table: String, _ values: KeyValuePairs<String, DatabaseValue>) throws {
        let columns = values.map(\.key) + ["batch_id"]
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try database.execute(
            "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(marks))",
            values.map(\.value) + [1])
    }

    func dealer(_ code: String, name: String? = nil, region: String = "East", brand: String = "Brand") throws {
        try insert("dealers", ["dealer_code": .text(code), "name": .text(name ?? "Dealer \(code)"), "region": .text(region), "brand": .text(brand)])
    }

    /// A repair order; times are `YYYY-MM-DD HH:MM:SS` text.
    func ro(
        _ dealer: String, _ no: String, vin: String = "VIN1", opened: String? = nil, completed: String? = nil, invoiced: String? = nil,
        promised: String? = nil, type: String = "repair", status: String = "invoiced", flag: Int64? = nil, of: String? = nil
    ) throws {
        try insert("repair_orders", [
            "dealer_code": .text(dealer), "ro_no": .text(no), "vin": .text(vin), "opened_at": opened.databaseValue,
            "completed_at": completed.databaseValue, "invoiced_at": invoiced.databaseValue, "promised_at": promised.databaseValue,
            "ro_type": .text(type), "status": .text(status), "comeback_flag": flag.databaseValue, "comeback_of_ro": of.databaseValue,
        ])
    }

    /// A labor line; hours in ten-thousandths, money in fen.
    func labor(
        _ dealer: String, _ ro: String, _ line: String, op: String? = "OP1", pay: String = "customer", tech: String? = "T1",
        sold: Int64 = 10_000, clocked: Int64 = 10_000, sale: Int64 = 10_000, cost: Int64 = 4_000
    ) throws {
        try insert("ro_labor", [
            "dealer_code": .text(dealer), "ro_no": .text(ro), "line_no": .text(line), "op_code": op.databaseValue,
            "pay_type": .text(pay), "technician_id": tech.databaseValue, "sold_hours": .integer(sold),
            "clocked_hours": .integer(clocked), "labor_sale": .integer(sale), "labor_cost": .integer(cost),
        ])
    }

    /// A parts line; qty in ten-thousandths, prices in fen.
    func part(
        _ dealer: String, _ ro: String, _ line: String, qty: Int64 = 10_000, price: Int64 = 1_000, cost: Int64 = 600,
        pay: String = "customer", filled: Int64? = 1
    ) throws {
        try insert("ro_parts", [
            "dealer_code": .text(dealer), "ro_no": .text(ro), "line_no": .text(line), "part_no": "P1", "qty": .integer(qty),
            "unit_price": .integer(price), "unit_cost": .integer(cost), "pay_type": .text(pay), "filled_from_stock": filled.databaseValue,
        ])
    }

    func movement(
        _ dealer: String, _ no: String, part: String = "P1", at: String, type: String, qty: Int64, cost: Int64, price: Int64? = nil,
        filled: Int64? = nil
    ) throws {
        try insert("part_movements", [
            "dealer_code": .text(dealer), "movement_no": .text(no), "line_no": "1", "part_no": .text(part), "moved_at": .text(at),
            "movement_type": .text(type), "qty": .integer(qty), "unit_cost": .integer(cost), "unit_price": price.databaseValue,
            "filled_from_stock": filled.databaseValue,
        ])
    }

    func order(
        _ dealer: String, _ no: String, ordered: String? = nil, delivered: String? = nil, promised: String? = nil,
        status: String = "delivered", sale: String = "new", type: String = "retail", price: Int64 = 0, cost: Int64 = 0, fi: Int64 = 0
    ) throws {
        try insert("sales_orders", [
            "dealer_code": .text(dealer), "order_no": .text(no), "order_date": ordered.databaseValue, "delivered_on": delivered.databaseValue,
            "promised_delivery_date": promised.databaseValue, "status": .text(status), "sale_type": .text(sale), "order_type": .text(type),
            "sale_price": .integer(price), "vehicle_cost": .integer(cost), "fi_income": .integer(fi),
        ])
    }

    func event(_ dealer: String, _ vin: String, _ type: String, _ time: String, cost: Int64? = nil) throws {
        try insert("vehicle_events", [
            "dealer_code": .text(dealer), "vin": .text(vin), "event_type": .text(type), "event_time": .text(time), "cost": cost.databaseValue,
        ])
    }

    /// The engine over this warehouse.
    func engine(_ options: KPIOptions = KPIOptions()) -> KPIEngine { KPIEngine(database: database, options: options) }

    /// Builds a report and returns the figures of `id` for `group` (current period).
    func figure(_ id: String, _ period: String, by: GroupBy = .dealer, group: String, options: KPIOptions = KPIOptions()) throws -> KPIFigure {
        let report = try report(period, by: by, options: options)
        let row = try #require(report.rows.first { $0.definition.id == id && $0.group.key == group }, "no row \(id) for \(group)")
        return row.current
    }

    func report(_ period: String, by: GroupBy = .dealer, options: KPIOptions = KPIOptions()) throws -> KPIReport {
        let period = try #require(ReportingPeriod(parsing: period))
        return try KPIReportBuilder(engine: engine(options)).build(.init(period: period, groupBy: by, includesTrend: false, includesDetails: false))
    }
}

extension KPIFigure {
    /// Shorthand for table-driven expectations: value, numerator, denominator.
    var triple: [String?] { [value, numerator, denominator] }
}
