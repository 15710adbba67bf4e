import Foundation

/// A TOML value as the profile parser sees it (`TOMLValue` with `Int` integers).
indirect enum ProfileTOMLValue: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case array([ProfileTOMLValue])
    case table([(key: String, value: ProfileTOMLValue)])
    /// Any other kind of value, described with its article ("a float").
    case other(String)

    init(_ value: TOMLValue) {
        switch value {
        case let .string(text): self = .string(text)
        case let .integer(number): self = Int(exactly: number).map(ProfileTOMLValue.integer) ?? .other(value.kindDescription)
        case let .boolean(flag): self = .boolean(flag)
        case let .array(items): self = .array(items.map(ProfileTOMLValue.init))
        case let .table(table): self = .table(table.entries.map { ($0.key, ProfileTOMLValue($0.value)) })
        default: self = .other(value.kindDescription)
        }
    }

    static func == (a: ProfileTOMLValue, b: ProfileTOMLValue) -> Bool { a.shown == b.shown }

    /// The value as it would be written in TOML, for messages.
    var shown: String {
        switch self {
        case let .string(text): return "\"\(text)\""
        case let .integer(number): return String(number)
        case let .boolean(flag): return flag ? "true" : "false"
        case let .array(items): return "[" + items.map(\.shown).joined(separator: ", ") + "]"
        case .table: return "a table"
        case let .other(kind): return kind
        }
    }
}

extension SourceProfile {
    /// Top-level keys and tables a profile may hold.
    public static let knownKeys = [
        "name", "description", "feed", "file_pattern", "header_row", "sheet", "delimiter", "encoding", "date_formats", "trailer",
        "columns", "values", "booleans", "derive", "constants",
    ]

    /// Reads the profile at `path` (named `displayName` in messages). Throws `ProfileError`,
    /// or `InputError` when the file cannot be read.
    public static func load(path: String, displayName: String? = nil) throws -> SourceProfile {
        let source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { break }
            bytes.append(contentsOf: buffer.prefix(count))
            if bytes.count > 4 << 20 {
                throw ProfileError(file: displayName ?? path, "the profile is larger than 4 MiB: not a profile")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProfileError(file: displayName ?? path, "the profile is not UTF-8 text: save it as UTF-8")
        }
        return try SourceProfile(toml: text, file: displayName ?? path)
    }

    /// Parses a profile from TOML text; `file` names it in messages.
    public init(toml text: String, file: String) throws(ProfileError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw ProfileError(file: file, line: error.line, column: error.column, "TOML syntax error: \(error.reason)")
        }
        guard case let .table(entries) = ProfileTOMLValue(.table(document.root)) else {
            throw ProfileError(file: file, "the profile is not a TOML table")
        }
        var parser = ProfileParser(file: file)
        self = try parser.parse(entries)
    }
}

/// Turns the TOML document into a `SourceProfile`, checking every key.
struct ProfileParser {
    let file: String

    func error(_ key: String, _ message: String) -> ProfileError { ProfileError(file: file, key: key, message) }

    func unknownKey(_ key: String, known: [String], in table: String?) -> ProfileError {
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        let near = known.filter { Self.distance($0, leaf) <= 2 }
        let hint = near.first.map { "did you mean \"\($0)\"? " } ?? ""
        let place = table.map { "in [\($0)] " } ?? ""
        return ProfileError(file: file, key: key, "unknown key \(place)(\(hint)known keys: \(known.joined(separator: ", ")))")
    }

    func string(_ value: ProfileTOMLValue, _ key: String, what: String = "a string") throws(ProfileError) -> String {
        guard case let .string(text) = value else { throw error(key, "expected \(what), got \(value.shown)") }
        return text
    }

    func table(_ value: ProfileTOMLValue, _ key: String) throws(ProfileError) -> [(key: String, value: ProfileTOMLValue)] {
        guard case let .table(entries) = value else { throw error(key, "expected a table ([\(key)]), got \(value.shown)") }
        return entries
    }

    func strings(_ value: ProfileTOMLValue, _ key: String) throws(ProfileError) -> [String] {
        switch value {
        case let .string(text): return [text]
        case let .array(items):
            var out: [String] = []
            for item in items {
                guard case let .string(text) = item else {
                    throw error(key, "expected a list of strings, got \(value.shown)")
                }
                out.append(text)
            }
            return out
        default:
            throw error(key, "expected a string or a list of strings, got \(value.shown)")
        }
    }

