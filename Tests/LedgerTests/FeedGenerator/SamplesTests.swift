import Foundation
import Testing
@testable import FeedGenerator
@testable import Ledger

/// The shipped samples are what the generator writes, and the hand-made files are what
/// samples/README.md and samples/feeds-bad/EXPECTED.md say they are.
@Suite struct SamplesTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples").path

    /// The spec of the command in samples/README.md.
    static let sampleSpec = NetworkSpec(dealers: 4, regions: 2, brands: 2, endMonth: CivilMonth(year: 2026, month: 10), months: 16, scale: 0.6, seed: 20261031)

    func data(_ relative: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: Self.samples + "/" + relative)) }

    @Test func readmeShowsTheCommandThatMadeTheSamples() throws {
        let readme = try String(contentsOfFile: Self.samples + "/README.md", encoding: .utf8)
        #expect(readme.contains("--dealers 4 --regions 2 --brands 2 --months 16 --end 2026-10 --scale 0.6 --seed 20261031"))
    }

    @Test func generatedSamplesAreByteIdenticalToTheGenerator() throws {
        let folder = try GeneratorScratchFolder()
        let files = try NetworkGenerator(spec: Self.sampleSpec).write(to: folder.path)
        #expect(files.count == 73)
        var written: Set<String> = []
        for file in files {
            let name = String(file.path.dropFirst(folder.path.count + 1))
            written.insert(name)
            let fresh = try Data(contentsOf: URL(fileURLWithPath: file.path))
            let shipped = try data("feeds/" + name)
            #expect(fresh == shipped, "samples/feeds/\(name) differs from the generator's output; regenerate it")
        }
        let shippedNames = try FileManager.default.subpathsOfDirectory(atPath: Self.samples + "/feeds")
            .filter { $0.hasSuffix(".csv") && !$0.hasPrefix("formats/") }
        #expect(Set(shippedNames) == written)
    }

    @Test func gb18030FileHasChineseHeadersAndIsNotUTF8() throws {
        let bytes = try data("feeds/formats/repair_orders_DLR001_gb18030.csv")
        // 经销商代码 in GB18030.
        #expect(Array(bytes.prefix(10)) == [0xBE, 0xAD, 0xCF, 0xFA, 0xC9, 0xCC, 0xB4, 0xFA, 0xC2, 0xEB])
        #expect(String(data: bytes, encoding: .utf8) == nil)
    }

    @Test func bomFileHasABOMAndCRLFLineEnds() throws {
        let bytes = [UInt8](try data("feeds/formats/ro_labor_DLR001_bom_crlf.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lineFeeds.count == 7)
        #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
    }

    @Test func semicolonFileUsesSemicolons() throws {
        let text = try #require(String(data: try data("feeds/formats/ro_parts_DLR001_semicolon.csv"), encoding: .utf8))
        let reader = CSVReader(source: MemoryByteSource(text), delimiter: UInt8(ascii: ";"))
        var counts: [Int] = []
        while try reader.next() { counts.append(reader.count) }
        #expect(counts.count == 8)
        #expect(counts.allSatisfy { $0 == 9 })
    }

    @Test func quotedFileHoldsCommasLineBreaksAndQuotes() throws {
        let parsed = try readGeneratedCSV(Self.samples + "/feeds/formats/repair_orders_DLR002_quoted.csv")
        #expect(parsed.problems.isEmpty)
        let complaints = parsed.rows.map { $0[14] }
        #expect(complaints.count == 3)
        #expect(complaints[0].contains(","))
        #expect(complaints[1].contains("\n"))
        #expect(complaints[2].contains("\"像是皮带打滑\""))
    }

    @Test func handMadeRowsReferToTheGeneratedNetwork() throws {
        let vehicles = Set(try readGeneratedCSV(Self.samples + "/feeds/2-master/vehicles_DLR001.csv").rows.map { $0[0] }
            + readGeneratedCSV(Self.samples + "/feeds/2-master/vehicles_DLR002.csv").rows.map { $0[0] })
        let quoted = try readGeneratedCSV(Self.samples + "/feeds/formats/repair_orders_DLR002_quoted.csv").rows.map { $0[2] }
        #expect(quoted.allSatisfy(vehicles.contains))
        // The GB18030 file's VINs are ASCII: find them by pattern in the raw bytes.
        let raw = try data("feeds/formats/repair_orders_DLR001_gb18030.csv")
        let ascii = String(decoding: raw.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        let vins = ascii.split(separator: ",").map(String.init).filter { $0.count == 17 && VINCode.isValid($0) }
        #expect(vins.count == 5)
        #expect(vins.allSatisfy(vehicles.contains))
    }

    struct Expectation {
        let file: String, outcome: String, exitCode: Int, rowsRead: Int, rejected: Int, line: Int?, column: String
    }

    func expectations() throws -> [Expectation] {
        try readGeneratedCSV(Self.samples + "/feeds-bad/expected.csv").rows.map { row in
            Expectation(file: row[0], outcome: row[1], exitCode: Int(row[2]) ?? -1, rowsRead: Int(row[3]) ?? -1,
                        rejected: Int(row[4]) ?? -1, line: Int(row[5]), column: row[6])
        }
    }

    @Test func expectedOutcomesCoverEveryBadFileConsistently() throws {
        let expected = try expectations()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples + "/feeds-bad").filter { $0.hasSuffix(".csv") && $0 != "expected.csv" }
        #expect(Set(expected.map(\.file)) == Set(names))
        for (file, rows) in Dictionary(grouping: expected, by: \.file) {
            let first = try #require(rows.first)
            #expect(rows.allSatisfy { $0.outcome == first.outcome && $0.rowsRead == first.rowsRead && $0.rejected == first.rejected })
            #expect(["loaded", "rolled_back", "failed"].contains(first.outcome))
            let listed = rows.filter { $0.line != nil }.count
            #expect(listed == first.rejected, "\(file)")
            if first.outcome != "failed" {
                let rate = Double(first.rejected) / Double(first.rowsRead)
                #expect((rate > 0.05) == (first.outcome == "rolled_back"), "\(file)")
                #expect(first.exitCode == (first.outcome == "rolled_back" ? 65 : first.rejected > 0 ? 1 : 0), "\(file)")
                // rows_read is the number of records after the header.
                let parsed = try readGeneratedCSV(Self.samples + "/feeds-bad/" + file)
                #expect(parsed.rows.count == first.rowsRead, "\(file)")
            } else {
                #expect(first.exitCode == 65)
            }
        }
    }

    @Test func rejectedLinesHoldTheDefect() throws {
        let defects: [String: String] = [
            "ro_parts_decimals.csv": "1.12345", "sales_orders_bad_date.csv": "2026-13-01", "repair_orders_unknown_enum.csv": "oil_change",
            "vehicles_vin_with_i_o_q.csv": "LLHS5A2BIOQ000001", "ro_labor_reject_rate_at_limit.csv": "1.23456",
        ]
        for expectation in try expectations() {
            guard let defect = defects[expectation.file], let line = expectation.line else { continue }
            let text = try #require(String(data: try data("feeds-bad/" + expectation.file), encoding: .utf8))
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[line - 1].contains(defect), "\(expectation.file):\(line)")
        }
        let wrongCheck = try #require(String(data: try data("feeds-bad/vehicles_vin_wrong_check_digit.csv"), encoding: .utf8))
            .split(separator: "\n")[5].split(separator: ",")[0]
        #expect(VINCode.checkDigit(of: String(wrongCheck)) != nil)
        #expect(!VINCode.isValid(String(wrongCheck)))
    }
}
