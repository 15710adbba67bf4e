/// A targets file that cannot be used (`--targets FILE`): where (file and line, when known)
/// and what to change. The tools treat it as a bad command line (exit 64): nothing is written.
public struct TargetsError: LocatedError, CustomStringConvertible, Sendable, Equatable {
    /// The file as given on the command line.
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { placedMessage }
}
