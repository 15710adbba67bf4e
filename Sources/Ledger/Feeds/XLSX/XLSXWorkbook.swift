/// An Office Open XML workbook (`.xlsx`) opened for reading: its sheets, date system,
/// date styles and shared strings; worksheets are read by `XLSXSheetReader`.
///
/// Only the zip directory, the sheet list, one byte per cell style and the shared-string
/// table (`SharedStrings`, bounded) are held; worksheets stream.
final class XLSXWorkbook {
    /// A worksheet of the workbook, in workbook order.
    struct Sheet: Equatable {
        var name: String
        /// The part inside the container (`xl/worksheets/sheet1.xml`).
        var part: String
    }

    let file: String
    let archive: ZipArchive
    private(set) var sheets: [Sheet] = []
    /// Whether serial dates count from 1904-01-01 (`<workbookPr date1904="1">`).
    private(set) var uses1904 = false
    /// Date kind per cell style (index into `cellXfs`).
    private(set) var styleKinds: [XLSXDateKind] = []
    private(set) var sharedStrings: SharedStrings
    private var sharedStringsLoaded = false

    /// Opens the workbook at `path` (`file` names it in messages). Throws `FeedFileError`
    /// when the file is no usable workbook (with what to do instead), `InputError` when it
    /// cannot be read.
    init(path: String, file: String, limits: WorkbookLimits = WorkbookLimits()) throws {
        self.file = file
        try WorkbookSniffer.requireZip(path: path, file: file)
        archive = try ZipArchive(path: path, file: file, limits: limits)
        sharedStrings = SharedStrings(memoryLimit: limits.sharedStringsInMemory)
        guard let workbook = archive.entry(named: "xl/workbook.xml") ?? mainPartFromContentTypes() else {
            throw FeedFileError(file: file, "not an Excel workbook: the zip container has no xl/workbook.xml (save the file as .xlsx or CSV)")
        }
        let targets = try relationships(of: workbook.name)
        try readWorkbook(workbook, targets: targets)
        guard !sheets.isEmpty else {
            throw FeedFileError(file: file, "the workbook has no worksheets (nothing to load)")
        }
        if let styles = archive.entry(named: Self.resolve("styles.xml", against: workbook.name)) ?? archive.entry(named: "xl/styles.xml") {
            try readStyles(styles)
        }
    }

