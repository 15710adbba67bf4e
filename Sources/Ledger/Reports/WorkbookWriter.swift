import Foundation

/// A cell of a written worksheet.
public enum WorkbookCell: Sendable, Hashable {
    /// Text, written as an inline string: never a formula, whatever it starts with, and
    /// never turned into a number or date by the reader (dealer codes keep leading zeros).
    case text(String)
    /// A decimal number as text (`"1234.50"`, `"-0.0523"`), shown in `format`.
    case number(String, WorkbookNumberFormat)
    /// A number against a target (`--targets`): filled green, amber or red, its symbol
    /// (● ▲ ■) shown before it by the number format, so the light reads without colour.
    case lit(String, WorkbookNumberFormat, TrafficLight)
    case empty
}

/// Number formats of written cells (built-in format ids, so every client knows them).
public enum WorkbookNumberFormat: Int, Sendable, Hashable, CaseIterable {
    /// As stored (General).
    case general
    /// `#,##0`: counts.
    case integer
    /// `#,##0.00`: money.
    case money
    /// `0.00%`: rates stored as fractions.
    case percent
    /// `0.00`: hours, days, turns, scores.
    case decimal

    /// The cell style (index into `cellXfs`) of the format.
    var style: Int { rawValue + 2 }

    /// The cell style of the format with a traffic light's fill and symbol (after the text style).
    func litStyle(_ light: TrafficLight) -> Int { WorkbookWriter.textStyle + 1 + light.index * Self.allCases.count + rawValue }

    /// The format's code, for the custom formats that put a light's symbol before it.
    var code: String {
        switch self {
        case .general: return "General"
        case .integer: return "#,##0"
        case .money: return "#,##0.00"
        case .percent: return "0.00%"
        case .decimal: return "0.00"
        }
    }
    var numberFormatID: Int {
        switch self {
        case .general: return 0
        case .integer: return 3
        case .money: return 4
        case .percent: return 10
        case .decimal: return 2
        }
    }
}

/// One worksheet to write: a header row (bold, frozen, with an auto-filter) and rows.
public struct WorkbookSheet: Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[WorkbookCell]]
    /// Columns kept in view when scrolling right (e.g. the group key and name).
    public var frozenColumns: Int

    public init(name: String, header: [String], rows: [[WorkbookCell]], frozenColumns: Int = 0) {
        self.name = name
        self.header = header
        self.rows = rows
        self.frozenColumns = frozenColumns
    }
}

