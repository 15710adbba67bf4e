/// Integrity of the warehouse (`dms-import check`): the engine's own check, orphans still
/// unresolved, and the batch ledger reconciled with the tables.
public struct WarehouseCheck {
    /// Orphans of one reference.
    public struct Orphans: Sendable, Equatable {
        public var feed: String
        public var reference: String
        public var count: Int
        public var example: String
    }

    /// The result of a check.
    public struct Report: Sendable, Equatable {
        /// Lines of `PRAGMA integrity_check` that are not "ok".
        public var integrityProblems: [String]
        public var orphans: [Orphans]
        /// Rows in the feed tables.
        public var tableRows: Int64
        /// Σ inserted − Σ removed lines over the loaded batches: what the tables should hold.
        public var ledgerRows: Int64
        /// Rows whose batch is not a loaded batch of the ledger.
        public var rowsWithoutBatch: Int64

        public var isSound: Bool { integrityProblems.isEmpty && tableRows == ledgerRows && rowsWithoutBatch == 0 }
    }

    let database: Database
    let catalogue: FeedCatalogue

    public init(database: Database, catalogue: FeedCatalogue = .standard) {
        self.database = database
        self.catalogue = catalogue
    }

    public func run() throws -> Report {
        try database.readTransaction {
            let problems = try database.integrityProblems()
            var orphans: [Orphans] = []
            var tableRows: Int64 = 0
            var withoutBatch: Int64 = 0
            for feed in catalogue.feeds {
                tableRows += try database.scalar("SELECT COUNT(*) FROM \"\(feed.name)\"").int64 ?? 0
                withoutBatch += try database.scalar(
                    """
                    SELECT COUNT(*) FROM "\(feed.name)" t WHERE NOT EXISTS (
                        SELECT 1 FROM batches b WHERE b.batch_id = t.batch_id AND b.outcome = ?)
                    """, [.text(FileOutcome.loaded.rawValue)]
                ).int64 ?? 0
                for reference in feed.references {
                    if let found = try reference.orphans(child: feed.name, batch: nil, in: database) {
                        orphans.append(Orphans(
                            feed: feed.name, reference: "\(reference.feed) (\(reference.columns.joined(separator: ", ")))",
                            count: found.count, example: found.example))
                    }
                }
            }
            let ledger = try database.scalar(
                "SELECT COALESCE(SUM(inserted) - SUM(removed_lines), 0) FROM batches WHERE outcome = ?",
                [.text(FileOutcome.loaded.rawValue)]
            ).int64 ?? 0
            return Report(
                integrityProblems: problems, orphans: orphans, tableRows: tableRows, ledgerRows: ledger,
                rowsWithoutBatch: withoutBatch)
        }
    }
}