    /// The worksheet named `name` (case-insensitive), or the first one when nil.
    func sheet(named name: String?) throws -> Sheet {
        guard let name else { return sheets[0] }
        if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { $0.name.lowercased() == name.lowercased() }) {
            return sheet
        }
        throw FeedFileError(
            file: file, "the workbook has no sheet \"\(name)\" (sheets: \(sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")))")
    }

    /// A reader of the rows of `sheet`; `threaded`: parsed on a second thread, ahead of the reader.
    func rows(of sheet: Sheet, threaded: Bool = true) throws -> XLSXSheetReader {
        try loadSharedStrings()
        guard let entry = archive.entry(named: sheet.part) else {
            throw FeedFileError(file: file, "sheet \"\(sheet.name)\": part \(sheet.part) is missing from the workbook (corrupt file)")
        }
        let source = try archive.open(entry)
        return XLSXSheetReader(workbook: self, sheet: sheet, source: source, threaded: threaded)
    }

    // MARK: Parts

    /// The XML of a (small) part as events.
    private func events(of entry: ZipEntry) throws -> XMLStreamReader {
        XMLStreamReader(source: try archive.open(entry), file: "\(file)/\(entry.name)")
    }

    /// Strict or odd writers may put the workbook elsewhere: `[Content_Types].xml` names it.
    private func mainPartFromContentTypes() -> ZipEntry? {
        guard let types = archive.entry(named: "[Content_Types].xml"), let reader = try? events(of: types) else { return nil }
        while let event = try? reader.next() {
            if case let .start(name, _, attributes, _, _) = event, name == "Override",
                attributes.first(where: { $0.localName == "ContentType" })?.value.contains("sheet.main+xml") == true,
                let part = attributes.first(where: { $0.localName == "PartName" })?.value
            {
                return archive.entry(named: String(part.drop { $0 == "/" }))
            }
        }
        return nil
    }

    /// Relationship id → target part, for the part `name`.
    private func relationships(of name: String) throws -> [String: String] {
        let folder = name.split(separator: "/").dropLast().joined(separator: "/")
        let file = name.split(separator: "/").last.map(String.init) ?? name
        let relsName = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard let rels = archive.entry(named: relsName) else { return [:] }
        let reader = try events(of: rels)
        var targets: [String: String] = [:]
        while let event = try reader.next() {
            if case let .start(element, _, attributes, _, _) = event, element == "Relationship",
                let id = attributes.first(where: { $0.localName == "Id" })?.value,
                let target = attributes.first(where: { $0.localName == "Target" })?.value
            {
                targets[id] = Self.resolve(target, against: name)
            }
        }
        return targets
    }

    /// A relationship target relative to the folder of `part` (or absolute from the root).
    static func resolve(_ target: String, against part: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        var components = part.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !components.isEmpty { components.removeLast() }
            } else if piece != "." {
                components.append(String(piece))
            }
        }
        return components.joined(separator: "/")
    }

    private func readWorkbook(_ entry: ZipEntry, targets: [String: String]) throws {
        let reader = try events(of: entry)
        var index = 0
        while let event = try reader.next() {
            guard case let .start(element, _, attributes, _, _) = event else { continue }
            switch element {
            case "workbookPr":
                if let value = attributes.first(where: { $0.localName == "date1904" })?.value {
                    uses1904 = value == "1" || value.lowercased() == "true"
                }
            case "sheet":
                index += 1
                let name = attributes.first(where: { $0.localName == "name" })?.value ?? "Sheet\(index)"
                let id = attributes.first(where: { $0.localName == "id" && !$0.namespace.isEmpty })?.value
                let part = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index).xml"
                // Chart sheets and dialog sheets hold no cells.
                if part.contains("worksheets/") || targets.isEmpty { sheets.append(Sheet(name: name, part: part)) }
            default:
                break
            }
        }
    }

    private func readStyles(_ entry: ZipEntry) throws {
        let reader = try events(of: entry)
        var customFormats: [Int: String] = [:]
        var inCellXfs = false
        var kinds: [XLSXDateKind] = []
        while let event = try reader.next() {
            switch event {
            case let .start(element, _, attributes, _, _):
                if element == "numFmt", let id = attributes.first(where: { $0.localName == "numFmtId" }).flatMap({ Int($0.value) }) {
                    customFormats[id] = attributes.first(where: { $0.localName == "formatCode" })?.value ?? ""
                } else if element == "cellXfs" {
                    inCellXfs = true
                } else if element == "xf" && inCellXfs {
                    let id = attributes.first(where: { $0.localName == "numFmtId" }).flatMap { Int($0.value) } ?? 0
                    kinds.append(customFormats[id].map(XLSXDateKind.init(formatCode:)) ?? XLSXDateKind(builtIn: id))
                }
            case let .end(element, _):
                if element == "cellXfs" { inCellXfs = false }
            case .text:
                break
            }
        }
        styleKinds = kinds
    }

    /// Reads `xl/sharedStrings.xml` (once) into the bounded table.
    private func loadSharedStrings() throws {
        guard !sharedStringsLoaded else { return }
        sharedStringsLoaded = true
        guard let entry = archive.entry(named: "xl/sharedStrings.xml") ?? archive.entries.first(where: { $0.name.lowercased().hasSuffix("sharedstrings.xml") }) else {
            return
        }
        let reader = XMLStreamReader(source: try archive.open(entry), file: "\(file)/\(entry.name)")
        let collector = SharedStringCollector(table: sharedStrings)
        guard reader.beginRawCapture(collector) else { return }
        try withExtendedLifetime(collector) {
            while try reader.pump() {
                if let failure = collector.failure { throw FeedFileError(file: file, "shared strings: \(failure)") }
            }
        }
        try sharedStrings.close()
    }
}

/// Builds the shared-string table from `<sst><si>…</si></sst>`: the text of `<t>`
/// elements of each `<si>` (rich-text runs joined), except phonetic runs (`<rPh>`).
final class SharedStringCollector: XMLRawHandler {
    let table: SharedStrings
    private var inText = false
    private var phoneticDepth = 0
    var failure: String?

    init(table: SharedStrings) {
        self.table = table
    }

    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {
        if XMLRawName.matches(name, "rPh") {
            phoneticDepth += 1
        } else if XMLRawName.matches(name, "t") && phoneticDepth == 0 {
            inText = true
        }
    }

    func end(name: UnsafePointer<UInt8>) {
        if XMLRawName.matches(name, "t") {
            inText = false
        } else if XMLRawName.matches(name, "rPh") {
            phoneticDepth -= 1
        } else if XMLRawName.matches(name, "si") {
            table.finishString()
        }
    }

    func text(_ run: UnsafeBufferPointer<UInt8>) {
        guard inText, failure == nil else { return }
        do { try table.append(run) } catch { failure = "\(error)" }
    }
}
