CREATE VIEW "appointments_v" AS SELECT
    "dealer_code",
    "appointment_no",
    "vin",
    "created_at",
    "scheduled_at",
    "arrived_at",
    "status",
    "ro_no",
    batch_id
FROM "appointments";

CREATE VIEW "attendance_v" AS SELECT
    "dealer_code",
    "employee_id",
    "work_date",
    "hours_present" * 0.0001 AS "hours_present",
    batch_id
FROM "attendance";

CREATE VIEW "complaints_v" AS SELECT
    "dealer_code",
    "complaint_no",
    "customer_id",
    "vin",
    "ro_no",
    "order_no",
    "opened_at",
    "channel",
    "category",
    "severity",
    "closed_at",
    "status",
    "satisfied",
    batch_id
FROM "complaints";

CREATE VIEW "csi_surveys_v" AS SELECT
    "dealer_code",
    "survey_id",
    "survey_date",
    "kind",
    "ref_no",
    "score" * 0.0001 AS "score",
    "recommend" * 0.0001 AS "recommend",
    batch_id
FROM "csi_surveys";

CREATE VIEW "customers_v" AS SELECT
    "dealer_code",
    "customer_id",
    "name",
    "phone",
    "city",
    "kind",
    batch_id
FROM "customers";

CREATE VIEW "dealers_v" AS SELECT
    "dealer_code",
    "name",
    "region",
    "sub_region",
    "province",
    "city",
    "brand",
    "opened_on",
    "status",
    batch_id
FROM "dealers";

CREATE VIEW "employees_v" AS SELECT
    "dealer_code",
    "employee_id",
    "name",
    "role",
    "hired_on",
    "left_on",
    batch_id
FROM "employees";

CREATE VIEW "expenses_v" AS SELECT
    "dealer_code",
    "entry_no",
    "posting_date",
    "account",
    "department",
    "category",
    "amount" * 0.01 AS "amount",
    batch_id
FROM "expenses";

CREATE VIEW "fleet_bookings_v" AS SELECT
    "dealer_code",
    "booking_no",
    "vin",
    "purpose",
    "booked_from",
    "booked_to",
    "checked_out_at",
    "returned_at",
    "km_out",
    "km_in",
    "customer_id",
    "status",
    batch_id
FROM "fleet_bookings";

CREATE VIEW "part_movements_v" AS SELECT
    "dealer_code",
    "movement_no",
    "line_no",
    "part_no",
    "moved_at",
    "movement_type",
    "qty" * 0.0001 AS "qty",
    "unit_cost" * 0.01 AS "unit_cost",
    "unit_price" * 0.01 AS "unit_price",
    "reference",
    "bin_from",
    "bin_to",
    "filled_from_stock",
    batch_id
FROM "part_movements";

CREATE VIEW "parts_v" AS SELECT
    "dealer_code",
    "part_no",
    "description",
    "category",
    "unit",
    "list_price" * 0.01 AS "list_price",
    "standard_cost" * 0.01 AS "standard_cost",
    "min_stock" * 0.0001 AS "min_stock",
    "max_stock" * 0.0001 AS "max_stock",
    "bin",
    batch_id
FROM "parts";

CREATE VIEW "repair_orders_v" AS SELECT
    "dealer_code",
    "ro_no",
    "vin",
    "opened_at",
    "promised_at",
    "completed_at",
    "invoiced_at",
    "delivered_at",
    "mileage_km",
    "ro_type",
    "status",
    "advisor_id",
    "comeback_flag",
    "comeback_of_ro",
    "complaint",
    "waiting_parts",
    batch_id
FROM "repair_orders";

CREATE VIEW "ro_labor_v" AS SELECT
    "dealer_code",
    "ro_no",
    "line_no",
    "op_code",
    "description",
    "pay_type",
    "technician_id",
    "sold_hours" * 0.0001 AS "sold_hours",
    "clocked_hours" * 0.0001 AS "clocked_hours",
    "labor_sale" * 0.01 AS "labor_sale",
    "labor_cost" * 0.01 AS "labor_cost",
    batch_id
FROM "ro_labor";

CREATE VIEW "ro_parts_v" AS SELECT
    "dealer_code",
    "ro_no",
    "line_no",
    "part_no",
    "qty" * 0.0001 AS "qty",
    "unit_price" * 0.01 AS "unit_price",
    "unit_cost" * 0.01 AS "unit_cost",
    "pay_type",
    "filled_from_stock",
    batch_id
FROM "ro_parts";

