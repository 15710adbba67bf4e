/// Summaries the warehouse keeps in step with two feed tables, so that a report reads stock
/// positions at any date without scanning the whole history (`docs/schema.md`, "Derived
/// tables"; `docs/reports.md`, "A report's cost does not depend on the years of history").
///
/// Triggers maintain them inside the writing transaction, so every write path (the importer,
/// a test fixture, a manual `DELETE`) keeps them exact; the migration that creates them fills
/// them from the rows already loaded.
///
/// - `part_month_totals`: per dealer, part and calendar month (`YYYY-MM`), the signed stock
///   value and quantity change of that month's movements, its first movement and its last
///   issue (`issue_to_ro` / `counter_sale`). A part's position at the end of a day is the sum
///   of its months before that day's month plus that month's movements up to the day. A
///   missing `part_no` is stored as `''`; movements without `moved_at` are not counted.
/// - `vehicle_stays`: one row per `stocked_in` event of `vehicle_events` with the event that
///   ended the stay — the VIN's next `stocked_in` / `stocked_out` / `delivered` / `returned`
///   (at the same instant an out-event sorts first) — or nulls while the vehicle is in stock.
///
/// The tables and triggers are created by migration `0300-report-history`, whose statements
/// are frozen per backend in `Migrations/`; the pieces below are shared with the KPI queries.
enum DerivedTables {
    /// The vehicle events that start or end a stay.
    static let stayEvents = "('stocked_in', 'stocked_out', 'delivered', 'returned')"

    /// The signed stock effect of a movement of type `type` (feeds.md), as an SQL factor.
    static func movementSign(_ type: String) -> String {
        """
        CASE \(type) WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END
        """
    }

    /// The value (10⁻⁶ of the currency unit), quantity (ten-thousandths), first-movement and
    /// last-issue columns of one movement, the row named by `row` (`NEW`, `OLD` or empty).
    static func movementColumns(_ row: String = "") -> (value: String, quantity: String, movedAt: String, issuedAt: String) {
        let prefix = row.isEmpty ? "" : "\(row)."
        let sign = movementSign("\(prefix)movement_type")
        return (
            "(\(sign)) * COALESCE(\(prefix)qty * \(prefix)unit_cost, 0)",
            "(\(sign)) * COALESCE(\(prefix)qty, 0)",
            "\(prefix)moved_at",
            "CASE WHEN \(prefix)movement_type IN ('issue_to_ro', 'counter_sale') THEN \(prefix)moved_at END"
        )
    }
}
