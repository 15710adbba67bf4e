ALTER TABLE "appointments" ADD COLUMN source_line INTEGER;

ALTER TABLE "attendance" ADD COLUMN source_line INTEGER;

ALTER TABLE "complaints" ADD COLUMN source_line INTEGER;

ALTER TABLE "csi_surveys" ADD COLUMN source_line INTEGER;

ALTER TABLE "customers" ADD COLUMN source_line INTEGER;

ALTER TABLE "dealers" ADD COLUMN source_line INTEGER;

ALTER TABLE "employees" ADD COLUMN source_line INTEGER;

ALTER TABLE "expenses" ADD COLUMN source_line INTEGER;

ALTER TABLE "fleet_bookings" ADD COLUMN source_line INTEGER;

ALTER TABLE "part_movements" ADD COLUMN source_line INTEGER;

ALTER TABLE "parts" ADD COLUMN source_line INTEGER;

ALTER TABLE "repair_orders" ADD COLUMN source_line INTEGER;

ALTER TABLE "ro_labor" ADD COLUMN source_line INTEGER;

ALTER TABLE "ro_parts" ADD COLUMN source_line INTEGER;

ALTER TABLE "sales_orders" ADD COLUMN source_line INTEGER;

ALTER TABLE "vehicle_disposals" ADD COLUMN source_line INTEGER;

ALTER TABLE "vehicle_events" ADD COLUMN source_line INTEGER;

ALTER TABLE "vehicles" ADD COLUMN source_line INTEGER;

ALTER TABLE "warranty_claims" ADD COLUMN source_line INTEGER;
