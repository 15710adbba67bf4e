/// An HTML `<table>` saved as `.xls` (web DMS portals' "导出Excel"), read by a small, strict,
/// streaming tokenizer: only `<table>`, `<tr>`, `<td>`/`<th>` (with `colspan`), `<br>` and
/// text with entity decoding matter; comments, `<script>`/`<style>` contents and every other
/// tag are skipped. Constant memory (one row at a time, limits on cell, tag and nesting).
///
/// Encoding: a byte-order mark, else the `charset` a `<meta>` declares in the first 64 KiB
/// (GBK, GB2312, GB18030 and CP936 read as GB18030), else detected as for CSV.
///
/// Sheets: the tables in document order are `Table1`, `Table2`…; the default is the first
/// table with a row of its own. A row one of whose cells holds a table is layout, not data:
/// it is dropped, and the inner table's rows are read. Rows are numbered per table (every
/// `<tr>`, blank or not), as worksheet rows are. Text is whitespace-collapsed and trimmed,
/// as a browser shows it. A file that ends inside a table (cut off) fails.
final class HTMLTableSource: TextRowSource {
    private let file: String
    private let wanted: String?
    private let input: CountingByteSource
    private(set) var displayName: String
    var bytesRead: Int { input.count }
    var onWarning: ((Int, String) -> Void)?

    static let maxCellBytes = 1 << 20
    static let maxTagBytes = 64 << 10
    static let maxTableDepth = 32

    private struct Table {
        var number: Int
        var rows = 0
        var inRow = false
        var inCell = false
        var dropped = false
    }

    private enum Mode { case text, tag, comment, declaration, rawText }

    private var buffer = [UInt8](repeating: 0, count: 64 << 10)
    private var bufferStart = 0
    private var bufferEnd = 0
    private var atEnd = false
    private var mode = Mode.text
    private var tag: [UInt8] = []
    private var tagQuote: UInt8 = 0
    private var rawTextEnd: [UInt8] = []
    private var rawMatched = 0
    private var commentDashes = 0
    private var entity: [UInt8] = []
    private var inEntity = false
    private var pendingSpace = false
    private var colspan = 1

    private var tables: [Table] = []
    private var tableCount = 0
    private var tableNames: [String] = []
    private var selected: Int?
    private var building = TextRow()
    /// The row handed over next (set aside when it ends: a `<tr>` may end it and start another).
    private var completed = TextRow()
    private var ready = false

    init(path: String, file: String, sheet: String?) throws {
        self.file = file
        wanted = sheet
        displayName = file
        let sample = try ReplayByteSource(try FileByteSource(path: path), peek: EncodingDetector.sampleSize)
        let encoding = Self.encoding(of: sample.prefix)
        let decoded: any ByteSource = encoding == .gb18030 ? try TranscodingByteSource(wrapping: sample, from: .gb18030) : sample
        input = CountingByteSource(decoded)
        if let wanted {
            guard wanted.lowercased().hasPrefix("table"), let number = Int(wanted.dropFirst(5)), number >= 1 else {
                throw FeedFileError(file: file, "an HTML table file has no sheet \"\(wanted)\": its tables are named Table1, Table2, … in document order")
            }
            selected = number
        }
    }

    /// The encoding a BOM or a `<meta … charset=…>` declares, else detected from the bytes.
    static func encoding(of sample: [UInt8]) -> TextEncoding {
        if sample.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        let lowered = sample.prefix(EncodingDetector.sampleSize).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if let range = lowered.firstRange(of: Array("charset".utf8)) {
            var index = range.upperBound
            while index < lowered.count && (lowered[index] == 0x20 || lowered[index] == UInt8(ascii: "=") || lowered[index] == UInt8(ascii: "\"") || lowered[index] == UInt8(ascii: "'")) {
                index += 1
            }
            var name: [UInt8] = []
            while index < lowered.count, name.count < 20,
                lowered[index] == UInt8(ascii: "-") || lowered[index] == UInt8(ascii: "_") || (lowered[index] >= 0x30 && lowered[index] <= 0x39) || (lowered[index] >= 0x61 && lowered[index] <= 0x7A)
            {
                name.append(lowered[index])
                index += 1
            }
            switch String(decoding: name, as: UTF8.self) {
            case "gbk", "gb2312", "gb18030", "cp936", "x-gbk", "x-cp936", "euc-cn", "windows-936": return .gb18030
            case "utf-8", "utf8": return .utf8
            default: break
            }
        }
        return EncodingDetector.detect(sample, isWholeFile: sample.count < EncodingDetector.sampleSize)
    }

    // MARK: Rows

    func nextRow(_ row: inout TextRow) throws -> Bool {
        while !ready {
            if bufferStart == bufferEnd {
                if atEnd { return try finish() }
                let n = try buffer.withUnsafeMutableBytes { try input.read(into: $0) }
                if n == 0 {
                    atEnd = true
                    continue
                }
                bufferStart = 0
                bufferEnd = n
            }
            while bufferStart < bufferEnd && !ready {
                let byte = buffer[bufferStart]
                bufferStart += 1
                try consume(byte)
            }
        }
        ready = false
        swap(&row, &completed)
        return true
    }