CREATE VIEW "sales_orders_v" AS SELECT
    "dealer_code",
    "order_no",
    "order_date",
    "customer_id",
    "vin",
    "sale_type",
    "order_type",
    "status",
    "list_price" * 0.01 AS "list_price",
    "discount" * 0.01 AS "discount",
    "sale_price" * 0.01 AS "sale_price",
    "vehicle_cost" * 0.01 AS "vehicle_cost",
    "fi_income" * 0.01 AS "fi_income",
    "promised_delivery_date",
    "delivered_on",
    "cancelled_on",
    "salesperson_id",
    batch_id
FROM "sales_orders";

CREATE VIEW "vehicle_disposals_v" AS SELECT
    "dealer_code",
    "vin",
    "disposed_on",
    "method",
    "proceeds" * 0.01 AS "proceeds",
    "certificate_no",
    "approved_by",
    batch_id
FROM "vehicle_disposals";

CREATE VIEW "vehicle_events_v" AS SELECT
    "dealer_code",
    "vin",
    "event_type",
    "event_time",
    "cost" * 0.01 AS "cost",
    "warehouse",
    "bin",
    "certificate_received",
    "damaged",
    "carrier",
    "reference",
    "eta",
    "freight_cost" * 0.01 AS "freight_cost",
    batch_id
FROM "vehicle_events";

CREATE VIEW "vehicles_v" AS SELECT
    "vin",
    "brand",
    "series",
    "model_code",
    "model_name",
    "model_year",
    "color",
    "engine_no",
    "plate",
    "production_date",
    "certificate_no",
    "in_service_on",
    "new_used",
    "usage",
    "owner_customer_id",
    "dealer_code",
    "service_life_years",
    "status",
    batch_id
FROM "vehicles";

CREATE VIEW "warranty_claims_v" AS SELECT
    "dealer_code",
    "claim_no",
    "ro_no",
    "vin",
    "submitted_on",
    "status",
    "claimed_amount" * 0.01 AS "claimed_amount",
    "approved_amount" * 0.01 AS "approved_amount",
    "decided_on",
    "submission_count",
    "reject_reason",
    batch_id
FROM "warranty_claims";

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
END;

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
END;

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
END;

CREATE TRIGGER "vehicle_logistics_append" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type NOT IN ('ordered', 'reserved') AND NOT EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
  AND e.event_type NOT IN ('ordered', 'reserved') AND (e.event_time > NEW.event_time
    OR (e.event_time = NEW.event_time AND CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END > CASE NEW.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END))) BEGIN
    UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL
  AND NEW.event_type NOT IN ('dispatched', 'in_transit');
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT NEW.dealer_code, NEW.vin, 'transit', NEW.event_time, NULL, NULL
WHERE NEW.event_type IN ('dispatched', 'in_transit') AND NOT EXISTS (SELECT 1 FROM vehicle_logistics_intervals
  WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'transit' AND ended_at IS NULL);
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT NEW.dealer_code, NEW.vin, 'pdi_round', NEW.event_time, NULL, CASE WHEN NEW.event_type = 'pdi_passed' THEN 1 ELSE 0 END
WHERE NEW.event_type IN ('pdi_passed', 'pdi_failed') AND COALESCE((SELECT e.event_type FROM vehicle_events e
  WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin AND e.event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned')
    AND NOT (e.event_type = NEW.event_type AND e.event_time = NEW.event_time)
  ORDER BY e.event_time DESC, CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END DESC LIMIT 1), '') NOT IN ('pdi_passed', 'pdi_failed');
    UPDATE vehicle_logistics_intervals SET ended_at = NEW.event_time
WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin AND kind = 'pdi_failed' AND ended_at IS NULL
  AND NEW.event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned');
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT NEW.dealer_code, NEW.vin, 'pdi_failed', NEW.event_time, NULL, NEW.damaged WHERE NEW.event_type = 'pdi_failed';
END;

CREATE TRIGGER "vehicle_logistics_delete" AFTER DELETE ON "vehicle_events" FOR EACH ROW WHEN OLD.event_type NOT IN ('ordered', 'reserved') BEGIN
    DELETE FROM vehicle_logistics_intervals WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
    MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
      OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
  FROM vehicle_events
  WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
  SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type = 'pdi_failed';
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
END;

