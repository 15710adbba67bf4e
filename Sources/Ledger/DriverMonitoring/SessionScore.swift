/// Everything scored for one session: the `sessions.csv` row, its events and a coarse
/// timeline for the report. Small and independent of the session's length.
public struct SessionScore: Sendable {
    public var sessionID: String
    public var sourceFile: String
    public var driverID: String?
    public var vin: String?
    public var start: Double
    public var duration: Double
    public var validGaze: Double
    public var validEye: Double
    public var missing: Double
    /// Nil when not computable (no eye state or no valid eye time).
    public var perclos: Double?
    /// Nil when no window qualifies.
    public var perclosMax60: Double?
    /// Nil without eye state.
    public var blinkCount: Int?
    public var blinkRatePerMinute: Double?
    public var blinkMean: Double?
    public var offRoadGlanceCount: Int
    public var offRoadGlanceMean: Double?
    public var offRoadGlanceMax: Double?
    public var eyesOffRoad: Double
    public var glancesOver2sShare: Double?
    public var events: [MonitoringEvent]
    /// Whether eye metrics are available (false for OpenLABEL files without eye state).
    public var hasEyeState: Bool
    /// Whether a speed column gated the rules.
    public var speedGated: Bool
    public var timeline: SessionTimeline

    /// Number of events of `type` (nil when the type needs eye state and there is none).
    public func count(_ type: MonitoringEventType) -> Int? {
        if type.needsEyes && !hasEyeState { return nil }
        return events.lazy.filter { $0.type == type }.count
    }

    /// Events of every type except `degraded`, per hour of session.
    public var eventsPerHour: Double? {
        guard duration > 0 else { return nil }
        let n = events.lazy.filter { $0.type != .degraded }.count
        return Double(n) / (duration / 3600)
    }

    public var severity: Severity {
        var counts: [MonitoringEventType: Int] = [:]
        for event in events { counts[event.type, default: 0] += 1 }
        return Severity.of(counts: counts)
    }
}

/// A session's gaze and eye state in a fixed number of time bins (dominant state per bin),
/// for drawing.
public struct SessionTimeline: Sendable {
    public var start: Double
    public var end: Double
    public var gaze: [GazeState]
    public var eyes: [EyeState]
}
