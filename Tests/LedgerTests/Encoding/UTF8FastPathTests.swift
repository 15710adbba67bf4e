import Testing
@testable import Ledger

/// The ASCII fast path (32 bytes per step) and strict validation against a byte-at-a-time
/// reference and the standard library, at every alignment and every position of the first
/// non-ASCII byte.
@Suite struct UTF8FastPathTests {
    static func asciiRun(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBytes { UTF8Validation.asciiRunLength($0, from: start) }
    }

    @Test func asciiRunStopsAtTheFirstHighByteWhereverItIs() {
        for length in 0...80 {
            let ascii = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            for start in 0...min(length, 9) {
                #expect(Self.asciiRun(ascii, from: start) == length - start)
            }
            for position in 0..<length {
                var bytes = ascii
                bytes[position] = 0x80 | UInt8(position & 0x7F)
                for start in 0...min(position, 9) {
                    #expect(Self.asciiRun(bytes, from: start) == position - start, "length \(length) position \(position) start \(start)")
                }
            }
        }
    }

    @Test func validationAgreesWithTheStandardLibrary() {
        var generator = SplitMix64(seed: 12)
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("工单".utf8), Array("é".utf8), Array("😀".utf8), [0xC0, 0x80], [0xED, 0xA0, 0x80],
            [0xF4, 0x90, 0x80, 0x80], [0xE5, 0xB7], [0xB9], [0xFF], Array(repeating: UInt8(ascii: "x"), count: 40),
        ]
        for _ in 0..<4000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 8) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            let valid = bytes.withUnsafeBytes { UTF8Validation.isValid($0) }
            #expect(valid == expected, "\(bytes)")
        }
    }
}
