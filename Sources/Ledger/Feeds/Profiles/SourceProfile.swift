/// How one source system's export maps onto a canonical feed, without code (feeds.md 3).
///
/// Parsed from TOML (`SourceProfile(toml:file:)`, syntax in `docs/profiles.md`). The
/// importer applies it in this order: skip to `headerRow`, rename header cells
/// (`apply(toHeader:)`) before header matching, then per row `apply(toRow:)` (derived
/// columns, value maps and boolean spellings before value parsing, then constants), and
/// checks the trailer with `TrailerCheck`.
public struct SourceProfile: Sendable, Equatable {
    /// A header cell renamed to a canonical column.
    public struct ColumnRename: Sendable, Equatable {
        /// The canonical column.
        public var column: String
        /// The source column means the opposite of the canonical boolean
        /// (是否缺件 "part missing" → `filled_from_stock`).
        public var inverted: Bool

        public init(column: String, inverted: Bool = false) {
            self.column = column
            self.inverted = inverted
        }
    }

    /// A column computed from another column's raw value.
    public struct DerivedColumn: Sendable, Equatable {
        /// The canonical column whose raw value is looked up.
        public var from: String
        /// Raw value → value of the derived column.
        public var values: [String: String]
        /// The value when the raw value is not in `values` (nil: left empty).
        public var defaultValue: String?

        public init(from: String, values: [String: String], defaultValue: String? = nil) {
            self.from = from
            self.values = values
            self.defaultValue = defaultValue
        }
    }

    /// The text encoding of the source files.
    public enum Encoding: String, Sendable, Equatable {
        case auto
        case utf8 = "utf-8"
        case gb18030
    }

    /// The profile's name (shown in messages).
    public var name: String
    public var summary: String?
    /// The canonical feed the files load into.
    public var feed: String
    /// File-name globs (`RO_*.txt`) of the files the profile applies to, matched
    /// case-insensitively against the file name only.
    public var filePatterns: [String]
    /// The 1-based row holding the header (rows before it are titles).
    public var headerRow: Int
    /// The worksheet of workbook exports (name); nil: the first sheet.
    public var sheet: String?
    /// The field separator, nil to detect it from the header line.
    public var delimiter: UInt8?
    public var encoding: Encoding
    /// Date formats accepted on top of the defaults, by name (`MM/DD/YYYY`, `excel-serial`…).
    public var dateFormats: [String]
    /// Source header (as written in the profile) → canonical column.
    public var columns: [String: ColumnRename]
    /// Canonical column → (raw value → canonical value).
    public var values: [String: [String: String]]
    /// Extra spellings of true and false for boolean columns.
    public var trueSpellings: [String]
    public var falseSpellings: [String]
    /// Derived column → how it is computed.
    public var derived: [String: DerivedColumn]
    /// Canonical column → the value every row gets (replacing the file's).
    public var constants: [String: String]
    public var trailer: TrailerRule?
    /// The file the profile was read from.
    public var file: String

    public init(
        name: String, feed: String, file: String = "", summary: String? = nil, filePatterns: [String] = [], headerRow: Int = 1,
        delimiter: UInt8? = nil, encoding: Encoding = .auto, dateFormats: [String] = [], columns: [String: ColumnRename] = [:],
        values: [String: [String: String]] = [:], trueSpellings: [String] = [], falseSpellings: [String] = [],
        derived: [String: DerivedColumn] = [:], constants: [String: String] = [:], trailer: TrailerRule? = nil
    ) {
        self.name = name
        self.feed = feed
        self.file = file
        self.summary = summary
        self.filePatterns = filePatterns
        self.headerRow = headerRow
        self.delimiter = delimiter
        self.encoding = encoding
        self.dateFormats = dateFormats
        self.columns = columns
        self.values = values
        self.trueSpellings = trueSpellings
        self.falseSpellings = falseSpellings
        self.derived = derived
        self.constants = constants
        self.trailer = trailer
    }

    /// Date-format names a profile may list. They mirror the value parser's formats
    /// (feeds.md 1): the defaults and the extra forms a profile may add.
    public static let knownDateFormats = [
        "YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD", "YYYY年MM月DD日", "MM/DD/YYYY", "MM/DD/YY", "excel-serial", "epoch-ms",
        "YYYY-MM-DD HH-mm-ss",
    ]

    /// Spellings of booleans every column accepts (feeds.md 1), lower-cased.
    static let standardTrue: Set<String> = ["1", "true", "yes", "y", "是"]
    static let standardFalse: Set<String> = ["0", "false", "no", "n", "否"]

    /// Whether the profile applies to a file called `fileName` (a path's last component is used).
    public func matches(fileName: String) -> Bool {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        return filePatterns.contains { FileNamePattern.matches($0, name) }
    }
}
