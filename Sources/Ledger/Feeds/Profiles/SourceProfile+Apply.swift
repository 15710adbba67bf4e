/// The pure functions the importer calls to apply a profile.
extension SourceProfile {
    /// Header matching's normal form (feeds.md 1): no BOM, trimmed, lower-cased, without
    /// `_`, `-` and spaces.
    public static func normalizedHeader(_ cell: String) -> String {
        var text = cell
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return String(text.lowercased().filter { $0 != "_" && $0 != "-" && !$0.isWhitespace })
    }

    /// The header with the profile's renames applied: a cell matching a `[columns]` key
    /// (compared in normal form) becomes the canonical column; other cells are unchanged.
    public func apply(toHeader header: [String]) -> [String] {
        let renames = Dictionary(columns.map { (Self.normalizedHeader($0.key), $0.value.column) }) { first, _ in first }
        return header.map { renames[Self.normalizedHeader($0)] ?? $0 }
    }

    /// Canonical columns whose source meaning is inverted.
    public var invertedColumns: Set<String> {
        Set(columns.values.filter(\.inverted).map(\.column))
    }

    /// The raw text of `column` after the profile: its value map (trimmed raw value, exact,
    /// then case-insensitive), the profile's boolean spellings for boolean columns, and
    /// inversion. Text the profile does not know is returned trimmed, for the normal value rules.
    public func mapValue(column: String, raw: String) -> String {
        let text = XMLText.trimmed(raw)
        var mapped = text
        if let map = values[column] {
            if let exact = map[text] {
                mapped = exact
            } else if let folded = map.first(where: { $0.key.lowercased() == text.lowercased() }) {
                mapped = folded.value
            }
        }
        if isBoolean(column) {
            let lowered = mapped.lowercased()
            if trueSpellings.contains(where: { $0.lowercased() == lowered }) {
                mapped = "true"
            } else if falseSpellings.contains(where: { $0.lowercased() == lowered }) {
                mapped = "false"
            }
            if invertedColumns.contains(column) {
                let value = mapped.lowercased()
                if Self.standardTrue.contains(value) {
                    mapped = "false"
                } else if Self.standardFalse.contains(value) {
                    mapped = "true"
                }
            }
        }
        return mapped
    }

    /// The values of the derived columns, computed from a row's raw values (canonical
    /// column → text, before value maps).
    public func derivedValues(from row: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (column, rule) in derived {
            let raw = XMLText.trimmed(row[rule.from] ?? "")
            if let value = rule.values[raw] ?? rule.defaultValue { out[column] = value }
        }
        return out
    }

    /// A whole row after the profile: derived columns (from the raw values; a derived column
    /// the file also has keeps the file's value unless it is empty), value maps, then constants.
    public func apply(toRow row: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (column, raw) in row { out[column] = mapValue(column: column, raw: raw) }
        for (column, value) in derivedValues(from: row) where (out[column] ?? "").isEmpty {
            out[column] = mapValue(column: column, raw: value)
        }
        for (column, value) in constants { out[column] = value }
        return out
    }

    /// Whether `column` of the profile's feed is a boolean column.
    func isBoolean(_ column: String) -> Bool {
        FeedCatalogue.standard.feed(named: feed)?.column(named: column)?.type == .boolean
    }
}

/// File-name globs: `*` (any run), `?` (one character), `[abc]`, `[a-z]`, `[!x]`;
/// case-insensitive.
enum FileNamePattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        match(Array(pattern.lowercased())[...], Array(name.lowercased())[...])
    }

    private static func match(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case "*":
            let rest = pattern.dropFirst()
            var index = name.startIndex
            while true {
                if match(rest, name[index...]) { return true }
                if index == name.endIndex { return false }
                index += 1
            }
        case "?":
            guard !name.isEmpty else { return false }
            return match(pattern.dropFirst(), name.dropFirst())
        case "[":
            guard let c = name.first, let close = pattern.dropFirst().firstIndex(of: "]") else {
                return name.first == "[" && match(pattern.dropFirst(), name.dropFirst())
            }
            var set = pattern[(pattern.startIndex + 1)..<close]
            let negated = set.first == "!" || set.first == "^"
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                if index + 2 < set.endIndex, set[index + 1] == "-" {
                    if set[index] <= c && c <= set[index + 2] { found = true }
                    index += 3
                } else {
                    if set[index] == c { found = true }
                    index += 1
                }
            }
            guard found != negated else { return false }
            return match(pattern[(close + 1)...], name.dropFirst())
        default:
            guard name.first == first else { return false }
            return match(pattern.dropFirst(), name.dropFirst())
        }
    }
}
