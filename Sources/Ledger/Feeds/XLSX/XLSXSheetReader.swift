/// The rows of one worksheet, streamed: the sheet's part is inflated chunk by chunk and
/// parsed by the project's libxml2 reader in raw capture, cells are kept as byte ranges of
/// one reused buffer (at most one chunk's worth of rows at a time), and each cell becomes
/// the text a CSV would have held only when the importer asks for it (`withField`).
///
/// `line` is the worksheet row number; blank rows are skipped (not counted, like blank CSV
/// lines); missing cells are empty.
final class XLSXSheetReader: RecordReader, XMLRawHandler {
    enum Kind: UInt8 { case number, shared, inline, string, boolean, error, isoDate }

    struct Cell {
        var column: Int32
        var kind: Kind
        var style: Int32
        var start: Int
        var end: Int
        var shared: Int
    }

    /// The name used in messages: `file[sheet]`.
    let displayName: String
    let sheet: XLSXWorkbook.Sheet
    private let workbook: XLSXWorkbook
    private let xml: XMLStreamReader
    private let source: ZipEntrySource
    /// Compressed bytes of the sheet's part read so far.
    var compressedBytesRead: Int { Int(source.compressedBytesRead) }
    /// Called with (row, message) for a cell that is read as empty with a warning.
    var onWarning: ((Int, String) -> Void)?

    // Parsed, not yet consumed: cell bytes, cells, and per complete row its number and end.
    // (Hot state skips Swift's dynamic exclusivity checks: it is touched only from the
    // reader's thread, by the parser's callbacks during `pump()` or by the reader between
    // calls, never through overlapping accesses.)
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var cells: [Cell] = []
    @exclusivity(unchecked) private var rows: [(number: Int, cellEnd: Int)] = []
    @exclusivity(unchecked) private var rowIndex = 0
    private var finished = false
    @exclusivity(unchecked) private var failure: (row: Int, message: String)?

    // Parser state.
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var rowCellStart = 0
    @exclusivity(unchecked) private var nextColumn: Int32 = 0
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var capturing = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var cell = Cell(column: 0, kind: .number, style: 0, start: 0, end: 0, shared: 0)

    // The workbook's tables, read once.
    private let sharedStrings: SharedStrings
    private let styleKinds: [XLSXDateKind]
    private let uses1904: Bool

    // The current row.
    @exclusivity(unchecked) private(set) var line = 0
    @exclusivity(unchecked) private(set) var count = 0
    let problem: String? = nil
    @exclusivity(unchecked) private var fieldCells: [Int32] = []
    private var headerWidth: Int?
    @exclusivity(unchecked) private var scratch: [UInt8] = []

    /// Most cells one row may hold (Excel's 16,384 columns).
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    init(workbook: XLSXWorkbook, sheet: XLSXWorkbook.Sheet, source: ZipEntrySource) {
        self.workbook = workbook
        self.sheet = sheet
        self.source = source
        displayName = "\(workbook.file)[\(sheet.name)]"
        xml = XMLStreamReader(source: source, file: displayName)
        sharedStrings = workbook.sharedStrings
        styleKinds = workbook.styleKinds
        uses1904 = workbook.uses1904
        _ = xml.beginRawCapture(self)
        bytes.reserveCapacity(1 << 20)
        cells.reserveCapacity(1 << 14)
        scratch.reserveCapacity(64)
    }