CREATE TRIGGER "vehicle_logistics_insert" AFTER INSERT ON "vehicle_events" FOR EACH ROW WHEN NEW.event_type NOT IN ('ordered', 'reserved') AND EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = NEW.dealer_code AND e.vin = NEW.vin
  AND e.event_type NOT IN ('ordered', 'reserved') AND (e.event_time > NEW.event_time
    OR (e.event_time = NEW.event_time AND CASE e.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END > CASE NEW.event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END))) BEGIN
    DELETE FROM vehicle_logistics_intervals WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
    MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
      OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
  FROM vehicle_events
  WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
  SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type = 'pdi_failed';
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
END;

CREATE TRIGGER "vehicle_logistics_update" AFTER UPDATE ON "vehicle_events" FOR EACH ROW BEGIN
    DELETE FROM vehicle_logistics_intervals WHERE dealer_code = OLD.dealer_code AND vin = OLD.vin;
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
    MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
      OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
  FROM vehicle_events
  WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
  SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type = 'pdi_failed';
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = OLD.dealer_code AND vin = OLD.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
    DELETE FROM vehicle_logistics_intervals WHERE dealer_code = NEW.dealer_code AND vin = NEW.vin;
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'transit', event_time, ended_at, NULL FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER leg AS previous_type,
    MIN(CASE WHEN event_type NOT IN ('dispatched', 'in_transit') THEN event_time END)
      OVER (leg ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS ended_at
  FROM vehicle_events
  WHERE event_type NOT IN ('ordered', 'reserved') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW leg AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('dispatched', 'in_transit') AND (previous_type IS NULL OR previous_type NOT IN ('dispatched', 'in_transit'));
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_failed', event_time, next_time, damaged FROM (
  SELECT dealer_code, vin, event_type, event_time, damaged, LEAD(event_time) OVER round AS next_time
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type = 'pdi_failed';
    INSERT INTO vehicle_logistics_intervals (dealer_code, vin, kind, started_at, ended_at, flag)
SELECT dealer_code, vin, 'pdi_round', event_time, NULL, CASE WHEN event_type = 'pdi_passed' THEN 1 ELSE 0 END FROM (
  SELECT dealer_code, vin, event_type, event_time, LAG(event_type) OVER round AS previous_type
  FROM vehicle_events
  WHERE event_type IN ('arrived', 'pdi_passed', 'pdi_failed', 'stocked_out', 'delivered', 'returned') AND dealer_code = NEW.dealer_code AND vin = NEW.vin
  WINDOW round AS (PARTITION BY dealer_code, vin ORDER BY event_time, CASE event_type WHEN 'ordered' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_transit' THEN 2 WHEN 'arrived' THEN 3 WHEN 'pdi_passed' THEN 4 WHEN 'pdi_failed' THEN 5 WHEN 'stocked_in' THEN 6 WHEN 'moved' THEN 7 WHEN 'reserved' THEN 8 WHEN 'stocked_out' THEN 9 WHEN 'delivered' THEN 10 WHEN 'returned' THEN 11 ELSE 12 END)
) AS events
WHERE event_type IN ('pdi_passed', 'pdi_failed') AND (previous_type IS NULL OR previous_type NOT IN ('pdi_passed', 'pdi_failed'));
END;

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
END;

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
END;

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
END;

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
END;

CREATE TABLE "appointments" (
    "dealer_code" TEXT NOT NULL,
    "appointment_no" TEXT NOT NULL,
    "vin" TEXT,
    "created_at" TEXT,
    "scheduled_at" TEXT,
    "arrived_at" TEXT,
    "status" TEXT,
    "ro_no" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "appointment_no")
);

CREATE TABLE "attendance" (
    "dealer_code" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "work_date" TEXT NOT NULL,
    "hours_present" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "employee_id", "work_date")
);

CREATE TABLE batches (
    batch_id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    feed TEXT,
    rows_read INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    removed_lines INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT NOT NULL,
    message TEXT
, archived_path TEXT, duplicates INTEGER NOT NULL DEFAULT 0);

CREATE TABLE "complaints" (
    "dealer_code" TEXT NOT NULL,
    "complaint_no" TEXT NOT NULL,
    "customer_id" TEXT,
    "vin" TEXT,
    "ro_no" TEXT,
    "order_no" TEXT,
    "opened_at" TEXT,
    "channel" TEXT,
    "category" TEXT,
    "severity" TEXT,
    "closed_at" TEXT,
    "status" TEXT,
    "satisfied" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "complaint_no")
);

CREATE TABLE "csi_surveys" (
    "dealer_code" TEXT NOT NULL,
    "survey_id" TEXT NOT NULL,
    "survey_date" TEXT,
    "kind" TEXT,
    "ref_no" TEXT,
    "score" INTEGER,
    "recommend" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "survey_id")
);

