import Foundation

/// Loads input files into the warehouse: one transaction per file, natural-key upserts,
/// rejects files, the batch ledger, skip of files already loaded.
///
/// Never prints: everything it has to say goes through `events`.
public final class Importer {
    public let database: Database
    public let options: ImportOptions
    public let catalogue: FeedCatalogue
    /// How many distinct parent values a file's orphan tally holds before the orphan check
    /// falls back to its query (`OrphanTally`); tests lower it.
    var orphanTallyLimit = OrphanTally.defaultLimit
    private let clock: any WallClock
    private let events: (ImportEvent) -> Void
    private let ledger: BatchLedger
    private let parser: ValueParser

    /// Prepares an importer on a migrated database. `clock` stamps the batch ledger.
    public init(
        database: Database, options: ImportOptions, catalogue: FeedCatalogue = .standard,
        clock: any WallClock, events: @escaping (ImportEvent) -> Void
    ) throws {
        self.database = database
        self.options = options
        self.catalogue = catalogue
        self.clock = clock
        self.events = events
        ledger = BatchLedger(database: database)
        parser = ValueParser(timeZone: try LocalTimeZone(identifier: options.timeZone))
    }

    /// Loads every file under `paths` in load order. Returns one summary per file.
    /// Throws only for conditions that end the whole run (missing input, busy or broken
    /// warehouse, I/O); a bad file is a summary with outcome `failed` or `rolledBack`.
    ///
    /// With an archive (`options.archive`, never in a dry run) every file looked at leaves
    /// the inbox after its load (see `InboxArchive`), and the run folder's `manifest.csv`
    /// is written at the end, also when the run ends early.
    public func load(paths: [String]) throws -> [FileSummary] {
        let discovery = FileDiscovery(
            extraPatterns: options.profiles.profiles.flatMap(\.filePatterns), ownPaths: ownPaths)
        let found = try discovery.files(in: paths)
        found.notes.forEach { events(.diagnostic($0)) }
        let archive = options.dryRun ? nil : options.archive.map {
            InboxArchive(directory: $0.directory, runFolderName: $0.runFolderName)
        }
        var summaries: [FileSummary] = []
        do {
            for file in found.files {
                // Without an archive a file that is not a feed is only noted and stays.
                if !file.isFeed && archive == nil {
                    events(.diagnostic(Diagnostic(.note, file: file.path, "skipped: not a .csv or .xml file, and no profile names it")))
                    continue
                }
                var summary = file.isFeed ? try load(file: file) : try notAFeed(file)
                if let archive, !file.isStandardInput { try self.archive(file, summary: &summary, in: archive) }
                summaries.append(summary)
                events(.finished(summary))
            }
        } catch {
            _ = try? archive?.finish()
            throw error
        }
        if let manifest = try archive?.finish() {
            events(.diagnostic(Diagnostic(.note, file: manifest, "archive manifest written")))
        }
        return summaries
    }

    /// The tool's own files, never read as input: the warehouse and its companions, the
    /// rejects and archive folders, and whatever the caller adds (`options.ownPaths`).
    var ownPaths: [String] {
        var paths = options.ownPaths
        if database.path != ":memory:" && !database.path.isEmpty { paths.append(database.path) }
        paths += paths.flatMap { path in ["-wal", "-shm", "-journal"].map { path + $0 } }
        if let rejects = options.rejectsDirectory { paths.append(rejects) }
        if let archive = options.archive { paths.append(archive.directory) }
        return paths
    }

    /// A file found in a folder that no feed or profile reads: reported, recorded, and
    /// archived under `failed/` so that it does not vanish unseen.
    func notAFeed(_ file: InputFile) throws -> FileSummary {
        var summary = FileSummary(path: file.path, outcome: .notAFeed)
        summary.sha256 = try Self.sha256(of: file.path)
        summary.message = "not a feed: not a .csv or .xml file, and no profile names it"
        events(.diagnostic(Diagnostic(.warning, file: file.path, "\(summary.message ?? ""); archived under failed/")))
        return summary
    }

