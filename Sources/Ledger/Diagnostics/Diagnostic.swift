/// An error about one place in one input file (a feed, a rules or targets file, a
/// driver-monitoring recording): the tools print it as a diagnostic,
/// `file:line[:column]: error: message`.
public protocol LocatedError: Error {
    /// The file as given on the command line.
    var file: String { get }
    var line: Int? { get }
    var column: Int? { get }
    var message: String { get }
}

extension LocatedError {
    /// The error as the tools print it.
    public var diagnostic: Diagnostic { Diagnostic(.error, file: file, line: line, column: column, message) }

    /// `file:line:column: message`, without the severity (the errors' own descriptions).
    public var placedMessage: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

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
        return Self.printable((place.isEmpty ? "" : place + ": ") + "\(severity.rawValue): \(message)")
    }

    /// `text` with control characters (C0, DEL, C1) written as `\u{XX}`: messages quote
    /// values from hostile files, and escape sequences must never reach a terminal.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
