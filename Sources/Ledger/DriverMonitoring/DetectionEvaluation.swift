/// Reads ground-truth (or a DMS's own recorded warnings) in the truth format
/// `session_id,type,start_s,end_s[,detected_at_s]` (driver-monitoring.md section 1.3).
public struct TruthReader: Sendable {
    public var diagnosticLimit: Int

    public init(diagnosticLimit: Int = 20) { self.diagnosticLimit = diagnosticLimit }

    /// The events of the truth file at `path`; rejected rows are diagnostics.
    public func read(path: String) throws -> (events: [MonitoringEvent], diagnostics: [Diagnostic], rejected: Int) {
        try read(source: FileByteSource(path: path), file: path)
    }

    public func read(source: any ByteSource, file: String) throws -> (events: [MonitoringEvent], diagnostics: [Diagnostic], rejected: Int) {
        let reader = CSVReader(source: source)
        var log = DiagnosticCollector(file: file, limit: diagnosticLimit)
        guard try reader.next() else { throw MonitoringFileError(file: file, line: 1, "empty file: expected a header row") }
        let header = reader.lossyFields().map { $0.trimmingASCIISpaces().lowercased() }
        let names = ["session_id", "type", "start_s", "end_s"]
        let missing = names.filter { !header.contains($0) }
        if !missing.isEmpty {
            throw MonitoringFileError(
                file: file, line: reader.line, "missing required column(s) \(missing.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let index = names.map { name in header.firstIndex(of: name) ?? 0 }
        let detectedIndex = header.firstIndex(of: "detected_at_s")
        var events: [MonitoringEvent] = []
        while try reader.next() {
            let line = reader.line
            if let problem = reader.problem {
                log.reject(line: line, problem)
                continue
            }
            guard reader.count == header.count else {
                log.reject(line: line, "expected \(header.count) fields, found \(reader.count)")
                continue
            }
            let fields = reader.lossyFields().map { $0.trimmingASCIISpaces() }
            let session = fields[index[0]]
            guard !session.isEmpty else {
                log.reject(line: line, "session_id is empty")
                continue
            }
            guard let type = MonitoringEventType(rawValue: fields[index[1]]) else {
                log.reject(
                    line: line,
                    "unknown event type \"\(fields[index[1]])\" (expected one of \(MonitoringEventType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let start = Double(fields[index[2]]), let end = Double(fields[index[3]]), start.isFinite, end.isFinite, end >= start else {
                log.reject(line: line, "start_s \"\(fields[index[2]])\" / end_s \"\(fields[index[3]])\" are not seconds with end ≥ start")
                continue
            }
            var detected = start
            if let detectedIndex, !fields[detectedIndex].isEmpty {
                guard let value = Double(fields[detectedIndex]), value.isFinite else {
                    log.reject(line: line, "detected_at_s \"\(fields[detectedIndex])\" is not a number of seconds")
                    continue
                }
                detected = value
            }
            events.append(MonitoringEvent(sessionID: session, type: type, start: start, end: end, detectedAt: detected))
        }
        return (events, log.finish(), log.rejected)
    }
}

/// One row of `evaluation.csv`.
public struct EvaluationRow: Sendable, Equatable {
    /// An event type's name, or "all".
    public var type: String
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var latencies: [Double]
    public var monitoredHours: Double

    public var precision: Double? {
        truePositives + falsePositives > 0 ? Double(truePositives) / Double(truePositives + falsePositives) : nil
    }
    public var recall: Double? {
        truePositives + falseNegatives > 0 ? Double(truePositives) / Double(truePositives + falseNegatives) : nil
    }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }
    public var falseAlarmsPerHour: Double? { monitoredHours > 0 ? Double(falsePositives) / monitoredHours : nil }
    /// Median of detected_at − truth start over the matched pairs.
    public var latencyMedian: Double? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let m = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2
    }
}

/// Matches detections with ground truth (driver-monitoring.md section 4).
public struct DetectionEvaluator: Sendable {
    /// Each interval is widened by this much on both sides before testing overlap.
    public var tolerance: Double

    public init(tolerance: Double) { self.tolerance = tolerance }

    /// Whether a detection and a truth event overlap once widened (touching counts).
    public func overlaps(_ detection: MonitoringEvent, _ truth: MonitoringEvent) -> Bool {
        detection.start - tolerance <= truth.end + tolerance && truth.start - tolerance <= detection.end + tolerance
    }

