import FuzzSupport
import Foundation
import Ledger

/// libFuzzer target: the workbook reader (zip container, workbook, styles, shared strings,
/// worksheet XML, cell values) — see scripts/fuzz.sh.
///
/// The first byte picks what the rest is: 0 the whole file (the zip container itself);
/// 1 the worksheet XML, 2 the shared-string table, 3 the styles part — each packed by this
/// harness into an otherwise valid workbook (stored entries, correct CRCs), so the fuzzer
/// reaches the XML and cell code instead of failing at the container. Every row is pulled
/// until the end or a `FeedFileError`; any other error, a crash or a hang is a finding.
@main enum FuzzXLSXReader {
    static func main() { FuzzDriver.run(fuzzOne) }
}

let path = NSTemporaryDirectory() + "/fuzz-xlsx-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let file: [UInt8]
    switch data[0] % 4 {
    case 0: file = body
    case 1: file = StoredZip.workbook(sheet: body, sharedStrings: Array(StoredZip.sst.utf8), styles: Array(StoredZip.styles.utf8))
    case 2: file = StoredZip.workbook(sheet: Array(StoredZip.sheet.utf8), sharedStrings: body, styles: Array(StoredZip.styles.utf8))
    default: file = StoredZip.workbook(sheet: Array(StoredZip.sheet.utf8), sharedStrings: Array(StoredZip.sst.utf8), styles: body)
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { FuzzDriver.fail("cannot write \(path)") }
    var limits = WorkbookLimits()
    limits.maxTotalBytes = 64 << 20
    limits.sharedStringsInMemory = 4096  // exercise the spill path too
    do {
        let reader = try WorkbookRowReader(path: path, limits: limits)
        var rows = 0
        while let row = try reader.next() {
            rows += 1
            _ = row.cells.joined()
            if rows > 200_000 { break }
        }
    } catch is FeedFileError {
    } catch is InputError {
    } catch {
        FuzzDriver.fail("unexpected error type: \(error)")
    }
    return 0
}

/// A zip of stored (uncompressed) entries with correct CRC-32s: a valid container around
/// fuzzed parts.
enum StoredZip {
    static let sheet = #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="1"><v>46322.5</v></c><c r="D1" s="2"><v>0.1</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3" t="b"><v>1</v></c></row></sheetData></worksheet>"#
    static let sst = #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>dealer_code</t></si><si><r><t>na</t></r><r><t>me</t></r><rPh><t>ミ</t></rPh></si></sst>"#
    static let styles = #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs></styleSheet>"#
    static let workbookXML = #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="0"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#
    static let rels = #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#

    static func workbook(sheet: [UInt8], sharedStrings: [UInt8], styles: [UInt8]) -> [UInt8] {
        zip([("xl/workbook.xml", Array(workbookXML.utf8)), ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
             ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sharedStrings), ("xl/worksheets/sheet1.xml", sheet)])
    }

    static func zip(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le(_ value: UInt32, _ count: Int, into bytes: inout [UInt8]) {
            for index in 0..<count { bytes.append(UInt8((value >> (8 * UInt32(index))) & 0xFF)) }
        }
        for (name, contents) in entries {
            let crc = crc32(contents)
            let offset = UInt32(out.count)
            let nameBytes = Array(name.utf8)
            le(0x0403_4B50, 4, into: &out); le(10, 2, into: &out); le(0, 2, into: &out); le(0, 2, into: &out)
            le(0, 2, into: &out); le(0x21, 2, into: &out); le(crc, 4, into: &out)
            le(UInt32(contents.count), 4, into: &out); le(UInt32(contents.count), 4, into: &out)
            le(UInt32(nameBytes.count), 2, into: &out); le(0, 2, into: &out)
            out += nameBytes + contents
            le(0x0201_4B50, 4, into: &central); le(10, 2, into: &central); le(10, 2, into: &central); le(0, 2, into: &central)
            le(0, 2, into: &central); le(0, 2, into: &central); le(0x21, 2, into: &central); le(crc, 4, into: &central)
            le(UInt32(contents.count), 4, into: &central); le(UInt32(contents.count), 4, into: &central)
            le(UInt32(nameBytes.count), 2, into: &central); le(0, 2, into: &central); le(0, 2, into: &central)
            le(0, 2, into: &central); le(0, 2, into: &central); le(0, 4, into: &central); le(offset, 4, into: &central)
            central += nameBytes
        }
        let start = UInt32(out.count)
        out += central
        le(0x0605_4B50, 4, into: &out); le(0, 2, into: &out); le(0, 2, into: &out)
        le(UInt32(entries.count), 2, into: &out); le(UInt32(entries.count), 2, into: &out)
        le(UInt32(central.count), 4, into: &out); le(start, 4, into: &out); le(0, 2, into: &out)
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
