import Foundation

/// How a batch run reads and scores its inputs.
public struct ScoringOptions: Sendable {
    public var rules: MonitoringRules
    /// `--fps`: the frame rate of `frame_index` CSV files and of OpenLABEL files (default 29.76 there).
    public var fps: Double?
    /// Sessions scored in parallel (files are the unit of work).
    public var jobs: Int
    /// Rejected rows printed per file.
    public var diagnosticLimit: Int

    public init(rules: MonitoringRules = MonitoringRules(), fps: Double? = nil, jobs: Int = 1, diagnosticLimit: Int = 20) {
        self.rules = rules
        self.fps = fps
        self.jobs = max(1, jobs)
        self.diagnosticLimit = diagnosticLimit
    }
}

/// What happened to one input file.
public enum ScoringOutcome: Sendable, Equatable {
    case scored
    /// Scored, but some rows were rejected.
    case rowsRejected(Int)
    /// Not scored: bad data (missing column, malformed JSON, no frames, duplicate session).
    case failed
    /// Not scored: the file could not be read.
    case unreadable
}

/// The result of scoring a batch: sessions sorted by id, diagnostics in input order.
public struct ScoringResult: Sendable {
    public var sessions: [SessionScore]
    public var diagnostics: [Diagnostic]
    /// Per input file, in input order.
    public var outcomes: [(file: String, outcome: ScoringOutcome)]

    /// One line for stdout: sessions with their severity mix, hours, events with theirs
    /// (an event's severity is the one its type gives a session; `degraded` is low).
    public var summaryLine: String {
        var sessionMix: [Severity: Int] = [:]
        var eventMix: [Severity: Int] = [:]
        var events = 0
        for s in sessions {
            sessionMix[s.severity, default: 0] += 1
            for event in s.events { eventMix[Severity.of(event: event.type), default: 0] += 1 }
            events += s.events.count
        }
        let hours = sessions.reduce(0) { $0 + $1.duration } / 3600
        func mix(_ counts: [Severity: Int]) -> String {
            Severity.allCases.reversed().map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        return "sessions \(sessions.count) (\(mix(sessionMix))), hours \(DecimalText.fixed(hours, 2)), events \(events) (\(mix(eventMix)))"
    }

    /// Every event of every session, in `events.csv` order.
    public var events: [MonitoringEvent] { sessions.flatMap(\.events).sorted(by: MonitoringEvent.outputOrder) }
}

/// Scores many recorded sessions, in parallel, with output independent of the job count.
public enum ScoringBatch {
    /// The input files named by `paths`: files as given, folders searched (recursively, sorted)
    /// for `.csv` and `.json` files. Throws `InputError` (missing) for a path that does not exist.
    public static func inputFiles(_ paths: [String]) throws -> [String] {
        let manager = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(kind: .missing, path: path, reason: "no such file or folder")
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw InputError(kind: .unreadable, path: path, reason: "folder cannot be listed")
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let lower = relative.lowercased()
                if lower.hasSuffix(".csv") || lower.hasSuffix(".json") {
                    found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
            }
            files += found.sorted()
        }
        return files
    }

    /// Reads one input file (OpenLABEL when it ends in `.json`, frame CSV otherwise).
    public static func read(_ file: String, options: ScoringOptions) throws -> MonitoringFileContents {
        if file.lowercased().hasSuffix(".json") {
            return try OpenLABELReader(fps: options.fps ?? 29.76, diagnosticLimit: options.diagnosticLimit).read(path: file)
        }
        return try FrameCSVReader(fps: options.fps, diagnosticLimit: options.diagnosticLimit).read(path: file)
    }

    private struct FileResult: Sendable {
        var scores: [SessionScore] = []
        var diagnostics: [Diagnostic] = []
        var outcome = ScoringOutcome.scored
    }

    /// Scores every file; up to `options.jobs` files at a time.
    public static func score(files: [String], options: ScoringOptions) -> ScoringResult {
        let scorer = SessionScorer(rules: options.rules)
        let results = WorkerPool(workers: options.jobs).map(files.count) { index, _ in
            scoreFile(files[index], options: options, scorer: scorer)
        }
        var sessions: [SessionScore] = []
        var diagnostics: [Diagnostic] = []
        var outcomes: [(file: String, outcome: ScoringOutcome)] = []
        for (index, result) in results.enumerated() {
            sessions += result.scores
            diagnostics += result.diagnostics
            outcomes.append((files[index], result.outcome))
        }
        // Sessions in id order; a session id seen in an earlier file wins.
        let fileOrder = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($0.element, $0.offset) })
        sessions.sort {
            $0.sessionID != $1.sessionID
                ? $0.sessionID < $1.sessionID : (fileOrder[$0.sourceFile] ?? 0) < (fileOrder[$1.sourceFile] ?? 0)
        }
        var unique: [SessionScore] = []
        for session in sessions {
            if let previous = unique.last, previous.sessionID == session.sessionID {
                diagnostics.append(
                    Diagnostic(
                        .error, file: session.sourceFile,
                        "session \"\(session.sessionID)\" was already read from \(previous.sourceFile); this copy is not scored"))
                if let i = outcomes.firstIndex(where: { $0.file == session.sourceFile }) { outcomes[i].outcome = .failed }
                continue
            }
            unique.append(session)
        }
        return ScoringResult(sessions: unique, diagnostics: diagnostics, outcomes: outcomes)
    }

    private static func scoreFile(_ file: String, options: ScoringOptions, scorer: SessionScorer) -> FileResult {
        var result = FileResult()
        do {
            let contents = try read(file, options: options)
            result.diagnostics = contents.diagnostics
            result.scores = contents.sessions.map { scorer.score($0) }
            result.outcome = contents.rejectedRows > 0 ? .rowsRejected(contents.rejectedRows) : .scored
        } catch let error as MonitoringFileError {
            result.diagnostics.append(error.diagnostic)
            result.outcome = .failed
        } catch let error as InputError {
            result.diagnostics.append(Diagnostic(.error, file: error.path, error.reason))
            result.outcome = .unreadable
        } catch {
            result.diagnostics.append(Diagnostic(.error, file: file, "cannot be read: \(error)"))
            result.outcome = .unreadable
        }
        return result
    }
}