CREATE TABLE "customers" (
    "dealer_code" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "city" TEXT,
    "kind" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "customer_id")
);

CREATE TABLE "dealers" (
    "dealer_code" TEXT NOT NULL,
    "name" TEXT,
    "region" TEXT,
    "sub_region" TEXT,
    "province" TEXT,
    "city" TEXT,
    "brand" TEXT,
    "opened_on" TEXT,
    "status" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code")
);

CREATE TABLE dm_events (
    session_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    start_s REAL NOT NULL,
    end_s REAL NOT NULL,
    duration_s REAL NOT NULL,
    detected_at_s REAL NOT NULL,
    details TEXT,
    PRIMARY KEY (session_id, seq)
);

CREATE TABLE dm_sessions (
    session_id TEXT PRIMARY KEY NOT NULL,
    source_file TEXT NOT NULL,
    vin TEXT,
    driver_id TEXT,
    start_s REAL NOT NULL,
    duration_s REAL NOT NULL,
    valid_gaze_s REAL NOT NULL,
    valid_eye_s REAL NOT NULL,
    missing_s REAL NOT NULL,
    perclos_p80 REAL,
    perclos_p80_max_60s REAL,
    blink_count INTEGER,
    blink_rate_per_min REAL,
    blink_mean_s REAL,
    offroad_glance_count INTEGER NOT NULL,
    offroad_glance_mean_s REAL,
    offroad_glance_max_s REAL,
    eyes_off_road_s REAL NOT NULL,
    glances_over_2s_share REAL,
    long_distraction INTEGER,
    vats INTEGER,
    phone_use INTEGER,
    microsleep INTEGER,
    sleep INTEGER,
    unresponsive INTEGER,
    drowsy INTEGER,
    degraded INTEGER,
    events_per_hour REAL,
    severity TEXT NOT NULL,
    speed_gating TEXT NOT NULL,
    scored_at TEXT NOT NULL
);

CREATE TABLE "employees" (
    "dealer_code" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT,
    "hired_on" TEXT,
    "left_on" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "employee_id")
);

CREATE TABLE "expenses" (
    "dealer_code" TEXT NOT NULL,
    "entry_no" TEXT NOT NULL,
    "posting_date" TEXT,
    "account" TEXT,
    "department" TEXT,
    "category" TEXT,
    "amount" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "entry_no")
);

CREATE TABLE "fleet_bookings" (
    "dealer_code" TEXT NOT NULL,
    "booking_no" TEXT NOT NULL,
    "vin" TEXT,
    "purpose" TEXT,
    "booked_from" TEXT,
    "booked_to" TEXT,
    "checked_out_at" TEXT,
    "returned_at" TEXT,
    "km_out" INTEGER,
    "km_in" INTEGER,
    "customer_id" TEXT,
    "status" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "booking_no")
);

CREATE TABLE part_month_totals (
    dealer_code TEXT NOT NULL,
    part_no TEXT NOT NULL,
    month TEXT NOT NULL,
    value_change INTEGER NOT NULL,
    qty_change INTEGER NOT NULL,
    first_moved_at TEXT NOT NULL,
    last_issue_at TEXT,
    PRIMARY KEY (dealer_code, part_no, month)
);

CREATE TABLE "part_movements" (
    "dealer_code" TEXT NOT NULL,
    "movement_no" TEXT NOT NULL,
    "line_no" TEXT NOT NULL,
    "part_no" TEXT,
    "moved_at" TEXT,
    "movement_type" TEXT,
    "qty" INTEGER,
    "unit_cost" INTEGER,
    "unit_price" INTEGER,
    "reference" TEXT,
    "bin_from" TEXT,
    "bin_to" TEXT,
    "filled_from_stock" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "movement_no", "line_no")
);

CREATE TABLE "parts" (
    "dealer_code" TEXT NOT NULL,
    "part_no" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT,
    "unit" TEXT,
    "list_price" INTEGER,
    "standard_cost" INTEGER,
    "min_stock" INTEGER,
    "max_stock" INTEGER,
    "bin" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "part_no")
);

CREATE TABLE "repair_orders" (
    "dealer_code" TEXT NOT NULL,
    "ro_no" TEXT NOT NULL,
    "vin" TEXT,
    "opened_at" TEXT,
    "promised_at" TEXT,
    "completed_at" TEXT,
    "invoiced_at" TEXT,
    "delivered_at" TEXT,
    "mileage_km" INTEGER,
    "ro_type" TEXT,
    "status" TEXT,
    "advisor_id" TEXT,
    "comeback_flag" INTEGER,
    "comeback_of_ro" TEXT,
    "complaint" TEXT,
    "waiting_parts" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "ro_no")
);

