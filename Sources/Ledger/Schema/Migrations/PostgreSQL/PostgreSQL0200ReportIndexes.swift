// Migration `0200-report-indexes` on PostgreSQL, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/postgresql/0200-report-indexes.sql must stay equal to it.

extension ReleasedMigrations {
    static let postgresql0200ReportIndexes: [String] = [
        #"""
        CREATE INDEX report_repair_orders_invoiced ON repair_orders (invoiced_at)
        """#,
        #"""
        CREATE INDEX report_repair_orders_opened ON repair_orders (opened_at)
        """#,
        #"""
        CREATE INDEX report_repair_orders_vin ON repair_orders (vin, completed_at)
        """#,
        #"""
        CREATE INDEX report_sales_orders_delivered ON sales_orders (delivered_on)
        """#,
        #"""
        CREATE INDEX report_sales_orders_ordered ON sales_orders (order_date)
        """#,
        #"""
        CREATE INDEX report_csi_surveys_date ON csi_surveys (survey_date)
        """#,
        #"""
        CREATE INDEX report_appointments_scheduled ON appointments (scheduled_at)
        """#,
        #"""
        CREATE INDEX report_warranty_claims_decided ON warranty_claims (decided_on)
        """#,
        #"""
        CREATE INDEX report_attendance_date ON attendance (work_date)
        """#,
        #"""
        CREATE INDEX report_part_movements_part ON part_movements (dealer_code, part_no, moved_at, movement_type, qty, unit_cost)
        """#,
    ]
}
