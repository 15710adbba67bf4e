/// `report.html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched)
/// with the fleet summary, the severity distribution, the rules used, the evaluation when
/// truth was given, and a timeline per session, worst sessions first. It shares the KPI
/// page's stylesheet and components (`ReportStyle`) and escaper (`HTMLEscape`); every value
/// is escaped; file names are shown relative to the folder the inputs have in common.
public struct MonitoringReport: Sendable {
    public var sessions: [SessionScore]
    public var rules: MonitoringRules
    public var evaluation: [EvaluationRow]?
    /// Where the detections of the evaluation came from (e.g. "dms-dms rules" or a file name).
    public var evaluationSource: String
    /// With an evaluation: each session's detections and truth events with their outcomes,
    /// drawn as a detector lane and a ground-truth lane per event type.
    public var matching: [MatchKey: EventMatching]

    public init(
        sessions: [SessionScore], rules: MonitoringRules, evaluation: [EvaluationRow]? = nil, evaluationSource: String = "",
        matching: [MatchKey: EventMatching] = [:]
    ) {
        self.sessions = sessions
        self.rules = rules
        self.evaluation = evaluation
        self.evaluationSource = evaluationSource
        self.matching = matching
    }

    private func e(_ text: String) -> String { HTMLEscape.escape(text) }
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
        let names = DisplayPath.relative(sessions.map(\.sourceFile))
        let title = evaluation == nil ? "Driver monitoring report" : "Driver monitoring: evaluation against ground truth"
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(title))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(e(title))</h1>\n"
        out += "<p class=\"meta\">\(sessions.count) sessions · \(e(n(sessions.reduce(0) { $0 + $1.duration } / 3600, 2))) recorded hours · "
        out += "Euro NCAP-style rules (below) · dms-dms \(e(LedgerVersion.current))</p>\n</header>\n"
        out += summary()
        out += severityChart()
        if let evaluation { out += evaluationSection(evaluation) }
        out += "<section id=\"sessions\">\n<h2>Sessions, worst first</h2>\n"
        out += legend()
        for session in orderedSessions { out += sessionSection(session, file: names[session.sourceFile] ?? session.sourceFile) }
        out += "</section>\n<section id=\"rules\">\n<h2>Rules used</h2>\n<pre>\(e(rules.tomlText))</pre>\n</section>\n</body>\n</html>\n"
        return out
    }

    private func summary() -> String {
        let hours = sessions.reduce(0) { $0 + $1.duration } / 3600
        let validHours = sessions.reduce(0) { $0 + $1.validGaze } / 3600
        var counts: [MonitoringEventType: Int] = [:]
        for s in sessions { for event in s.events { counts[event.type, default: 0] += 1 } }
        let warnings = sessions.reduce(0) { $0 + $1.events.filter { $0.type != .degraded }.count }
        let gated = sessions.filter(\.speedGated).count
        var out = "<section id=\"summary\">\n<h2>Fleet summary</h2>\n<table>\n"
        out += "<tr><th>Sessions</th><td class=\"num\">\(sessions.count)</td></tr>\n"
        out += "<tr><th>Recorded hours</th><td class=\"num\">\(n(hours, 2))</td></tr>\n"
        out += "<tr><th>Valid gaze hours</th><td class=\"num\">\(n(validHours, 2))</td></tr>\n"
        out += "<tr><th>Events per hour (all but degraded)</th><td class=\"num\">\(n(hours > 0 ? Double(warnings) / hours : nil, 2))</td></tr>\n"
        for type in MonitoringEventType.allCases {
            out += "<tr><th><span class=\"swatch\" style=\"background:\(MonitoringPalette.colour(of: type))\"></span> \(e(type.rawValue))"
            out += " <span class=\"note\">(\(e(Severity.of(event: type).rawValue)))</span></th><td class=\"num\">\(counts[type] ?? 0)</td></tr>\n"
        }
        out += "</table>\n"
        if gated < sessions.count {
            out += "<p class=\"note\">\(sessions.count - gated) of \(sessions.count) sessions have no speed column: no speed gating was applied to them.</p>\n"
        }
        if sessions.contains(where: { !$0.hasEyeState }) {
            out += "<p class=\"note\">Sessions without eye state: eye metrics and eye events are not available (shown as –).</p>\n"
        }
        return out + "</section>\n"
    }

    private func severityChart() -> String {
        var counts: [Severity: Int] = [:]
        for s in sessions { counts[s.severity, default: 0] += 1 }
        let maxCount = max(1, counts.values.max() ?? 1)
        let levels = Severity.allCases.reversed()
        var out = "<section id=\"severity\">\n<h2>Sessions by severity</h2>\n"
        out += "<svg role=\"img\" aria-label=\"sessions per severity\" width=\"520\" height=\"\(levels.count * 26 + 8)\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (row, level) in levels.enumerated() {
            let count = counts[level] ?? 0
            let width = Double(count) / Double(maxCount) * 380
            let y = 4 + row * 26
            out += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"12\">\(e(level.rawValue))</text>"
            out += "<rect x=\"70\" y=\"\(y)\" width=\"\(DecimalText.fixed(width, 1))\" height=\"20\" fill=\"\(MonitoringPalette.colour(of: level))\"><title>\(e(level.rawValue)): \(count) sessions</title></rect>"
            out += "<text x=\"\(DecimalText.fixed(74 + width, 1))\" y=\"\(y + 15)\" font-size=\"12\">\(count)</text>\n"
        }
        return out + "</svg>\n</section>\n"
    }

    private func evaluationSection(_ rows: [EvaluationRow]) -> String {
        var out = "<section id=\"evaluation\">\n<h2>Evaluation against ground truth</h2>\n"
        if !evaluationSource.isEmpty {
            out += "<p class=\"note\">Detections: \(e(evaluationSource)). A detection matches a truth event of its type when the two "
            out += "overlap once both are widened by \(n(rules.matchToleranceSeconds, 2)) s.</p>\n"
        }
        out += "<table>\n<tr>" + DetectionEvaluator.columns.enumerated().map { "<th\($0.offset > 0 ? " class=\"num\"" : "")>\(e($0.element))</th>" }.joined() + "</tr>\n"
        for r in rows {
            out += "<tr><td>\(e(r.type))</td><td class=\"num\">\(r.truePositives)</td><td class=\"num\">\(r.falsePositives)</td><td class=\"num\">\(r.falseNegatives)</td>"
            out += "<td class=\"num\">\(n(r.precision, 3))</td><td class=\"num\">\(n(r.recall, 3))</td><td class=\"num\">\(n(r.f1, 3))</td><td class=\"num\">\(n(r.falseAlarmsPerHour, 2))</td>"
            out += "<td class=\"num\">\(n(r.latencyMedian, 2))</td><td class=\"num\">\(n(r.monitoredHours, 3))</td></tr>\n"
        }
        out += "</table>\n"
        out += "<p class=\"note\">Latency is detected_at − the truth event's start, in seconds: positive when the warning came after the "
        out += "annotated start, negative when it came before. tp: detections that match a truth event; fp: detections that match none "
        out += "(false alarms); fn: truth events no detection matched (misses).</p>\n"
        return out + "</section>\n"
    }

    private func legend() -> String {
        var items: [(colour: String, label: String)] = [
            (MonitoringPalette.attentive, "gaze on road / eyes open"), (MonitoringPalette.offRoad, "gaze off road"),
            (MonitoringPalette.eyesClosed, "eyes closed"), (MonitoringPalette.unknown, "gaze or eyes unknown"),
        ]
        items += MonitoringEventType.allCases.map { (MonitoringPalette.colour(of: $0), $0.rawValue) }
        var out = ReportStyle.legend(items)
        if evaluation != nil {
            out += "<p class=\"note\">Under each detector lane (“detected”) its ground-truth lane (“truth”): a detection drawn solid matched a "
            out += "truth event (true positive), one drawn hatched with ✕ matched none (false positive); a truth event drawn solid was "
            out += "detected, one drawn as an outline marked “miss” was not (false negative).</p>\n"
        }
        return out
    }

    private func sessionSection(_ s: SessionScore, file: String) -> String {
        let severity = s.severity
        var out = "<section class=\"session\" data-session=\"\(e(s.sessionID))\">\n<h3>\(e(s.sessionID)) "
        out += "<span class=\"badge\" style=\"background:\(MonitoringPalette.colour(of: severity));color:\(MonitoringPalette.textColour(on: severity))\">"
        out += "\(e(severity.rawValue))</span></h3>\n"
        var facts = ["file \(file)", "duration \(n(s.duration, 1)) s", "valid gaze \(n(s.validGaze, 1)) s"]
        if let driver = s.driverID { facts.append("driver \(driver)") }
        if let vin = s.vin { facts.append("VIN \(vin)") }
        facts.append("PERCLOS \(n(s.perclos, 3))")
        facts.append("worst 60 s \(n(s.perclosMax60, 3))")
        facts.append("off-road glances \(s.offRoadGlanceCount) (max \(n(s.offRoadGlanceMax, 1)) s)")
        facts.append("events/h \(n(s.eventsPerHour, 1))")
        facts.append(s.speedGated ? "speed gating applied" : "no speed column: no gating")
        out += "<p class=\"note\">\(e(facts.joined(separator: " · ")))</p>\n"
        out += TimelineChart(session: s, matching: evaluation == nil ? nil : matching).svg
        return out + "</section>\n"
    }
}

/// File names for display: relative to the deepest folder all of them share (a single file:
/// its name), so a page never shows the absolute paths of the machine that wrote it.
enum DisplayPath {
    static func relative(_ paths: [String]) -> [String: String] {
        let unique = Array(Set(paths))
        guard let first = unique.first else { return [:] }
        var common = first.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        for path in unique.dropFirst() {
            let folders = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            var length = 0
            while length < min(common.count, folders.count) && common[common.startIndex + length] == folders[folders.startIndex + length] { length += 1 }
            common = common.prefix(length)
        }
        var out: [String: String] = [:]
        for path in unique {
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            out[path] = parts.dropFirst(common.count).joined(separator: "/")
        }
        return out
    }
}
