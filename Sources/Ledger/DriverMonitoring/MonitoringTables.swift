/// The CSV outputs of driver-monitoring.md section 5, as text.
public enum MonitoringTables {
    /// Columns of `sessions.csv`, in order.
    public static let sessionColumns = [
        "session_id", "source_file", "duration_s", "valid_gaze_s", "valid_eye_s", "missing_s", "perclos_p80",
        "perclos_p80_max_60s", "blink_count", "blink_rate_per_min", "blink_mean_s", "offroad_glance_count",
        "offroad_glance_mean_s", "offroad_glance_max_s", "eyes_off_road_s", "glances_over_2s_share",
    ] + MonitoringEventType.allCases.map(\.rawValue) + ["events_per_hour", "severity", "speed_gating"]

    /// Columns of `events.csv`, in order.
    public static let eventColumns = ["session_id", "type", "start_s", "end_s", "duration_s", "detected_at_s", "details"]

    private static let writer = CSVWriter()

    static func number(_ value: Double?, _ digits: Int) -> CSVWriter.Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(DecimalText.fixed(value, digits))
    }

    static func count(_ value: Int?) -> CSVWriter.Cell { value.map { .number(String($0)) } ?? .empty }

    /// One `sessions.csv` row's cells.
    public static func cells(of s: SessionScore) -> [CSVWriter.Cell] {
        var cells: [CSVWriter.Cell] = [
            .text(s.sessionID), .text(s.sourceFile), number(s.duration, 3), number(s.validGaze, 3), number(s.validEye, 3),
            number(s.missing, 3), number(s.perclos, 4), number(s.perclosMax60, 4), count(s.blinkCount),
            number(s.blinkRatePerMinute, 2), number(s.blinkMean, 3), count(s.offRoadGlanceCount),
            number(s.offRoadGlanceMean, 3), number(s.offRoadGlanceMax, 3), number(s.eyesOffRoad, 3),
            number(s.glancesOver2sShare, 4),
        ]
        cells += MonitoringEventType.allCases.map { count(s.count($0)) }
        cells += [number(s.eventsPerHour, 2), .text(s.severity.rawValue), .text(s.speedGated ? "applied" : "unavailable")]
        return cells
    }

    /// `sessions.csv`.
    public static func sessionsCSV(_ sessions: [SessionScore]) -> String {
        var out = writer.line(sessionColumns)
        for session in sessions { out += writer.line(cells(of: session)) }
        return out
    }

    /// `events.csv` (every event of every session, ordered by session then start).
    public static func eventsCSV(_ events: [MonitoringEvent]) -> String {
        var out = writer.line(eventColumns)
        for e in events.sorted(by: MonitoringEvent.outputOrder) {
            out += writer.line([
                .text(e.sessionID), .text(e.type.rawValue), number(e.start, 3), number(e.end, 3), number(e.duration, 3),
                number(e.detectedAt, 3), .text(e.details),
            ])
        }
        return out
    }
}