    private func finish() throws -> Bool {
        if !tables.isEmpty {
            throw FeedFileError(file: displayName, line: tables.last?.rows, "the file ends inside a <table> (it was cut off); export it again")
        }
        if tableCount == 0 {
            throw FeedFileError(file: file, "the HTML file holds no <table> (nothing to load)")
        }
        if let selected, selected > tableCount {
            throw FeedFileError(file: file, "the HTML file has no table \"Table\(selected)\" (tables: \(tableNames.joined(separator: ", ")))")
        }
        return false
    }

    private func fail(_ message: String) -> FeedFileError {
        FeedFileError(file: displayName, line: tables.last?.rows, message)
    }

    // MARK: Tokenizer

    private func consume(_ byte: UInt8) throws {
        switch mode {
        case .text:
            if byte == UInt8(ascii: "<") {
                if inEntity { try flushEntity(terminated: false) }
                mode = .tag
                tag.removeAll(keepingCapacity: true)
                tagQuote = 0
            } else if let index = tables.indices.last, tables[index].inCell {
                try cellText(byte)
            }
        case .tag:
            if tag.isEmpty && byte == UInt8(ascii: "!") {
                tag.append(byte)
            } else if tag == [UInt8(ascii: "!")] && byte == UInt8(ascii: "-") {
                tag.append(byte)
            } else if tag == [UInt8(ascii: "!"), UInt8(ascii: "-")] && byte == UInt8(ascii: "-") {
                mode = .comment
                commentDashes = 0
            } else if tag.first == UInt8(ascii: "!") || (tag.isEmpty && byte == UInt8(ascii: "?")) {
                mode = .declaration
            } else if tagQuote != 0 {
                if byte == tagQuote { tagQuote = 0 }
                try appendTag(byte)
            } else if byte == UInt8(ascii: ">") {
                mode = .text
                try handleTag()
            } else {
                if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && tag.contains(UInt8(ascii: "=")) { tagQuote = byte }
                try appendTag(byte)
            }
        case .comment:
            if byte == UInt8(ascii: ">") && commentDashes >= 2 {
                mode = .text
            } else {
                commentDashes = byte == UInt8(ascii: "-") ? commentDashes + 1 : 0
            }
        case .declaration:
            if byte == UInt8(ascii: ">") { mode = .text }
        case .rawText:
            let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lowered == rawTextEnd[rawMatched] {
                rawMatched += 1
                if rawMatched == rawTextEnd.count {
                    // The end tag's name is complete: skip to its `>` as a tag.
                    mode = .tag
                    tag = Array("/x".utf8)
                    tagQuote = 0
                }
            } else {
                rawMatched = lowered == rawTextEnd[0] ? 1 : 0
            }
        }
    }

    private func appendTag(_ byte: UInt8) throws {
        guard tag.count < Self.maxTagBytes else { throw fail("a tag is longer than \(Self.maxTagBytes) bytes") }
        tag.append(byte)
    }

    /// The tag's name, lower-cased, and whether it closes.
    private func tagName() -> (name: [UInt8], closing: Bool) {
        var index = 0
        let closing = tag.first == UInt8(ascii: "/")
        if closing { index = 1 }
        var name: [UInt8] = []
        while index < tag.count, name.count < 16 {
            let byte = tag[index]
            guard (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) else { break }
            name.append(byte | 0x20)
            index += 1
        }
        return (name, closing)
    }

    private func handleTag() throws {
        let (name, closing) = tagName()
        switch String(decoding: name, as: UTF8.self) {
        case "table":
            if closing {
                guard !tables.isEmpty else { return }
                try endRow()
                tables.removeLast()
            } else {
                guard tables.count < Self.maxTableDepth else { throw fail("tables are nested more than \(Self.maxTableDepth) deep") }
                if let index = tables.indices.last {
                    tables[index].dropped = true
                }
                tableCount += 1
                tableNames.append("Table\(tableCount)")
                tables.append(Table(number: tableCount))
                if selected == tableCount { displayName = "\(file)[Table\(tableCount)]" }
            }
        case "tr":
            guard !tables.isEmpty else { return }
            try endRow()
            if !closing { try startRow() }
        case "td", "th":
            guard let index = tables.indices.last else { return }
            try endCell()
            if closing { return }
            if !tables[index].inRow { try startRow() }
            tables[tables.count - 1].inCell = true
            pendingSpace = false
            colspan = attributeNumber("colspan").map { max(1, min($0, XLSXSheetReader.maxColumns)) } ?? 1
            guard building.ends.count + colspan <= XLSXSheetReader.maxColumns else {
                throw fail("a row holds more than \(XLSXSheetReader.maxColumns) cells")
            }
        case "br":
            if let index = tables.indices.last, tables[index].inCell {
                pendingSpace = false
                try appendCell(UInt8(ascii: "\n"))
            }
        case "script", "style", "textarea", "title":
            if !closing {
                mode = .rawText
                rawTextEnd = Array("</".utf8) + name
                rawMatched = 0
            }
        default:
            break
        }
    }

