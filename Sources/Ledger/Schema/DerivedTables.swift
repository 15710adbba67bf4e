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

    static func statements(_ dialect: any SQLDialect) -> [String] {
        partMonthTotals(dialect) + vehicleStays(dialect) + [
            // Open repair orders at a period end (exception lists): not completed / invoiced by then.
            "CREATE INDEX report_repair_orders_completed ON repair_orders (completed_at)",
            // Bookings out during a period, or not returned by its end (fleet utilisation, exceptions).
            "CREATE INDEX report_fleet_bookings_returned ON fleet_bookings (returned_at)",
            // Open sales orders at a period end (exception list); partial, so that the
            // delivered-order queries keep their delivered_on range.
            "CREATE INDEX report_sales_orders_open ON sales_orders (promised_delivery_date) WHERE status = 'open'",
            // The demo / loaner / fleet vehicles among every vehicle ever sold.
            "CREATE INDEX report_vehicles_usage ON vehicles (usage)",
            // The expenses of a period (journal).
            "CREATE INDEX report_expenses_posted ON expenses (posting_date)",
        ]
    }

    // MARK: part_month_totals

    private static let partColumns = "dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at"

    /// Recomputes the month of the movement `row` from `part_movements` (an index range).
    private static func recomputeMonth(of row: String, _ dialect: any SQLDialect) -> [String] {
        let month = dialect.monthOf("\(row).moved_at")
        let one = movementColumns()
        return [
            """
            DELETE FROM part_month_totals WHERE dealer_code = \(row).dealer_code \
            AND part_no = COALESCE(\(row).part_no, '') AND month = \(month)
            """,
            """
            INSERT INTO part_month_totals (\(partColumns))
            SELECT dealer_code, COALESCE(part_no, ''), \(dialect.monthOf("moved_at")), SUM(\(one.value)), SUM(\(one.quantity)),
              MIN(moved_at), MAX(\(one.issuedAt))
            FROM part_movements
            WHERE dealer_code = \(row).dealer_code AND \(dialect.isSame("part_no", "\(row).part_no"))
              AND moved_at >= \(month) AND moved_at < \(month) || '~'
            GROUP BY dealer_code, COALESCE(part_no, ''), \(dialect.monthOf("moved_at"))
            """,
        ]
    }

    private static func partMonthTotals(_ dialect: any SQLDialect) -> [String] {
        let new = movementColumns("NEW")
        let all = movementColumns()
        let insert = """
            INSERT INTO part_month_totals (\(partColumns))
            VALUES (NEW.dealer_code, COALESCE(NEW.part_no, ''), \(dialect.monthOf("NEW.moved_at")), \(new.value), \(new.quantity),
              NEW.moved_at, \(new.issuedAt))
            ON CONFLICT (dealer_code, part_no, month) DO UPDATE SET
              value_change = part_month_totals.value_change + excluded.value_change,
              qty_change = part_month_totals.qty_change + excluded.qty_change,
              first_moved_at = CASE WHEN excluded.first_moved_at < part_month_totals.first_moved_at
                THEN excluded.first_moved_at ELSE part_month_totals.first_moved_at END,
              last_issue_at = CASE WHEN part_month_totals.last_issue_at IS NULL OR excluded.last_issue_at > part_month_totals.last_issue_at
                THEN COALESCE(excluded.last_issue_at, part_month_totals.last_issue_at) ELSE part_month_totals.last_issue_at END
            """
        return [
            """
            CREATE TABLE part_month_totals (
                dealer_code TEXT NOT NULL,
                part_no TEXT NOT NULL,
                month TEXT NOT NULL,
                value_change INTEGER NOT NULL,
                qty_change INTEGER NOT NULL,
                first_moved_at TEXT NOT NULL,
                last_issue_at TEXT,
                PRIMARY KEY (dealer_code, part_no, month)
            )
            """,
            """
            INSERT INTO part_month_totals (\(partColumns))
            SELECT dealer_code, COALESCE(part_no, ''), \(dialect.monthOf("moved_at")), SUM(\(all.value)), SUM(\(all.quantity)),
              MIN(moved_at), MAX(\(all.issuedAt))
            FROM part_movements WHERE moved_at IS NOT NULL
            GROUP BY dealer_code, COALESCE(part_no, ''), \(dialect.monthOf("moved_at"))
            """,
            // Period queries of the parts ledger (the days of a report's periods).
            """
            CREATE INDEX report_part_movements_moved ON part_movements
              (moved_at, dealer_code, part_no, movement_type, qty, unit_cost, unit_price, filled_from_stock)
            """,
        ]
            // Insert: add the row to its month (the common case, no read of other rows).
            + dialect.rowTrigger(
                name: "part_month_totals_insert", after: .insert, on: "part_movements", when: "NEW.moved_at IS NOT NULL",
                statements: [insert])
            // Update and delete: recompute the month(s) the row was and is in.
            + dialect.rowTrigger(
                name: "part_month_totals_update", after: .update, on: "part_movements", when: nil,
                statements: recomputeMonth(of: "OLD", dialect) + recomputeMonth(of: "NEW", dialect))
            + dialect.rowTrigger(
                name: "part_month_totals_delete", after: .delete, on: "part_movements", when: "OLD.moved_at IS NOT NULL",
                statements: recomputeMonth(of: "OLD", dialect))
    }

    // MARK: vehicle_stays

    private static let stayColumns = "dealer_code, vin, stocked_in_at, cost, ended_at, ending_event"

    /// The stays of the VINs selected by `filter` (a condition on `vehicle_events`).
    private static func stays(where filter: String) -> String {
        """
        INSERT INTO vehicle_stays (\(stayColumns))
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN \(stayEvents) AND event_time IS NOT NULL AND \(filter)
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in'
        """
    }

    /// Recomputes the stays of the VIN of the event `row`.
    private static func recomputeStays(of row: String) -> [String] {
        [
            "DELETE FROM vehicle_stays WHERE dealer_code = \(row).dealer_code AND vin = \(row).vin",
            stays(where: "dealer_code = \(row).dealer_code AND vin = \(row).vin"),
        ]
    }

    /// Whether the VIN of `NEW` has a stay event that sorts after it (later, or at the same
    /// instant and after it in the stay order: out-events first, then by type).
    private static let laterStayEvent = """
        EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type IN \(stayEvents) AND (e.event_time > NEW.event_time OR (e.event_time = NEW.event_time
            AND e.event_type <> NEW.event_type
            AND (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END > CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
              OR (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END = CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
                AND e.event_type > NEW.event_type)))))
        """

    private static func vehicleStays(_ dialect: any SQLDialect) -> [String] {
        let isStayEvent = { (row: String) in "\(row).event_type IN \(stayEvents)" }
        return [
            """
            CREATE TABLE vehicle_stays (
                dealer_code TEXT NOT NULL,
                vin TEXT NOT NULL,
                stocked_in_at TEXT NOT NULL,
                cost INTEGER,
                ended_at TEXT,
                ending_event TEXT,
                PRIMARY KEY (dealer_code, vin, stocked_in_at)
            )
            """,
            // Stays that end in or after a report's first period, or have not ended.
            "CREATE INDEX vehicle_stays_ended ON vehicle_stays (ended_at)",
            stays(where: "1 = 1"),
        ]
            // A stay event later than the VIN's others (the usual, chronological load) ends the
            // open stay and, if a stocked_in, opens one; any other write recomputes the VIN's
            // few stays (a primary-key range).
            + dialect.rowTrigger(
                name: "vehicle_stays_append", after: .insert, on: "vehicle_events",
                when: "\(isStayEvent("NEW")) AND NOT \(laterStayEvent)",
                statements: [
                    """
                    UPDATE vehicle_stays SET ended_at = NEW.event_time, ending_event = NEW.event_type
                    WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND ended_at IS NULL
                    """,
                    """
                    INSERT INTO vehicle_stays (\(stayColumns))
                    SELECT NEW.dealer_code, NEW.vin, NEW.event_time, NEW.cost, NULL, NULL WHERE NEW.event_type = 'stocked_in'
                    """,
                ])
            + dialect.rowTrigger(
                name: "vehicle_stays_insert", after: .insert, on: "vehicle_events",
                when: "\(isStayEvent("NEW")) AND \(laterStayEvent)",
                statements: recomputeStays(of: "NEW"))
            + dialect.rowTrigger(
                name: "vehicle_stays_update", after: .update, on: "vehicle_events", when: nil,
                statements: recomputeStays(of: "OLD") + recomputeStays(of: "NEW"))
            + dialect.rowTrigger(
                name: "vehicle_stays_delete", after: .delete, on: "vehicle_events", when: isStayEvent("OLD"),
                statements: recomputeStays(of: "OLD"))
    }
}
