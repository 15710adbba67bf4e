#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tells workbook containers apart by their first bytes, so that a file named `.xlsx` or
/// `.xls` that is something else fails with a message saying what it is and what to do.
enum WorkbookSniffer {
    enum Kind: Equatable {
        /// A zip container (`.xlsx`; also a `.xlsx` renamed `.xls`).
        case zip
        /// An OLE2 compound file: a legacy BIFF `.xls`, or an encrypted (password-protected)
        /// OOXML workbook (its streams `EncryptionInfo` and `EncryptedPackage`).
        case legacyXLS
        case encrypted
        /// XML Spreadsheet 2003 or an HTML table saved as `.xls` by web portals.
        case spreadsheetML
        case html
        case other
    }

    static func kind(path: String, sniffText: Bool = true) -> Kind {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return .other }
        defer { close(fd) }
        func head(_ count: Int) -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: count)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
            bytes.removeSubrange(max(0, n)...)
            return bytes
        }
        let start = head(2048)
        guard start.count >= 4 else { return .other }
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) || start.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // The directory entries of an encrypted package sit near the start of its file.
            let head = head(4 << 20)
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return head.firstRange(of: marker) != nil ? .encrypted : .legacyXLS
        }
        guard sniffText else { return .other }
        let text = String(decoding: start, as: UTF8.self).lowercased()
        if text.contains("urn:schemas-microsoft-com:office:spreadsheet") || text.contains("<workbook") { return .spreadsheetML }
        if text.contains("<html") || text.contains("<table") { return .html }
        return .other
    }

    /// Throws the message for a file that is not a zip container.
    static func requireZip(path: String, file: String) throws {
        switch kind(path: path) {
        case .zip: return
        case .encrypted:
            throw FeedFileError(file: file, "the workbook is encrypted (password-protected): open it in Excel, remove the password and save it as .xlsx or CSV")
        case .legacyXLS:
            throw FeedFileError(file: file, "this is a legacy Excel 97–2003 .xls (BIFF) workbook, which is not read: open it in Excel or LibreOffice and save it as .xlsx or CSV")
        case .spreadsheetML:
            throw FeedFileError(file: file, "this is an XML Spreadsheet 2003 file, not an .xlsx workbook (dms-import reads it as such; other tools: save it as .xlsx or CSV)")
        case .html:
            throw FeedFileError(file: file, "this is an HTML table saved as an Excel file, not an .xlsx workbook (dms-import reads it as such; other tools: save it as .xlsx or CSV)")
        case .other:
            throw FeedFileError(file: file, "not an Excel workbook (no zip container): save it as .xlsx or CSV")
        }
    }
}
