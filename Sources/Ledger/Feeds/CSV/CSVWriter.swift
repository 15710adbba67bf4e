/// Writes CSV for people and spreadsheets: RFC 4180 quoting, optional UTF-8 BOM (Excel
/// then reads Chinese text correctly), and text cells that start with `= + - @` prefixed
/// with `'` so that a spreadsheet never runs them as formulas.
public struct CSVWriter: Sendable {
    public var delimiter: Character
    /// Whether text cells are guarded against formula injection.
    public var guardsFormulas: Bool

    public init(delimiter: Character = ",", guardsFormulas: Bool = true) {
        self.delimiter = delimiter
        self.guardsFormulas = guardsFormulas
    }

    /// A cell value: text is guarded and quoted; numbers are written as they are.
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        case text(String)
        /// A number already formatted (never guarded: `-3.5` stays a number).
        case number(String)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
    }

    /// One line (with CRLF, as RFC 4180 says) for the given cells.
    public func line(_ cells: [Cell]) -> String {
        var out = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(delimiter) }
            switch cell {
            case .empty: break
            case .number(let text): out += text
            case .text(let text):
                out += Self.quoteIfNeeded(guardsFormulas ? Self.neutralised(text) : text, delimiter: delimiter)
            }
        }
        out += "\r\n"
        return out
    }

    /// One line of plain text cells.
    public func line(_ texts: [String]) -> String { line(texts.map { Cell.text($0) }) }

    /// `text` with a leading `'` when it starts with a character a spreadsheet treats as a formula.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + text
        default: return text
        }
    }

    /// `text` quoted when it holds the delimiter, a quote or a line break.
    public static func quoteIfNeeded(_ text: String, delimiter: Character) -> String {
        let needs = text.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needs else { return text }
        var out = "\""
        for character in text {
            if character == "\"" { out += "\"\"" } else { out.append(character) }
        }
        return out + "\""
    }
}
