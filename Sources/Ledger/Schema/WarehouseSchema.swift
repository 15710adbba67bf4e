/// The warehouse schema: the ordered list of migrations.
///
/// Ids are stable and never reused. Each released migration's statements are frozen per
/// backend in `Schema/Migrations/` (`ReleasedMigrations`) and compared with a golden per
/// migration and backend, so neither a catalogue change nor an edit of the code that once
/// wrote them can alter a migration an existing warehouse already ran. A catalogue change is
/// a new migration: a test compares the fresh schema with what the catalogue describes.
public enum WarehouseSchema {
    public static let migrations: [Migration] = [
        // The feed tables as the catalogue stood at the first release.
        Migration(id: "0001-feeds", sqlite: ReleasedMigrations.sqlite0001Feeds, postgresql: ReleasedMigrations.postgresql0001Feeds),
        // The batch ledger.
        Migration(id: "0002-batches", sqlite: ReleasedMigrations.sqlite0002Batches, postgresql: ReleasedMigrations.postgresql0002Batches),
        // Scored driver-monitoring sessions and their events (DriverMonitoringStore).
        Migration(
            id: "0100-driver-monitoring", sqlite: ReleasedMigrations.sqlite0100DriverMonitoring,
            postgresql: ReleasedMigrations.postgresql0100DriverMonitoring),
        // Indexes for dms-report: period filters and the comeback self-join on VIN.
        Migration(
            id: "0200-report-indexes", sqlite: ReleasedMigrations.sqlite0200ReportIndexes,
            postgresql: ReleasedMigrations.postgresql0200ReportIndexes),
        // Month totals of the parts ledger and vehicle stays, kept by triggers, and indexes
        // for period-end questions, so that a report's cost does not grow with the history
        // (DerivedTables).
        Migration(
            id: "0300-report-history", sqlite: ReleasedMigrations.sqlite0300ReportHistory,
            postgresql: ReleasedMigrations.postgresql0300ReportHistory),
        // The complaints feed, eta and freight_cost on vehicle_events, the logistics
        // intervals kept by triggers and the indexes of the logistics, staff and complaint
        // KPIs (kpis.md 11–13; LogisticsTables).
        Migration(
            id: StandardFeeds.complaintsLogistics, sqlite: ReleasedMigrations.sqlite0400ComplaintsLogistics,
            postgresql: ReleasedMigrations.postgresql0400ComplaintsLogistics),
        // Where `--archive` moved each file, and the records whose key an earlier record of
        // the same file had.
        Migration(
            id: "0410-batch-archive", sqlite: ReleasedMigrations.sqlite0410BatchArchive,
            postgresql: ReleasedMigrations.postgresql0410BatchArchive),
        // The line (record) of its batch's file that last wrote each row: with batch_id it
        // says where a row came from, and it names the earlier line of a repeated key.
        Migration(
            id: sourceLines, sqlite: ReleasedMigrations.sqlite0411SourceLines, postgresql: ReleasedMigrations.postgresql0411SourceLines),
        // Completeness (`dms-import status`, kpi.csv coverage) reads each business date of
        // `ActivityDates` as an index range; these are the ones no earlier index leads with.
        Migration(
            id: "0430-activity-date-indexes", sqlite: ReleasedMigrations.sqlite0430ActivityDateIndexes,
            postgresql: ReleasedMigrations.postgresql0430ActivityDateIndexes),
    ]

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
}

/// The statements of the released migrations, per backend (one file each in `Migrations/`).
enum ReleasedMigrations {}
