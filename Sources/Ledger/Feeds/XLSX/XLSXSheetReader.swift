import Foundation

/// The rows of one worksheet, streamed: the sheet's part is inflated chunk by chunk and
/// parsed by the project's libxml2 reader in raw capture (`XLSXSheetParser`), on a second
/// thread that runs at most two batches ahead (`XLSXBatchPipe`), so inflating and parsing
/// overlap with value parsing and SQLite. Cells are byte ranges of a batch's buffer; each
/// becomes the text a CSV would have held only when the importer asks for it (`withField`).
///
/// `line` is the worksheet row number; blank rows are skipped (not counted, like blank CSV
/// lines); missing cells are empty.
final class XLSXSheetReader: RecordReader {
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
    private let source: ZipEntrySource
    private let pipe: XLSXBatchPipe
    /// How many batches of rows the parser has allocated (they are recycled: a handful per sheet).
    var batchesMade: Int { pipe.batchesMade }
    /// Compressed bytes of the sheet's part read so far (approximate while the parser runs ahead).
    var compressedBytesRead: Int { Int(source.compressedBytesRead) }
    /// Called with (row, message) for a cell that is read as empty with a warning.
    var onWarning: ((Int, String) -> Void)?

    // The workbook's tables, read once.
    private let sharedStrings: SharedStrings
    private let styleKinds: [XLSXDateKind]
    private let uses1904: Bool

    // The batch being consumed and the current row.
    @exclusivity(unchecked) private var batch = XLSXRowBatch()
    @exclusivity(unchecked) private var batchBytes = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    @exclusivity(unchecked) private var batchCells = UnsafeMutableBufferPointer<Cell>(start: nil, count: 0)
    @exclusivity(unchecked) private var batchRows: [(number: Int, cellEnd: Int)] = []
    @exclusivity(unchecked) private var rowIndex = 0
    @exclusivity(unchecked) private(set) var line = 0
    @exclusivity(unchecked) private(set) var count = 0
    let problem: String? = nil
    @exclusivity(unchecked) private var fieldCells: [Int32] = []
    private var headerWidth: Int?
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    /// Texts made for the current row (see `fieldsStayValid`).
    private let rowTexts = XLSXRowTexts()

    /// Excel's limits.
    static let maxColumns = 16_384
    static let maxRows = 1_048_576

    /// Why a sheet row numbered `number` cannot follow row `previous` (rows come in order and
    /// end at Excel's last row), or nil.
    static func rowNumberProblem(_ number: Int, after previous: Int) -> String? {
        if number > maxRows { return "row \(number) lies beyond Excel's last row (1,048,576)" }
        if number <= previous { return "row \(number) comes after row \(previous) (rows out of order)" }
        return nil
    }

    /// A reader of `sheet`, whose part `source` streams; `threaded: false` parses on the
    /// caller's thread (fuzzing, tools).
    init(workbook: XLSXWorkbook, sheet: XLSXWorkbook.Sheet, source: ZipEntrySource, threaded: Bool = true) {
        self.workbook = workbook
        self.sheet = sheet
        self.source = source
        displayName = "\(workbook.file)[\(sheet.name)]"
        sharedStrings = workbook.sharedStrings
        styleKinds = workbook.styleKinds
        uses1904 = workbook.uses1904
        let parser = XLSXSheetParser(
            xml: XMLStreamReader(source: source, file: displayName), displayName: displayName,
            sharedStringCount: workbook.sharedStrings.count)
        pipe = XLSXBatchPipe(parser: parser, threaded: threaded)
        scratch.reserveCapacity(64)
    }

    deinit { pipe.cancel() }

    // MARK: RecordReader

    func next() throws -> Bool {
        while true {
            if rowIndex < batchRows.count {
                let start = rowIndex == 0 ? 0 : batchRows[rowIndex - 1].cellEnd
                let row = batchRows[rowIndex]
                rowIndex += 1
                if row.cellEnd > start {
                    materialize(number: row.number, cells: start..<row.cellEnd)
                    return true
                }
                continue
            }
            if sharedStrings.readFailed {
                throw FeedFileError(file: displayName, "cannot read back the shared strings from the temporary file")
            }
            guard let next = try pipe.next(recycling: batch) else { return false }
            batch = next
            batchBytes = next.bytes
            batchCells = next.cells
            batchRows = next.rows
            rowIndex = 0
        }
    }

