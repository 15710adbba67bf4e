/// Stores scored driver-monitoring sessions and their events in the warehouse, so that
/// reports can show driver-safety figures per dealer fleet (joined by `vin` / `driver_id`).
///
/// A session is keyed by its id: scoring it again replaces its row and its events.
public enum DriverMonitoringStore {
    static let sessionColumns = [
        "session_id", "source_file", "vin", "driver_id", "start_s", "duration_s", "valid_gaze_s", "valid_eye_s", "missing_s",
        "perclos_p80", "perclos_p80_max_60s", "blink_count", "blink_rate_per_min", "blink_mean_s", "offroad_glance_count",
        "offroad_glance_mean_s", "offroad_glance_max_s", "eyes_off_road_s", "glances_over_2s_share",
    ] + MonitoringEventType.allCases.map(\.rawValue) + ["events_per_hour", "severity", "speed_gating", "scored_at"]

    /// Writes `sessions` (replacing earlier scores of the same session ids) in one transaction.
    /// The database must be migrated. `scoredAt` is a UTC time text such as `2026-11-28T08:00:00Z`.
    public static func store(_ sessions: [SessionScore], in database: Database, scoredAt: String) throws {
        let upsert = database.dialect.upsert(
            table: "dm_sessions", columns: sessionColumns, key: ["session_id"],
            updating: Array(sessionColumns.dropFirst()))
        try database.writeTransaction {
            for s in sessions {
                func real(_ value: Double?) -> DatabaseValue { value.flatMap { $0.isFinite ? .real($0) : nil } ?? .null }
                func int(_ value: Int?) -> DatabaseValue { value.map { .integer(Int64($0)) } ?? .null }
                var values: [DatabaseValue] = [
                    .text(s.sessionID), .text(s.sourceFile), s.vin.databaseValue, s.driverID.databaseValue, .real(s.start),
                    .real(s.duration), .real(s.validGaze), .real(s.validEye), .real(s.missing), real(s.perclos),
                    real(s.perclosMax60), int(s.blinkCount), real(s.blinkRatePerMinute), real(s.blinkMean),
                    int(s.offRoadGlanceCount), real(s.offRoadGlanceMean), real(s.offRoadGlanceMax), .real(s.eyesOffRoad),
                    real(s.glancesOver2sShare),
                ]
                values += MonitoringEventType.allCases.map { int(s.count($0)) }
                values += [real(s.eventsPerHour), .text(s.severity.rawValue), .text(s.speedGated ? "applied" : "unavailable"), .text(scoredAt)]
                try database.execute(upsert, values)
                try database.execute("DELETE FROM dm_events WHERE session_id = ?", [.text(s.sessionID)])
                for (seq, event) in s.events.enumerated() {
                    try database.execute(
                        "INSERT INTO dm_events (session_id, seq, type, start_s, end_s, duration_s, detected_at_s, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            .text(s.sessionID), .integer(Int64(seq + 1)), .text(event.type.rawValue), .real(event.start), .real(event.end),
                            .real(event.duration), .real(event.detectedAt), .text(event.details),
                        ])
                }
            }
        }
    }

    /// `seconds` since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
    public static func utcText(_ seconds: Double) -> String {
        Timestamp.iso8601(seconds: seconds)
    }
}
