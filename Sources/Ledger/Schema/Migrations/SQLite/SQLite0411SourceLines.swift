// Migration `0411-source-lines` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0411-source-lines.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0411SourceLines: [String] = [
        #"""
        ALTER TABLE "appointments" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "attendance" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "complaints" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "csi_surveys" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "customers" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "dealers" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "employees" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "expenses" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "fleet_bookings" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "part_movements" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "parts" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "repair_orders" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "ro_labor" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "ro_parts" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "sales_orders" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "vehicle_disposals" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "vehicle_events" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "vehicles" ADD COLUMN source_line INTEGER
        """#,
        #"""
        ALTER TABLE "warranty_claims" ADD COLUMN source_line INTEGER
        """#,
    ]
}
