/// The colours of the driver-monitoring page, from the Okabe–Ito and Paul Tol qualitative
/// palettes, picked so that no two event types, and no event type and gaze or eye state, are
/// confusable for readers with protanopia, deuteranopia or tritanopia: every pair differs by
/// at least ΔE*ab 20 under each (`MonitoringPageTests` checks them all).
public enum MonitoringPalette {
    /// Gaze on the road, eyes open: the lane's own white, framed.
    public static let attentive = "#FFFFFF"
    public static let offRoad = "#CCBB44"
    public static let eyesClosed = "#000000"
    /// Gaze or eye state unknown (no face, no value, missing time).
    public static let unknown = "#DDDDDD"

    public static func colour(of type: MonitoringEventType) -> String {
        switch type {
        case .longDistraction: return "#EE6677"
        case .vats: return "#882E72"
        case .phoneUse: return "#CC79A7"
        case .microsleep: return "#0077BB"
        case .sleep: return "#332288"
        case .unresponsive: return "#CC3311"
        case .drowsy: return "#66CCEE"
        case .degraded: return "#72190E"
        }
    }

    /// Badge and bar colours of session severities: neutral grey, sand, red, black (green
    /// and red would merge for deuteranopes; the label is printed on the badge as well).
    public static func colour(of severity: Severity) -> String {
        switch severity {
        case .low: return "#555555"
        case .medium: return "#DDCC77"
        case .high: return "#CC3311"
        case .critical: return "#000000"
        }
    }

    /// The text colour on a severity badge: dark on the light sand, white on the others.
    public static func textColour(on severity: Severity) -> String { severity == .medium ? "#1F2933" : "#FFFFFF" }

    /// The gaze lane's colours by `GazeState` raw value (on road, off road, unknown).
    static let gazeLane = [attentive, offRoad, unknown]
    /// The eye lane's colours by `EyeState` raw value (open, closed, unknown).
    static let eyeLane = [attentive, eyesClosed, unknown]
}

extension Severity {
    /// The severity an event of this type gives its session on its own (section 3):
    /// `degraded` is a data-quality note, `low`.
    public static func of(event type: MonitoringEventType) -> Severity { of(counts: [type: 1]) }
}
