import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import Ledger

/// Reads `source` to the end with reads of at most `readSize` bytes.
func drain(_ source: any ByteSource, readSize: Int = 4096) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: readSize)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { return out }
        out.append(contentsOf: buffer[..<n])
    }
}

func decode(_ bytes: [UInt8], chunk: Int = .max, readSize: Int = 4096, bufferSize: Int = 64) throws -> [UInt8] {
    let source = try TranscodingByteSource(
        wrapping: MemoryByteSource(bytes, chunkLimit: chunk), from: .gb18030, bufferSize: bufferSize)
    return try drain(source, readSize: readSize)
}

@Suite struct TranscodingByteSourceTests {
    /// Bytes checked with `iconv -f UTF-8 -t GB18030`.
    static let known: [(String, [UInt8])] = [
        ("经销商,工单号", [0xBE, 0xAD, 0xCF, 0xFA, 0xC9, 0xCC, 0x2C, 0xB9, 0xA4, 0xB5, 0xA5, 0xBA, 0xC5]),
        ("𠀀", [0x95, 0x32, 0x82, 0x36]),
        ("€", [0xA2, 0xE3]),
        ("a€b𠀀c经", [0x61, 0xA2, 0xE3, 0x62, 0x95, 0x32, 0x82, 0x36, 0x63, 0xBE, 0xAD]),
    ]

    @Test(arguments: known)
    func decodesKnownBytes(text: String, bytes: [UInt8]) throws {
        #expect(gb18030Encoded(text) == bytes)
        #expect(try decode(bytes) == Array(text.utf8))
    }

    static let sample =
        "经销商代码,工单号,车架号,金额\r\nDLR001,RO-2026-0001,1M8GDM9AXKP042788,\"1,007.32\"\n"
        + "DLR002,工单𠀀𠀁,LSVAU2180N2183294,€12\n服务站,维修工单号,车辆识别代号,配件代码\n"

    /// Every chunk size from 1 byte up: multibyte sequences split at every offset.
    @Test(arguments: Array(1...24))
    func chunkBoundariesAtEveryOffset(chunk: Int) throws {
        let bytes = gb18030Encoded(TranscodingByteSourceTests.sample)
        #expect(!bytes.isEmpty)
        #expect(try decode(bytes, chunk: chunk) == Array(TranscodingByteSourceTests.sample.utf8))
    }

    /// Tiny caller buffers and tiny internal buffers still produce the whole text.
    @Test(arguments: [1, 2, 3, 5, 4096])
    func smallReads(readSize: Int) throws {
        let bytes = gb18030Encoded(TranscodingByteSourceTests.sample)
        #expect(try decode(bytes, chunk: 7, readSize: readSize) == Array(TranscodingByteSourceTests.sample.utf8))
    }

    @Test func longInputStreamsThroughSmallBuffers() throws {
        let text = String(repeating: "经销商𠀀€,abc\n", count: 2000)
        #expect(try decode(gb18030Encoded(text), chunk: 333, bufferSize: 100) == Array(text.utf8))
    }

    static let invalid: [([UInt8], [UInt8])] = [
        // A lone 0x80 and 0xFF are not GB18030.
        ([0x61, 0x80, 0x62], [0x61, 0xFF, 0x62]),
        ([0xFF], [0xFF]),
        // A lead byte followed by an ASCII byte: marker, then the ASCII byte is kept.
        ([0x81, 0x20, 0x41], [0xFF, 0x20, 0x41]),
        // Two bad bytes in a row give two markers, then decoding resumes.
        ([0x80, 0x80, 0xBE, 0xAD], [0xFF, 0xFF] + Array("经".utf8)),
        // A truncated 2-byte and 4-byte sequence at the end of input.
        ([0x61, 0xBE], [0x61, 0xFF]),
        ([0x61, 0x95, 0x32, 0x82], [0x61, 0xFF]),
    ]

    @Test(arguments: invalid)
    func invalidBytesBecomeMarkers(input: [UInt8], expected: [UInt8]) throws {
        for chunk in 1...4 {
            #expect(try decode(input, chunk: chunk) == expected)
        }
    }

