import Foundation
import Testing
@testable import Ledger
import TestSupport

/// The zip container through minizip: `ZipWriter` (zip.h into memory) writes deterministic,
/// standard containers that minizip's own reader (TestSupport.ZipParts, CRC-checked) reads;
/// `ZipArchive` / `ZipEntrySource` (unzip.h, raw entries inflated under the limits) refuse
/// encrypted entries, unknown methods, cut-off and corrupt data with the file named.
@Suite struct ZipContainerTests {
    static func container(_ parts: [(String, [UInt8])]) throws -> [UInt8] {
        var zip = ZipWriter()
        for (name, bytes) in parts { try zip.add(name, bytes) }
        return zip.finish()
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }

    /// Offsets of every local (PK\3\4) and central (PK\1\2) header.
    static func headers(_ bytes: [UInt8]) -> (local: [Int], central: [Int]) {
        var local: [Int] = []
        var central: [Int] = []
        for index in 0..<(bytes.count - 4) where bytes[index] == 0x50 && bytes[index + 1] == 0x4B {
            if bytes[index + 2] == 3 && bytes[index + 3] == 4 { local.append(index) }
            if bytes[index + 2] == 1 && bytes[index + 3] == 2 { central.append(index) }
        }
        return (local, central)
    }

    static func write(_ bytes: [UInt8], in directory: TemporaryDirectory, _ name: String = "t.xlsx") throws -> String {
        try directory.write(name, bytes: bytes)
    }

