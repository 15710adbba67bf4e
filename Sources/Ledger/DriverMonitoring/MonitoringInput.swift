/// A driver-monitoring input file that cannot be scored at all (exit 65 in the tools).
public struct MonitoringFileError: LocatedError, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// Recordings are read by line, not by column.
    public var column: Int? { nil }

    public var description: String { placedMessage }
}

/// What reading one input file produced: its sessions, and the problems met on the way.
public struct MonitoringFileContents: Sendable {
    public var sessions: [SessionFrames]
    /// Warnings and rejected-row errors, in file order (capped per file).
    public var diagnostics: [Diagnostic]
    /// Rows (or OpenLABEL frames) rejected.
    public var rejectedRows: Int

    public init(sessions: [SessionFrames], diagnostics: [Diagnostic], rejectedRows: Int) {
        self.sessions = sessions
        self.diagnostics = diagnostics
        self.rejectedRows = rejectedRows
    }
}

/// Collects a file's diagnostics, printing at most `limit` rejected rows and summarising the rest.
struct DiagnosticCollector {
    let file: String
    let limit: Int
    var diagnostics: [Diagnostic] = []
    var rejected = 0

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    mutating func warning(line: Int? = nil, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file, line: line, message))
    }

    mutating func reject(line: Int?, _ message: String) {
        rejected += 1
        if rejected <= limit { diagnostics.append(Diagnostic(.error, file: file, line: line, message + " (row rejected)")) }
    }

    mutating func finish() -> [Diagnostic] {
        if rejected > limit {
            diagnostics.append(Diagnostic(.error, file: file, "\(rejected - limit) more rows rejected (\(rejected) in all)"))
        }
        return diagnostics
    }
}

/// The file name of `path` without folders and extension.
func baseName(_ path: String) -> String {
    let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
}