    // MARK: XMLRawHandler

    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {
        guard failure == nil else { return }
        let first = name[0]
        let isSingle = name[1] == 0
        if first == UInt8(ascii: "c") && isSingle {
            var column = nextColumn
            var style: Int32 = 0
            var kind = Kind.number
            for index in 0..<attributes.count {
                guard let attribute = attributes.name(at: index), attribute[0] != 0, attribute[1] == 0 else { continue }
                let value = attributes.value(at: index)
                let letter = attribute[0]
                if letter == UInt8(ascii: "r") {
                    guard let parsed = Self.column(of: value) else {
                        fail("cell reference \"\(String(decoding: value, as: UTF8.self))\" is not a valid column (A…XFD)")
                        return
                    }
                    column = parsed
                } else if letter == UInt8(ascii: "s") {
                    style = Int32(clamping: Self.integer(value) ?? 0)
                } else if letter == UInt8(ascii: "t") {
                    kind = Self.kind(of: value)
                }
            }
            guard column < Self.maxColumns else {
                fail("a cell lies beyond column XFD (the 16,384th)")
                return
            }
            guard cells.count - rowCellStart < Self.maxColumns else {
                fail("a row holds more than \(Self.maxColumns) cells")
                return
            }
            nextColumn = column + 1
            cell = Cell(column: column, kind: kind, style: style, start: bytes.count, end: bytes.count, shared: 0)
            inCell = true
        } else if first == UInt8(ascii: "v") && isSingle {
            capturing = inCell && cell.kind != .inline
        } else if XMLRawName.matches(name, "is") {
            inInline = true
        } else if first == UInt8(ascii: "t") && isSingle {
            capturing = inCell && inInline && phoneticDepth == 0
        } else if XMLRawName.matches(name, "rPh") {
            phoneticDepth += 1
        } else if XMLRawName.matches(name, "row") {
            var number = rowNumber + 1
            for index in 0..<attributes.count {
                if let attribute = attributes.name(at: index), XMLRawName.matches(attribute, "r") {
                    number = Self.integer(attributes.value(at: index)) ?? number
                }
            }
            guard number > rowNumber, number <= Self.maxRows else {
                fail(number > Self.maxRows
                    ? "row \(number) lies beyond Excel's last row (1,048,576)"
                    : "row \(number) comes after row \(rowNumber) (rows out of order)")
                return
            }
            rowNumber = number
            rowCellStart = cells.count
            nextColumn = 0
        }
    }

    func end(name: UnsafePointer<UInt8>) {
        guard failure == nil else { return }
        let first = name[0]
        let isSingle = name[1] == 0
        if isSingle && (first == UInt8(ascii: "v") || first == UInt8(ascii: "t")) {
            capturing = false
        } else if isSingle && first == UInt8(ascii: "c") {
            inCell = false
            capturing = false
            cell.end = bytes.count
            guard cell.end > cell.start else { return }  // an empty cell is a missing cell
            if cell.kind == .shared {
                let index = bytes.withUnsafeBufferPointer { Self.integer(UnsafeBufferPointer(rebasing: $0[cell.start..<cell.end])) }
                guard let index, index < sharedStrings.count else {
                    let text = String(decoding: bytes[cell.start..<cell.end], as: UTF8.self)
                    fail("cell \(Self.reference(column: cell.column, row: rowNumber)): shared string \(text) does not exist (the workbook has \(sharedStrings.count)); the workbook is corrupt — save it again from Excel")
                    return
                }
                cell.shared = index
                bytes.removeSubrange(cell.start...)
                cell.end = cell.start
            }
            cells.append(cell)
        } else if XMLRawName.matches(name, "is") {
            inInline = false
        } else if XMLRawName.matches(name, "rPh") {
            phoneticDepth -= 1
        } else if XMLRawName.matches(name, "row") {
            rows.append((rowNumber, cells.count))
            rowCellStart = cells.count
        }
    }

    func text(_ run: UnsafeBufferPointer<UInt8>) {
        guard capturing else { return }
        bytes.append(contentsOf: run)
    }

    private func fail(_ message: String) {
        if failure == nil { failure = (rowNumber, message) }
    }

    // MARK: RecordReader

    func next() throws -> Bool {
        while true {
            if let failure { throw FeedFileError(file: displayName, line: failure.row, failure.message) }
            if sharedStrings.readFailed {
                throw FeedFileError(file: displayName, "cannot read back the shared strings from the temporary file")
            }
            if rowIndex < rows.count {
                let start = rowIndex == 0 ? 0 : rows[rowIndex - 1].cellEnd
                let row = rows[rowIndex]
                rowIndex += 1
                if row.cellEnd > start {
                    materialize(number: row.number, cells: start..<row.cellEnd)
                    return true
                }
                continue
            }
            compact()
            if finished { return false }
            if try !xml.pump() { finished = true }
        }
    }

    /// Drops consumed rows, keeping the row being parsed (its cells and bytes move to the front).
    private func compact() {
        guard !rows.isEmpty else { return }
        let consumedCells = rows[rows.count - 1].cellEnd
        var keepFrom = inCell ? cell.start : bytes.count
        if consumedCells < cells.count { keepFrom = min(keepFrom, cells[consumedCells].start) }
        cells.removeSubrange(0..<consumedCells)
        if keepFrom > 0 {
            bytes.removeSubrange(0..<keepFrom)
            for index in cells.indices {
                cells[index].start -= keepFrom
                cells[index].end -= keepFrom
            }
            cell.start -= keepFrom
            cell.end -= keepFrom
        }
        rowCellStart -= consumedCells
        rows.removeAll(keepingCapacity: true)
        rowIndex = 0
    }

