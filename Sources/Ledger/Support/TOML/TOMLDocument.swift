/// A parsed TOML 1.0 document: its root table, keys in document order.
///
/// The parser (`TOMLParser`) is strict and total: any input gives either a document or a
/// `TOMLError` with the line, column and reason of the first problem; it never traps.
struct TOMLDocument: Equatable, Sendable {
    var root: TOMLTable

    /// Parses TOML text (a Swift string is valid Unicode already).
    init(parsing text: String) throws(TOMLError) {
        var parser = TOMLParser(bytes: Array(text.utf8))
        root = try parser.parse()
    }

    /// Parses TOML bytes, which must be UTF-8: invalid UTF-8 is an error at its first byte.
    init(parsing bytes: [UInt8]) throws(TOMLError) {
        var parser = TOMLParser(bytes: bytes)
        try parser.validateUTF8()
        root = try parser.parse()
    }

    subscript(key: String) -> TOMLValue? { root[key] }
}
