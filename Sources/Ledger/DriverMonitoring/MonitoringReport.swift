/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched)
/// with the fleet summary, the severity distribution, the rules used, the evaluation when
/// truth was given, and a timeline per session, worst sessions first. Every value is escaped.
public struct MonitoringReport: Sendable {
    public var sessions: [SessionScore]
    public var rules: MonitoringRules
    public var evaluation: [EvaluationRow]?
    /// Where the detections of the evaluation came from (e.g. "dms-dms rules" or a file name).
    public var evaluationSource: String

    public init(sessions: [SessionScore], rules: MonitoringRules, evaluation: [EvaluationRow]? = nil, evaluationSource: String = "") {
        self.sessions = sessions
        self.rules = rules
        self.evaluation = evaluation
        self.evaluationSource = evaluationSource
    }

    static let fontStack =
        "system-ui, -apple-system, \"Segoe UI\", Roboto, \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", sans-serif"

    static let eventColours: [MonitoringEventType: String] = [
        .longDistraction: "#ef6c00", .vats: "#f9a825", .phoneUse: "#6a1b9a", .microsleep: "#1565c0",
        .sleep: "#0d47a1", .unresponsive: "#b71c1c", .drowsy: "#00838f", .degraded: "#757575",
    ]
    static let severityColours: [Severity: String] = [.low: "#43a047", .medium: "#fbc02d", .high: "#ef6c00", .critical: "#c62828"]

    private func e(_ text: String) -> String { HTMLText.escape(text) }
    private func n(_ value: Double?, _ digits: Int) -> String { value.map { DecimalText.fixed($0, digits) } ?? "–" }

    /// Sessions worst first: severity, then events per hour, then id.
    public var orderedSessions: [SessionScore] {
        sessions.sorted {
            if $0.severity != $1.severity { return $0.severity > $1.severity }
            let a = $0.eventsPerHour ?? 0
            let b = $1.eventsPerHour ?? 0
            if a != b { return a > b }
            return $0.sessionID < $1.sessionID
        }
    }

