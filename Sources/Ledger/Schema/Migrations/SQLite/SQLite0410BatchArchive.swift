// Migration `0410-batch-archive` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0410-batch-archive.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0410BatchArchive: [String] = [
        #"""
        ALTER TABLE batches ADD COLUMN archived_path TEXT
        """#,
        #"""
        ALTER TABLE batches ADD COLUMN duplicates INTEGER NOT NULL DEFAULT 0
        """#,
    ]
}
