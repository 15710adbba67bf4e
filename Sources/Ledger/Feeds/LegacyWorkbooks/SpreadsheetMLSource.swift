/// XML Spreadsheet 2003 (SpreadsheetML), as web DMS portals write "Excel" exports:
/// `<Workbook><Worksheet ss:Name><Table><Row ss:Index><Cell ss:Index ss:MergeAcross>
/// <Data ss:Type>…`. Streamed through the project's libxml2 reader in raw capture (the
/// hardening of XML feeds: no DTD, no entities, no network); only the chosen worksheet's
/// rows are kept, a batch at a time.
///
/// Values as the `.xlsx` reader gives them: `Number` as Excel shows it (15 significant
/// digits), `DateTime` as `YYYY-MM-DD` (midnight) or `YYYY-MM-DD HH:MM:SS`, `Boolean` as
/// TRUE/FALSE, `Error` empty with a warning, `String` and rich text (`ss:Data` with
/// formatting elements) as their text; comments are not cell text.
final class SpreadsheetMLSource: TextRowSource, XMLRawHandler {
    private let file: String
    private let wanted: String?
    private let xml: XMLStreamReader
    private let input: FileByteSource
    private(set) var displayName: String
    var bytesRead: Int { Int(xml.bytesRead) }
    var onWarning: ((Int, String) -> Void)?

    private enum DataType { case string, number, dateTime, boolean, error }

    // Sheets seen and the one read.
    private var sheetNames: [String] = []
    private var inTarget = false
    private var targetFound = false
    private var targetDone = false
    private var finished = false
    private var failure: (row: Int, message: String)?

    // The row being parsed.
    private var building = TextRow()
    private var rowNumber = 0
    private var inRow = false
    private var nextColumn = 0
    private var inCell = false
    private var cellStart = 0
    private var capturing = false
    private var commentDepth = 0
    private var dataType = DataType.string
    private var scratch: [UInt8] = []

    // Complete rows not yet handed over.
    private var batchBytes: [UInt8] = []
    private var batchEnds: [Int] = []
    private var batchRows: [(number: Int, cellEnd: Int)] = []
    private var batchCursor = 0

    static let maxCellBytes = 1 << 20

    init(path: String, file: String, sheet: String?) throws {
        self.file = file
        wanted = sheet
        displayName = file
        input = try FileByteSource(path: path)
        xml = XMLStreamReader(source: input, file: file)
        _ = xml.beginRawCapture(self)
    }

    func nextRow(_ row: inout TextRow) throws -> Bool {
        while batchCursor >= batchRows.count {
            if let failure { throw FeedFileError(file: displayName, line: failure.row, failure.message) }
            if finished { return false }
            batchBytes.removeAll(keepingCapacity: true)
            batchEnds.removeAll(keepingCapacity: true)
            batchRows.removeAll(keepingCapacity: true)
            batchCursor = 0
            if targetDone {
                finished = true
            } else {
                let more = try withExtendedLifetime(self) { try xml.pump() }
                if !more { finished = true }
            }
            if let failure { throw FeedFileError(file: displayName, line: failure.row, failure.message) }
            if finished && batchRows.isEmpty { try requireSheet() }
        }
        let (number, cellEnd) = batchRows[batchCursor]
        let cellStart = batchCursor == 0 ? 0 : batchRows[batchCursor - 1].cellEnd
        batchCursor += 1
        row.reset(number: number)
        let byteStart = cellStart == 0 ? 0 : batchEnds[cellStart - 1]
        let byteEnd = cellEnd == 0 ? 0 : batchEnds[cellEnd - 1]
        if cellEnd > cellStart { row.bytes.append(contentsOf: batchBytes[byteStart..<byteEnd]) }
        for index in cellStart..<cellEnd { row.ends.append(batchEnds[index] - byteStart) }
        return true
    }

