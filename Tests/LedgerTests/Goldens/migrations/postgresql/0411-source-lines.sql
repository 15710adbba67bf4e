ALTER TABLE "appointments" ADD COLUMN source_line BIGINT;

ALTER TABLE "attendance" ADD COLUMN source_line BIGINT;

ALTER TABLE "complaints" ADD COLUMN source_line BIGINT;

ALTER TABLE "csi_surveys" ADD COLUMN source_line BIGINT;

ALTER TABLE "customers" ADD COLUMN source_line BIGINT;

ALTER TABLE "dealers" ADD COLUMN source_line BIGINT;

ALTER TABLE "employees" ADD COLUMN source_line BIGINT;

ALTER TABLE "expenses" ADD COLUMN source_line BIGINT;

ALTER TABLE "fleet_bookings" ADD COLUMN source_line BIGINT;

ALTER TABLE "part_movements" ADD COLUMN source_line BIGINT;

ALTER TABLE "parts" ADD COLUMN source_line BIGINT;

ALTER TABLE "repair_orders" ADD COLUMN source_line BIGINT;

ALTER TABLE "ro_labor" ADD COLUMN source_line BIGINT;

ALTER TABLE "ro_parts" ADD COLUMN source_line BIGINT;

ALTER TABLE "sales_orders" ADD COLUMN source_line BIGINT;

ALTER TABLE "vehicle_disposals" ADD COLUMN source_line BIGINT;

ALTER TABLE "vehicle_events" ADD COLUMN source_line BIGINT;

ALTER TABLE "vehicles" ADD COLUMN source_line BIGINT;

ALTER TABLE "warranty_claims" ADD COLUMN source_line BIGINT;
