/// One row of a sheet whose cells arrive as text (XML Spreadsheet 2003, HTML tables): the
/// cells' UTF-8 back to back and each cell's end, storage reused from row to row.
struct TextRow {
    var number = 0
    var bytes: [UInt8] = []
    var ends: [Int] = []

    mutating func reset(number: Int) {
        self.number = number
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Ends the cell being written.
    mutating func endCell() { ends.append(bytes.count) }

    /// Adds empty cells until the row has `cells` cells.
    mutating func pad(to cells: Int) {
        while ends.count < cells { ends.append(bytes.count) }
    }

    /// The cells up to the last one that holds text.
    var usedCount: Int {
        var count = ends.count
        while count > 0 && (count == 1 ? 0 : ends[count - 2]) == ends[count - 1] { count -= 1 }
        return count
    }
}

/// What a legacy workbook reader hands over: its rows in order (blank ones too).
protocol TextRowSource: AnyObject {
    /// `file[sheet]`, for messages.
    var displayName: String { get }
    /// Input bytes read so far (progress).
    var bytesRead: Int { get }
    /// Warnings about cells read as empty (error values), with their row.
    var onWarning: ((Int, String) -> Void)? { get set }
    /// Fills `row` with the next row; false after the last.
    func nextRow(_ row: inout TextRow) throws -> Bool
}

/// The importer's record path over a `TextRowSource`, with the rules of `XLSXSheetReader`:
/// `line` is the sheet's row number, blank rows are skipped, missing cells are empty, and
/// a row is as wide as its last non-empty cell or the header.
final class TextSheetReader: RecordReader {
    let source: any TextRowSource
    var displayName: String { source.displayName }
    private var row = TextRow()
    private(set) var line = 0
    private(set) var count = 0
    let problem: String? = nil
    private var headerWidth = 0

    init(source: any TextRowSource) {
        self.source = source
    }

    func next() throws -> Bool {
        while try source.nextRow(&row) {
            let used = row.usedCount
            guard used > 0 else { continue }
            line = row.number
            count = max(used, headerWidth)
            return true
        }
        return false
    }

    func readHeader(row number: Int) throws -> Bool {
        while try next() {
            if line == number {
                headerWidth = count
                return true
            }
            if line > number { return false }
        }
        return false
    }

    /// Cells are read from the row's array through `withUnsafeBytes`: not promised beyond the call.
    var fieldsStayValid: Bool { false }

    func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard index < row.ends.count else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let start = index == 0 ? 0 : row.ends[index - 1]
        let end = row.ends[index]
        return try row.bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    func string(_ index: Int) -> String? {
        withField(index) { String(validating: $0, as: UTF8.self) }
    }

    func lossyFields() -> [String] {
        (0..<count).map { index in withField(index) { String(decoding: $0, as: UTF8.self) } }
    }

    func rawRecord() -> String {
        lossyFields().map { CSVWriter.quoteIfNeeded($0, delimiter: ",") }.joined(separator: ",")
    }
}

/// The rows of a legacy workbook as text cells (tools, tests, fuzzing): XML Spreadsheet
/// 2003 or an HTML table saved as `.xls`.
public final class LegacyWorkbookRowReader {
    private let reader: TextSheetReader
    public private(set) var warnings: [(row: Int, message: String)] = []

    /// Opens `path` (its kind found from its content) and its sheet `sheet` (default: the
    /// first). Throws `FeedFileError` when it is neither kind or has no such sheet.
    public init(path: String, sheet: String? = nil) throws {
        reader = TextSheetReader(source: try LegacyWorkbooks.open(path: path, file: path, sheet: sheet))
        reader.source.onWarning = { [unowned self] row, message in self.warnings.append((row, message)) }
    }

    /// The next non-blank row (its number and cells), nil at the end.
    public func next() throws -> (row: Int, cells: [String])? {
        guard try reader.next() else { return nil }
        return (reader.line, reader.lossyFields())
    }
}

enum LegacyWorkbooks {
    /// A row source for the legacy workbook at `path`, by its content.
    static func open(path: String, file: String, sheet: String?) throws -> any TextRowSource {
        switch WorkbookSniffer.kind(path: path) {
        case .spreadsheetML: return try SpreadsheetMLSource(path: path, file: file, sheet: sheet)
        case .html: return try HTMLTableSource(path: path, file: file, sheet: sheet)
        default:
            throw FeedFileError(file: file, "not an XML Spreadsheet 2003 or HTML table file: save it as .xlsx or CSV")
        }
    }
}