CREATE TABLE "ro_labor" (
    "dealer_code" TEXT NOT NULL,
    "ro_no" TEXT NOT NULL,
    "line_no" TEXT NOT NULL,
    "op_code" TEXT,
    "description" TEXT,
    "pay_type" TEXT,
    "technician_id" TEXT,
    "sold_hours" INTEGER,
    "clocked_hours" INTEGER,
    "labor_sale" INTEGER,
    "labor_cost" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "ro_no", "line_no")
);

CREATE TABLE "ro_parts" (
    "dealer_code" TEXT NOT NULL,
    "ro_no" TEXT NOT NULL,
    "line_no" TEXT NOT NULL,
    "part_no" TEXT,
    "qty" INTEGER,
    "unit_price" INTEGER,
    "unit_cost" INTEGER,
    "pay_type" TEXT,
    "filled_from_stock" INTEGER,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "ro_no", "line_no")
);

CREATE TABLE "sales_orders" (
    "dealer_code" TEXT NOT NULL,
    "order_no" TEXT NOT NULL,
    "order_date" TEXT,
    "customer_id" TEXT,
    "vin" TEXT,
    "sale_type" TEXT,
    "order_type" TEXT,
    "status" TEXT,
    "list_price" INTEGER,
    "discount" INTEGER,
    "sale_price" INTEGER,
    "vehicle_cost" INTEGER,
    "fi_income" INTEGER,
    "promised_delivery_date" TEXT,
    "delivered_on" TEXT,
    "cancelled_on" TEXT,
    "salesperson_id" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "order_no")
);

CREATE TABLE schema_migrations (id TEXT PRIMARY KEY NOT NULL, seq INTEGER NOT NULL);

CREATE TABLE "vehicle_disposals" (
    "dealer_code" TEXT NOT NULL,
    "vin" TEXT NOT NULL,
    "disposed_on" TEXT,
    "method" TEXT,
    "proceeds" INTEGER,
    "certificate_no" TEXT,
    "approved_by" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "vin")
);

CREATE TABLE "vehicle_events" (
    "dealer_code" TEXT NOT NULL,
    "vin" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_time" TEXT NOT NULL,
    "cost" INTEGER,
    "warehouse" TEXT,
    "bin" TEXT,
    "certificate_received" INTEGER,
    "damaged" INTEGER,
    "carrier" TEXT,
    "reference" TEXT,
    batch_id INTEGER NOT NULL, "eta" TEXT, "freight_cost" INTEGER, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "vin", "event_type", "event_time")
);

CREATE TABLE vehicle_logistics_intervals (
    dealer_code TEXT NOT NULL,
    vin TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    flag INTEGER,
    PRIMARY KEY (dealer_code, vin, kind, started_at)
);

CREATE TABLE vehicle_stays (
    dealer_code TEXT NOT NULL,
    vin TEXT NOT NULL,
    stocked_in_at TEXT NOT NULL,
    cost INTEGER,
    ended_at TEXT,
    ending_event TEXT,
    PRIMARY KEY (dealer_code, vin, stocked_in_at)
);

CREATE TABLE "vehicles" (
    "vin" TEXT NOT NULL,
    "brand" TEXT,
    "series" TEXT,
    "model_code" TEXT,
    "model_name" TEXT,
    "model_year" INTEGER,
    "color" TEXT,
    "engine_no" TEXT,
    "plate" TEXT,
    "production_date" TEXT,
    "certificate_no" TEXT,
    "in_service_on" TEXT,
    "new_used" TEXT,
    "usage" TEXT,
    "owner_customer_id" TEXT,
    "dealer_code" TEXT,
    "service_life_years" INTEGER,
    "status" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("vin")
);

CREATE TABLE "warranty_claims" (
    "dealer_code" TEXT NOT NULL,
    "claim_no" TEXT NOT NULL,
    "ro_no" TEXT,
    "vin" TEXT,
    "submitted_on" TEXT,
    "status" TEXT,
    "claimed_amount" INTEGER,
    "approved_amount" INTEGER,
    "decided_on" TEXT,
    "submission_count" INTEGER,
    "reject_reason" TEXT,
    batch_id INTEGER NOT NULL, source_line INTEGER,
    PRIMARY KEY ("dealer_code", "claim_no")
);

