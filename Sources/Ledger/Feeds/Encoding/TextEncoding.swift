/// The character encoding of an input file (feeds.md 1, "Encoding").
public enum TextEncoding: String, Sendable, Hashable, CustomStringConvertible {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB18030, which covers GBK and CP936.
    case gb18030

    public var description: String { rawValue }
}

/// What `--encoding` asks for: a fixed encoding, or detection from the first 64 KiB.
public enum EncodingChoice: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case auto
    case utf8 = "utf-8"
    case gb18030

    /// Parses an option value: `auto`, `utf-8`/`utf8`, or `gb18030`/`gbk`/`cp936`
    /// (case-insensitive; GBK and CP936 are decoded as their superset GB18030).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "cp936", "gb2312": self = .gb18030
        default: return nil
        }
    }

    public var description: String { rawValue }
}
