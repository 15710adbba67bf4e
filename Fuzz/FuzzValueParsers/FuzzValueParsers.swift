import FuzzSupport
import Ledger

/// libFuzzer target: the cell value parsers (see scripts/fuzz.sh).
///
/// The first byte picks a column type of the standard catalogue (dates, date-times, money,
/// decimals, scores, integers, booleans, enumerations, VINs, text); the rest is the cell.
/// The byte entry point and the string entry point must agree on valid UTF-8.
@main enum FuzzValueParsers {
    static func main() { FuzzDriver.run(fuzzOne) }
}

nonisolated(unsafe) let types: [ColumnType] = {
    var seen = Set<ColumnType>()
    var list: [ColumnType] = []
    for feed in FeedCatalogue.standard.feeds {
        for column in feed.columns where seen.insert(column.type).inserted { list.append(column.type) }
    }
    return list
}()
nonisolated(unsafe) let prepared = types.map { PreparedColumnType($0) }
nonisolated(unsafe) let parsers = [
    ValueParser(),
    ValueParser(timeZone: .shanghai, dateFormats: DateFormat.defaults.reversed(), extraBooleans: ["on": true, "关": false]),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let index = Int(data[0]) % types.count
    let parser = parsers[Int(data[0]) / types.count % parsers.count]
    let cell = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let fromBytes = parser.parse(cell, as: prepared[index])
    let again = parser.parse(cell, as: types[index])
    if fromBytes != again { FuzzDriver.fail("parse(bytes) prepared and unprepared disagree") }
    if let text = String(validatingUTF8Bytes: cell) {
        let fromText = parser.parse(text, as: types[index])
        if fromText != fromBytes { FuzzDriver.fail("parse(bytes) and parse(String) disagree on \(text.debugDescription)") }
    }
    _ = parser.date(cell)
    _ = parser.dateTime(cell)
    _ = parser.money(cell)
    _ = parser.decimal(cell)
    _ = parser.score(cell)
    _ = parser.integer(cell)
    _ = parser.boolean(cell)
    return 0
}

extension String {
    init?(validatingUTF8Bytes bytes: UnsafeRawBufferPointer) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self = text
    }
}
