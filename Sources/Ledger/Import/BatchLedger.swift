/// The batch ledger: one row per file the importer handled (`batches` table).
public struct BatchLedger {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One row of the ledger.
    public struct Entry: Sendable, Equatable {
        public var batchID: Int64
        public var path: String
        public var size: Int64
        public var sha256: String
        public var feed: String?
        public var rowsRead: Int64
        public var inserted: Int64
        public var updated: Int64
        public var unchanged: Int64
        public var rejected: Int64
        public var removedLines: Int64
        public var duplicates: Int64
        public var startedAt: String
        public var finishedAt: String?
        public var outcome: String
        public var message: String?
        /// Where `--archive` moved the file.
        public var archivedPath: String?
    }

    /// Whether a file with this SHA-256 has been loaded (committed) before.
    func isLoaded(sha256: String) throws -> Bool {
        try loadedFeed(sha256: sha256) != nil
    }

    /// The feed of the first loaded batch with this SHA-256 (`""` when it had none), or nil
    /// when no loaded batch has it.
    func loadedFeed(sha256: String) throws -> String? {
        try database.rows(
            "SELECT COALESCE(feed, '') FROM batches WHERE sha256 = ? AND outcome = ? ORDER BY batch_id LIMIT 1",
            [.text(sha256), .text(FileOutcome.loaded.rawValue)]
        ).first.map { $0[0].string ?? "" }
    }

    /// Whether a loaded batch has exactly `size` bytes (a file of another size cannot be one
    /// loaded before).
    func hasLoaded(size: Int64) throws -> Bool {
        try database.scalar(
            "SELECT COUNT(*) FROM batches WHERE size = ? AND outcome = ?",
            [.integer(size), .text(FileOutcome.loaded.rawValue)]
        ).int64 ?? 0 > 0
    }

    /// Sets the digest of a batch opened before its file's digest was known.
    func setSHA256(_ sha256: String, batchID: Int64) throws {
        try database.execute("UPDATE batches SET sha256 = ? WHERE batch_id = ?", [.text(sha256), .integer(batchID)])
    }

    /// Sets the digest and size of a batch read from a stream (known only at its end).
    func setSHA256(_ sha256: String, size: Int64, batchID: Int64) throws {
        try database.execute(
            "UPDATE batches SET sha256 = ?, size = ? WHERE batch_id = ?", [.text(sha256), .integer(size), .integer(batchID)])
    }

    /// Opens a batch for a file being loaded; returns its id.
    func begin(file: InputFile, sha256: String, feed: String?, startedAt: String) throws -> Int64 {
        try database.execute(
            "INSERT INTO batches (path, size, sha256, feed, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'loading')",
            [.text(file.path), .integer(file.size), .text(sha256), feed.databaseValue, .text(startedAt)])
        return database.lastInsertedRowID
    }

    /// Records the counts and outcome of a batch.
    func finish(_ summary: FileSummary, batchID: Int64, finishedAt: String) throws {
        try database.execute(
            """
            UPDATE batches SET feed = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?,
                removed_lines = ?, duplicates = ?, finished_at = ?, outcome = ?, message = ?, archived_path = ?
            WHERE batch_id = ?
            """,
            [
                summary.feed.databaseValue, .integer(Int64(summary.rowsRead)), .integer(Int64(summary.inserted)),
                .integer(Int64(summary.updated)), .integer(Int64(summary.unchanged)), .integer(Int64(summary.rejected)),
                .integer(Int64(summary.removedLines)), .integer(Int64(summary.duplicates)), .text(finishedAt),
                .text(summary.outcome.rawValue), summary.message.databaseValue, summary.archivedPath.databaseValue,
                .integer(batchID),
            ])
    }

    /// Records a file that loaded nothing — failed, rolled back, skipped, empty, not a
    /// feed — in its own transaction. Returns the batch id.
    func record(file: InputFile, summary: FileSummary, startedAt: String, finishedAt: String) throws -> Int64 {
        var id: Int64 = 0
        try database.writeTransaction {
            id = try begin(file: file, sha256: summary.sha256, feed: summary.feed, startedAt: startedAt)
            try finish(summary, batchID: id, finishedAt: finishedAt)
        }
        return id
    }

    /// Records where `--archive` moved a batch's file.
    func setArchivedPath(_ path: String, batchID: Int64) throws {
        try database.execute("UPDATE batches SET archived_path = ? WHERE batch_id = ?", [.text(path), .integer(batchID)])
    }

    /// Every batch, oldest first; with `since` (`YYYY-MM-DD` or a full timestamp), only
    /// those started on or after it.
    public func entries(since: String? = nil) throws -> [Entry] {
        try database.rows(
            """
            SELECT batch_id, path, size, sha256, feed, rows_read, inserted, updated, unchanged, rejected,
                   removed_lines, started_at, finished_at, outcome, message, duplicates, archived_path
            FROM batches WHERE ? IS NULL OR started_at >= ? ORDER BY batch_id
            """, [since.databaseValue, since.databaseValue]
        ).map { row in
            Entry(
                batchID: row[0].int64 ?? 0, path: row[1].string ?? "", size: row[2].int64 ?? 0,
                sha256: row[3].string ?? "", feed: row[4].string, rowsRead: row[5].int64 ?? 0,
                inserted: row[6].int64 ?? 0, updated: row[7].int64 ?? 0, unchanged: row[8].int64 ?? 0,
                rejected: row[9].int64 ?? 0, removedLines: row[10].int64 ?? 0,
                duplicates: row[15].int64 ?? 0, startedAt: row[11].string ?? "",
                finishedAt: row[12].string, outcome: row[13].string ?? "", message: row[14].string, archivedPath: row[16].string)
        }
    }
}
