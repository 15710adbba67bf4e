import Foundation

extension FileLoad {
    /// A worksheet opened for the record path, positioned after its header.
    struct OpenedSheet {
        var reader: XLSXSheetReader
        var header: [String]
        var headerLine: Int
        /// Compressed bytes of the sheet read so far (progress).
        var position: () -> Int
    }

    /// `.xlsx`, `.xlsm` and `.xls` files, and files of any name whose first bytes are a zip
    /// container or an OLE2 compound file (an Excel file under a wrong name): these fail with
    /// a message saying what they are instead of being read as text.
    static func isWorkbook(path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xlsm") || lowered.hasSuffix(".xls") { return true }
        let kind = WorkbookSniffer.kind(path: path, sniffText: false)
        return kind == .zip || kind == .legacyXLS || kind == .encrypted
    }

    /// A legacy workbook opened for the record path (XML Spreadsheet 2003 or an HTML table
    /// saved as `.xls`), positioned after its header.
    struct OpenedLegacySheet {
        var reader: TextSheetReader
        var header: [String]
        var headerLine: Int
        var position: () -> Int
    }

    /// When the workbook is XML Spreadsheet 2003 or an HTML table (by its content, whatever
    /// its name): its sheet `name` (else the first) with the header on row `headerRow`;
    /// nil for any other file.
    func openLegacySheet(named name: String?, headerRow: Int) throws -> OpenedLegacySheet? {
        let kind = WorkbookSniffer.kind(path: file.path)
        guard kind == .spreadsheetML || kind == .html else { return nil }
        let source = try LegacyWorkbooks.open(path: file.path, file: file.path, sheet: name)
        let reader = TextSheetReader(source: source)
        sourceName = reader.displayName
        source.onWarning = { [unowned self, unowned source] line, message in
            // The sheet's name is known once its first element is read.
            self.sourceName = source.displayName
            self.warn(kind: "error cell", line: line, message)
        }
        guard try reader.readHeader(row: headerRow) else {
            throw FeedFileError(
                file: reader.displayName, line: headerRow,
                "row \(headerRow) is empty or missing: expected the header there (--header-row N or the profile's header_row; title rows above the header are common)")
        }
        sourceName = reader.displayName
        let header = reader.lossyFields().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return OpenedLegacySheet(reader: reader, header: header, headerLine: reader.line, position: { source.bytesRead })
    }

    /// Opens the workbook, its sheet `name` (else the first) and reads the header on
    /// worksheet row `headerRow`. Messages about rows then name `file[sheet]`.
    func openSheet(named name: String?, headerRow: Int) throws -> OpenedSheet {
        let workbook = try XLSXWorkbook(path: file.path, file: file.path, limits: options.workbookLimits)
        let sheet = try workbook.sheet(named: name)
        let reader = try workbook.rows(of: sheet)
        sourceName = reader.displayName
        reader.onWarning = { [unowned self] line, message in self.warn(kind: "error cell", line: line, message) }
        guard try reader.readHeader(row: headerRow) else {
            throw FeedFileError(
                file: reader.displayName, line: headerRow,
                "worksheet row \(headerRow) is empty or missing: expected the header there (--header-row N or the profile's header_row; title rows above the header are common)")
        }
        let header = reader.lossyFields().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return OpenedSheet(reader: reader, header: header, headerLine: reader.line, position: { reader.compressedBytesRead })
    }
}
