import Foundation

/// An output file that could not be written (exit 74 in the tools).
public struct OutputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): cannot write: \(reason)" }
}

/// The outcome of `dms-dms evaluate`: the rows of `evaluation.csv`, the matching behind them
/// (drawn in the report) and where the detections came from.
public struct Evaluation: Sendable {
    public var rows: [EvaluationRow]
    public var matching: [MatchKey: EventMatching]
    public var source: String

    public init(rows: [EvaluationRow], matching: [MatchKey: EventMatching], source: String) {
        self.rows = rows
        self.matching = matching
        self.source = source
    }
}

/// Writes the files of a scoring run into a folder.
public enum MonitoringOutputs {
    /// Writes `text` to `path`, creating folders as needed.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        } catch {
            throw OutputError(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// Writes `sessions.csv`, `events.csv`, `report.html` and, with an evaluation,
    /// `evaluation.csv` into `directory`. Returns the paths written.
    @discardableResult
    public static func write(
        _ result: ScoringResult, rules: MonitoringRules, evaluation: Evaluation? = nil, to directory: String
    ) throws(OutputError) -> [String] {
        func path(_ name: String) -> String { directory.hasSuffix("/") ? directory + name : directory + "/" + name }
        var written: [String] = []
        try write(MonitoringTables.sessionsCSV(result.sessions), to: path("sessions.csv"))
        written.append(path("sessions.csv"))
        try write(MonitoringTables.eventsCSV(result.events), to: path("events.csv"))
        written.append(path("events.csv"))
        if let evaluation {
            try write(DetectionEvaluator.csv(evaluation.rows), to: path("evaluation.csv"))
            written.append(path("evaluation.csv"))
        }
        let report = MonitoringReport(
            sessions: result.sessions, rules: rules, evaluation: evaluation?.rows, evaluationSource: evaluation?.source ?? "",
            matching: evaluation?.matching ?? [:])
        try write(report.html, to: path("report.html"))
        written.append(path("report.html"))
        return written
    }

    /// Reads a rules file: `InputError` when it cannot be read, `RulesError` when it is not valid.
    public static func loadRules(path: String) throws -> MonitoringRules {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw InputError(kind: missing ? .missing : .unreadable, path: path, reason: missing ? "no such file" : "cannot be read as UTF-8")
        }
        return try MonitoringRules(toml: text, file: path)
    }

    /// Evaluates `detections` (the run's own events, or a DMS's recorded warnings) against the
    /// truth file at `truthPath`, over the sessions of `result`. Events of other sessions are
    /// left out with a warning. `source` says where the detections came from, for the report.
    public static func evaluate(
        _ result: ScoringResult, detections: [MonitoringEvent], truthPath: String, rules: MonitoringRules, source: String = ""
    ) throws -> (evaluation: Evaluation, diagnostics: [Diagnostic], rejected: Int) {
        let truth = try TruthReader().read(path: truthPath)
        var diagnostics = truth.diagnostics
        let scored = Set(result.sessions.map(\.sessionID))
        let outside = Set(truth.events.map(\.sessionID)).subtracting(scored).sorted()
        if !outside.isEmpty {
            diagnostics.append(
                Diagnostic(.warning, file: truthPath, "truth for sessions that were not scored is ignored: \(outside.joined(separator: ", "))"))
        }
        let foreign = Set(detections.map(\.sessionID)).subtracting(scored).sorted()
        if !foreign.isEmpty {
            diagnostics.append(Diagnostic(.warning, "detections for sessions that were not scored are ignored: \(foreign.joined(separator: ", "))"))
        }
        let monitored = result.sessions.reduce(0) { $0 + $1.validGaze }
        let evaluator = DetectionEvaluator(tolerance: rules.matchToleranceSeconds)
        let matching = evaluator.matchAll(
            detections: detections.filter { scored.contains($0.sessionID) }, truth: truth.events.filter { scored.contains($0.sessionID) })
        let rows = evaluator.evaluate(matching, monitoredSeconds: monitored)
        return (Evaluation(rows: rows, matching: matching, source: source), diagnostics, truth.rejected)
    }
}
