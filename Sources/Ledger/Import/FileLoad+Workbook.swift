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
