/// The warehouse schema: the ordered list of migrations.
///
/// Ids are stable and never reused. Migration `0001-feeds` was generated from the feed
/// catalogue as it stood then; a golden test (`Goldens/schema.sql`) pins the resulting
/// schema so that a catalogue change cannot silently alter a migration already applied
/// elsewhere — a new column is a new migration.
public enum WarehouseSchema {
    public static let migrations: [Migration] = [
        Migration(id: "0001-feeds") { dialect in
            let feeds = FeedCatalogue.standard.feeds.filter { $0.addedBy == nil }
            return feeds.map { createTable(for: $0, addedBy: nil, dialect: dialect) } + feeds.flatMap { batchIndex(for: $0) }
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
        // The complaints feed, eta and freight_cost on vehicle_events, the logistics
        // intervals kept by triggers and the indexes of the logistics, staff and complaint
        // KPIs (kpis.md 11–13).
        Migration(id: StandardFeeds.complaintsLogistics) { dialect in
            catalogueChanges(of: StandardFeeds.complaintsLogistics, dialect: dialect) + LogisticsTables.statements(dialect)
        },
        // Where `--archive` moved each file, and the records whose key an earlier record of
        // the same file had.
        Migration(id: "0410-batch-archive") { _ in
            [
                "ALTER TABLE batches ADD COLUMN archived_path TEXT",
                "ALTER TABLE batches ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0",
            ]
        },
        // The line (record) of its batch's file that last wrote each row: with batch_id it
        // says where a row came from, and it names the earlier line of a repeated key.
        // The feed tables of that time, listed so that a later feed cannot change this migration.
        Migration(id: sourceLines) { _ in
            [
                "appointments", "attendance", "complaints", "csi_surveys", "customers", "dealers", "employees", "expenses",
                "fleet_bookings", "part_movements", "parts", "repair_orders", "ro_labor", "ro_parts", "sales_orders",
                "vehicle_disposals", "vehicle_events", "vehicles", "warranty_claims",
            ].map { "ALTER TABLE \"\($0)\" ADD COLUMN source_line INTEGER" }
        },
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

    /// The feeds and columns a later migration adds to the catalogue: `CREATE TABLE` for the
    /// feeds marked `addedBy` it, `ALTER TABLE … ADD COLUMN` for the columns marked so in
    /// feeds that existed before (appended after the table's earlier columns).
    static func catalogueChanges(of migration: String, dialect: any SQLDialect) -> [String] {
        var statements: [String] = []
        for feed in FeedCatalogue.standard.feeds {
            if feed.addedBy == migration {
                statements.append(createTable(for: feed, addedBy: migration, dialect: dialect))
                statements += batchIndex(for: feed)
            } else if feed.addedBy == nil || feed.addedBy.map({ $0 < migration }) == true {
                for column in feed.columns where column.addedBy == migration {
                    statements.append("ALTER TABLE \"\(feed.name)\" ADD COLUMN \"\(column.name)\" \(column.type.storage)")
                }
            }
        }
        return statements
    }

    /// The migration that gave every feed table of its time the bookkeeping column
    /// `source_line`; tables created by later migrations have it from the start.
    static let sourceLines = "0411-source-lines"

    /// The columns of a feed's table in their stored order: the columns of the table as it
    /// was created, `batch_id` (and `source_line` for tables created after 0411), then the
    /// columns later migrations appended — `source_line` among them — in migration order.
    public static func tableColumns(of feed: Feed) -> [String] {
        let createdWithSourceLine = feed.addedBy.map { $0 > sourceLines } == true
        let first = feed.columns.filter { $0.addedBy == nil || $0.addedBy == feed.addedBy }.map(\.name)
        var later = feed.columns.filter { $0.addedBy != nil && $0.addedBy != feed.addedBy }
            .map { (migration: $0.addedBy ?? "", name: $0.name) }
        if !createdWithSourceLine { later.append((sourceLines, "source_line")) }
        let appended = later.enumerated()
            .sorted { ($0.element.migration, $0.offset) < ($1.element.migration, $1.offset) }.map(\.element.name)
        return first + (createdWithSourceLine ? ["batch_id", "source_line"] : ["batch_id"]) + appended
    }

    /// The migrator for the current binary.
    public static let migrator = Migrator(migrations: migrations)

    /// `CREATE TABLE` for a feed: canonical columns, then bookkeeping, natural key as primary key.
    static func createTable(for feed: Feed, addedBy migration: String?, dialect: any SQLDialect) -> String {
        var lines = feed.columns.filter { $0.addedBy == migration || $0.addedBy == nil }.map { column in
            "    \"\(column.name)\" \(column.type.storage)\(feed.isKey(column.name) ? " NOT NULL" : "")"
        }
        lines.append("    batch_id INTEGER NOT NULL")
        if migration.map({ $0 > sourceLines }) == true { lines.append("    source_line INTEGER") }
        lines.append("    PRIMARY KEY (\(feed.key.map { "\"\($0)\"" }.joined(separator: ", ")))")
        return "CREATE TABLE \"\(feed.name)\" (\n\(lines.joined(separator: ",\n"))\n)"
    }

    static func batchIndex(for feed: Feed) -> [String] {
        ["CREATE INDEX \"\(feed.name)_batch\" ON \"\(feed.name)\" (batch_id)"]
    }
}
