/// Stores scored driver-monitoring sessions and their events in the warehouse, so that
/// reports can show driver-safety figures per dealer fleet (joined by `vin` / `driver_id`).
///
/// A session is keyed by its id: scoring it again replaces its row and its events.
public enum DriverMonitoringStore {
    /// The statements of migration `0100-driver-monitoring`.
    static let schema: [String] = [
        """
        CREATE TABLE dm_sessions (
            session_id TEXT PRIMARY KEY NOT NULL,
            source_file TEXT NOT NULL,
            vin TEXT,
            driver_id TEXT,
            start_s REAL NOT NULL,
            duration_s REAL NOT NULL,
            valid_gaze_s REAL NOT NULL,
            valid_eye_s REAL NOT NULL,
            missing_s REAL NOT NULL,
            perclos_p80 REAL,
            perclos_p80_max_60s REAL,
            blink_count INTEGER,
            blink_rate_per_min REAL,
            blink_mean_s REAL,
            offroad_glance_count INTEGER NOT NULL,
            offroad_glance_mean_s REAL,
            offroad_glance_max_s REAL,
            eyes_off_road_s REAL NOT NULL,
            glances_over_2s_share REAL,
            long_distraction INTEGER,
            vats INTEGER,
            phone_use INTEGER,
            microsleep INTEGER,
            sleep INTEGER,
            unresponsive INTEGER,
            drowsy INTEGER,
            degraded INTEGER,
            events_per_hour REAL,
            severity TEXT NOT NULL,
            speed_gating TEXT NOT NULL,
            scored_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX dm_sessions_vin ON dm_sessions (vin)",
        "CREATE INDEX dm_sessions_driver ON dm_sessions (driver_id)",
        """
        CREATE TABLE dm_events (
            session_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            type TEXT NOT NULL,
            start_s REAL NOT NULL,
            end_s REAL NOT NULL,
            duration_s REAL NOT NULL,
            detected_at_s REAL NOT NULL,
            details TEXT,
            PRIMARY KEY (session_id, seq)
        )
        """,
        "CREATE INDEX dm_events_type ON dm_events (type, session_id)",
    ]

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
        let total = Int64(seconds.rounded(.down))
        var days = total / 86_400
        var rest = total % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
