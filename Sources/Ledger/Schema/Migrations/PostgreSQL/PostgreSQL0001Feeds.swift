// Migration `0001-feeds` on PostgreSQL, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/postgresql/0001-feeds.sql must stay equal to it.

extension ReleasedMigrations {
    static let postgresql0001Feeds: [String] = [
        #"""
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
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code")
        )
        """#,
        #"""
        CREATE TABLE "employees" (
            "dealer_code" TEXT NOT NULL,
            "employee_id" TEXT NOT NULL,
            "name" TEXT,
            "role" TEXT,
            "hired_on" TEXT,
            "left_on" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "employee_id")
        )
        """#,
        #"""
        CREATE TABLE "attendance" (
            "dealer_code" TEXT NOT NULL,
            "employee_id" TEXT NOT NULL,
            "work_date" TEXT NOT NULL,
            "hours_present" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "employee_id", "work_date")
        )
        """#,
        #"""
        CREATE TABLE "customers" (
            "dealer_code" TEXT NOT NULL,
            "customer_id" TEXT NOT NULL,
            "name" TEXT,
            "phone" TEXT,
            "city" TEXT,
            "kind" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "customer_id")
        )
        """#,
        #"""
        CREATE TABLE "vehicles" (
            "vin" TEXT NOT NULL,
            "brand" TEXT,
            "series" TEXT,
            "model_code" TEXT,
            "model_name" TEXT,
            "model_year" BIGINT,
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
            "service_life_years" BIGINT,
            "status" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("vin")
        )
        """#,
        #"""
        CREATE TABLE "vehicle_events" (
            "dealer_code" TEXT NOT NULL,
            "vin" TEXT NOT NULL,
            "event_type" TEXT NOT NULL,
            "event_time" TEXT NOT NULL,
            "cost" BIGINT,
            "warehouse" TEXT,
            "bin" TEXT,
            "certificate_received" BIGINT,
            "damaged" BIGINT,
            "carrier" TEXT,
            "reference" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "vin", "event_type", "event_time")
        )
        """#,
        #"""
        CREATE TABLE "sales_orders" (
            "dealer_code" TEXT NOT NULL,
            "order_no" TEXT NOT NULL,
            "order_date" TEXT,
            "customer_id" TEXT,
            "vin" TEXT,
            "sale_type" TEXT,
            "order_type" TEXT,
            "status" TEXT,
            "list_price" BIGINT,
            "discount" BIGINT,
            "sale_price" BIGINT,
            "vehicle_cost" BIGINT,
            "fi_income" BIGINT,
            "promised_delivery_date" TEXT,
            "delivered_on" TEXT,
            "cancelled_on" TEXT,
            "salesperson_id" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "order_no")
        )
        """#,
        #"""
        CREATE TABLE "appointments" (
            "dealer_code" TEXT NOT NULL,
            "appointment_no" TEXT NOT NULL,
            "vin" TEXT,
            "created_at" TEXT,
            "scheduled_at" TEXT,
            "arrived_at" TEXT,
            "status" TEXT,
            "ro_no" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "appointment_no")
        )
        """#,
        #"""
        CREATE TABLE "repair_orders" (
            "dealer_code" TEXT NOT NULL,
            "ro_no" TEXT NOT NULL,
            "vin" TEXT,
            "opened_at" TEXT,
            "promised_at" TEXT,
            "completed_at" TEXT,
            "invoiced_at" TEXT,
            "delivered_at" TEXT,
            "mileage_km" BIGINT,
            "ro_type" TEXT,
            "status" TEXT,
            "advisor_id" TEXT,
            "comeback_flag" BIGINT,
            "comeback_of_ro" TEXT,
            "complaint" TEXT,
            "waiting_parts" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "ro_no")
        )
        """#,
        #"""
        CREATE TABLE "ro_labor" (
            "dealer_code" TEXT NOT NULL,
            "ro_no" TEXT NOT NULL,
            "line_no" TEXT NOT NULL,
            "op_code" TEXT,
            "description" TEXT,
            "pay_type" TEXT,
            "technician_id" TEXT,
            "sold_hours" BIGINT,
            "clocked_hours" BIGINT,
            "labor_sale" BIGINT,
            "labor_cost" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "ro_no", "line_no")
        )
        """#,
        #"""
        CREATE TABLE "ro_parts" (
            "dealer_code" TEXT NOT NULL,
            "ro_no" TEXT NOT NULL,
            "line_no" TEXT NOT NULL,
            "part_no" TEXT,
            "qty" BIGINT,
            "unit_price" BIGINT,
            "unit_cost" BIGINT,
            "pay_type" TEXT,
            "filled_from_stock" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "ro_no", "line_no")
        )
        """#,
        #"""
        CREATE TABLE "parts" (
            "dealer_code" TEXT NOT NULL,
            "part_no" TEXT NOT NULL,
            "description" TEXT,
            "category" TEXT,
            "unit" TEXT,
            "list_price" BIGINT,
            "standard_cost" BIGINT,
            "min_stock" BIGINT,
            "max_stock" BIGINT,
            "bin" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "part_no")
        )
        """#,
        #"""
        CREATE TABLE "part_movements" (
            "dealer_code" TEXT NOT NULL,
            "movement_no" TEXT NOT NULL,
            "line_no" TEXT NOT NULL,
            "part_no" TEXT,
            "moved_at" TEXT,
            "movement_type" TEXT,
            "qty" BIGINT,
            "unit_cost" BIGINT,
            "unit_price" BIGINT,
            "reference" TEXT,
            "bin_from" TEXT,
            "bin_to" TEXT,
            "filled_from_stock" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "movement_no", "line_no")
        )
        """#,
        #"""
        CREATE TABLE "warranty_claims" (
            "dealer_code" TEXT NOT NULL,
            "claim_no" TEXT NOT NULL,
            "ro_no" TEXT,
            "vin" TEXT,
            "submitted_on" TEXT,
            "status" TEXT,
            "claimed_amount" BIGINT,
            "approved_amount" BIGINT,
            "decided_on" TEXT,
            "submission_count" BIGINT,
            "reject_reason" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "claim_no")
        )
        """#,
        #"""
        CREATE TABLE "csi_surveys" (
            "dealer_code" TEXT NOT NULL,
            "survey_id" TEXT NOT NULL,
            "survey_date" TEXT,
            "kind" TEXT,
            "ref_no" TEXT,
            "score" BIGINT,
            "recommend" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "survey_id")
        )
        """#,
        #"""
        CREATE TABLE "fleet_bookings" (
            "dealer_code" TEXT NOT NULL,
            "booking_no" TEXT NOT NULL,
            "vin" TEXT,
            "purpose" TEXT,
            "booked_from" TEXT,
            "booked_to" TEXT,
            "checked_out_at" TEXT,
            "returned_at" TEXT,
            "km_out" BIGINT,
            "km_in" BIGINT,
            "customer_id" TEXT,
            "status" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "booking_no")
        )
        """#,
        #"""
        CREATE TABLE "vehicle_disposals" (
            "dealer_code" TEXT NOT NULL,
            "vin" TEXT NOT NULL,
            "disposed_on" TEXT,
            "method" TEXT,
            "proceeds" BIGINT,
            "certificate_no" TEXT,
            "approved_by" TEXT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "vin")
        )
        """#,
        #"""
        CREATE TABLE "expenses" (
            "dealer_code" TEXT NOT NULL,
            "entry_no" TEXT NOT NULL,
            "posting_date" TEXT,
            "account" TEXT,
            "department" TEXT,
            "category" TEXT,
            "amount" BIGINT,
            batch_id BIGINT NOT NULL,
            PRIMARY KEY ("dealer_code", "entry_no")
        )
        """#,
        #"""
        CREATE INDEX "dealers_batch" ON "dealers" (batch_id)
        """#,
        #"""
        CREATE INDEX "employees_batch" ON "employees" (batch_id)
        """#,
        #"""
        CREATE INDEX "attendance_batch" ON "attendance" (batch_id)
        """#,
        #"""
        CREATE INDEX "customers_batch" ON "customers" (batch_id)
        """#,
        #"""
        CREATE INDEX "vehicles_batch" ON "vehicles" (batch_id)
        """#,
        #"""
        CREATE INDEX "vehicle_events_batch" ON "vehicle_events" (batch_id)
        """#,
        #"""
        CREATE INDEX "sales_orders_batch" ON "sales_orders" (batch_id)
        """#,
        #"""
        CREATE INDEX "appointments_batch" ON "appointments" (batch_id)
        """#,
        #"""
        CREATE INDEX "repair_orders_batch" ON "repair_orders" (batch_id)
        """#,
        #"""
        CREATE INDEX "ro_labor_batch" ON "ro_labor" (batch_id)
        """#,
        #"""
        CREATE INDEX "ro_parts_batch" ON "ro_parts" (batch_id)
        """#,
        #"""
        CREATE INDEX "parts_batch" ON "parts" (batch_id)
        """#,
        #"""
        CREATE INDEX "part_movements_batch" ON "part_movements" (batch_id)
        """#,
        #"""
        CREATE INDEX "warranty_claims_batch" ON "warranty_claims" (batch_id)
        """#,
        #"""
        CREATE INDEX "csi_surveys_batch" ON "csi_surveys" (batch_id)
        """#,
        #"""
        CREATE INDEX "fleet_bookings_batch" ON "fleet_bookings" (batch_id)
        """#,
        #"""
        CREATE INDEX "vehicle_disposals_batch" ON "vehicle_disposals" (batch_id)
        """#,
        #"""
        CREATE INDEX "expenses_batch" ON "expenses" (batch_id)
        """#,
    ]
}
