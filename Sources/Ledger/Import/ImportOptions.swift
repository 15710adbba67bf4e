/// How `Importer` loads files (the options of `dms-import load`).
public struct ImportOptions: Sendable {
    /// Load every file as this feed instead of detecting it.
    public var feed: String?
    /// The dealer of files that have no `dealer_code` column.
    public var dealer: String?
    /// The encoding of CSV files.
    public var encoding: EncodingChoice = .auto
    /// The CSV delimiter; detected from the header line when nil.
    public var delimiter: UInt8?
    /// The 1-based record that holds the header (for a workbook: the worksheet row).
    public var headerRow: Int = 1
    /// The worksheet of workbooks to read (name); nil: the profile's `sheet`, else the first.
    public var sheet: String?
    /// Zip-bomb and memory limits for workbooks.
    public var workbookLimits = WorkbookLimits()
    /// IANA time zone of the dealers' wall clocks, for date-times with an offset.
    public var timeZone: String = "Asia/Shanghai"
    /// A file whose rejected ÷ read records exceeds this is rolled back.
    public var maxRejectRate: Double = 0.05
    /// Load files whose SHA-256 was already loaded.
    public var force: Bool = false
    /// Do everything, then roll back: nothing is written (no rejects, no archive, no batch).
    public var dryRun: Bool = false
    /// Where rejects files go; nil means no rejects files.
    public var rejectsDirectory: String?
    /// Where every file looked at is moved (`--archive`, see `InboxArchive`); nil leaves them.
    public var archive: ArchiveSettings?
    /// Files and folders of the tool that are never input, besides the warehouse, rejects
    /// and archive the importer knows (e.g. the real warehouse path during a dry run).
    public var ownPaths: [String] = []
    /// Source profiles (`--profile FILE|DIR`), matched to files by their file-name patterns.
    public var profiles = ProfileSet(profiles: [])
    /// How many diagnostics of one kind are shown per file before they are summarised.
    public var diagnosticsPerKind: Int = 5

    public init() {}
}

/// `--archive DIR` and the name of this run's folder in it.
public struct ArchiveSettings: Sendable, Equatable {
    public var directory: String
    /// The run's start in local time, `YYYY-MM-DD_HHMMSS` (the tool reads the clock).
    public var runFolderName: String

    public init(directory: String, runFolderName: String) {
        self.directory = directory
        self.runFolderName = runFolderName
    }
}
