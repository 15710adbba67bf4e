// Migration `0002-batches` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0002-batches.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0002Batches: [String] = [
        #"""
        CREATE TABLE batches (
            batch_id INTEGER PRIMARY KEY AUTOINCREMENT,
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
        """#,
        #"""
        CREATE INDEX batches_sha256 ON batches (sha256, outcome)
        """#,
    ]
}
