#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Ledger

/// Each shipped profile applied to its sample in `samples/profiles/`, the way the importer
/// will: decode, skip to the header row, rename, map every row, check the trailer.
@Suite struct ShippedProfileSampleTests {
    /// The sample's lines, decoded from GB18030 with iconv.
    static func lines(_ relative: String) throws -> [String] {
        let bytes = try XMLHostileInputTests.contents(XMLTestFiles.sample(relative))
        let text = try #require(gb18030(bytes))
        return text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }.filter { !$0.isEmpty }
    }

    static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 2 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output.prefix(produced).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Rows of a sample as canonical columns → mapped text, after the checks.
    static func load(profile name: String, sample: String) throws -> [[String: String]] {
        let profile = try SourceProfile.load(path: XMLTestFiles.sample("profiles/\(name).toml"))
        #expect(profile.matches(fileName: sample))
        #expect(profile.encoding == .gb18030)
        let lines = try lines("samples/profiles/" + sample)
        let delimiter = Character(Unicode.Scalar(profile.delimiter ?? UInt8(ascii: ",")))
        let header = profile.apply(toHeader: lines[profile.headerRow - 1].split(separator: delimiter, omittingEmptySubsequences: false).map(String.init))
        let feed = try #require(FeedCatalogue.standard.feed(named: profile.feed))
        for key in feed.key where key != "dealer_code" {
            #expect(header.contains(key), "\(sample): header lacks \(key) after renames")
        }
        var check = profile.trailer.map { TrailerCheck(rule: $0, file: sample) }
        var rows: [[String: String]] = []
        for (index, line) in lines.enumerated().dropFirst(profile.headerRow) {
            if try check?.consume(rawRecord: line, line: index + 1) == true { continue }
            let cells = line.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
            var row: [String: String] = [:]
            for (column, cell) in zip(header, cells) where feed.column(named: column) != nil { row[column] = cell }
            rows.append(profile.apply(toRow: row))
        }
        try check?.finish(dataRecords: rows.count)
        return rows
    }

    @Test func yonyouRepairOrders() throws {
        let rows = try Self.load(profile: "yonyou-repair-orders", sample: "RO_DLR001_20261126.txt")
        #expect(rows.count == 3)
        #expect(rows[0] == [
            "dealer_code": "DLR001", "ro_no": "RO2611260001", "vin": "LSVAM4183RN100000", "opened_at": "2026/11/26 08:31",
            "promised_at": "2026/11/26 17:00", "completed_at": "2026/11/26 15:42", "invoiced_at": "2026/11/26 16:10",
            "mileage_km": "12035", "ro_type": "repair", "status": "invoiced", "advisor_id": "SA001",
            "complaint": "左前大灯不亮", "waiting_parts": "false", "comeback_flag": "false",
        ])
        #expect(rows[1]["ro_type"] == "repair")
        #expect(rows[1]["comeback_flag"] == "true")
        #expect(rows[1]["status"] == "open")
        #expect(rows[1]["waiting_parts"] == "true")
        #expect(rows[2]["ro_type"] == "warranty")
    }

    @Test func yonyouLaborLines() throws {
        let rows = try Self.load(profile: "yonyou-ro-labor", sample: "ROLABOR_DLR001_20261126.txt")
        #expect(rows.map { $0["pay_type"] } == ["", "internal", "warranty"])
        #expect(rows[0]["sold_hours"] == "0.8")
        #expect(rows[0]["technician_id"] == "T001")
    }

    @Test func yonyouPartLinesInvertTheMissingFlag() throws {
        let rows = try Self.load(profile: "yonyou-ro-parts", sample: "ROPART_DLR001_20261126.txt")
        #expect(rows.map { $0["filled_from_stock"] } == ["true", "false", "true"])
        #expect(rows.map { $0["pay_type"] } == ["", "internal", "warranty"])
    }

    @Test func partsLedgerMovementTypes() throws {
        let rows = try Self.load(profile: "cn-parts-ledger", sample: "PARTS_LEDGER_DLR003_202611.csv")
        #expect(rows.map { $0["movement_type"] } == [
            "receipt", "receipt", "issue_to_ro", "counter_sale", "relocation", "stocktake_loss",
        ])
        #expect(rows.allSatisfy { $0["dealer_code"] == "DLR003" })
        #expect(rows[0]["moved_at"] == "2026-11-02 09-15-00")
    }

    @Test func truncatedInterfaceFileFailsTheTrailerCheck() throws {
        let profile = try SourceProfile.load(path: XMLTestFiles.sample("profiles/yonyou-repair-orders.toml"))
        let rule = try #require(profile.trailer)
        var check = TrailerCheck(rule: rule, file: "RO_DLR001_20261126.txt")
        let lines = try Self.lines("samples/profiles/RO_DLR001_20261126.txt")
        // The last data record and the trailer are lost in transfer.
        var records = 0
        for (index, line) in lines.enumerated().dropFirst(profile.headerRow).dropLast(2) {
            if try check.consume(rawRecord: line, line: index + 1) { continue }
            records += 1
        }
        #expect(throws: FeedFileError.self) { try check.finish(dataRecords: records) }
    }
}
