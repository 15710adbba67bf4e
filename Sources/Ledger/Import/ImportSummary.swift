/// What became of one file.
public enum FileOutcome: String, Sendable, Equatable {
    /// Loaded and committed (possibly with rejected rows).
    case loaded
    /// Already loaded (same SHA-256): skipped.
    case skipped
    /// Loaded and rolled back because of `--dry-run`.
    case dryRun = "dry_run"
    /// Rolled back: too many rejected rows.
    case rolledBack = "rolled_back"
    /// The file could not be loaded at all (missing key column, malformed XML, unknown feed).
    case failed
    /// The file has no bytes at all: a warning, not a failure.
    case empty
    /// A file in an input folder that no feed or profile reads (`.txt`, `.xlsx`, …).
    case notAFeed = "not_a_feed"
}

/// Counts and outcome of one file.
public struct FileSummary: Sendable, Equatable {
    public var path: String
    public var feed: String?
    public var outcome: FileOutcome
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Records whose key an earlier record of the same file had: the later one wins, and
    /// they count neither as inserted nor as updated.
    public var duplicates = 0
    /// Child lines removed because their RO was resent without them.
    public var removedLines = 0
    /// A rolled-back, failed or dry-run file: what it would have inserted, updated and left
    /// unchanged (its own `inserted`, `updated` and `unchanged` are 0, as nothing was written).
    public var wouldInsert = 0
    public var wouldUpdate = 0
    public var wouldLeaveUnchanged = 0
    /// Where `--archive` moved the file.
    public var archivedPath: String?
    public var seconds: Double = 0
    public var batchID: Int64?
    public var sha256: String = ""
    /// The rejects file written, if any.
    public var rejectsFile: String?
    /// The reason of a failed or rolled-back file.
    public var message: String?

    public init(path: String, feed: String? = nil, outcome: FileOutcome) {
        self.path = path
        self.feed = feed
        self.outcome = outcome
    }

    /// After a rollback: the counts become what the file would have done.
    mutating func moveCountsToWouldHave() {
        wouldInsert = inserted
        wouldUpdate = updated
        wouldLeaveUnchanged = unchanged
        inserted = 0
        updated = 0
        unchanged = 0
        removedLines = 0
    }

    /// Fraction of records rejected.
    public var rejectRate: Double { rowsRead == 0 ? 0 : Double(rejected) / Double(rowsRead) }
}

/// Everything `Importer` reports while it runs.
public enum ImportEvent: Sendable {
    case diagnostic(Diagnostic)
    /// A fraction 0…1 of the current file read.
    case progress(file: String, fraction: Double)
    case finished(FileSummary)
}
