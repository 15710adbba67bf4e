// Migration `0300-report-history` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0300-report-history.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0300ReportHistory: [String] = [
        #"""
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
        """#,
        #"""
        INSERT INTO part_month_totals (dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at)
        SELECT dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty * unit_cost, 0)), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty, 0)),
          MIN(moved_at), MAX(CASE WHEN movement_type IN ('issue_to_ro', 'counter_sale') THEN moved_at END)
        FROM part_movements WHERE moved_at IS NOT NULL
        GROUP BY dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7)
        """#,
        #"""
        CREATE INDEX report_part_movements_moved ON part_movements
          (moved_at, dealer_code, part_no, movement_type, qty, unit_cost, unit_price, filled_from_stock)
        """#,
        #"""
        CREATE TRIGGER "part_month_totals_insert" AFTER INSERT ON "part_movements" FOR EACH ROW WHEN NEW.moved_at IS NOT NULL BEGIN
            INSERT INTO part_month_totals (dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at)
        VALUES (NEW.dealer_code, COALESCE(NEW.part_no, ''), substr(NEW.moved_at, 1, 7), (CASE NEW.movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(NEW.qty * NEW.unit_cost, 0), (CASE NEW.movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(NEW.qty, 0),
          NEW.moved_at, CASE WHEN NEW.movement_type IN ('issue_to_ro', 'counter_sale') THEN NEW.moved_at END)
        ON CONFLICT (dealer_code, part_no, month) DO UPDATE SET
          value_change = part_month_totals.value_change + excluded.value_change,
          qty_change = part_month_totals.qty_change + excluded.qty_change,
          first_moved_at = CASE WHEN excluded.first_moved_at < part_month_totals.first_moved_at
            THEN excluded.first_moved_at ELSE part_month_totals.first_moved_at END,
          last_issue_at = CASE WHEN part_month_totals.last_issue_at IS NULL OR excluded.last_issue_at > part_month_totals.last_issue_at
            THEN COALESCE(excluded.last_issue_at, part_month_totals.last_issue_at) ELSE part_month_totals.last_issue_at END;
        END
        """#,
        #"""
        CREATE TRIGGER "part_month_totals_update" AFTER UPDATE ON "part_movements" FOR EACH ROW BEGIN
            DELETE FROM part_month_totals WHERE dealer_code = OLD.dealer_code AND part_no = COALESCE(OLD.part_no, '') AND month = substr(OLD.moved_at, 1, 7);
            INSERT INTO part_month_totals (dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at)
        SELECT dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty * unit_cost, 0)), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty, 0)),
          MIN(moved_at), MAX(CASE WHEN movement_type IN ('issue_to_ro', 'counter_sale') THEN moved_at END)
        FROM part_movements
        WHERE dealer_code = OLD.dealer_code AND part_no IS OLD.part_no
          AND moved_at >= substr(OLD.moved_at, 1, 7) AND moved_at < substr(OLD.moved_at, 1, 7) || '~'
        GROUP BY dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7);
            DELETE FROM part_month_totals WHERE dealer_code = NEW.dealer_code AND part_no = COALESCE(NEW.part_no, '') AND month = substr(NEW.moved_at, 1, 7);
            INSERT INTO part_month_totals (dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at)
        SELECT dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty * unit_cost, 0)), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty, 0)),
          MIN(moved_at), MAX(CASE WHEN movement_type IN ('issue_to_ro', 'counter_sale') THEN moved_at END)
        FROM part_movements
        WHERE dealer_code = NEW.dealer_code AND part_no IS NEW.part_no
          AND moved_at >= substr(NEW.moved_at, 1, 7) AND moved_at < substr(NEW.moved_at, 1, 7) || '~'
        GROUP BY dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7);
        END
        """#,
        #"""
        CREATE TRIGGER "part_month_totals_delete" AFTER DELETE ON "part_movements" FOR EACH ROW WHEN OLD.moved_at IS NOT NULL BEGIN
            DELETE FROM part_month_totals WHERE dealer_code = OLD.dealer_code AND part_no = COALESCE(OLD.part_no, '') AND month = substr(OLD.moved_at, 1, 7);
            INSERT INTO part_month_totals (dealer_code, part_no, month, value_change, qty_change, first_moved_at, last_issue_at)
        SELECT dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty * unit_cost, 0)), SUM((CASE movement_type WHEN 'opening_balance' THEN 1 WHEN 'receipt' THEN 1 WHEN 'receipt_reversal' THEN -1
          WHEN 'issue_to_ro' THEN -1 WHEN 'return_from_ro' THEN 1 WHEN 'counter_sale' THEN -1
          WHEN 'counter_return' THEN 1 WHEN 'transfer_in' THEN 1 WHEN 'transfer_out' THEN -1
          WHEN 'stocktake_gain' THEN 1 WHEN 'stocktake_loss' THEN -1 ELSE 0 END) * COALESCE(qty, 0)),
          MIN(moved_at), MAX(CASE WHEN movement_type IN ('issue_to_ro', 'counter_sale') THEN moved_at END)
        FROM part_movements
        WHERE dealer_code = OLD.dealer_code AND part_no IS OLD.part_no
          AND moved_at >= substr(OLD.moved_at, 1, 7) AND moved_at < substr(OLD.moved_at, 1, 7) || '~'
        GROUP BY dealer_code, COALESCE(part_no, ''), substr(moved_at, 1, 7);
        END
        """#,
        #"""
        CREATE TABLE vehicle_stays (
            dealer_code TEXT NOT NULL,
            vin TEXT NOT NULL,
            stocked_in_at TEXT NOT NULL,
            cost INTEGER,
            ended_at TEXT,
            ending_event TEXT,
            PRIMARY KEY (dealer_code, vin, stocked_in_at)
        )
        """#,
        #"""
        CREATE INDEX vehicle_stays_ended ON vehicle_stays (ended_at)
        """#,
        #"""
        INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL AND 1 = 1
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in'
        """#,
        #"""
        CREATE TRIGGER "vehicle_stays_append" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND NOT EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND (e.event_time > NEW.event_time OR (e.event_time = NEW.event_time
            AND e.event_type <> NEW.event_type
            AND (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END > CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
              OR (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END = CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
                AND e.event_type > NEW.event_type))))) BEGIN
            UPDATE vehicle_stays SET ended_at = NEW.event_time, ending_event = NEW.event_type
        WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND ended_at IS NULL;
            INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT NEW.dealer_code, NEW.vin, NEW.event_time, NEW.cost, NULL, NULL WHERE NEW.event_type = 'stocked_in';
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_stays_insert" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
          AND e.event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND (e.event_time > NEW.event_time OR (e.event_time = NEW.event_time
            AND e.event_type <> NEW.event_type
            AND (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END > CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
              OR (CASE WHEN e.event_type = 'stocked_in' THEN 1 ELSE 0 END = CASE WHEN NEW.event_type = 'stocked_in' THEN 1 ELSE 0 END
                AND e.event_type > NEW.event_type))))) BEGIN
            DELETE FROM vehicle_stays WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
            INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in';
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_stays_update" AFTER UPDATE ON "vehicle_events" FOR EACH ROW BEGIN
            DELETE FROM vehicle_stays WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
            INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in';
            DELETE FROM vehicle_stays WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
            INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL AND dealer_code = NEW.dealer_code AND vin = NEW.vin
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in';
        END
        """#,
        #"""
        CREATE TRIGGER "vehicle_stays_delete" AFTER DELETE ON "vehicle_events" FOR EACH ROW WHEN OLD.event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') BEGIN
            DELETE FROM vehicle_stays WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
            INSERT INTO vehicle_stays (dealer_code, vin, stocked_in_at, cost, ended_at, ending_event)
        SELECT dealer_code, vin, event_time, cost, next_time, next_type FROM (
          SELECT dealer_code, vin, event_type, event_time, cost,
            LEAD(event_time) OVER stay AS next_time, LEAD(event_type) OVER stay AS next_type
          FROM vehicle_events
          WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned') AND event_time IS NOT NULL AND dealer_code = OLD.dealer_code AND vin = OLD.vin
          WINDOW stay AS (PARTITION BY dealer_code, vin
            ORDER BY event_time, CASE WHEN event_type = 'stocked_in' THEN 1 ELSE 0 END, event_type)
        ) AS events WHERE event_type = 'stocked_in';
        END
        """#,
        #"""
        CREATE INDEX report_repair_orders_completed ON repair_orders (completed_at)
        """#,
        #"""
        CREATE INDEX report_fleet_bookings_returned ON fleet_bookings (returned_at)
        """#,
        #"""
        CREATE INDEX report_sales_orders_open ON sales_orders (promised_delivery_date) WHERE status = 'open'
        """#,
        #"""
        CREATE INDEX report_vehicles_usage ON vehicles (usage)
        """#,
        #"""
        CREATE INDEX report_expenses_posted ON expenses (posting_date)
        """#,
    ]
}
