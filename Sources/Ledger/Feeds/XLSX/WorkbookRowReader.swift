/// The rows of a workbook's worksheet as text cells — the values the importer sees (dates
/// as `YYYY-MM-DD`, numbers as Excel shows them, errors empty): for tools, tests and fuzzing.
public final class WorkbookRowReader {
    private let workbook: XLSXWorkbook
    private let reader: XLSXSheetReader
    /// The worksheets of the workbook, in order.
    public var sheetNames: [String] { workbook.sheets.map(\.name) }
    /// Warnings about cells read as empty (error values), with their worksheet row.
    public private(set) var warnings: [(row: Int, message: String)] = []

    /// Opens `path` and its sheet `sheet` (default: the first). Throws `FeedFileError` for a
    /// file that is no usable workbook, `InputError` when it cannot be read.
    public init(path: String, sheet: String? = nil, limits: WorkbookLimits = WorkbookLimits()) throws {
        workbook = try XLSXWorkbook(path: path, file: path, limits: limits)
        reader = try workbook.rows(of: try workbook.sheet(named: sheet), threaded: false)
        reader.onWarning = { [unowned self] row, message in self.warnings.append((row, message)) }
    }

    /// The next non-blank row (its worksheet row number and cells), nil at the end.
    public func next() throws -> (row: Int, cells: [String])? {
        guard try reader.next() else { return nil }
        return (reader.line, reader.lossyFields())
    }
}