/// Writes `.xlsx` workbooks (Office Open XML, transitional): inline strings, numbers with
/// built-in formats, a frozen bold header row with an auto-filter and column widths that
/// fit the content. Deterministic: the same sheets give the same bytes (`ZipWriter`).
public enum WorkbookWriter {
    /// The workbook's bytes. Sheet names are made valid and unique (Excel: at most 31
    /// characters, none of `[]:*?/\`).
    public static func write(_ sheets: [WorkbookSheet]) throws -> [UInt8] {
        let names = sheetNames(sheets.map(\.name))
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Array(contentTypes(count: sheets.count).utf8))
        try zip.add("_rels/.rels", Array(rootRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbook(names: names, sheets: sheets).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: sheets.count).utf8))
        try zip.add("xl/styles.xml", Array(styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(index + 1).xml", worksheet(sheet))
        }
        return zip.finish()
    }

    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        return wanted.map { raw in
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
            if base.hasPrefix("'") { base.removeFirst() }
            if base.isEmpty { base = "Sheet" }
            base = String(base.prefix(31))
            var name = base
            var suffix = 2
            while used.contains(name.lowercased()) {
                let tail = " (\(suffix))"
                name = String(base.prefix(31 - tail.count)) + tail
                suffix += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    // MARK: Parts

    static func contentTypes(count: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        out += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        out += #"<Default Extension="xml" ContentType="application/xml"/>"#
        out += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        out += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in 1...max(1, count) where index <= count {
            out += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return out + "</Types>"
    }

    static let rootRelationships = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbookRelationships(count: Int) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 0..<count {
            out += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        out += #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return out + "</Relationships>"
    }

    static func workbook(names: [String], sheets: [WorkbookSheet]) -> String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        out += "<bookViews><workbookView/></bookViews><sheets>"
        for (index, name) in names.enumerated() {
            out += #"<sheet name="\#(escaped(name, attribute: true))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        out += "</sheets><definedNames>"
        for (index, sheet) in sheets.enumerated() where !sheet.header.isEmpty {
            let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
            let range = "$A$1:$\(columnName(sheet.header.count - 1))$\(sheet.rows.count + 1)"
            out += #"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#
            out += escaped("\(quoted)!\(range)", attribute: false) + "</definedName>"
        }
        return out + "</definedNames></workbook>"
    }

    /// The fill colours (ARGB) of the traffic lights: light tints of the Okabe–Ito bluish
    /// green, orange and vermillion, which stay apart for red–green colour blindness and
    /// keep black text readable.
    static func fillColour(_ light: TrafficLight) -> String {
        switch light {
        case .green: return "FFCCEBE0"
        case .amber: return "FFFBE3B3"
        case .red: return "FFF6CBB3"
        }
    }

    /// Fonts: regular, bold. Fills: none, gray125 (required), then green, amber, red.
    /// Cell styles: 0 default, 1 header (bold), then one per `WorkbookNumberFormat` (2…6),
    /// then 7 text (`@`), then per light (green, amber, red) one per format with the light's
    /// fill and a custom format (164 + …) that shows its symbol before the number.
    static let styles: String = {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        let lights = TrafficLight.allCases
        out += #"<numFmts count="\#(lights.count * WorkbookNumberFormat.allCases.count)">"#
        for light in lights {
            for format in WorkbookNumberFormat.allCases {
                let code = "\"\(light.symbol) \"" + format.code
                out += #"<numFmt numFmtId="\#(WorkbookWriter.litFormatID(format, light))" formatCode="\#(WorkbookWriter.escaped(code, attribute: true))"/>"#
            }
        }
        out += "</numFmts>"
        out += #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        out += #"<fills count="\#(2 + lights.count)"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        for light in lights {
            out += #"<fill><patternFill patternType="solid"><fgColor rgb="\#(WorkbookWriter.fillColour(light))"/><bgColor indexed="64"/></patternFill></fill>"#
        }
        out += "</fills>"
        out += #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        out += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        let formats = WorkbookNumberFormat.allCases
        out += #"<cellXfs count="\#(formats.count + 3 + lights.count * formats.count)">"#
        out += #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        out += #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        for format in formats {
            out += #"<xf numFmtId="\#(format.numberFormatID)" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        }
        out += #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        for light in lights {
            for format in formats {
                out += #"<xf numFmtId="\#(WorkbookWriter.litFormatID(format, light))" fontId="0" fillId="\#(2 + light.index)" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>"#
            }
        }
        out += "</cellXfs>"
        out += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        return out + "</styleSheet>"
    }()

    static let textStyle = WorkbookNumberFormat.allCases.count + 2

    /// The custom number format of a lit cell: 164 (the first custom id) onwards.
    static func litFormatID(_ format: WorkbookNumberFormat, _ light: TrafficLight) -> Int {
        164 + light.index * WorkbookNumberFormat.allCases.count + format.rawValue
    }

    /// A workbook of one sheet whose rows `row(i)` hands over one by one (nil after the
    /// last), streamed into the compressed part: for very large generated sheets (tests,
    /// benchmarks). Column widths follow the header; the auto-filter covers the rows written.
    public static func write(streamingSheet name: String, header: [String], row: (Int) -> [WorkbookCell]?) throws -> [UInt8] {
        let sheet = WorkbookSheet(name: name, header: header, rows: [])
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Array(contentTypes(count: 1).utf8))
        try zip.add("_rels/.rels", Array(rootRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbook(names: sheetNames([name]), sheets: [sheet]).utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(count: 1).utf8))
        try zip.add("xl/styles.xml", Array(styles.utf8))
        var index = 0
        var started = false
        var finished = false
        var names = (0..<max(1, header.count)).map(columnName)
        try zip.add("xl/worksheets/sheet1.xml") { out in
            if !started {
                started = true
                appendStart(sheet, rowCount: nil, to: &out)
                return true
            }
            if finished { return false }
            while out.count < 1 << 20 {
                guard let cells = row(index) else {
                    appendEnd(columns: header.count, rowCount: index, to: &out)
                    finished = true
                    return false
                }
                while names.count < cells.count { names.append(columnName(names.count)) }
                appendRow(cells, number: index + 2, names: names, to: &out)
                index += 1
            }
            return true
        }
        return zip.finish()
    }

    static func worksheet(_ sheet: WorkbookSheet) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + sheet.rows.count * max(1, sheet.header.count) * 24)
        appendStart(sheet, rowCount: sheet.rows.count, to: &out)
        let names = (0..<max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)).map(columnName)
        for (rowIndex, row) in sheet.rows.enumerated() {
            appendRow(row, number: rowIndex + 2, names: names, to: &out)
        }
        appendEnd(columns: sheet.header.count, rowCount: sheet.rows.count, to: &out)
        return out
    }

    /// Everything up to and including the header row.
    static func appendStart(_ sheet: WorkbookSheet, rowCount: Int?, to out: inout [UInt8]) {
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        put(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n")
        put(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        let columns = sheet.header.count
        if columns > 0, let rowCount {
            put(#"<dimension ref="A1:\#(columnName(columns - 1))\#(rowCount + 1)"/>"#)
        }
        let frozen = min(sheet.frozenColumns, max(0, columns - 1))
        put("<sheetViews><sheetView workbookViewId=\"0\">")
        if frozen > 0 {
            put(#"<pane xSplit="\#(frozen)" ySplit="1" topLeftCell="\#(columnName(frozen))2" activePane="bottomRight" state="frozen"/>"#)
            put(#"<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight"/>"#)
        } else {
            put(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>"#)
        }
        put("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if columns > 0 {
            put("<cols>")
            for (index, width) in widths(sheet).enumerated() {
                put(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#)
            }
            put("</cols>")
        }
        put("<sheetData><row r=\"1\">")
        for (index, title) in sheet.header.enumerated() {
            put("<c r=\"\(columnName(index))1\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">")
            appendEscaped(title, to: &out)
            put("</t></is></c>")
        }
        put("</row>")
    }

    static func appendRow(_ row: [WorkbookCell], number: Int, names: [String], to out: inout [UInt8]) {
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        let label = String(number)
        put("<row r=\"\(label)\">")
        for (index, cell) in row.enumerated() {
            switch cell {
            case .empty:
                continue
            case .number(let value, let format) where isDecimal(value):
                put("<c r=\"\(names[index])\(label)\" s=\"\(format.style)\"><v>\(value)</v></c>")
            case .lit(let value, let format, let light) where isDecimal(value):
                put("<c r=\"\(names[index])\(label)\" s=\"\(format.litStyle(light))\"><v>\(value)</v></c>")
            case .text(let value), .number(let value, _), .lit(let value, _, _):
                // Text, or a number that is not a plain decimal: an inline string, never markup.
                put("<c r=\"\(names[index])\(label)\" t=\"inlineStr\" s=\"\(textStyle)\"><is><t xml:space=\"preserve\">")
                appendEscaped(value, to: &out)
                put("</t></is></c>")
            }
        }
        put("</row>")
    }

    static func appendEnd(columns: Int, rowCount: Int, to out: inout [UInt8]) {
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        put("</sheetData>")
        if columns > 0 {
            put(#"<autoFilter ref="A1:\#(columnName(columns - 1))\#(rowCount + 1)"/>"#)
        }
        put(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        put("</worksheet>")
    }

    /// Column widths in characters: the longest shown text of the column (East Asian wide
    /// characters count twice), plus room for the filter button, between 6 and 60.
    static func widths(_ sheet: WorkbookSheet) -> [Int] {
        var widths = sheet.header.map { displayWidth($0) + 3 }
        for row in sheet.rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                let width: Int
                switch cell {
                case .empty: continue
                case .text(let text): width = displayWidth(text)
                case .number(let value, let format): width = value.count + (format == .money || format == .integer ? value.count / 3 : 1) + 1
                case .lit(let value, let format, _): width = value.count + (format == .money || format == .integer ? value.count / 3 : 1) + 3
                }
                if width > widths[index] { widths[index] = width }
            }
        }
        return widths.map { min(60, max(6, $0 + 1)) }
    }

    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            width += scalar.value >= 0x1100 && (scalar.value <= 0x115F || (scalar.value >= 0x2E80 && scalar.value <= 0xFFDC)) ? 2 : 1
        }
        return width
    }

    /// `-`? digits, at most one `.`: safe to write as `<v>` as is.
    static func isDecimal(_ value: String) -> Bool {
        var digits = 0, dots = 0
        for (index, byte) in value.utf8.enumerated() {
            if byte >= 0x30 && byte <= 0x39 { digits += 1 } else if byte == UInt8(ascii: ".") { dots += 1 } else if !(byte == UInt8(ascii: "-") && index == 0) { return false }
        }
        return digits > 0 && dots <= 1
    }

    /// The letters of a 0-based column (0 → A, 26 → AA).
    static func columnName(_ index: Int) -> String {
        var letters: [UInt8] = []
        var value = index + 1
        while value > 0 {
            letters.insert(UInt8(65 + (value - 1) % 26), at: 0)
            value = (value - 1) / 26
        }
        return String(decoding: letters, as: UTF8.self)
    }

    static func escaped(_ text: String, attribute: Bool) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out, attribute: attribute)
        return String(decoding: out, as: UTF8.self)
    }

    /// XML-escaped text; characters XML 1.0 cannot hold (C0 controls but tab, LF and CR)
    /// and a literal `_xHHHH_` are written as OOXML `_xHHHH_` escapes, so the text reads
    /// back exactly.
    static func appendEscaped(_ text: String, to out: inout [UInt8], attribute: Bool = false) {
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\"") where attribute: out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D:
                if attribute { out.append(contentsOf: "&#\(byte);".utf8) } else { out.append(byte) }
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: "_x00\(hexByte(byte))_".utf8)
            case UInt8(ascii: "_") where !attribute && index + 6 < utf8.count && utf8[index + 1] == UInt8(ascii: "x") && utf8[index + 6] == UInt8(ascii: "_"):
                out.append(contentsOf: "_x005F_".utf8)
            default:
                out.append(byte)
            }
            index += 1
        }
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 15)]], as: UTF8.self)
    }
}
