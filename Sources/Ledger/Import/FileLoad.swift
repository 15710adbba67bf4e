import Foundation

/// The load of one file inside its transaction: format and feed detection, header
/// mapping, value parsing, rejects, upserts and the checks that follow.
final class FileLoad {
    let file: InputFile
    let batchID: Int64
    unowned let importer: Importer
    let parser: ValueParser
    let rejects: RejectsWriter?
    let events: (ImportEvent) -> Void
    /// The bytes of a stream (standard input) read once, instead of opening `file.path`.
    let stream: (any ByteSource)?
    private var writers: [WriterKey: TableWriter] = [:]
    /// Column types prepared once per feed (enum lookup tables), for the row path.
    private var preparedTypes: [String: [PreparedColumnType]] = [:]
    /// Row plans of `SourceRow`s, per feed name.
    var rowPlans: [String: RowPlan] = [:]
    /// The encoding the file is read in (UTF-8 until a CSV reader chooses).
    var encoding: TextEncoding = .utf8

    /// A feed and the columns its rows carry (bit i = column i; all ones for full rows).
    struct WriterKey: Hashable, Comparable {
        var feed: String
        var present: [Bool]?
        static func < (a: WriterKey, b: WriterKey) -> Bool {
            a.feed != b.feed ? a.feed < b.feed : (a.present?.map { $0 ? "1" : "0" }.joined() ?? "") < (b.present?.map { $0 ? "1" : "0" }.joined() ?? "")
        }
    }
    private var limiter = DiagnosticLimiter()
    /// The name of the source in row messages: the path, or `path[sheet]` for a worksheet.
    var sourceName: String
    /// Whether the file is a workbook container (by extension or by its first bytes).
    let isWorkbook: Bool

    init(
        file: InputFile, batchID: Int64, importer: Importer, parser: ValueParser, rejects: RejectsWriter?,
        events: @escaping (ImportEvent) -> Void, stream: (any ByteSource)? = nil
    ) {
        self.stream = stream
        self.file = file
        self.batchID = batchID
        self.importer = importer
        self.parser = parser
        self.rejects = rejects
        self.events = events
        sourceName = file.path
        isWorkbook = !Self.isXML(path: file.path) && Self.isWorkbook(path: file.path)
    }

    var options: ImportOptions { importer.options }
    var orphanTallyLimit: Int { importer.orphanTallyLimit }

    func run(into summary: inout FileSummary) throws {
        if stream != nil {
            try loadCSV(into: &summary)
        } else if Self.isXML(path: file.path) {
            try loadXML(into: &summary)
        } else if let profile = try options.profiles.profile(forFile: (file.path as NSString).lastPathComponent) {
            try loadProfiled(profile: profile, into: &summary)
        } else {
            try loadCSV(into: &summary)
        }
        for (_, writer) in writers.sorted(by: { $0.key < $1.key }) {
            summary.removedLines += try writer.finishParent()
            for orphan in try writer.orphans() {
                let columns = orphan.reference.columns.joined(separator: ", ")
                events(.diagnostic(Diagnostic(
                    .warning, file: file.path,
                    "\(orphan.count) \(writer.feed.name) row(s) reference a missing \(orphan.reference.feed) row (\(columns)), e.g. \(orphan.example); loaded anyway — `dms-import check` lists orphans still unresolved")))
            }
        }
        limiter.flushSummaries(file: file.path, emit: events)
        if summary.rejected > 0 {
            let target = summary.rejectsFile ?? rejects.map { _ in "the rejects file" } ?? "the rejects folder"
            events(.diagnostic(Diagnostic(.warning, file: file.path, "\(summary.rejected) of \(summary.rowsRead) records rejected; see \(target)")))
        }
    }

    static func isXML(path: String) -> Bool {
        path.lowercased().hasSuffix(".xml")
    }

    // MARK: Writers

    /// The writer of a feed for rows that carry all its columns, or only those marked in `present`.
    func writer(for feed: Feed, present: [Bool]? = nil) throws -> TableWriter {
        let key = WriterKey(feed: feed.name, present: present)
        if let writer = writers[key] { return writer }
        let writer = try TableWriter(feed: feed, batchID: batchID, database: importer.database, present: present)
        writers[key] = writer
        return writer
    }

    /// The feed's column types, prepared once.
    func prepared(_ feed: Feed) -> [PreparedColumnType] {
        if let types = preparedTypes[feed.name] { return types }
        let types = feed.columns.map { PreparedColumnType($0.type) }
        preparedTypes[feed.name] = types
        return types
    }

    func count(_ outcome: TableWriter.Outcome, line: Int, key: @autoclosure () -> String, in summary: inout FileSummary) {
        switch outcome {
        case .inserted: summary.inserted += 1
        case .updated: summary.updated += 1
        case .unchanged: summary.unchanged += 1
        case .duplicate(let earlierLine):
            summary.duplicates += 1
            warn(kind: "repeated key", line: line, "key \(key()) repeats line \(earlierLine); the later record wins")
        }
    }

    func reject(line: Int, column: String?, value: String?, reason: String, raw: String, summary: inout FileSummary) throws {
        summary.rejected += 1
        try rejects?.reject(line: line, column: column, value: value, reason: reason, raw: raw)
        let detail = column.map { "column \"\($0)\": " } ?? ""
        limiter.emit(kind: "reject", Diagnostic(.warning, file: sourceName, line: line, "rejected: \(detail)\(reason)"), events: events)
    }

    func warn(kind: String, line: Int, _ message: String) {
        limiter.emit(kind: kind, Diagnostic(.warning, file: sourceName, line: line, message), events: events)
    }
}

/// Shows the first few diagnostics of each kind per file, then one line with how many more.
struct DiagnosticLimiter {
    var limit = 5
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    mutating func emit(kind: String, _ diagnostic: Diagnostic, events: (ImportEvent) -> Void) {
        let seen = counts[kind, default: 0]
        if seen == 0 { order.append(kind) }
        counts[kind] = seen + 1
        if seen < limit { events(.diagnostic(diagnostic)) }
    }

    func flushSummaries(file: String, emit: (ImportEvent) -> Void) {
        for kind in order where kind != "reject" {
            let n = counts[kind, default: 0]
            if n > limit {
                emit(.diagnostic(Diagnostic(.warning, file: file, "… and \(n - limit) more \(kind) warnings")))
            }
        }
    }
}
