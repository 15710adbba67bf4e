// Migration `0430-activity-date-indexes` on SQLite, as released. Never edit a released migration: a change to
// the schema is a new migration (docs/schema.md, "Released migrations are frozen"); the
// golden Tests/LedgerTests/Goldens/migrations/sqlite/0430-activity-date-indexes.sql must stay equal to it.

extension ReleasedMigrations {
    static let sqlite0430ActivityDateIndexes: [String] = [
        #"""
        CREATE INDEX activity_vehicle_events_time ON vehicle_events (event_time)
        """#,
        #"""
        CREATE INDEX activity_appointments_created ON appointments (created_at)
        """#,
        #"""
        CREATE INDEX activity_fleet_bookings_out ON fleet_bookings (checked_out_at)
        """#,
        #"""
        CREATE INDEX activity_warranty_claims_submitted ON warranty_claims (submitted_on)
        """#,
    ]
}