    mutating func parse(_ entries: [(key: String, value: ProfileTOMLValue)]) throws(ProfileError) -> SourceProfile {
        var document: [String: ProfileTOMLValue] = [:]
        for (key, value) in entries {
            guard SourceProfile.knownKeys.contains(key) else {
                throw unknownKey(key, known: SourceProfile.knownKeys, in: nil)
            }
            document[key] = value
        }
        guard let nameValue = document["name"] else { throw error("name", "missing: every profile has a name, e.g. name = \"yonyou-repair-orders\"") }
        let name = try string(nameValue, "name")
        guard !name.isEmpty else { throw error("name", "must not be empty") }
        guard let feedValue = document["feed"] else { throw error("feed", "missing: name the canonical feed the files load into, e.g. feed = \"repair_orders\"") }
        let feedName = try string(feedValue, "feed")
        guard let feed = FeedCatalogue.standard.feed(named: feedName) else {
            throw error("feed", "\"\(feedName)\" is not a feed (feeds: \(FeedCatalogue.standard.feeds.map(\.name).joined(separator: ", ")))")
        }
        var profile = SourceProfile(name: name, feed: feed.name, file: file)
        if let value = document["description"] { profile.summary = try string(value, "description") }
        if let value = document["file_pattern"] {
            profile.filePatterns = try strings(value, "file_pattern")
            if profile.filePatterns.contains(where: { $0.isEmpty || $0.contains("/") }) {
                throw error("file_pattern", "a pattern matches a file name (no folders), e.g. \"RO_*.txt\"; got \(value.shown)")
            }
        }
        if let value = document["header_row"] {
            guard case let .integer(row) = value, row >= 1, row <= 1000 else {
                throw error("header_row", "expected a positive integer (the 1-based row of the header), got \(value.shown)")
            }
            profile.headerRow = row
        }
        if let value = document["sheet"] {
            let text = try string(value, "sheet")
            guard !text.isEmpty else { throw error("sheet", "expected the name of a worksheet, got an empty string") }
            profile.sheet = text
        }
        if let value = document["delimiter"] {
            let text = try string(value, "delimiter")
            switch text {
            case "tab", "\t": profile.delimiter = 9
            default:
                guard text.utf8.count == 1, let byte = text.utf8.first, byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\""),
                    !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x41 && byte <= 0x5A) && !(byte >= 0x61 && byte <= 0x7A)
                else {
                    throw error("delimiter", "expected one punctuation character such as \",\", \";\", \"|\", or \"tab\"; got \(value.shown)")
                }
                profile.delimiter = byte
            }
        }
        if let value = document["encoding"] {
            let text = try string(value, "encoding")
            switch text.lowercased() {
            case "auto": profile.encoding = .auto
            case "utf-8", "utf8": profile.encoding = .utf8
            case "gb18030", "gbk", "gb2312", "cp936": profile.encoding = .gb18030
            default: throw error("encoding", "expected \"auto\", \"utf-8\" or \"gb18030\" (GBK files are read as GB18030), got \(value.shown)")
            }
        }
        if let value = document["date_formats"] {
            let formats = try strings(value, "date_formats")
            for format in formats where !SourceProfile.knownDateFormats.contains(format) {
                throw error("date_formats", "unknown date format \"\(format)\" (known: \(SourceProfile.knownDateFormats.joined(separator: ", ")))")
            }
            profile.dateFormats = formats
        }
        if let value = document["trailer"] {
            let pattern = try string(value, "trailer")
            do {
                profile.trailer = try TrailerRule(pattern: pattern)
            } catch {
                throw self.error("trailer", error.message)
            }
        }
        if let value = document["columns"] {
            for (source, target) in try table(value, "columns") {
                let key = "columns.\(source)"
                let rename: SourceProfile.ColumnRename
                switch target {
                case let .string(column):
                    rename = SourceProfile.ColumnRename(column: column)
                case let .table(options):
                    var column: String?
                    var inverted = false
                    for (option, optionValue) in options {
                        switch option {
                        case "column": column = try string(optionValue, "\(key).column")
                        case "inverted":
                            guard case let .boolean(flag) = optionValue else {
                                throw error("\(key).inverted", "expected true or false, got \(optionValue.shown)")
                            }
                            inverted = flag
                        default: throw unknownKey("\(key).\(option)", known: ["column", "inverted"], in: "columns")
                        }
                    }
                    guard let column else { throw error(key, "missing \"column\", e.g. { column = \"filled_from_stock\", inverted = true }") }
                    rename = SourceProfile.ColumnRename(column: column, inverted: inverted)
                default:
                    throw error(key, "expected a canonical column name or { column = \"…\", inverted = true }, got \(target.shown)")
                }
                try checkColumn(rename.column, of: feed, key)
                if rename.inverted && feed.column(named: rename.column)?.type != .boolean {
                    throw error(key, "only boolean columns can be inverted; \"\(rename.column)\" is not boolean")
                }
                profile.columns[source] = rename
            }
        }
        if let value = document["values"] {
            for (column, mapValue) in try table(value, "values") {
                let key = "values.\(column)"
                try checkColumn(column, of: feed, key)
                profile.values[column] = try valueMap(mapValue, key, column: column, of: feed)
            }
        }
        if let value = document["booleans"] {
            for (option, spellings) in try table(value, "booleans") {
                switch option {
                case "true": profile.trueSpellings = try strings(spellings, "booleans.true")
                case "false": profile.falseSpellings = try strings(spellings, "booleans.false")
                default: throw unknownKey("booleans.\(option)", known: ["true", "false"], in: "booleans")
                }
            }
            let both = Set(profile.trueSpellings.map { $0.lowercased() }).intersection(profile.falseSpellings.map { $0.lowercased() })
            if let clash = both.sorted().first {
                throw error("booleans", "\"\(clash)\" is listed as both true and false")
            }
        }
        if let value = document["derive"] {
            for (column, ruleValue) in try table(value, "derive") {
                let key = "derive.\(column)"
                try checkColumn(column, of: feed, key)
                var from: String?
                var map: [String: String] = [:]
                var defaultValue: String?
                for (option, optionValue) in try table(ruleValue, key) {
                    switch option {
                    case "from":
                        let source = try string(optionValue, "\(key).from")
                        try checkColumn(source, of: feed, "\(key).from")
                        from = source
                    case "values": map = try valueMap(optionValue, "\(key).values", column: column, of: feed)
                    case "default":
                        let text = try string(optionValue, "\(key).default")
                        try checkValue(text, column: column, of: feed, "\(key).default")
                        defaultValue = text
                    default: throw unknownKey("\(key).\(option)", known: ["from", "values", "default"], in: key)
                    }
                }
                guard let from else { throw error(key, "missing \"from\": the canonical column whose raw value decides, e.g. from = \"ro_type\"") }
                profile.derived[column] = SourceProfile.DerivedColumn(from: from, values: map, defaultValue: defaultValue)
            }
        }
        if let value = document["constants"] {
            for (column, constant) in try table(value, "constants") {
                let key = "constants.\(column)"
                try checkColumn(column, of: feed, key)
                let text = try string(constant, key)
                try checkValue(text, column: column, of: feed, key)
                profile.constants[column] = text
            }
        }
        return profile
    }

    func checkColumn(_ column: String, of feed: Feed, _ key: String) throws(ProfileError) {
        guard feed.column(named: column) != nil else {
            throw error(key, "\"\(column)\" is not a column of feed \(feed.name) (columns: \(feed.columns.map(\.name).joined(separator: ", ")))")
        }
    }

    /// Checks a target value of a value map: a canonical value for enumerations, true/false
    /// for booleans, anything else for other columns.
    func checkValue(_ value: String, column: String, of feed: Feed, _ key: String) throws(ProfileError) {
        guard let type = feed.column(named: column)?.type else { return }
        switch type {
        case let .enumeration(domain):
            guard value.isEmpty || domain.values.contains(value) else {
                throw error(key, "\"\(value)\" is not a value of \(column) (values: \(domain.values.joined(separator: ", ")))")
            }
        case .boolean:
            guard value.isEmpty || value == "true" || value == "false" else {
                throw error(key, "\(column) is boolean: map to \"true\" or \"false\", got \"\(value)\"")
            }
        default:
            break
        }
    }

    func valueMap(_ value: ProfileTOMLValue, _ key: String, column: String, of feed: Feed) throws(ProfileError) -> [String: String] {
        var map: [String: String] = [:]
        for (raw, target) in try table(value, key) {
            let text = try string(target, "\(key).\(raw)")
            try checkValue(text, column: column, of: feed, "\(key).\(raw)")
            map[raw] = text
        }
        return map
    }

    /// Levenshtein distance, for "did you mean" hints on short keys.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