CREATE INDEX activity_appointments_created ON appointments (created_at);

CREATE INDEX activity_fleet_bookings_out ON fleet_bookings (checked_out_at);

CREATE INDEX activity_vehicle_events_time ON vehicle_events (event_time);

CREATE INDEX activity_warranty_claims_submitted ON warranty_claims (submitted_on);

CREATE INDEX "appointments_batch" ON "appointments" (batch_id);

CREATE INDEX "attendance_batch" ON "attendance" (batch_id);

CREATE INDEX batches_sha256 ON batches (sha256, outcome);

CREATE INDEX "complaints_batch" ON "complaints" (batch_id);

CREATE INDEX "csi_surveys_batch" ON "csi_surveys" (batch_id);

CREATE INDEX "customers_batch" ON "customers" (batch_id);

CREATE INDEX "dealers_batch" ON "dealers" (batch_id);

CREATE INDEX dm_events_type ON dm_events (type, session_id);

CREATE INDEX dm_sessions_driver ON dm_sessions (driver_id);

CREATE INDEX dm_sessions_vin ON dm_sessions (vin);

CREATE INDEX "employees_batch" ON "employees" (batch_id);

CREATE INDEX "expenses_batch" ON "expenses" (batch_id);

CREATE INDEX "fleet_bookings_batch" ON "fleet_bookings" (batch_id);

CREATE INDEX "part_movements_batch" ON "part_movements" (batch_id);

CREATE INDEX "parts_batch" ON "parts" (batch_id);

CREATE INDEX "repair_orders_batch" ON "repair_orders" (batch_id);

CREATE INDEX report_appointments_scheduled ON appointments (scheduled_at);

CREATE INDEX report_attendance_date ON attendance (work_date);

CREATE INDEX report_complaints_closed ON complaints (closed_at);

CREATE INDEX report_complaints_open ON complaints (opened_at) WHERE status IS NULL OR status = 'open';

CREATE INDEX report_complaints_opened ON complaints (opened_at);

CREATE INDEX report_csi_surveys_date ON csi_surveys (survey_date);

CREATE INDEX report_employees_left ON employees (left_on);

CREATE INDEX report_expenses_posted ON expenses (posting_date);

CREATE INDEX report_fleet_bookings_returned ON fleet_bookings (returned_at);

CREATE INDEX report_part_movements_moved ON part_movements
  (moved_at, dealer_code, part_no, movement_type, qty, unit_cost, unit_price, filled_from_stock);

CREATE INDEX report_part_movements_part ON part_movements (dealer_code, part_no, moved_at, movement_type, qty, unit_cost);

CREATE INDEX report_repair_orders_completed ON repair_orders (completed_at);

CREATE INDEX report_repair_orders_invoiced ON repair_orders (invoiced_at);

CREATE INDEX report_repair_orders_opened ON repair_orders (opened_at);

CREATE INDEX report_repair_orders_vin ON repair_orders (vin, completed_at);

CREATE INDEX report_sales_orders_delivered ON sales_orders (delivered_on);

CREATE INDEX report_sales_orders_open ON sales_orders (promised_delivery_date) WHERE status = 'open';

CREATE INDEX report_sales_orders_ordered ON sales_orders (order_date);

CREATE INDEX report_vehicle_disposals_disposed ON vehicle_disposals (disposed_on);

CREATE INDEX report_vehicle_events_type_time ON vehicle_events (event_type, event_time);

CREATE INDEX report_vehicles_usage ON vehicles (usage);

CREATE INDEX report_warranty_claims_decided ON warranty_claims (decided_on);

CREATE INDEX "ro_labor_batch" ON "ro_labor" (batch_id);

CREATE INDEX "ro_parts_batch" ON "ro_parts" (batch_id);

CREATE INDEX "sales_orders_batch" ON "sales_orders" (batch_id);

CREATE INDEX "vehicle_disposals_batch" ON "vehicle_disposals" (batch_id);

CREATE INDEX "vehicle_events_batch" ON "vehicle_events" (batch_id);

CREATE INDEX vehicle_logistics_intervals_ended ON vehicle_logistics_intervals (kind, ended_at);

CREATE INDEX vehicle_logistics_intervals_started ON vehicle_logistics_intervals (kind, started_at);

CREATE INDEX vehicle_stays_ended ON vehicle_stays (ended_at);

CREATE INDEX "vehicles_batch" ON "vehicles" (batch_id);

CREATE INDEX "warranty_claims_batch" ON "warranty_claims" (batch_id);
