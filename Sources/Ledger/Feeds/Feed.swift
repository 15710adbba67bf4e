/// How a column's text is parsed and how it is stored.
public enum ColumnType: Sendable, Hashable {
    /// Free text, stored as given (trimmed).
    case text
    /// A calendar date, stored as `YYYY-MM-DD` text.
    case date
    /// A local wall-clock date-time, stored as `YYYY-MM-DD HH:MM:SS` text.
    case dateTime
    /// Money, stored as integer minor units (fen / cents).
    case money
    /// A quantity or a number of hours, stored as integer ten-thousandths.
    case decimal
    /// A score 0–10 with up to 4 places, stored as integer ten-thousandths.
    case score
    /// A whole number.
    case integer
    /// A boolean, stored as 0 / 1.
    case boolean
    /// One of a fixed set of canonical values, stored as that value.
    case enumeration(EnumDomain)
    /// A vehicle identification number, upper-cased and checked.
    case vin

    /// The SQL storage type.
    public var storage: String {
        switch self {
        case .money, .decimal, .score, .integer, .boolean: return "INTEGER"
        case .text, .date, .dateTime, .enumeration, .vin: return "TEXT"
        }
    }
}

/// The canonical values of an enumerated column and the spellings that map onto them.
public struct EnumDomain: Sendable, Hashable {
    /// Canonical values, in documentation order.
    public var values: [String]
    /// Other spellings (matched case-insensitively) → canonical value.
    public var aliases: [String: String]
    /// What an empty cell means, when not null.
    public var emptyMeans: String?

    public init(_ values: [String], aliases: [String: String] = [:], emptyMeans: String? = nil) {
        self.values = values
        self.aliases = aliases
        self.emptyMeans = emptyMeans
    }
}

/// One canonical column of a feed.
public struct Column: Sendable, Hashable {
    public var name: String
    public var type: ColumnType
    /// Other header spellings (Chinese DMS exports and the like).
    public var aliases: [String]
    /// Personal data: stored, never written to reports that leave the dealer group.
    public var isPersonal: Bool
    /// A short note for the catalogue and `docs/schema.md`.
    public var note: String?
    /// The migration that added this column to a feed that existed before it (nil: the
    /// column is part of the feed's first table). Released migrations never change, so a
    /// new column of an existing feed is an `ALTER TABLE` in a later migration.
    public var addedBy: String?

    public init(
        _ name: String, _ type: ColumnType, aliases: [String] = [], personal: Bool = false, note: String? = nil, addedBy: String? = nil
    ) {
        self.name = name
        self.type = type
        self.aliases = aliases
        self.isPersonal = personal
        self.note = note
        self.addedBy = addedBy
    }
}

/// A row of one feed that should have a row of another (checked as an orphan warning).
public struct FeedReference: Sendable, Hashable {
    /// Columns of this feed …
    public var columns: [String]
    /// … that must match the natural key of this feed.
    public var feed: String
    public var parentColumns: [String]

    public init(_ columns: [String], to feed: String, _ parentColumns: [String]? = nil) {
        self.columns = columns
        self.feed = feed
        self.parentColumns = parentColumns ?? columns
    }
}

/// One canonical feed: a table of the warehouse and a kind of file that loads into it.
public struct Feed: Sendable, Hashable {
    /// The feed's name, which is also its table name and the file-name prefix that selects it.
    public var name: String
    public var summary: String
    public var columns: [Column]
    /// The natural key: required in every row; a row whose key exists updates it.
    public var key: [String]
    /// For child lines (`ro_labor`, `ro_parts`): the parent key whose lines are replaced as a
    /// set for every parent with at least one accepted line in a file.
    public var replacesLinesOf: [String]?
    public var references: [FeedReference]
    /// The migration that created this feed's table (nil: `0001-feeds`).
    public var addedBy: String?

    public init(
        _ name: String, _ summary: String, key: [String], columns: [Column],
        replacesLinesOf: [String]? = nil, references: [FeedReference] = [], addedBy: String? = nil
    ) {
        self.addedBy = addedBy
        self.name = name
        self.summary = summary
        self.key = key
        self.columns = columns
        self.replacesLinesOf = replacesLinesOf
        self.references = references
    }

    /// The column called `name`.
    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// The index of the column called `name`.
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Whether `name` is part of the natural key.
    public func isKey(_ name: String) -> Bool { key.contains(name) }
}