    @Test func markedRowFailsUTF8Validation() throws {
        let decoded = try decode(gb18030Encoded("好,") + [0x80] + gb18030Encoded(",行\n"))
        #expect(decoded.withUnsafeBytes { UTF8Validation.isValid($0) } == false)
    }

    @Test func emptyInput() throws {
        #expect(try decode([]) == [])
    }
}

@Suite struct EncodingDetectorTests {
    @Test func byteOrderMarkMeansUTF8() {
        #expect(EncodingDetector.detect([0xEF, 0xBB, 0xBF, 0x80], isWholeFile: true) == .utf8)
    }

    @Test func validUTF8() {
        #expect(EncodingDetector.detect(Array("经销商代码,vin\n".utf8), isWholeFile: true) == .utf8)
        #expect(EncodingDetector.detect([], isWholeFile: true) == .utf8)
    }

    @Test func gbkBytesMeanGB18030() {
        #expect(EncodingDetector.detect(gb18030Encoded("经销商代码,工单号\n"), isWholeFile: true) == .gb18030)
    }

    @Test func sequenceCutBySamplingIsAllowed() {
        let cut = Array(Array("ab经".utf8).dropLast())
        #expect(EncodingDetector.detect(cut, isWholeFile: false) == .utf8)
        #expect(EncodingDetector.detect(cut, isWholeFile: true) == .gb18030)
    }

    @Test func openPicksTheEncoding() throws {
        let directory = "/tmp/ledger-values-tests-\(getpid())"
        mkdir(directory, 0o755)
        defer {
            unlink(directory + "/gbk.csv")
            unlink(directory + "/utf8.csv")
            rmdir(directory)
        }
        let text = "经销商代码,工单号\nDLR001,工单1\n"
        try write(gb18030Encoded(text), to: directory + "/gbk.csv")
        try write(Array(text.utf8), to: directory + "/utf8.csv")

        let gbk = try EncodingDetector.open(path: directory + "/gbk.csv", encoding: .auto)
        #expect(gbk.encoding == .gb18030)
        #expect(try drain(gbk.source) == Array(text.utf8))

        let utf8 = try EncodingDetector.open(path: directory + "/utf8.csv", encoding: .auto)
        #expect(utf8.encoding == .utf8)
        #expect(try drain(utf8.source) == Array(text.utf8))

        let forced = try EncodingDetector.open(path: directory + "/utf8.csv", encoding: .utf8)
        #expect(forced.encoding == .utf8)
        #expect(throws: InputError.self) { try EncodingDetector.open(path: directory + "/none.csv", encoding: .auto) }
    }

    @Test(arguments: [("auto", EncodingChoice.auto), ("UTF8", .utf8), ("utf-8", .utf8), ("GBK", .gb18030), ("gb18030", .gb18030)])
    func choiceArguments(text: String, expected: EncodingChoice) {
        #expect(EncodingChoice(argument: text) == expected)
    }

    func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = fopen(path, "wb") else { throw InputError(kind: .unreadable, path: path, reason: "cannot create") }
        defer { fclose(file) }
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    }
}

@Suite struct UTF8ValidationTests {
    static let cases: [([UInt8], UTF8Validation.Outcome)] = [
        (Array("abc经𠀀".utf8), .valid),
        ([0xC0, 0x80], .invalid(offset: 0)),  // overlong
        ([0x61, 0xED, 0xA0, 0x80], .invalid(offset: 1)),  // surrogate
        ([0xF4, 0x90, 0x80, 0x80], .invalid(offset: 0)),  // above U+10FFFF
        ([0x61, 0xE7, 0xBB], .truncated(offset: 1)),
        ([0xFF], .invalid(offset: 0)),
        ([0xE7, 0x41, 0x80], .invalid(offset: 0)),
    ]

    @Test(arguments: cases)
    func outcomes(bytes: [UInt8], expected: UTF8Validation.Outcome) {
        #expect(bytes.withUnsafeBytes { UTF8Validation.validate($0) } == expected)
    }
}