    /// Every detection and every truth event of one type in one session, each with its
    /// outcome: the greedy one-to-one matching of driver-monitoring.md section 4 (detections in
    /// start order take the first unmatched overlapping truth event).
    public func match(detections: [MonitoringEvent], truth: [MonitoringEvent]) -> EventMatching {
        let dets = detections.sorted { ($0.start, $0.detectedAt, $0.end) < ($1.start, $1.detectedAt, $1.end) }
        let truths = truth.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var matchedBy = [Int?](repeating: nil, count: truths.count)
        var outcomes: [EventMatching.Detection] = []
        for (index, detection) in dets.enumerated() {
            if let i = truths.indices.first(where: { matchedBy[$0] == nil && overlaps(detection, truths[$0]) }) {
                matchedBy[i] = index
                outcomes.append(.init(event: detection, truth: truths[i]))
            } else {
                outcomes.append(.init(event: detection, truth: nil))
            }
        }
        return EventMatching(
            detections: outcomes,
            truth: truths.indices.map { EventMatching.Truth(event: truths[$0], detected: matchedBy[$0] != nil) })
    }

    /// The matching of every session and type that has a detection or a truth event.
    public func matchAll(detections: [MonitoringEvent], truth: [MonitoringEvent]) -> [MatchKey: EventMatching] {
        let found = Dictionary(grouping: detections) { MatchKey(sessionID: $0.sessionID, type: $0.type) }
        let expected = Dictionary(grouping: truth) { MatchKey(sessionID: $0.sessionID, type: $0.type) }
        var out: [MatchKey: EventMatching] = [:]
        for key in Set(found.keys).union(expected.keys) {
            out[key] = match(detections: found[key] ?? [], truth: expected[key] ?? [])
        }
        return out
    }

    /// One row per event type, then "all". `monitoredSeconds` is the valid gaze time of all
    /// scored sessions. Events of sessions outside `sessions` should be filtered by the caller.
    public func evaluate(detections: [MonitoringEvent], truth: [MonitoringEvent], monitoredSeconds: Double) -> [EvaluationRow] {
        evaluate(matchAll(detections: detections, truth: truth), monitoredSeconds: monitoredSeconds)
    }

    /// The rows of `evaluation.csv` from a matching (`matchAll`).
    public func evaluate(_ matching: [MatchKey: EventMatching], monitoredSeconds: Double) -> [EvaluationRow] {
        let hours = monitoredSeconds / 3600
        var rows: [EvaluationRow] = []
        var all = EvaluationRow(type: "all", truePositives: 0, falsePositives: 0, falseNegatives: 0, latencies: [], monitoredHours: hours)
        for type in MonitoringEventType.allCases {
            var row = EvaluationRow(type: type.rawValue, truePositives: 0, falsePositives: 0, falseNegatives: 0, latencies: [], monitoredHours: hours)
            for key in matching.keys.filter({ $0.type == type }).sorted(by: { $0.sessionID < $1.sessionID }) {
                guard let m = matching[key] else { continue }
                for detection in m.detections {
                    if let latency = detection.latency {
                        row.truePositives += 1
                        row.latencies.append(latency)
                    } else {
                        row.falsePositives += 1
                    }
                }
                row.falseNegatives += m.truth.filter { !$0.detected }.count
            }
            all.truePositives += row.truePositives
            all.falsePositives += row.falsePositives
            all.falseNegatives += row.falseNegatives
            all.latencies += row.latencies
            rows.append(row)
        }
        rows.append(all)
        return rows
    }

    /// Columns of `evaluation.csv`.
    public static let columns = [
        "type", "tp", "fp", "fn", "precision", "recall", "f1", "false_alarms_per_hour", "latency_median_s", "monitored_hours",
    ]

    /// `evaluation.csv`.
    public static func csv(_ rows: [EvaluationRow]) -> String {
        let writer = CSVWriter()
        var out = writer.line(columns)
        for r in rows {
            out += writer.line([
                .text(r.type), .number(String(r.truePositives)), .number(String(r.falsePositives)),
                .number(String(r.falseNegatives)), MonitoringTables.number(r.precision, 4), MonitoringTables.number(r.recall, 4),
                MonitoringTables.number(r.f1, 4), MonitoringTables.number(r.falseAlarmsPerHour, 3),
                MonitoringTables.number(r.latencyMedian, 3), MonitoringTables.number(r.monitoredHours, 4),
            ])
        }
        return out
    }
}

/// A session and an event type: the unit of matching.
public struct MatchKey: Sendable, Hashable {
    public var sessionID: String
    public var type: MonitoringEventType

    public init(sessionID: String, type: MonitoringEventType) {
        self.sessionID = sessionID
        self.type = type
    }
}

/// The outcome of matching one session's detections of one type with its truth events.
public struct EventMatching: Sendable, Equatable {
    /// A detection and the truth event it matched (a true positive), or nil (a false positive).
    public struct Detection: Sendable, Equatable {
        public var event: MonitoringEvent
        public var truth: MonitoringEvent?
        /// `detected_at − truth start` in seconds for a true positive: negative when the
        /// detector warned before the annotated start.
        public var latency: Double? { truth.map { event.detectedAt - $0.start } }
    }

    /// A truth event and whether a detection matched it (false: a miss).
    public struct Truth: Sendable, Equatable {
        public var event: MonitoringEvent
        public var detected: Bool
    }

    /// In start order.
    public var detections: [Detection]
    /// In start order.
    public var truth: [Truth]
}