    private func materialize(number: Int, cells range: Range<Int>) {
        line = number
        var last: Int32 = -1
        for index in range { last = max(last, cells[index].column) }
        count = max(Int(last) + 1, headerWidth ?? 0)
        if fieldCells.count < count { fieldCells = [Int32](repeating: -1, count: count) }
        for index in 0..<count { fieldCells[index] = -1 }
        for index in range {
            let cell = cells[index]
            fieldCells[Int(cell.column)] = Int32(index)
            if cell.kind == .error {
                let value = String(decoding: bytes[cell.start..<cell.end], as: UTF8.self)
                onWarning?(number, "cell \(Self.reference(column: cell.column, row: number)) holds the error \(value); read as empty")
            }
        }
    }

    func readHeader(row: Int) throws -> Bool {
        while try next() {
            if line == row {
                headerWidth = count
                return true
            }
            if line > row { return false }
        }
        return false
    }

    func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard index < count, fieldCells[index] >= 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let cell = cells[Int(fieldCells[index])]
        switch cell.kind {
        case .shared:
            return try sharedStrings.withString(cell.shared) { try unescaped($0, body) }
        case .inline, .string:
            return try bytes.withUnsafeBytes { try unescaped(UnsafeRawBufferPointer(rebasing: $0[cell.start..<cell.end]), body) }
        case .boolean:
            let isTrue = cell.end > cell.start && bytes[cell.start] == UInt8(ascii: "1")
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: (isTrue ? "TRUE" : "FALSE").utf8)
            return try scratch.withUnsafeBytes { try body($0) }
        case .error:
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        case .isoDate:
            scratch.removeAll(keepingCapacity: true)
            XLSXCellText.appendISODate(bytes[cell.start..<cell.end], to: &scratch)
            return try scratch.withUnsafeBytes { try body($0) }
        case .number:
            let style = Int(cell.style)
            let kind = style < styleKinds.count ? styleKinds[style] : .number
            scratch.removeAll(keepingCapacity: true)
            let plain = bytes.withUnsafeBufferPointer {
                XLSXCellText.appendNumber(UnsafeBufferPointer(rebasing: $0[cell.start..<cell.end]), kind: kind, uses1904: uses1904, to: &scratch)
            }
            if plain {
                return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[cell.start..<cell.end])) }
            }
            return try scratch.withUnsafeBytes { try body($0) }
        }
    }

    /// Text with OOXML's `_xHHHH_` escapes (control characters such as `_x000D_`) decoded.
    private func unescaped<R>(_ text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard XLSXCellText.hasEscape(text) else { return try body(text) }
        var decoded: [UInt8] = []
        XLSXCellText.appendUnescaped(text, to: &decoded)
        return try decoded.withUnsafeBytes { try body($0) }
    }

    func string(_ index: Int) -> String? {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }

    func lossyFields() -> [String] {
        (0..<count).map { index in withField(index) { String(decoding: $0, as: UTF8.self) } }
    }

    func rawRecord() -> String {
        lossyFields().map { CSVWriter.quoteIfNeeded($0, delimiter: ",") }.joined(separator: ",")
    }

    // MARK: Cell attributes

    /// The 0-based column of a cell reference (`AB12` → 27), nil when malformed.
    static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int32? {
        var column: Int32 = 0
        var letters = 0
        for byte in reference {
            let upper = byte & ~0x20
            guard upper >= UInt8(ascii: "A") && upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int32(upper - UInt8(ascii: "A") + 1)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// The A1 reference of a cell.
    static func reference(column: Int32, row: Int) -> String {
        var letters: [Character] = []
        var value = Int(column) + 1
        while value > 0 {
            let remainder = (value - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + remainder))), at: 0)
            value = (value - 1) / 26
        }
        return String(letters) + String(row)
    }

    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// The kind of a `t` attribute: `s`, `inlineStr`, `str` (a formula's text), `b`, `e`,
    /// `d` (ISO 8601), else a number (`n` or none).
    static func kind(of type: UnsafeBufferPointer<UInt8>) -> Kind {
        guard let first = type.first else { return .number }
        if type.count == 1 {
            switch first {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        }
        if type.count == 3 && first == UInt8(ascii: "s") { return .string }
        if type.count == 9 && first == UInt8(ascii: "i") { return .inline }
        return .number
    }
}
