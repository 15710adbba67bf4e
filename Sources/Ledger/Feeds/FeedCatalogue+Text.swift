extension FeedCatalogue {
    /// The catalogue as text (`dms-import feeds`) or Markdown (`docs/feeds.md`).
    public static func describe(_ feeds: [Feed], markdown: Bool = false) -> String {
        var out: [String] = []
        for feed in feeds {
            if markdown {
                out.append("## \(feed.name)\n\n\(feed.summary). Natural key: \(feed.key.map { "`\($0)`" }.joined(separator: ", ")).\n")
                out.append("| column | type | stored as | aliases | notes |")
                out.append("|---|---|---|---|---|")
            } else {
                out.append("\(feed.name) — \(feed.summary)")
                out.append("  key: \(feed.key.joined(separator: ", "))")
            }
            for column in feed.columns {
                let (typeName, stored) = describe(column.type)
                var notes: [String] = []
                if feed.isKey(column.name) { notes.append("key, required") }
                if column.isPersonal { notes.append("personal data") }
                if let note = column.note { notes.append(note) }
                if let migration = column.addedBy, migration != feed.addedBy { notes.append("added by \(migration)") }
                if case .enumeration(let domain) = column.type {
                    notes.append("values: " + domain.values.joined(separator: ", "))
                    if let empty = domain.emptyMeans { notes.append("empty = \(empty)") }
                    if !domain.aliases.isEmpty {
                        notes.append("value aliases: " + domain.aliases.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
                    }
                }
                if markdown {
                    out.append("| `\(column.name)` | \(typeName) | \(stored) | \(column.aliases.joined(separator: ", ")) | \(notes.joined(separator: "; ")) |")
                } else {
                    let aliases = column.aliases.isEmpty ? "" : " [\(column.aliases.joined(separator: ", "))]"
                    out.append("  \(column.name): \(typeName)\(aliases)" + (notes.isEmpty ? "" : " — " + notes.joined(separator: "; ")))
                }
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Type name and storage of a column type.
    public static func describe(_ type: ColumnType) -> (String, String) {
        switch type {
        case .text: return ("text", "TEXT")
        case .date: return ("date", "TEXT YYYY-MM-DD")
        case .dateTime: return ("date-time", "TEXT YYYY-MM-DD HH:MM:SS (local)")
        case .money: return ("money", "INTEGER minor units (fen/cents)")
        case .decimal: return ("decimal (4 places)", "INTEGER ten-thousandths")
        case .score: return ("score 0–10", "INTEGER ten-thousandths")
        case .integer: return ("integer", "INTEGER")
        case .boolean: return ("boolean", "INTEGER 0/1")
        case .enumeration: return ("enum", "TEXT canonical value")
        case .vin: return ("VIN", "TEXT upper case")
        }
    }
}
