import Testing
import TestSupport
@testable import Ledger

@Suite struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    /// The compressions to check: the portable one always, the SHA extensions where the CPU
    /// has them (elsewhere `.hardware` would silently run the portable code again).
    static let compressions: [SHA256.Compression] =
        SHA256.hardwareAvailable ? [.portable, .hardware] : [.portable]

    static func digest(_ bytes: UnsafeRawBufferPointer, _ compression: SHA256.Compression) -> [UInt8] {
        var hasher = SHA256(compression: compression)
        hasher.update(bytes)
        return hasher.finalize()
    }

    static func digest(_ bytes: [UInt8], _ compression: SHA256.Compression) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0, compression) }
    }

    @Test(arguments: vectors)
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hex(SHA256.digest(Array(message.utf8))) == expected)
    }

    @Test(arguments: compressions, vectors)
    func nistVectorsWithEachCompression(compression: SHA256.Compression, vector: (String, String)) {
        #expect(SHA256.hex(Self.digest(Array(vector.0.utf8), compression)) == vector.1)
    }

    @Test(arguments: compressions)
    func oneMillionA(compression: SHA256.Compression) {
        var hasher = SHA256(compression: compression)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// One million 'a' in a single `update`, so the hardware path compresses 15,625 blocks in
    /// one call.
    @Test(arguments: compressions)
    func oneMillionAInOneCall(compression: SHA256.Compression) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(Self.digest(message, compression)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The default hasher takes the hardware path exactly when the CPU has it.
    @Test func defaultCompressionFollowsTheCPU() {
        #expect(SHA256().compressionInUse == (SHA256.hardwareAvailable ? .hardware : .portable))
        #expect(SHA256(compression: .portable).compressionInUse == .portable)
    }

    /// Seeded random messages of 0…10,000 bytes, fed in random pieces: the hardware and the
    /// portable compression agree.
    @Test(.enabled(if: SHA256.hardwareAvailable, "CPU without SHA extensions"))
    func hardwareMatchesPortableOnRandomInputs() {
        var random = SeededRandom(state: 0x5348_4132_3536)
        for _ in 0..<300 {
            let length = random.next(10_001)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next(256)) }
            let portable = Self.digest(message, .portable)
            #expect(Self.digest(message, .hardware) == portable, "length \(length)")
            var pieces = SHA256(compression: .hardware)
            var index = 0
            while index < length {
                let end = min(length, index + 1 + random.next(300))
                pieces.update(message[index..<end])
                index = end
            }
            #expect(pieces.finalize() == portable, "length \(length) in pieces")
        }
    }

    /// The same bytes at every offset 0…15 from a 16-byte boundary hash alike on both paths
    /// (the hardware path loads unaligned).
    @Test(arguments: compressions)
    func oddAlignments(compression: SHA256.Compression) {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = Self.digest(message, .portable)
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: message.count + 16, alignment: 16)
        defer { storage.deallocate() }
        for offset in 0..<16 {
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<offset + message.count])
            slice.copyBytes(from: message)
            #expect(Self.digest(UnsafeRawBufferPointer(slice), compression) == expected, "offset \(offset)")
        }
    }

    /// Splitting the message at any point gives the same digest as hashing it whole.
    @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127])
    func chunkingDoesNotMatter(step: Int) {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var hasher = SHA256()
        var index = 0
        while index < message.count {
            hasher.update(message[index..<min(index + step, message.count)])
            index += step
        }
        #expect(hasher.finalize() == SHA256.digest(message))
    }

    @Test func digestOfAByteSource() throws {
        let source = MemoryByteSource(Array("abc".utf8), chunkLimit: 1)
        #expect(SHA256.hex(try SHA256.digest(of: source)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    /// Lengths around the padding boundaries, checked against `sha256sum`.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
    ])
    func paddingBoundaries(length: Int, expected: String) {
        let message = [UInt8](repeating: 0x61, count: length)
        var single = SHA256()
        for byte in message { single.update([byte]) }
        #expect(single.finalizeHex() == expected)
    }
}
