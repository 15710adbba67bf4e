/// A tabular source read one record at a time, its cells as bytes: delimited text
/// (`CSVReader`) and worksheets (`XLSXSheetReader`). The importer's record path is
/// written once against this, so both get the same header matching, value parsing,
/// rejects and upserts.
protocol RecordReader: AnyObject {
    /// Where the current record is: the physical line of its first line (CSV) or the
    /// worksheet row number.
    var line: Int { get }
    /// Why the current record is unusable as a whole (e.g. an unterminated quote), if so.
    var problem: String? { get }
    /// The number of fields of the current record.
    var count: Int { get }
    /// Moves to the next record; false at the end.
    func next() throws -> Bool
    /// Positions on the header (record `row` of a CSV, worksheet row `row` of a sheet)
    /// and makes it the current record; false when there is none.
    func readHeader(row: Int) throws -> Bool
    /// Whether the bytes `withField` hands out stay valid and unchanged until the next call
    /// of `next()` (then the importer binds text cells without copying them).
    var fieldsStayValid: Bool { get }
    /// Calls `body` with the bytes of field `index` of the current record.
    func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
    /// Field `index` as a string; nil when its bytes are not valid UTF-8.
    func string(_ index: Int) -> String?
    /// Every field as a string (invalid bytes replaced).
    func lossyFields() -> [String]
    /// The record as source text, for the rejects file.
    func rawRecord() -> String
}

extension CSVReader: RecordReader {
    /// Fields are ranges of the record buffer, which stays put until the next record.
    var fieldsStayValid: Bool { true }

    func readHeader(row: Int) throws -> Bool {
        for _ in 1..<max(1, row) where try !next() { break }
        return try next()
    }
}
