/// A source profile that cannot be used: a TOML syntax error, an unknown key, a wrong value.
///
/// The description names the profile file, the key and what to write instead, e.g.
/// `profiles/yonyou.toml: key "header_row": expected a positive integer, got "x"`.
public struct ProfileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// The dotted key the problem is about (`header_row`, `values.ro_type`), if any.
    public var key: String?
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, key: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        if let key { return "\(place): key \"\(key)\": \(message)" }
        return "\(place): \(message)"
    }
}