    private func materialize(number: Int, cells range: Range<Int>) {
        line = number
        rowTexts.reset()
        let cells = batchCells
        var last: Int32 = -1
        for index in range { last = max(last, cells[index].column) }
        count = max(Int(last) + 1, headerWidth ?? 0)
        if fieldCells.count < count { fieldCells = [Int32](repeating: -1, count: count) }
        for index in 0..<count { fieldCells[index] = -1 }
        for index in range {
            let cell = cells[index]
            fieldCells[Int(cell.column)] = Int32(index)
            if cell.kind == .error {
                let value = String(decoding: UnsafeBufferPointer(rebasing: batchBytes[cell.start..<cell.end]), as: UTF8.self)
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

    /// The bytes handed out stay valid and unchanged until the next call of `next()`: cell
    /// text is read in place (the batch's bytes, the in-memory shared-string table), and
    /// whatever is made for a cell (TRUE/FALSE, dates, rewritten numbers, decoded escapes, a
    /// shared string read back from the temporary file) is kept for the row in `rowTexts`.
    /// So the importer binds text cells without a copy, as for CSV.
    var fieldsStayValid: Bool { true }

    func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard index < count, fieldCells[index] >= 0 else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let cell = batchCells[Int(fieldCells[index])]
        let text = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(batchBytes)[cell.start..<cell.end])
        switch cell.kind {
        case .shared:
            if sharedStrings.isSpilled {
                return try body(sharedStrings.withString(cell.shared) { unescaped($0, keep: true) })
            }
            return try body(sharedStrings.withString(cell.shared) { unescaped($0, keep: false) })
        case .inline, .string:
            return try body(unescaped(text, keep: false))
        case .boolean:
            let isTrue = text.first == UInt8(ascii: "1")
            return try body(isTrue ? Self.trueText : Self.falseText)
        case .error:
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        case .isoDate:
            scratch.removeAll(keepingCapacity: true)
            XLSXCellText.appendISODate(ArraySlice(text), to: &scratch)
            return try body(scratch.withUnsafeBytes { rowTexts.keep($0) })
        case .number:
            let style = Int(cell.style)
            let kind = style < styleKinds.count ? styleKinds[style] : .number
            scratch.removeAll(keepingCapacity: true)
            let plain = XLSXCellText.appendNumber(text.assumingMemoryBound(to: UInt8.self), kind: kind, uses1904: uses1904, to: &scratch)
            if plain { return try body(text) }
            return try body(scratch.withUnsafeBytes { rowTexts.keep($0) })
        }
    }

    /// Static text: valid for the life of the process.
    private static var trueText: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: StaticString("TRUE").utf8Start, count: 4) }
    private static var falseText: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: StaticString("FALSE").utf8Start, count: 5) }

    /// Text with OOXML's `_xHHHH_` escapes (control characters such as `_x000D_`) decoded;
    /// `text` itself when it has none (and need not be kept).
    private func unescaped(_ text: UnsafeRawBufferPointer, keep: Bool) -> UnsafeRawBufferPointer {
        guard XLSXCellText.hasEscape(text) else { return keep ? rowTexts.keep(text) : text }
        scratch.removeAll(keepingCapacity: true)
        XLSXCellText.appendUnescaped(text, to: &scratch)
        return scratch.withUnsafeBytes { rowTexts.keep($0) }
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

/// Bytes made for the cells of one row, kept until the reader moves on: chunks of storage
/// of its own that are reused row after row (a text never moves once stored, so every
/// pointer handed out for the row stays valid).
final class XLSXRowTexts {
    private var chunks: [UnsafeMutableRawBufferPointer] = []
    private var chunk = 0
    private var used = 0

    deinit {
        for chunk in chunks { chunk.deallocate() }
    }

    /// Forgets the row's texts (their storage is reused).
    func reset() {
        chunk = 0
        used = 0
    }

    /// A copy of `bytes` that stays valid until `reset()`.
    func keep(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        while chunk < chunks.count && chunks[chunk].count - used < bytes.count {
            chunk += 1
            used = 0
        }
        if chunk == chunks.count { chunks.append(.allocate(byteCount: max(4096, bytes.count), alignment: 1)) }
        let target = chunks[chunk].baseAddress! + used
        target.copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
        return UnsafeRawBufferPointer(start: target, count: bytes.count)
    }
}

/// Complete rows of a worksheet: their cells' bytes, the cells, and per row its number
/// and the end of its cells. Bytes and cells sit in storage of the batch's own (freed with
/// it), so the reader reads them through plain pointers: no reference counting per cell.
/// A batch the reader is done with goes back to the parser and is filled again (its storage
/// only grows): a sheet of any size circulates the same four batches, so no fresh memory —
/// no page faults, no zeroing by the kernel — per chunk of the sheet.
final class XLSXRowBatch {
    /// The filled part of the storage.
    private(set) var bytes = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private(set) var cells = UnsafeMutableBufferPointer<XLSXSheetReader.Cell>(start: nil, count: 0)
    private(set) var rows: [(number: Int, cellEnd: Int)] = []
    private var byteStorage = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var cellStorage = UnsafeMutableBufferPointer<XLSXSheetReader.Cell>(start: nil, count: 0)

    init() {}

    /// Replaces the batch's content (the previous content must no longer be read).
    func fill(bytes newBytes: ArraySlice<UInt8>, cells newCells: ArraySlice<XLSXSheetReader.Cell>, rows newRows: [(number: Int, cellEnd: Int)]) {
        if byteStorage.count < newBytes.count {
            byteStorage.deallocate()
            byteStorage = .allocate(capacity: max(newBytes.count, byteStorage.count * 2))
        }
        if cellStorage.count < newCells.count {
            cellStorage.deallocate()
            cellStorage = .allocate(capacity: max(newCells.count, cellStorage.count * 2))
        }
        // Bytes and cells are trivial types: plain copies into the storage.
        _ = UnsafeMutableBufferPointer(rebasing: byteStorage[0..<newBytes.count]).initialize(from: newBytes)
        _ = UnsafeMutableBufferPointer(rebasing: cellStorage[0..<newCells.count]).initialize(from: newCells)
        bytes = UnsafeMutableBufferPointer(rebasing: byteStorage[0..<newBytes.count])
        cells = UnsafeMutableBufferPointer(rebasing: cellStorage[0..<newCells.count])
        rows.removeAll(keepingCapacity: true)
        rows.append(contentsOf: newRows)
    }

    deinit {
        byteStorage.deallocate()
        cellStorage.deallocate()
    }
}

/// Hands the parser's batches to the reader: from a background thread through a queue of
/// at most two batches (memory stays bounded), or on the caller's thread.
final class XLSXBatchPipe: @unchecked Sendable {
    /// The parser; in threaded mode dropped by the thread when it ends, so that nothing of
    /// the sheet (buffers, the zip entry and its archive's open file) outlives `cancel()`.
    private var parser: XLSXSheetParser?
    private let threaded: Bool
    private let condition = NSCondition()
    private var queue: [XLSXRowBatch] = []
    /// Batches the reader is done with, for the parser to fill again.
    private var spare: [XLSXRowBatch] = []
    private var outcome: Result<Void, any Error>?
    private var cancelled = false
    private var joined = false
    private let finished = DispatchSemaphore(value: 0)

    init(parser: XLSXSheetParser, threaded: Bool) {
        self.parser = parser
        self.threaded = threaded
        if threaded { Thread.detachNewThread { [self] in produce() } }
    }

    private func produce() {
        XMLStreamReader.prepareThread()
        let result = parseAll()
        condition.lock()
        outcome = result
        parser = nil
        condition.broadcast()
        condition.unlock()
        finished.signal()
    }

    private func parseAll() -> Result<Void, any Error> {
        guard let parser else { return .success(()) }
        do {
            while let batch = try parser.nextBatch(filling: takeSpare()) {
                condition.lock()
                while queue.count >= 2 && !cancelled { condition.wait() }
                let stop = cancelled
                if !stop { queue.append(batch) }
                condition.broadcast()
                condition.unlock()
                if stop { break }
            }
        } catch {
            return .failure(error)
        }
        return .success(())
    }

    /// Batches allocated so far (read under the lock).
    var batchesMade: Int {
        condition.lock()
        defer { condition.unlock() }
        return made
    }
    private var made = 0

    private func takeSpare() -> XLSXRowBatch {
        condition.lock()
        defer { condition.unlock() }
        if let batch = spare.popLast() { return batch }
        made += 1
        return XLSXRowBatch()
    }

    /// The next batch, nil at the end of the sheet; throws the parser's error after the
    /// batches before it. `done` is the batch the reader has finished with (it is filled
    /// again later).
    func next(recycling done: XLSXRowBatch) throws -> XLSXRowBatch? {
        guard threaded else { return try parser?.nextBatch(filling: done) }
        condition.lock()
        defer { condition.unlock() }
        // At most four batches exist (two queued, one read, one being filled): keeping every
        // returned one means the parser never allocates again once they circulate.
        if spare.count < 4 { spare.append(done) }
        while queue.isEmpty && outcome == nil { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if case .failure(let error) = outcome { throw error }
        return nil
    }

    /// Stops the parser thread and waits for it (the reader is going away).
    func cancel() {
        guard threaded, !joined else { return }
        joined = true
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
        finished.wait()
    }
}

/// Parses worksheet XML (`<sheetData><row r><c r s t><v>|<is><t>`) in libxml2's raw capture
/// into `XLSXRowBatch`es, checking Excel's limits and shared-string indexes on the way.
final class XLSXSheetParser: XMLRawHandler {
    private let xml: XMLStreamReader
    private let displayName: String
    private let sharedStringCount: Int
    private var finished = false

    // Hot state skips Swift's dynamic exclusivity checks: touched only from the parsing
    // thread, by the callbacks during `pump()` or between pumps, never overlapping.
    @exclusivity(unchecked) private var bytes: [UInt8] = []
    @exclusivity(unchecked) private var cells: [XLSXSheetReader.Cell] = []
    @exclusivity(unchecked) private var rows: [(number: Int, cellEnd: Int)] = []
    @exclusivity(unchecked) private var failure: (row: Int, message: String)?
    @exclusivity(unchecked) private var rowNumber = 0
    @exclusivity(unchecked) private var rowCellStart = 0
    @exclusivity(unchecked) private var nextColumn: Int32 = 0
    @exclusivity(unchecked) private var inCell = false
    @exclusivity(unchecked) private var inInline = false
    @exclusivity(unchecked) private var capturing = false
    @exclusivity(unchecked) private var phoneticDepth = 0
    @exclusivity(unchecked) private var cell = XLSXSheetReader.Cell(column: 0, kind: .number, style: 0, start: 0, end: 0, shared: 0)

    init(xml: XMLStreamReader, displayName: String, sharedStringCount: Int) {
        self.xml = xml
        self.displayName = displayName
        self.sharedStringCount = sharedStringCount
        bytes.reserveCapacity(1 << 19)
        cells.reserveCapacity(1 << 13)
        _ = xml.beginRawCapture(self)
    }

    /// The next batch of complete rows, nil after the last. Throws `FeedFileError` (with the
    /// row) for a malformed or hostile sheet.
    /// `batch` is filled and returned (its previous content is no longer read).
    func nextBatch(filling batch: XLSXRowBatch) throws -> XLSXRowBatch? {
        while true {
            if let failure { throw FeedFileError(file: displayName, line: failure.row, failure.message) }
            if !rows.isEmpty { return split(into: batch) }
            if finished { return nil }
            if try !xml.pump() { finished = true }
        }
    }

    /// Copies the complete rows into `batch`, keeping the row being parsed.
    private func split(into batch: XLSXRowBatch) -> XLSXRowBatch {
        let complete = rows[rows.count - 1].cellEnd
        var keepFrom = inCell ? cell.start : bytes.count
        if complete < cells.count { keepFrom = min(keepFrom, cells[complete].start) }
        batch.fill(bytes: bytes[0..<keepFrom], cells: cells[0..<complete], rows: rows)
        bytes.removeSubrange(0..<keepFrom)
        cells.removeSubrange(0..<complete)
        for index in cells.indices {
            cells[index].start -= keepFrom
            cells[index].end -= keepFrom
        }
        cell.start -= keepFrom
        cell.end -= keepFrom
        rowCellStart -= complete
        rows.removeAll(keepingCapacity: true)
        return batch
    }

    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {
        guard failure == nil else { return }
        let first = name[0]
        let isSingle = name[1] == 0
        if first == UInt8(ascii: "c") && isSingle {
            var column = nextColumn
            var style: Int32 = 0
            var kind = XLSXSheetReader.Kind.number
            for index in 0..<attributes.count {
                guard let attribute = attributes.name(at: index), attribute[0] != 0, attribute[1] == 0 else { continue }
                let value = attributes.value(at: index)
                let letter = attribute[0]
                if letter == UInt8(ascii: "r") {
                    guard let parsed = XLSXSheetReader.column(of: value) else {
                        fail("cell reference \"\(String(decoding: value, as: UTF8.self))\" is not a valid column (A…XFD)")
                        return
                    }
                    column = parsed
                } else if letter == UInt8(ascii: "s") {
                    style = Int32(clamping: XLSXSheetReader.integer(value) ?? 0)
                } else if letter == UInt8(ascii: "t") {
                    kind = XLSXSheetReader.kind(of: value)
                }
            }
            guard column < XLSXSheetReader.maxColumns else {
                fail("a cell lies beyond column XFD (the 16,384th)")
                return
            }
            guard cells.count - rowCellStart < XLSXSheetReader.maxColumns else {
                fail("a row holds more than \(XLSXSheetReader.maxColumns) cells")
                return
            }
            nextColumn = column + 1
            cell = XLSXSheetReader.Cell(column: column, kind: kind, style: style, start: bytes.count, end: bytes.count, shared: 0)
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
                    number = XLSXSheetReader.integer(attributes.value(at: index)) ?? number
                }
            }
            if let problem = XLSXSheetReader.rowNumberProblem(number, after: rowNumber) {
                fail(problem)
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
                let index = bytes.withUnsafeBufferPointer { XLSXSheetReader.integer(UnsafeBufferPointer(rebasing: $0[cell.start..<cell.end])) }
                guard let index, index < sharedStringCount else {
                    let text = String(decoding: bytes[cell.start..<cell.end], as: UTF8.self)
                    fail("cell \(XLSXSheetReader.reference(column: cell.column, row: rowNumber)): shared string \(text) does not exist (the workbook has \(sharedStringCount)); the workbook is corrupt — save it again from Excel")
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
}
