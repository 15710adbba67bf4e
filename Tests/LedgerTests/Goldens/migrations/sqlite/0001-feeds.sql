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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code")
);

CREATE TABLE "employees" (
    "dealer_code" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT,
    "hired_on" TEXT,
    "left_on" TEXT,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "employee_id")
);

CREATE TABLE "attendance" (
    "dealer_code" TEXT NOT NULL,
    "employee_id" TEXT NOT NULL,
    "work_date" TEXT NOT NULL,
    "hours_present" INTEGER,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "employee_id", "work_date")
);

CREATE TABLE "customers" (
    "dealer_code" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "city" TEXT,
    "kind" TEXT,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "customer_id")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("vin")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "vin", "event_type", "event_time")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "order_no")
);

CREATE TABLE "appointments" (
    "dealer_code" TEXT NOT NULL,
    "appointment_no" TEXT NOT NULL,
    "vin" TEXT,
    "created_at" TEXT,
    "scheduled_at" TEXT,
    "arrived_at" TEXT,
    "status" TEXT,
    "ro_no" TEXT,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "appointment_no")
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
    batch_id INTEGER NOT NULL,
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
    batch_id INTEGER NOT NULL,
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "ro_no", "line_no")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "part_no")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "movement_no", "line_no")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "claim_no")
);

CREATE TABLE "csi_surveys" (
    "dealer_code" TEXT NOT NULL,
    "survey_id" TEXT NOT NULL,
    "survey_date" TEXT,
    "kind" TEXT,
    "ref_no" TEXT,
    "score" INTEGER,
    "recommend" INTEGER,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "survey_id")
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
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "booking_no")
);

CREATE TABLE "vehicle_disposals" (
    "dealer_code" TEXT NOT NULL,
    "vin" TEXT NOT NULL,
    "disposed_on" TEXT,
    "method" TEXT,
    "proceeds" INTEGER,
    "certificate_no" TEXT,
    "approved_by" TEXT,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "vin")
);

CREATE TABLE "expenses" (
    "dealer_code" TEXT NOT NULL,
    "entry_no" TEXT NOT NULL,
    "posting_date" TEXT,
    "account" TEXT,
    "department" TEXT,
    "category" TEXT,
    "amount" INTEGER,
    batch_id INTEGER NOT NULL,
    PRIMARY KEY ("dealer_code", "entry_no")
);

CREATE INDEX "dealers_batch" ON "dealers" (batch_id);

CREATE INDEX "employees_batch" ON "employees" (batch_id);

CREATE INDEX "attendance_batch" ON "attendance" (batch_id);

CREATE INDEX "customers_batch" ON "customers" (batch_id);

CREATE INDEX "vehicles_batch" ON "vehicles" (batch_id);

CREATE INDEX "vehicle_events_batch" ON "vehicle_events" (batch_id);

CREATE INDEX "sales_orders_batch" ON "sales_orders" (batch_id);

CREATE INDEX "appointments_batch" ON "appointments" (batch_id);

CREATE INDEX "repair_orders_batch" ON "repair_orders" (batch_id);

CREATE INDEX "ro_labor_batch" ON "ro_labor" (batch_id);

CREATE INDEX "ro_parts_batch" ON "ro_parts" (batch_id);

CREATE INDEX "parts_batch" ON "parts" (batch_id);

CREATE INDEX "part_movements_batch" ON "part_movements" (batch_id);

CREATE INDEX "warranty_claims_batch" ON "warranty_claims" (batch_id);

CREATE INDEX "csi_surveys_batch" ON "csi_surveys" (batch_id);

CREATE INDEX "fleet_bookings_batch" ON "fleet_bookings" (batch_id);

CREATE INDEX "vehicle_disposals_batch" ON "vehicle_disposals" (batch_id);

CREATE INDEX "expenses_batch" ON "expenses" (batch_id);
