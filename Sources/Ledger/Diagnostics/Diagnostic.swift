/// One message about the input: a warning, or an error that rejected a row or a file.
///
/// Printed by the tools as `file:line: warning|error: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case note, warning, error }

    public var severity: Severity
    /// The file the message is about (as given on the command line), if any.
    public var file: String?
    /// The 1-based physical line, if any.
    public var line: Int?
    /// The 1-based column (XML), if any.
    public var column: Int?
    public var message: String

    public init(_ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file ?? ""
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)"
    }
}
