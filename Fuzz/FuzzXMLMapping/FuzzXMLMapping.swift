import FuzzSupport
import Ledger

/// libFuzzer target: the hardened XML reader and the XML feed mappers (see scripts/fuzz.sh).
///
/// The first byte picks the feed kind (OEM documents, STAR 5, Reynolds ERA); the rest is the
/// document. Every row is pulled until the end or a `FeedFileError`; any other error, a crash
/// or a hang is a finding. Read through 16-byte and 64 KiB chunks, a document that loads both
/// ways must give the same rows.
@main enum FuzzXMLMapping {
    static func main() { FuzzDriver.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let kinds = XMLFeedKind.allCases
    let kind = kinds[Int(data[0]) % kinds.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let small = rows(bytes, kind: kind, chunkSize: 16)
    let large = rows(bytes, kind: kind, chunkSize: 64 << 10)
    if let small, let large, small != large {
        FuzzDriver.fail("XML rows depend on the chunk size: \(small.count) vs \(large.count) rows")
    }
    return 0
}

/// The rows of the document, or nil when the file fails (as hostile or malformed files must).
func rows(_ bytes: [UInt8], kind: XMLFeedKind, chunkSize: Int) -> [SourceRow]? {
    let reader = XMLStreamReader(source: MemoryByteSource(bytes, chunkLimit: 7), file: "fuzz.xml", chunkSize: chunkSize)
    let source = XMLFeeds.rowSource(reader: reader, kind: kind)
    var rows: [SourceRow] = []
    do {
        while let row = try source.nextRow() {
            rows.append(row)
            if rows.count > 100_000 { break }
        }
        _ = source.warnings
        return rows
    } catch is FeedFileError {
        return nil
    } catch {
        FuzzDriver.fail("XML mapping threw something other than FeedFileError: \(error)")
    }
}