    /// Moves a file into the run's archive folder and records where it went (ledger and
    /// manifest). Files that failed, rolled back or are not feeds go under `failed/`.
    func archive(_ file: InputFile, summary: inout FileSummary, in archive: InboxArchive) throws {
        let failed = [.failed, .rolledBack, .notAFeed].contains(summary.outcome)
        let target = try archive.archive(file, failed: failed)
        summary.archivedPath = target
        let now = Timestamp.iso8601(seconds: clock.now())
        if let batchID = summary.batchID {
            try database.writeTransaction { try ledger.setArchivedPath(target, batchID: batchID) }
        } else {
            // Skipped, empty and not-a-feed files get a ledger row of their own here.
            summary.batchID = try ledger.record(file: file, summary: summary, startedAt: now, finishedAt: now)
        }
        archive.record(summary, relativePath: file.relativePath)
    }

    /// Loads one file (`-`: standard input).
    public func load(file: InputFile) throws -> FileSummary {
        if file.isStandardInput { return try loadStandardInput(file) }
        let started = clock.now()
        let startedAt = Timestamp.iso8601(seconds: started)
        var summary = FileSummary(path: file.path, outcome: .failed)
        var digest: FileDigest?

        if file.size == 0 {
            summary.outcome = .empty
            summary.sha256 = try Self.sha256(of: file.path)
            events(.diagnostic(Diagnostic(.warning, file: file.path, "the file is empty (0 bytes): nothing to load")))
            if !options.dryRun && options.archive == nil {
                summary.batchID = try ledger.record(file: file, summary: summary, startedAt: startedAt, finishedAt: startedAt)
            }
            return summary
        }

        do {
            try database.writeTransaction {
                // The digest first only when the file may have been loaded before (see `FileDigest`).
                let sha256: FileDigest
                if !options.force, try ledger.hasLoaded(size: file.size) {
                    let value = try Self.sha256(of: file.path)
                    summary.sha256 = value
                    if let feed = try ledger.loadedFeed(sha256: value) {
                        summary.outcome = .skipped
                        summary.feed = feed.isEmpty ? nil : feed
                        return
                    }
                    sha256 = FileDigest(value: value)
                } else {
                    sha256 = FileDigest(hashingInBackground: file.path)
                }
                digest = sha256
                let batchID = try ledger.begin(file: file, sha256: summary.sha256, feed: nil, startedAt: startedAt)
                summary.batchID = batchID
                let rejects = options.dryRun ? nil : options.rejectsDirectory.map { directory in
                    RejectsWriter(
                        pathProvider: { Self.rejectsPath(for: file, sha256: try sha256.value(), in: directory) },
                        sourceFile: file.path)
                }
                let load = FileLoad(
                    file: file, batchID: batchID, importer: self, parser: parser, rejects: rejects, events: events)
                try load.run(into: &summary)
                summary.seconds = clock.now() - started
                summary.rejectsFile = try rejects?.commit()
                try keepOrRollBack(&summary)
                summary.sha256 = try sha256.value()
                try ledger.setSHA256(summary.sha256, batchID: batchID)
                try ledger.finish(summary, batchID: batchID, finishedAt: Timestamp.iso8601(seconds: clock.now()))
            }
        } catch is RollBack {
            summary.batchID = nil
            summary.moveCountsToWouldHave()
        } catch let error as FeedFileError {
            fail(&summary, error)
        }
        if let digest, summary.sha256.isEmpty { summary.sha256 = try digest.value() }
        summary.seconds = clock.now() - started
        if summary.outcome == .rolledBack || summary.outcome == .failed, !options.dryRun {
            summary.batchID = try ledger.record(
                file: file, summary: summary, startedAt: startedAt, finishedAt: Timestamp.iso8601(seconds: clock.now()))
        }
        if summary.outcome == .rolledBack, let message = summary.message {
            events(.diagnostic(Diagnostic(.error, file: file.path, message)))
        }
        return summary
    }

    /// A file that failed: nothing of it stays, what it would have loaded is reported, and
    /// the error goes out as a diagnostic with its file, line and column.
    private func fail(_ summary: inout FileSummary, _ error: FeedFileError) {
        summary.outcome = .failed
        summary.batchID = nil
        summary.moveCountsToWouldHave()
        summary.message = error.message
        events(.diagnostic(Diagnostic(.error, file: error.file, line: error.line, column: error.column, error.message)))
    }

