/// The first problem in a TOML document: where it is (1-based line and column, the column
/// counted in Unicode scalars) and why the text is not TOML 1.0.
struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var reason: String

    var description: String { "line \(line), column \(column): \(reason)" }
}