    private func requireSheet() throws {
        guard !targetFound else { return }
        if sheetNames.isEmpty {
            throw FeedFileError(file: file, "the XML Spreadsheet has no worksheets (nothing to load)")
        }
        throw FeedFileError(
            file: file, "the workbook has no sheet \"\(wanted ?? "")\" (sheets: \(sheetNames.map { "\"\($0)\"" }.joined(separator: ", ")))")
    }

    private func attribute(_ attributes: XMLRawAttributes, _ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        for index in 0..<attributes.count {
            if let attribute = attributes.name(at: index), XMLRawName.matches(attribute, name) { return attributes.value(at: index) }
        }
        return nil
    }

    private func fail(_ message: String) {
        if failure == nil { failure = (rowNumber, message) }
    }

    // MARK: XMLRawHandler

    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {
        guard failure == nil, !targetDone else { return }
        if XMLRawName.matches(name, "Worksheet") {
            var sheet = attribute(attributes, "Name").map { String(decoding: $0, as: UTF8.self) } ?? "Sheet\(sheetNames.count + 1)"
            sheet = sheet.replacingOccurrences(of: "&#38;", with: "&")
            sheetNames.append(sheet)
            let matches = wanted.map { $0 == sheet || $0.lowercased() == sheet.lowercased() } ?? true
            if !targetFound && matches {
                targetFound = true
                inTarget = true
                displayName = "\(file)[\(sheet)]"
            }
            return
        }
        guard inTarget else { return }
        if XMLRawName.matches(name, "Row") {
            var number = rowNumber + 1
            if let index = attribute(attributes, "Index") {
                guard let value = XLSXSheetReader.integer(index) else {
                    fail("ss:Index \"\(String(decoding: index, as: UTF8.self))\" of a row is not a row number")
                    return
                }
                number = value
            }
            if let problem = XLSXSheetReader.rowNumberProblem(number, after: rowNumber) {
                fail(problem)
                return
            }
            rowNumber = number
            building.reset(number: number)
            inRow = true
            nextColumn = 0
        } else if XMLRawName.matches(name, "Cell") && inRow {
            var column = nextColumn
            if let index = attribute(attributes, "Index") {
                guard let value = XLSXSheetReader.integer(index), value >= 1 else {
                    fail("ss:Index \"\(String(decoding: index, as: UTF8.self))\" of a cell is not a column number")
                    return
                }
                column = value - 1
            }
            let merged = attribute(attributes, "MergeAcross").flatMap { XLSXSheetReader.integer($0) } ?? 0
            guard column >= nextColumn else {
                fail("cell ss:Index \(column + 1) comes after column \(nextColumn) (cells out of order)")
                return
            }
            guard column + merged < XLSXSheetReader.maxColumns else {
                fail("a cell lies beyond column XFD (the 16,384th)")
                return
            }
            building.pad(to: column)
            nextColumn = column + 1 + merged
            inCell = true
            cellStart = building.bytes.count
        } else if XMLRawName.matches(name, "Comment") {
            commentDepth += 1
        } else if XMLRawName.matches(name, "Data") && inCell && commentDepth == 0 {
            capturing = true
            dataType = .string
            if let type = attribute(attributes, "Type") {
                if XMLRawName.equals(type, "Number") {
                    dataType = .number
                } else if XMLRawName.equals(type, "DateTime") {
                    dataType = .dateTime
                } else if XMLRawName.equals(type, "Boolean") {
                    dataType = .boolean
                } else if XMLRawName.equals(type, "Error") {
                    dataType = .error
                }
            }
        }
    }

    func end(name: UnsafePointer<UInt8>) {
        guard failure == nil, !targetDone else { return }
        if XMLRawName.matches(name, "Worksheet") {
            if inTarget {
                inTarget = false
                targetDone = true
            }
            return
        }
        guard inTarget else { return }
        if XMLRawName.matches(name, "Data") && capturing {
            capturing = false
            convertCell()
        } else if XMLRawName.matches(name, "Comment") {
            commentDepth -= 1
        } else if XMLRawName.matches(name, "Cell") && inCell {
            inCell = false
            capturing = false
            building.endCell()
        } else if XMLRawName.matches(name, "Row") && inRow {
            inRow = false
            let base = batchBytes.count
            batchBytes.append(contentsOf: building.bytes)
            for end in building.ends { batchEnds.append(base + end) }
            batchRows.append((building.number, batchEnds.count))
        }
    }

    func text(_ run: UnsafeBufferPointer<UInt8>) {
        guard capturing, failure == nil else { return }
        guard building.bytes.count - cellStart + run.count <= Self.maxCellBytes else {
            fail("a cell holds more than \(Self.maxCellBytes) bytes of text")
            return
        }
        building.bytes.append(contentsOf: run)
    }

    /// Turns the captured `<Data>` text into the text a CSV would hold.
    private func convertCell() {
        guard dataType != .string else { return }
        let value = building.bytes[cellStart...]
        scratch.removeAll(keepingCapacity: true)
        switch dataType {
        case .string:
            return
        case .number:
            let trimmed = Array(value.drop { $0 == 0x20 }.reversed().drop { $0 == 0x20 }.reversed())
            let plain = trimmed.withUnsafeBufferPointer { XLSXCellText.appendNumber($0, kind: .number, uses1904: false, to: &scratch) }
            if plain { scratch = trimmed }
        case .dateTime:
            var text = Array(value)
            // `2026-10-27T08:30:00.000`: a zero fraction is dropped.
            if let dot = text.lastIndex(of: UInt8(ascii: ".")), text[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                text.removeSubrange(dot...)
            }
            XLSXCellText.appendISODate(text[...], to: &scratch)
        case .boolean:
            let isTrue = value.first == UInt8(ascii: "1") || value.first == UInt8(ascii: "t") || value.first == UInt8(ascii: "T")
            scratch.append(contentsOf: (isTrue ? "TRUE" : "FALSE").utf8)
        case .error:
            let shown = String(decoding: value, as: UTF8.self)
            onWarning?(rowNumber, "cell \(XLSXSheetReader.reference(column: Int32(building.ends.count), row: rowNumber)) holds the error \(shown); read as empty")
        }
        building.bytes.removeSubrange(cellStart...)
        building.bytes.append(contentsOf: scratch)
    }
}

extension XMLRawName {
    /// Whether the bytes `value` equal the literal.
    static func equals(_ value: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard value.count == literal.utf8CodeUnitCount else { return false }
        let bytes = literal.utf8Start
        for index in 0..<value.count where value[index] != bytes[index] { return false }
        return true
    }
}
