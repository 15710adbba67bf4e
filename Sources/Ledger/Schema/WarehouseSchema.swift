/// The warehouse schema: the ordered list of migrations.
///
/// Ids are stable and never reused. Migration `0001-feeds` was generated from the feed
/// catalogue as it stood then; a golden test (`Goldens/schema.sql`) pins the resulting
/// schema so that a catalogue change cannot silently alter a migration already applied
/// elsewhere — a new column is a new migration.
public enum WarehouseSchema {
    public static let migrations: [Migration] = [
        Migration(id: "0001-feeds") { dialect in
            FeedCatalogue.standard.feeds.map { createTable(for: $0, dialect: dialect) }
                + FeedCatalogue.standard.feeds.flatMap { batchIndex(for: $0) }
        },
        Migration(id: "0002-batches") { dialect in
            [
                """
                CREATE TABLE batches (
                    batch_id \(dialect.autoIncrementPrimaryKey),
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
                )
                """,
                "CREATE INDEX batches_sha256 ON batches (sha256, outcome)",
            ]
        },
        Migration(id: "0100-driver-monitoring") { _ in DriverMonitoringStore.schema },
        // Indexes for dms-report: period filters and the comeback self-join on VIN.
        Migration(id: "0200-report-indexes") { _ in
            [
                "CREATE INDEX report_repair_orders_invoiced ON repair_orders (invoiced_at)",
                "CREATE INDEX report_repair_orders_opened ON repair_orders (opened_at)",
                "CREATE INDEX report_repair_orders_vin ON repair_orders (vin, completed_at)",
                "CREATE INDEX report_sales_orders_delivered ON sales_orders (delivered_on)",
                "CREATE INDEX report_sales_orders_ordered ON sales_orders (order_date)",
                "CREATE INDEX report_csi_surveys_date ON csi_surveys (survey_date)",
                "CREATE INDEX report_appointments_scheduled ON appointments (scheduled_at)",
                "CREATE INDEX report_warranty_claims_decided ON warranty_claims (decided_on)",
                "CREATE INDEX report_attendance_date ON attendance (work_date)",
                // Covers the per-part positions (value, first movement, last issue) without a sort.
                "CREATE INDEX report_part_movements_part ON part_movements (dealer_code, part_no, moved_at, movement_type, qty, unit_cost)",
            ]
        },
        // Month totals of the parts ledger and vehicle stays, kept by triggers, and indexes
        // for period-end questions, so that a report's cost does not grow with the history
        // (DerivedTables).
        Migration(id: "0300-report-history") { dialect in DerivedTables.statements(dialect) },
        // Completeness (`dms-import status`, kpi.csv coverage) reads each business date of
        // `ActivityDates` as an index range; these are the ones no earlier index leads with.
        Migration(id: "0430-activity-date-indexes") { _ in
            [
                "CREATE INDEX activity_vehicle_events_time ON vehicle_events (event_time)",
                "CREATE INDEX activity_appointments_created ON appointments (created_at)",
                "CREATE INDEX activity_fleet_bookings_out ON fleet_bookings (checked_out_at)",
                "CREATE INDEX activity_warranty_claims_submitted ON warranty_claims (submitted_on)",
            ]
        },
    ]

    /// The migrator for the current binary.
    public static let migrator = Migrator(migrations: migrations)

    /// `CREATE TABLE` for a feed: canonical columns, then bookkeeping, natural key as primary key.
    static func createTable(for feed: Feed, dialect: any SQLDialect) -> String {
        var lines = feed.columns.map { column in
            "    \"\(column.name)\" \(column.type.storage)\(feed.isKey(column.name) ? " NOT NULL" : "")"
        }
        lines.append("    batch_id INTEGER NOT NULL")
        lines.append("    PRIMARY KEY (\(feed.key.map { "\"\($0)\"" }.joined(separator: ", ")))")
        return "CREATE TABLE \"\(feed.name)\" (\n\(lines.joined(separator: ",\n"))\n)"
    }

    static func batchIndex(for feed: Feed) -> [String] {
        ["CREATE INDEX \"\(feed.name)_batch\" ON \"\(feed.name)\" (batch_id)"]
    }
}