    /// The integer value of attribute `name` of the current tag.
    private func attributeNumber(_ name: String) -> Int? {
        let lowered = tag.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard let range = lowered.firstRange(of: Array(name.utf8)) else { return nil }
        var index = range.upperBound
        while index < lowered.count && (lowered[index] == 0x20 || lowered[index] == UInt8(ascii: "=") || lowered[index] == UInt8(ascii: "\"") || lowered[index] == UInt8(ascii: "'")) {
            index += 1
        }
        var value = 0
        var digits = 0
        while index < lowered.count, lowered[index] >= 0x30, lowered[index] <= 0x39, digits < 6 {
            value = value * 10 + Int(lowered[index] - 0x30)
            digits += 1
            index += 1
        }
        return digits > 0 ? value : nil
    }

    private func startRow() throws {
        let index = tables.count - 1
        tables[index].rows += 1
        tables[index].inRow = true
        tables[index].dropped = false
        guard tables[index].rows <= XLSXSheetReader.maxRows else {
            throw fail("row \(tables[index].rows) lies beyond Excel's last row (1,048,576)")
        }
        building.reset(number: tables[index].rows)
    }

    private func endCell() throws {
        guard let index = tables.indices.last, tables[index].inCell else { return }
        if inEntity { try flushEntity(terminated: false) }
        tables[index].inCell = false
        building.endCell()
        if colspan > 1 { building.pad(to: building.ends.count + colspan - 1) }
        colspan = 1
    }

    private func endRow() throws {
        guard let index = tables.indices.last, tables[index].inRow else { return }
        try endCell()
        tables[index].inRow = false
        let table = tables[index]
        if table.dropped { return }
        if selected == nil && building.usedCount > 0 {
            selected = table.number
            displayName = "\(file)[Table\(table.number)]"
        }
        if selected == table.number {
            swap(&completed, &building)
            building.reset(number: 0)
            ready = true
        }
    }

    private func cellText(_ byte: UInt8) throws {
        if inEntity {
            if byte == UInt8(ascii: ";") {
                try flushEntity(terminated: true)
                return
            }
            let isName = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "#")
            if isName && entity.count < 32 {
                entity.append(byte)
                return
            }
            try flushEntity(terminated: false)
        }
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
            pendingSpace = true
        case UInt8(ascii: "&"):
            inEntity = true
            entity.removeAll(keepingCapacity: true)
        default:
            try appendVisible(byte)
        }
    }

    private func appendVisible(_ byte: UInt8) throws {
        let index = building.ends.count
        let cellStart = index == 0 ? 0 : building.ends[index - 1]
        if pendingSpace && building.bytes.count > cellStart && building.bytes.last != UInt8(ascii: "\n") {
            try appendCell(0x20)
        }
        pendingSpace = false
        try appendCell(byte)
    }

    private func appendCell(_ byte: UInt8) throws {
        let index = building.ends.count
        let cellStart = index == 0 ? 0 : building.ends[index - 1]
        guard building.bytes.count - cellStart < Self.maxCellBytes else {
            throw fail("a cell holds more than \(Self.maxCellBytes) bytes of text")
        }
        building.bytes.append(byte)
    }

    /// Decodes the entity collected after `&` (named: the XML five and `nbsp`; numeric).
    private func flushEntity(terminated: Bool) throws {
        inEntity = false
        var scalar: Unicode.Scalar? = nil
        if terminated {
            if entity.first == UInt8(ascii: "#") {
                let digits = entity.dropFirst()
                let isHex = digits.first.map { $0 | 0x20 == UInt8(ascii: "x") } ?? false
                let text = String(decoding: isHex ? digits.dropFirst() : digits, as: UTF8.self)
                if let value = UInt32(text, radix: isHex ? 16 : 10), value != 0 {
                    scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                }
            } else {
                switch String(decoding: entity, as: UTF8.self) {
                case "amp": scalar = "&"
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                case "nbsp":
                    pendingSpace = true
                    return
                default: break
                }
            }
        }
        if let scalar {
            if scalar.properties.isWhitespace && scalar.value < 0x80 {
                pendingSpace = true
                return
            }
            for byte in Array(String(Character(scalar)).utf8) { try appendVisible(byte) }
            return
        }
        // Not an entity: the text as written.
        try appendVisible(UInt8(ascii: "&"))
        for byte in entity { try appendVisible(byte) }
        if terminated { try appendVisible(UInt8(ascii: ";")) }
    }
}