    /// The whole page.
    public var html: String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Driver monitoring report</title>
            <style>
            body { font-family: \(Self.fontStack); margin: 24px; color: #212121; }
            h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; border-bottom: 1px solid #ddd; } h3 { font-size: 15px; margin-bottom: 4px; }
            table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            .badge { display: inline-block; padding: 1px 8px; border-radius: 8px; color: #fff; font-size: 12px; }
            .note { color: #616161; font-size: 13px; }
            pre { background: #f5f5f5; padding: 8px; font-size: 12px; overflow-x: auto; }
            svg text { font-family: \(Self.fontStack); font-size: 11px; }
            section.session { page-break-inside: avoid; }
            </style>
            </head>
            <body>
            <h1>Driver monitoring report</h1>

            """
        out += summary()
        out += severityChart()
        if let evaluation { out += evaluationSection(evaluation) }
        out += "<h2>Sessions, worst first</h2>\n"
        out += legend()
        for session in orderedSessions { out += sessionSection(session) }
        out += "<h2>Rules used</h2>\n<pre>\(e(rules.tomlText))</pre>\n</body>\n</html>\n"
        return out
    }

    private func summary() -> String {
        let hours = sessions.reduce(0) { $0 + $1.duration } / 3600
        let validHours = sessions.reduce(0) { $0 + $1.validGaze } / 3600
        var counts: [MonitoringEventType: Int] = [:]
        for s in sessions { for event in s.events { counts[event.type, default: 0] += 1 } }
        let warnings = sessions.reduce(0) { $0 + $1.events.filter { $0.type != .degraded }.count }
        let gated = sessions.filter(\.speedGated).count
        var out = "<h2>Fleet summary</h2>\n<table>\n"
        out += "<tr><th>Sessions</th><td>\(sessions.count)</td></tr>\n"
        out += "<tr><th>Recorded hours</th><td>\(n(hours, 2))</td></tr>\n"
        out += "<tr><th>Valid gaze hours</th><td>\(n(validHours, 2))</td></tr>\n"
        out += "<tr><th>Events per hour (all but degraded)</th><td>\(n(hours > 0 ? Double(warnings) / hours : nil, 2))</td></tr>\n"
        for type in MonitoringEventType.allCases {
            out += "<tr><th>\(e(type.rawValue))</th><td>\(counts[type] ?? 0)</td></tr>\n"
        }
        out += "</table>\n"
        if gated < sessions.count {
            out += "<p class=\"note\">\(sessions.count - gated) of \(sessions.count) sessions have no speed column: no speed gating was applied to them.</p>\n"
        }
        if sessions.contains(where: { !$0.hasEyeState }) {
            out += "<p class=\"note\">Sessions without eye state: eye metrics and eye events are not available (shown as –).</p>\n"
        }
        return out
    }

    private func severityChart() -> String {
        var counts: [Severity: Int] = [:]
        for s in sessions { counts[s.severity, default: 0] += 1 }
        let maxCount = max(1, counts.values.max() ?? 1)
        let levels = Severity.allCases.reversed()
        var out = "<h2>Severity distribution</h2>\n"
        out += "<svg role=\"img\" aria-label=\"sessions per severity\" width=\"520\" height=\"\(levels.count * 26 + 8)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (row, level) in levels.enumerated() {
            let count = counts[level] ?? 0
            let width = Double(count) / Double(maxCount) * 380
            let y = 4 + row * 26
            out += "<text x=\"0\" y=\"\(y + 15)\">\(e(level.rawValue))</text>"
            out += "<rect x=\"70\" y=\"\(y)\" width=\"\(DecimalText.fixed(width, 1))\" height=\"20\" fill=\"\(Self.severityColours[level] ?? "#999")\"><title>\(e(level.rawValue)): \(count)</title></rect>"
            out += "<text x=\"\(DecimalText.fixed(74 + width, 1))\" y=\"\(y + 15)\">\(count)</text>\n"
        }
        return out + "</svg>\n"
    }

    private func evaluationSection(_ rows: [EvaluationRow]) -> String {
        var out = "<h2>Evaluation against ground truth</h2>\n"
        if !evaluationSource.isEmpty { out += "<p class=\"note\">Detections: \(e(evaluationSource)). Match tolerance \(n(rules.matchToleranceSeconds, 2)) s.</p>\n" }
        out += "<table>\n<tr>" + DetectionEvaluator.columns.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for r in rows {
            out += "<tr><td>\(e(r.type))</td><td>\(r.truePositives)</td><td>\(r.falsePositives)</td><td>\(r.falseNegatives)</td>"
            out += "<td>\(n(r.precision, 3))</td><td>\(n(r.recall, 3))</td><td>\(n(r.f1, 3))</td><td>\(n(r.falseAlarmsPerHour, 2))</td>"
            out += "<td>\(n(r.latencyMedian, 2))</td><td>\(n(r.monitoredHours, 3))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    private func legend() -> String {
        var items: [(String, String)] = [("#4caf50", "gaze on road"), ("#ff9800", "gaze off road"), ("#bdbdbd", "gaze unknown"),
            ("#90caf9", "eyes open"), ("#283593", "eyes closed"), ("#e0e0e0", "eyes unknown")]
        items += MonitoringEventType.allCases.map { (Self.eventColours[$0] ?? "#999", $0.rawValue) }
        var out = "<p class=\"note\">"
        for (colour, label) in items {
            out += "<svg width=\"12\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"12\" height=\"12\" fill=\"\(colour)\"/></svg> \(e(label)) &nbsp; "
        }
        return out + "</p>\n"
    }

    private func sessionSection(_ s: SessionScore) -> String {
        let severity = s.severity
        var out = "<section class=\"session\">\n<h3>\(e(s.sessionID)) <span class=\"badge\" style=\"background:\(Self.severityColours[severity] ?? "#999")\">\(e(severity.rawValue))</span></h3>\n"
        var facts = ["file \(s.sourceFile)", "duration \(n(s.duration, 1)) s", "valid gaze \(n(s.validGaze, 1)) s"]
        if let driver = s.driverID { facts.append("driver \(driver)") }
        if let vin = s.vin { facts.append("VIN \(vin)") }
        facts.append("PERCLOS \(n(s.perclos, 3))")
        facts.append("worst 60 s \(n(s.perclosMax60, 3))")
        facts.append("off-road glances \(s.offRoadGlanceCount) (max \(n(s.offRoadGlanceMax, 1)) s)")
        facts.append("events/h \(n(s.eventsPerHour, 1))")
        facts.append(s.speedGated ? "speed gating applied" : "no speed column: no gating")
        out += "<p class=\"note\">\(e(facts.joined(separator: " · ")))</p>\n"
        out += timeline(s)
        return out + "</section>\n"
    }

    private func timeline(_ s: SessionScore) -> String {
        let width = 960.0
        let left = 60.0
        let plot = width - left - 24
        let types = MonitoringEventType.allCases.filter { type in s.events.contains { $0.type == type } }
        let laneHeight = 14.0
        let height = 20 + 2 * 20 + Double(types.count) * (laneHeight + 2) + 24
        let span = max(s.timeline.end - s.timeline.start, 1e-9)
        func x(_ time: Double) -> Double { left + (time - s.timeline.start) / span * plot }
        var out = "<svg role=\"img\" aria-label=\"timeline of \(e(s.sessionID))\" width=\"\(Int(width))\" height=\"\(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        func lane(_ states: [UInt8], y: Double, label: String, colours: [String]) {
            out += "<text x=\"0\" y=\"\(DecimalText.fixed(y + 13, 0))\">\(e(label))</text>"
            let bins = states.count
            guard bins > 0 else { return }
            var i = 0
            while i < bins {
                var j = i
                while j + 1 < bins && states[j + 1] == states[i] { j += 1 }
                let x0 = left + Double(i) / Double(bins) * plot
                let x1 = left + Double(j + 1) / Double(bins) * plot
                out += "<rect x=\"\(DecimalText.fixed(x0, 1))\" y=\"\(DecimalText.fixed(y, 0))\" width=\"\(DecimalText.fixed(x1 - x0, 1))\" height=\"18\" fill=\"\(colours[Int(states[i])])\"/>"
                i = j + 1
            }
            out += "\n"
        }
        lane(s.timeline.gaze.map(\.rawValue), y: 4, label: "gaze", colours: ["#4caf50", "#ff9800", "#bdbdbd"])
        lane(s.timeline.eyes.map(\.rawValue), y: 24, label: "eyes", colours: ["#90caf9", "#283593", "#e0e0e0"])
        for (row, type) in types.enumerated() {
            let y = 48 + Double(row) * (laneHeight + 2)
            out += "<text x=\"0\" y=\"\(DecimalText.fixed(y + 11, 0))\">\(e(type.rawValue))</text>"
            for event in s.events where event.type == type {
                let x0 = x(event.start)
                let w = max(2, x(event.end) - x0)
                let tip = "\(type.rawValue) \(DecimalText.fixed(event.start, 2))–\(DecimalText.fixed(event.end, 2)) s: \(event.details)"
                out += "<rect x=\"\(DecimalText.fixed(x0, 1))\" y=\"\(DecimalText.fixed(y, 0))\" width=\"\(DecimalText.fixed(w, 1))\" height=\"\(Int(laneHeight))\" fill=\"\(Self.eventColours[type] ?? "#999")\"><title>\(e(tip))</title></rect>"
            }
            out += "\n"
        }
        // Time axis: about six ticks, in seconds from the session start.
        let axisY = height - 6
        let step = Self.tickStep(span)
        var tick = 0.0
        while tick <= span + 1e-9 {
            let tx = left + tick / span * plot
            out += "<text x=\"\(DecimalText.fixed(tx, 1))\" y=\"\(DecimalText.fixed(axisY, 0))\" text-anchor=\"middle\">\(e(Self.clock(tick)))</text>"
            tick += step
        }
        return out + "\n</svg>\n"
    }

    static func tickStep(_ span: Double) -> Double {
        for step in [1.0, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200] where span / step <= 8 { return step }
        return (span / 8).rounded(.up)
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let m = total / 60
        let s = total % 60
        return "\(m):" + (s < 10 ? "0" : "") + String(s)
    }
}