    static func readAll(_ source: ZipEntrySource) throws -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }

    @Test func writtenContainersAreDeterministicWithFixedTimestampsAndUTF8Names() throws {
        let big = (0..<50_000).flatMap { Array("row \($0) 中文\n".utf8) }
        let parts: [(String, [UInt8])] = [("a.xml", Array("<a/>".utf8)), ("xl/工作表.xml", big), ("empty", [])]
        let bytes = try Self.container(parts)
        #expect(try Self.container(parts) == bytes)
        let (local, central) = Self.headers(bytes)
        #expect(local.count == 3 && central.count == 3)
        for at in local {
            #expect(Self.u16(bytes, at + 6) == 0x0800)  // flags: UTF-8 name, no data descriptor
            #expect(Self.u16(bytes, at + 8) == 8)  // deflate
            #expect(Self.u16(bytes, at + 10) == 0 && Self.u16(bytes, at + 12) == 0x0021)  // 1980-01-01 00:00
            #expect(Self.u16(bytes, at + 28) == 0)  // no extra field
        }
        for at in central {
            #expect(Self.u16(bytes, at + 12) == 0 && Self.u16(bytes, at + 14) == 0x0021)
            #expect(Self.u16(bytes, at + 30) == 0)
        }
        let directory = try TemporaryDirectory("zip-writer")
        let path = try Self.write(bytes, in: directory)
        #expect(try ZipParts.names(in: path) == ["a.xml", "xl/工作表.xml", "empty"])
        #expect(try ZipParts.bytes(of: "xl/工作表.xml", in: path) == big)
        #expect(try ZipParts.bytes(of: "empty", in: path) == [])
        // The project's reader agrees.
        let archive = try ZipArchive(path: path, file: path, limits: WorkbookLimits())
        #expect(archive.entries.map(\.name) == ["a.xml", "xl/工作表.xml", "empty"])
        #expect(try Self.readAll(try archive.open(try #require(archive.entry(named: "XL/工作表.XML")))) == big)
    }

    @Test func streamedPartsEqualWholeParts() throws {
        let chunks = (0..<300).map { index in Array(String(repeating: "cell \(index);", count: 100).utf8) }
        var streamed = ZipWriter()
        var index = 0
        try streamed.add("s.xml", streaming: { chunk in
            chunk += chunks[index]
            index += 1
            return index < chunks.count
        })
        let directory = try TemporaryDirectory("zip-streamed")
        let path = try Self.write(streamed.finish(), in: directory)
        #expect(try ZipParts.bytes(of: "s.xml", in: path) == chunks.flatMap { $0 })
    }

    @Test func anEncryptedEntryIsRefusedWithWhatToDo() throws {
        var bytes = try Self.container([("xl/workbook.xml", Array("<workbook/>".utf8))])
        let (local, central) = Self.headers(bytes)
        bytes[local[0] + 6] |= 1
        bytes[central[0] + 8] |= 1
        let directory = try TemporaryDirectory("zip-encrypted")
        let path = try Self.write(bytes, in: directory)
        let archive = try ZipArchive(path: path, file: "t.xlsx", limits: WorkbookLimits())
        #expect {
            _ = try archive.open(try #require(archive.entry(named: "xl/workbook.xml")))
        } throws: { error in
            let message = (error as? FeedFileError)?.message ?? ""
            return message.contains("encrypted (password-protected)") && (error as? FeedFileError)?.file == "t.xlsx"
        }
    }

    @Test func anUnknownCompressionMethodIsRefused() throws {
        var bytes = try Self.container([("xl/workbook.xml", Array("<workbook/>".utf8))])
        let (local, central) = Self.headers(bytes)
        bytes[local[0] + 8] = 12  // bzip2
        bytes[central[0] + 10] = 12
        let directory = try TemporaryDirectory("zip-method")
        let path = try Self.write(bytes, in: directory)
        let archive = try ZipArchive(path: path, file: path, limits: WorkbookLimits())
        #expect(throws: FeedFileError.self) { _ = try archive.open(try #require(archive.entry(named: "xl/workbook.xml"))) }
    }

    @Test func corruptDeflateDataAndABadChecksumFailTheEntry() throws {
        let text = Array((0..<2000).map { "line \($0)\n" }.joined().utf8)
        let good = try Self.container([("p.xml", text)])
        let directory = try TemporaryDirectory("zip-corrupt")
        // A flipped CRC-32 in both headers: the data inflates, the check at the end fails.
        var badCRC = good
        let (local, central) = Self.headers(good)
        badCRC[local[0] + 14] ^= 0xFF
        badCRC[central[0] + 16] ^= 0xFF
        let crcPath = try Self.write(badCRC, in: directory, "crc.xlsx")
        let crcArchive = try ZipArchive(path: crcPath, file: crcPath, limits: WorkbookLimits())
        #expect {
            _ = try Self.readAll(try crcArchive.open(crcArchive.entries[0]))
        } throws: { ($0 as? FeedFileError)?.message.contains("CRC-32") == true }
        // Garbage in the middle of the deflate stream.
        var garbage = good
        let dataStart = local[0] + 30 + Int(Self.u16(good, local[0] + 26))
        for index in (dataStart + 20)..<(dataStart + 60) { garbage[index] = 0xFF }
        let garbagePath = try Self.write(garbage, in: directory, "garbage.xlsx")
        let garbageArchive = try ZipArchive(path: garbagePath, file: garbagePath, limits: WorkbookLimits())
        #expect {
            _ = try Self.readAll(try garbageArchive.open(garbageArchive.entries[0]))
        } throws: { ($0 as? FeedFileError)?.message.contains("corrupt") == true }
    }

    @Test(arguments: [0.3, 0.6, 0.95])
    func aCutOffContainerFailsAsTruncated(fraction: Double) throws {
        let bytes = try Self.container([("a.xml", Array(repeating: 65, count: 100_000)), ("b.xml", Array("<b/>".utf8))])
        let directory = try TemporaryDirectory("zip-cut")
        let path = try Self.write(Array(bytes.prefix(Int(Double(bytes.count) * fraction))), in: directory)
        #expect {
            _ = try ZipArchive(path: path, file: path, limits: WorkbookLimits())
        } throws: { ($0 as? FeedFileError)?.message.contains("truncated") == true }
    }

    @Test func tooManyEntriesAreRefusedFromTheDirectory() throws {
        let bytes = try Self.container((0..<20).map { ("p\($0)", [UInt8]()) })
        let directory = try TemporaryDirectory("zip-entries")
        let path = try Self.write(bytes, in: directory)
        #expect {
            _ = try ZipArchive(path: path, file: path, limits: WorkbookLimits(maxEntries: 10))
        } throws: { ($0 as? FeedFileError)?.message.contains("20 entries") == true }
    }

    @Test func aMissingFileIsAnInputError() {
        #expect(throws: InputError.self) { _ = try ZipArchive(path: "/nonexistent/x.xlsx", file: "x.xlsx", limits: WorkbookLimits()) }
    }
}
