import FuzzSupport
import Foundation
import Ledger

/// libFuzzer target: the readers of `.xls` files that are XML Spreadsheet 2003 or an HTML
/// table (Feeds/LegacyWorkbooks) — see scripts/fuzz.sh.
///
/// The first byte picks what the rest is: 0 the whole file (its content decides the
/// reader, or that it is neither); 1 the body of a SpreadsheetML workbook (after its
/// `<Workbook>` start tag); 2 the body of an HTML page (after `<html><table>`), so the
/// fuzzer starts inside each reader. A sheet name from the body's first line is tried
/// too. Every row is pulled until the end or a `FeedFileError`; any other error, a crash
/// or a hang is a finding.
@main enum FuzzLegacyWorkbooks {
    static func main() { FuzzDriver.run(fuzzOne) }
}

let path = NSTemporaryDirectory() + "/fuzz-legacy-\(getpid()).xls"
let spreadsheetML = Array(#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">"#.utf8)
let html = Array("<html><table>".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let file: [UInt8]
    switch data[0] % 3 {
    case 0: file = body
    case 1: file = spreadsheetML + body
    default: file = html + body
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { FuzzDriver.fail("cannot write \(path)") }
    let sheet = data[0] >= 128 ? String(decoding: body.prefix { $0 != 0x0A }.prefix(40), as: UTF8.self) : nil
    do {
        let reader = try LegacyWorkbookRowReader(path: path, sheet: sheet)
        var rows = 0
        while let row = try reader.next() {
            rows += 1
            _ = row.cells.joined()
            if rows > 200_000 { break }
        }
    } catch is FeedFileError {
    } catch is InputError {
    } catch is TranscodingError {
    } catch {
        FuzzDriver.fail("unexpected error type: \(error)")
    }
    return 0
}
