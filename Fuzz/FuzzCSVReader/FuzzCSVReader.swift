import FuzzSupport
import Ledger

/// libFuzzer target: the streaming CSV reader (see scripts/fuzz.sh).
///
/// The first byte picks the delimiter; the rest is the file. Every record is read twice —
/// through 16-byte chunks and through one large chunk — and the two readings must agree
/// (chunk boundaries never change what is read); every field is decoded lossily.
@main enum FuzzCSVReader {
    static func main() { FuzzDriver.run(fuzzOne) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "\t")]
    let delimiter = delimiters[Int(data[0]) % delimiters.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let small = readAll(bytes, delimiter: delimiter, chunkSize: 16)
    let large = readAll(bytes, delimiter: delimiter, chunkSize: 1 << 16)
    if small != large {
        FuzzDriver.fail("CSVReader: chunk size changed the records: \(small.count) vs \(large.count) records")
    }
    return 0
}

/// One record as read: line, problem, oversized flag, fields.
struct ReadRecord: Equatable {
    var line: Int
    var problem: String?
    var oversized: Bool
    var fields: [[UInt8]]
}

func readAll(_ bytes: [UInt8], delimiter: UInt8, chunkSize: Int) -> [ReadRecord] {
    let reader = CSVReader(
        source: MemoryByteSource(bytes, chunkLimit: 7), delimiter: delimiter, chunkSize: chunkSize, maxRecordBytes: 512)
    var records: [ReadRecord] = []
    do {
        while try reader.next() {
            var fields: [[UInt8]] = []
            for index in 0..<reader.count {
                fields.append(reader.withField(index) { Array($0) })
                _ = reader.string(index)
            }
            _ = reader.lossyFields()
            _ = reader.rawRecord()
            records.append(ReadRecord(line: reader.line, problem: reader.problem, oversized: reader.isOversized, fields: fields))
        }
    } catch {
        FuzzDriver.fail("CSVReader threw on a memory source: \(error)")
    }
    return records
}
