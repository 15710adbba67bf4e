/// The event types of driver-monitoring.md section 3, in the column order of `sessions.csv`.
public enum MonitoringEventType: String, Sendable, CaseIterable, Hashable, Comparable {
    case longDistraction = "long_distraction"
    case vats
    case phoneUse = "phone_use"
    case microsleep
    case sleep
    case unresponsive
    case drowsy
    case degraded

    /// Whether the event needs eye state (not available without it).
    public var needsEyes: Bool { self == .microsleep || self == .sleep || self == .drowsy }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// One detected (or ground-truth) event of a session. Times are in the session's own time
/// base (the `t_s` values of the input).
public struct MonitoringEvent: Sendable, Hashable {
    public var sessionID: String
    public var type: MonitoringEventType
    public var start: Double
    public var end: Double
    /// When a live system would have raised it.
    public var detectedAt: Double
    /// A short human-readable explanation.
    public var details: String

    public init(sessionID: String, type: MonitoringEventType, start: Double, end: Double, detectedAt: Double, details: String = "") {
        self.sessionID = sessionID
        self.type = type
        self.start = start
        self.end = end
        self.detectedAt = detectedAt
        self.details = details
    }

    public var duration: Double { end - start }

    /// Order of `events.csv`: session, start, then type and detection time.
    public static func outputOrder(_ a: MonitoringEvent, _ b: MonitoringEvent) -> Bool {
        if a.sessionID != b.sessionID { return a.sessionID < b.sessionID }
        if a.start != b.start { return a.start < b.start }
        if a.type != b.type { return a.type < b.type }
        if a.detectedAt != b.detectedAt { return a.detectedAt < b.detectedAt }
        return a.end < b.end
    }
}

/// How bad a session was (driver-monitoring.md section 3).
public enum Severity: String, Sendable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The severity implied by event counts.
    public static func of(counts: [MonitoringEventType: Int]) -> Severity {
        func any(_ types: MonitoringEventType...) -> Bool { types.contains { (counts[$0] ?? 0) > 0 } }
        if any(.sleep, .unresponsive) { return .critical }
        if any(.microsleep, .drowsy, .phoneUse) { return .high }
        if any(.longDistraction, .vats) { return .medium }
        return .low
    }
}
