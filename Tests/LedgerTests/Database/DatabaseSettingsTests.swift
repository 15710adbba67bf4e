import Testing
@testable import Ledger

/// SQLite's process-wide settings that `Database` applies before the first connection.
@Suite struct DatabaseSettingsTests {
    /// Memory statistics are off: SQLite's allocator takes no global mutex per allocation
    /// (issue #12, import speed). With them on, the in-use figure is positive while a
    /// connection holds a table and its page cache.
    @Test func memoryStatisticsAreOff() throws {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT)")
        try database.execute("INSERT INTO t (b) SELECT hex(randomblob(100)) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)")
        #expect(try database.scalar("SELECT COUNT(*) FROM t").int64 == 3)
        #expect(!Database.tracksMemoryStatistics)
    }
}
