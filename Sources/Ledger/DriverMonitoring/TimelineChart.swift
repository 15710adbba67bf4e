/// One session's timeline as inline SVG: the gaze and eye-state lanes, then a lane per event
/// type. With an evaluation, each type has a detector lane ("detected": true positives solid,
/// false positives hatched and marked ✕) and under it a ground-truth lane ("truth": detected
/// events solid, misses as an outline marked "miss").
struct TimelineChart {
    var session: SessionScore
    /// The evaluation's matching, or nil for a scoring report.
    var matching: [MatchKey: EventMatching]?

    static let width = 960.0
    static let left = 150.0
    static let right = 24.0
    static let laneHeight = 14.0
    static let laneGap = 4.0

    private enum Lane {
        case states([UInt8], label: String, colours: [String])
        case events(MonitoringEventType, [MonitoringEvent])
        case detected(MonitoringEventType, [EventMatching.Detection])
        case truth(MonitoringEventType, [EventMatching.Truth])
    }

    private var lanes: [Lane] {
        var lanes: [Lane] = [
            .states(session.timeline.gaze.map(\.rawValue), label: "gaze", colours: MonitoringPalette.gazeLane),
            .states(session.timeline.eyes.map(\.rawValue), label: "eyes", colours: MonitoringPalette.eyeLane),
        ]
        for type in MonitoringEventType.allCases {
            if let matching {
                guard let m = matching[MatchKey(sessionID: session.sessionID, type: type)] else { continue }
                lanes.append(.detected(type, m.detections))
                lanes.append(.truth(type, m.truth))
            } else {
                let events = session.events.filter { $0.type == type }
                if !events.isEmpty { lanes.append(.events(type, events)) }
            }
        }
        return lanes
    }

    var svg: String {
        let lanes = self.lanes
        let plot = Self.width - Self.left - Self.right
        let height = 6 + Double(lanes.count) * (Self.laneHeight + Self.laneGap) + 20
        let span = max(session.timeline.end - session.timeline.start, 1e-9)
        func x(_ time: Double) -> Double { Self.left + (min(max(time, session.timeline.start), session.timeline.end) - session.timeline.start) / span * plot }
        func f(_ value: Double) -> String { DecimalText.fixed(value, 1) }
        func e(_ text: String) -> String { HTMLEscape.escape(text) }
        var out = "<svg role=\"img\" aria-label=\"timeline of \(e(session.sessionID))\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" "
        out += "viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"11\">\n"
        for (row, lane) in lanes.enumerated() {
            let y = 4 + Double(row) * (Self.laneHeight + Self.laneGap)
            let h = Self.laneHeight
            func label(_ text: String) { out += "<text x=\"0\" y=\"\(f(y + 11))\">\(e(text))</text>" }
            func frame() { out += "<rect x=\"\(f(Self.left))\" y=\"\(f(y))\" width=\"\(f(plot))\" height=\"\(f(h))\" fill=\"#ffffff\" stroke=\"#cbd2d9\"/>" }
            func bar(_ event: MonitoringEvent, fill: String, extra: String = "", tip: String) {
                let x0 = x(event.start)
                let w = max(2, x(event.end) - x0)
                out += "<rect x=\"\(f(x0))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" \(fill)\(extra)><title>\(e(tip))</title></rect>"
            }
            func times(_ event: MonitoringEvent) -> String { "\(DecimalText.fixed(event.start, 2))–\(DecimalText.fixed(event.end, 2)) s" }
            switch lane {
            case .states(let states, let name, let colours):
                label(name)
                frame()
                var i = 0
                while i < states.count {
                    var j = i
                    while j + 1 < states.count && states[j + 1] == states[i] { j += 1 }
                    if states[i] != 0 {
                        let x0 = Self.left + Double(i) / Double(states.count) * plot
                        let x1 = Self.left + Double(j + 1) / Double(states.count) * plot
                        out += "<rect x=\"\(f(x0))\" y=\"\(f(y))\" width=\"\(f(x1 - x0))\" height=\"\(f(h))\" fill=\"\(colours[Int(states[i])])\"/>"
                    }
                    i = j + 1
                }
            case .events(let type, let events):
                label(type.rawValue)
                frame()
                let colour = MonitoringPalette.colour(of: type)
                for event in events { bar(event, fill: "fill=\"\(colour)\"", tip: "\(type.rawValue) \(times(event)): \(event.details)") }
            case .detected(let type, let detections):
                label("\(type.rawValue) · detected")
                frame()
                let colour = MonitoringPalette.colour(of: type)
                for detection in detections {
                    if let latency = detection.latency {
                        bar(detection.event, fill: "fill=\"\(colour)\"", extra: " data-outcome=\"tp\"",
                            tip: "\(type.rawValue) detected \(times(detection.event)): true positive, latency \(DecimalText.fixed(latency, 2)) s")
                    } else {
                        bar(detection.event, fill: "fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"\(colour)\" stroke-dasharray=\"3 2\"",
                            extra: " data-outcome=\"fp\"", tip: "\(type.rawValue) detected \(times(detection.event)): false positive")
                        out += "<text x=\"\(f(x(detection.event.start) + 1))\" y=\"\(f(y + 11))\" font-weight=\"700\">✕</text>"
                    }
                }
            case .truth(let type, let truths):
                label("\(type.rawValue) · truth")
                frame()
                let colour = MonitoringPalette.colour(of: type)
                for truth in truths {
                    if truth.detected {
                        bar(truth.event, fill: "fill=\"\(colour)\"", extra: " data-outcome=\"detected\"",
                            tip: "\(type.rawValue) truth \(times(truth.event)): detected")
                    } else {
                        bar(truth.event, fill: "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"", extra: " data-outcome=\"miss\"",
                            tip: "\(type.rawValue) truth \(times(truth.event)): missed")
                        out += "<text x=\"\(f(x(truth.event.start) + 2))\" y=\"\(f(y + 11))\" font-style=\"italic\">miss</text>"
                    }
                }
            }
            out += "\n"
        }
        // Time axis: about six ticks, in minutes:seconds from the session start.
        let axisY = height - 4
        let step = Self.tickStep(span)
        var tick = 0.0
        while tick <= span + 1e-9 {
            let tx = Self.left + tick / span * plot
            out += "<text x=\"\(f(tx))\" y=\"\(DecimalText.fixed(axisY, 0))\" text-anchor=\"middle\" fill=\"#52606d\">\(e(Self.clock(tick)))</text>"
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
