import Testing

@testable import Ledger

@Suite struct DriverMonitoringStoreTests {
    @Test func storesSessionsAndEventsAndReplacesOnRescore() throws {
        let database = try Database(path: ":memory:")
        try WarehouseSchema.migrator.migrate(database)
        #expect(try database.tableNames().contains("dm_sessions"))
        #expect(try database.tableNames().contains("dm_events"))
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 4, zone: .phone).add(seconds: 5)
        var score = SessionScorer(rules: MonitoringRules()).score(b.frames(id: "trip-1"))
        score.vin = "LSVAU2180N2183294"
        try DriverMonitoringStore.store([score], in: database, scoredAt: "2026-11-28T08:00:00Z")
        try DriverMonitoringStore.store([score], in: database, scoredAt: "2026-11-28T09:00:00Z")
        #expect(try database.scalar("SELECT COUNT(*) FROM dm_sessions").int64 == 1)
        #expect(try database.scalar("SELECT COUNT(*) FROM dm_events WHERE session_id = ?", ["trip-1"]).int64 == Int64(score.events.count))
        let row = try database.rows("SELECT vin, severity, phone_use, microsleep, scored_at FROM dm_sessions")[0]
        #expect(row.values == ["LSVAU2180N2183294", "high", 1, 0, "2026-11-28T09:00:00Z"])
        #expect(try database.scalar("SELECT type FROM dm_events ORDER BY seq LIMIT 1").string == "long_distraction")
    }

    @Test(arguments: [(0.0, "1970-01-01T00:00:00Z"), (1_795_000_000.9, "2026-11-18T11:06:40Z"), (951_782_400, "2000-02-29T00:00:00Z")])
    func utcText(seconds: Double, text: String) {
        #expect(DriverMonitoringStore.utcText(seconds) == text)
    }
}