    /// Loads standard input, read once as it streams: CSV only, as `--feed` says, its
    /// encoding judged by its first 64 KiB, its SHA-256 worked out while it is read. Bytes
    /// already loaded (the same digest) are rolled back and reported as skipped.
    func loadStandardInput(_ file: InputFile) throws -> FileSummary {
        let started = clock.now()
        let startedAt = Timestamp.iso8601(seconds: started)
        var summary = FileSummary(path: file.path, outcome: .failed)
        let input = HashingByteSource(try FileByteSource(path: "/dev/stdin"))
        do {
            try database.writeTransaction {
                let batchID = try ledger.begin(file: file, sha256: "", feed: options.feed, startedAt: startedAt)
                summary.batchID = batchID
                let rejects = options.dryRun ? nil : options.rejectsDirectory.map { directory in
                    RejectsWriter(
                        path: (directory as NSString).appendingPathComponent("stdin.batch\(batchID).rejects.csv"),
                        sourceFile: file.path)
                }
                let load = FileLoad(
                    file: file, batchID: batchID, importer: self, parser: parser, rejects: rejects, events: events,
                    stream: input)
                try load.run(into: &summary)
                summary.sha256 = input.finalizeHex()
                if !options.force, try ledger.isLoaded(sha256: summary.sha256) {
                    summary = FileSummary(path: file.path, feed: summary.feed, outcome: .skipped)
                    summary.sha256 = input.finalizeHex()
                    throw RollBack()
                }
                summary.seconds = clock.now() - started
                summary.rejectsFile = try rejects?.commit()
                try keepOrRollBack(&summary)
                try ledger.setSHA256(summary.sha256, size: input.count, batchID: batchID)
                try ledger.finish(summary, batchID: batchID, finishedAt: Timestamp.iso8601(seconds: clock.now()))
            }
        } catch is RollBack {
            summary.batchID = nil
            if summary.outcome != .skipped { summary.moveCountsToWouldHave() }
        } catch let error as FeedFileError {
            fail(&summary, error)
        }
        summary.seconds = clock.now() - started
        if summary.outcome == .rolledBack || summary.outcome == .failed, !options.dryRun {
            var recorded = file
            recorded.size = input.count
            if summary.sha256.isEmpty { summary.sha256 = input.finalizeHex() }
            summary.batchID = try ledger.record(
                file: recorded, summary: summary, startedAt: startedAt, finishedAt: Timestamp.iso8601(seconds: clock.now()))
        }
        if summary.outcome == .rolledBack, let message = summary.message {
            events(.diagnostic(Diagnostic(.error, file: file.path, message)))
        }
        return summary
    }

    /// Signals a deliberate rollback of the file's transaction.
    private struct RollBack: Error {}

    /// The end of a file's transaction: rolled back when the reject rate is above
    /// `--max-reject-rate` or on a dry run (throws `RollBack`), else the outcome is `loaded`.
    private func keepOrRollBack(_ summary: inout FileSummary) throws {
        if summary.rejectRate > options.maxRejectRate {
            summary.outcome = .rolledBack
            summary.message = "\(summary.rejected) of \(summary.rowsRead) records rejected (\(Self.percent(summary.rejectRate)) > --max-reject-rate \(Self.percent(options.maxRejectRate))): nothing of this file was loaded"
            throw RollBack()
        }
        if options.dryRun {
            summary.outcome = .dryRun
            throw RollBack()
        }
        summary.outcome = .loaded
    }

    static func percent(_ fraction: Double) -> String {
        let value = (fraction * 1000).rounded() / 10
        return "\(value)%"
    }

    /// SHA-256 of a file's bytes, hex.
    static func sha256(of path: String) throws -> String {
        let source = try FileByteSource(path: path)
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hasher.finalizeHex()
    }

    /// `<rejects>/<file name, sanitised>.<first 12 hex of SHA-256>.rejects.csv`
    static func rejectsPath(for file: InputFile, sha256: String, in directory: String) -> String {
        let name = SafeFileName.make(from: (file.relativePath as NSString).lastPathComponent)
        return (directory as NSString).appendingPathComponent("\(name).\(sha256.prefix(12)).rejects.csv")
    }
}
