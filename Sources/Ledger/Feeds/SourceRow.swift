/// A row of a canonical feed as raw text, before value parsing.
///
/// Readers of structured formats (XML) produce these; the importer parses and checks the
/// values with the same rules as CSV cells, so every format shares one set of value rules,
/// upserts, rejects and counts.
public struct SourceRow: Sendable, Equatable {
    /// The canonical feed name (`repair_orders`, `ro_labor`, …).
    public var feed: String
    /// Physical line (1-based) where the row's element or record starts.
    public var line: Int
    /// Column on that line, when known (XML).
    public var column: Int?
    /// Canonical column name → raw text. Absent or nil means null.
    public var values: [String: String]
    /// The source text of the row (or a summary of it) for the rejects file.
    public var raw: String

    public init(feed: String, line: Int, column: Int? = nil, values: [String: String], raw: String) {
        self.feed = feed
        self.line = line
        self.column = column
        self.values = values
        self.raw = raw
    }
}

/// A stream of rows from one file. `nextRow()` throws `FeedFileError` when the file itself
/// is unusable (malformed XML, hostile content): the whole file then fails and rolls back.
public protocol RowSource: AnyObject {
    /// The next row, or nil at the end of the file.
    func nextRow() throws -> SourceRow?
    /// Warnings about the file that are not about one row (unknown elements and the like).
    var warnings: [Diagnostic] { get }
}

/// A file that cannot be loaded at all: malformed, hostile, or of no known feed.
public struct FeedFileError: LocatedError, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { diagnostic.description }
}
