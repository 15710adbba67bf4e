import Foundation
import Testing
import Ledger
import TestSupport

/// Replays samples/fuzz-regressions/<target>/* through the same checks as the libFuzzer
/// targets in Fuzz/ (scripts/fuzz.sh): every input a fuzzer ever crashed on, plus the
/// hand-made edge inputs committed there, stays fixed.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let folder = Tools.repositoryRoot + "/samples/fuzz-regressions/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // Every file of the folder (no subfolders: a crash input is committed here only once fixed).
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && name != "README.md"
                && FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted().map { target + "/" + $0 }
    }

    static func bytes(_ input: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: Tools.repositoryRoot + "/samples/fuzz-regressions/" + input)))
    }

    @Test func everyTargetHasRegressionInputs() {
        for target in ["FuzzCSVReader", "FuzzValueParsers", "FuzzXMLMapping", "FuzzProfileLoader", "FuzzLegacyWorkbooks"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
    }

    /// FuzzLegacyWorkbooks: the first byte picks raw file / SpreadsheetML body / HTML body
    /// (and, from 128, a sheet name from the first line); rows are pulled to the end and only
    /// `FeedFileError` may stop them.
    @Test(arguments: inputs("FuzzLegacyWorkbooks"))
    func legacyWorkbookInput(_ input: String) throws {
        let data = try Self.bytes(input)
        guard let selector = data.first else { return }
        let body = Array(data.dropFirst())
        let prefixes = [
            "", #"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">"#,
            "<html><table>",
        ]
        let directory = try TemporaryDirectory("fuzz-legacy")
        let path = try directory.write("f.xls", bytes: Array(prefixes[Int(selector) % 3].utf8) + body)
        let sheet = selector >= 128 ? String(decoding: body.prefix { $0 != 0x0A }.prefix(40), as: UTF8.self) : nil
        do {
            let reader = try LegacyWorkbookRowReader(path: path, sheet: sheet)
            while let row = try reader.next() { _ = row.cells.joined() }
        } catch is FeedFileError {
        }
    }

    /// FuzzCSVReader: the first byte picks the delimiter; 16-byte and 64 KiB chunks read the same records.
    @Test(arguments: inputs("FuzzCSVReader"))
    func csvReaderInput(_ input: String) throws {
        let data = try Self.bytes(input)
        guard let selector = data.first else { return }
        let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "\t")]
        let delimiter = delimiters[Int(selector) % delimiters.count]
        let body = Array(data.dropFirst())
        let small = try Self.readAll(body, delimiter: delimiter, chunkSize: 16)
        let large = try Self.readAll(body, delimiter: delimiter, chunkSize: 1 << 16)
        #expect(small == large)
    }

    struct ReadRecord: Equatable {
        var line: Int
        var problem: String?
        var oversized: Bool
        var fields: [[UInt8]]
    }

    static func readAll(_ bytes: [UInt8], delimiter: UInt8, chunkSize: Int) throws -> [ReadRecord] {
        let reader = CSVReader(
            source: MemoryByteSource(bytes, chunkLimit: 7), delimiter: delimiter, chunkSize: chunkSize, maxRecordBytes: 512)
        var records: [ReadRecord] = []
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
        return records
    }

    /// FuzzValueParsers: the first byte picks a catalogue column type and a parser; the byte
    /// and string entry points agree.
    @Test(arguments: inputs("FuzzValueParsers"))
    func valueParserInput(_ input: String) throws {
        let data = try Self.bytes(input)
        guard let selector = data.first else { return }
        var seen = Set<ColumnType>()
        var types: [ColumnType] = []
        for feed in FeedCatalogue.standard.feeds {
            for column in feed.columns where seen.insert(column.type).inserted { types.append(column.type) }
        }
        let parsers = [
            ValueParser(),
            ValueParser(timeZone: .shanghai, dateFormats: DateFormat.defaults.reversed(), extraBooleans: ["on": true, "关": false]),
        ]
        let type = types[Int(selector) % types.count]
        let parser = parsers[Int(selector) / types.count % parsers.count]
        let cell = Array(data.dropFirst())
        cell.withUnsafeBytes { raw in
            let fromBytes = parser.parse(raw, as: PreparedColumnType(type))
            #expect(fromBytes == parser.parse(raw, as: type))
            if let text = String(validating: raw, as: UTF8.self) {
                #expect(parser.parse(text, as: type) == fromBytes, "\(text.debugDescription)")
            }
        }
    }

    /// FuzzXMLMapping: the first byte picks the XML feed kind; a document that maps through
    /// 16-byte chunks and through 64 KiB chunks gives the same rows; only FeedFileError is thrown.
    @Test(arguments: inputs("FuzzXMLMapping"))
    func xmlMappingInput(_ input: String) throws {
        let data = try Self.bytes(input)
        guard let selector = data.first else { return }
        let kinds = XMLFeedKind.allCases
        let kind = kinds[Int(selector) % kinds.count]
        let body = Array(data.dropFirst())
        func rows(_ chunkSize: Int) throws -> [SourceRow]? {
            let reader = XMLStreamReader(source: MemoryByteSource(body, chunkLimit: 7), file: "fuzz.xml", chunkSize: chunkSize)
            let source = XMLFeeds.rowSource(reader: reader, kind: kind)
            var rows: [SourceRow] = []
            do {
                while let row = try source.nextRow() { rows.append(row) }
                return rows
            } catch is FeedFileError {
                return nil
            }
        }
        let small = try rows(16)
        let large = try rows(64 << 10)
        if let small, let large { #expect(small == large) }
    }

    /// FuzzProfileLoader: any text gives a profile or a ProfileError, the same both times.
    @Test(arguments: inputs("FuzzProfileLoader"))
    func profileLoaderInput(_ input: String) throws {
        let text = String(decoding: try Self.bytes(input), as: UTF8.self)
        let first = Result { try SourceProfile(toml: text, file: "fuzz.toml") }
        let second = Result { try SourceProfile(toml: text, file: "fuzz.toml") }
        switch (first, second) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure, .failure): break
        default: Issue.record("the same text loaded once and failed once")
        }
    }
}
