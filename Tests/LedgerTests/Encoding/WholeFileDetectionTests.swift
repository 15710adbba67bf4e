import Foundation
import Testing
import Ledger
import TestSupport

/// `--encoding auto` on a regular file validates all of it (issue #12 item 3).
@Suite struct WholeFileDetectionTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory("encoding") }

    /// `count` ASCII bytes of CSV-looking rows.
    func asciiRows(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var row = 0
        while bytes.count < count {
            bytes += Array("DLR001,RO\(row),ok\n".utf8)
            row += 1
        }
        return Array(bytes.prefix(count)).dropLastToNewline()
    }

    func detect(_ bytes: [UInt8]) throws -> TextEncoding {
        let path = try directory.write("f-\(UUID().uuidString).csv", bytes: bytes)
        return try EncodingDetector.detectWholeFile(path: path)
    }

    @Test func gbkWhoseFirstChineseIsAfter64KiBIsGB18030() throws {
        let bytes = asciiRows(200_000) + gb18030Encoded("DLR001,RO1,上海浦东\n")
        #expect(bytes.count > 3 * EncodingDetector.sampleSize)
        #expect(try detect(bytes) == .gb18030)
        // The first-64-KiB rule would have said UTF-8.
        #expect(EncodingDetector.detect(Array(bytes.prefix(EncodingDetector.sampleSize)), isWholeFile: false) == .utf8)
        let path = try directory.write("late.csv", bytes: bytes)
        #expect(try EncodingDetector.open(path: path, encoding: .auto).encoding == .gb18030)
    }

    @Test func gbkAfterTheFirstMegabyteIsGB18030() throws {
        #expect(try detect(asciiRows(3 << 20) + gb18030Encoded("经销商\n")) == .gb18030)
    }

    @Test func validUTF8ThroughoutIsUTF8() throws {
        #expect(try detect(asciiRows(300_000) + Array("DLR001,RO1,上海浦东\n".utf8)) == .utf8)
        #expect(try detect([]) == .utf8)
    }

    /// A character cut by the pass's 1 MiB read is carried into the next read.
    @Test(arguments: [0, 1, 2, 3])
    func aCharacterAcrossTheReadBoundaryIsValid(shift: Int) throws {
        let prefix = [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) - 3 + shift)
        #expect(try detect(prefix + Array("经销商\n".utf8)) == .utf8)
    }

    @Test func aTruncatedCharacterAtTheEndIsNotUTF8() throws {
        #expect(try detect(asciiRows(100_000) + Array(Array("经".utf8).dropLast())) == .gb18030)
    }

    /// A UTF-8 file with a damaged byte late on stays UTF-8 (the damaged rows are rejected),
    /// where the 64 KiB rule read a small one as GB18030 and loaded mojibake.
    @Test func utf8WithLateDamageStaysUTF8() throws {
        let text = Array("DLR001,上海浦东之星,华东\n".utf8)
        #expect(try detect(text + [0xFF] + Array(",x\n".utf8)) == .utf8)
        #expect(try detect(asciiRows(200_000) + text + text + [0x80, 0x0A]) == .utf8)
    }

    @Test func aByteOrderMarkDecides() throws {
        #expect(try detect([0xEF, 0xBB, 0xBF] + gb18030Encoded("经销商\n")) == .utf8)
    }

    /// Word-at-a-time ASCII skipping finds an invalid byte at every offset.
    @Test(arguments: Array(0..<24))
    func validationFindsAnInvalidByteAtEveryOffset(offset: Int) {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
        bytes[offset] = 0xFF
        #expect(bytes.withUnsafeBytes { UTF8Validation.validate($0) } == .invalid(offset: offset))
        bytes[offset] = 0xE4
        let expected: UTF8Validation.Outcome = offset == 23 ? .truncated(offset: offset) : .invalid(offset: offset)
        #expect(bytes.withUnsafeBytes { UTF8Validation.validate($0) } == expected)
    }
}

extension Array where Element == UInt8 {
    /// Cut after the last newline.
    fileprivate func dropLastToNewline() -> [UInt8] {
        guard let last = lastIndex(of: 0x0A) else { return self }
        return Array(self[...last])
    }
}
