import Testing
import TestSupport
import Ledger

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

    @Test(arguments: vectors)
    func nistVectorsStreamedByteByByte(message: String, expected: String) {
        var hasher = SHA256()
        for byte in message.utf8 { hasher.update([byte]) }
        #expect(hasher.finalizeHex() == expected)
    }

    @Test func oneMillionA() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func oneMillionAInOneCall() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(SHA256.digest(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A copied hasher continues on its own (copy on write of the libcrypto context).
    @Test func aCopyContinuesIndependently() {
        var first = SHA256()
        first.update(Array("ab".utf8))
        var second = first
        second.update(Array("c".utf8))
        first.update(Array("x".utf8))
        #expect(second.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(first.finalizeHex() == SHA256.hex(SHA256.digest(Array("abx".utf8))))
    }

    /// The same bytes at every offset 0…15 from a 16-byte boundary hash alike.
    @Test func oddAlignments() {
        let message = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = SHA256.digest(message)
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: message.count + 16, alignment: 16)
        defer { storage.deallocate() }
        for offset in 0..<16 {
            let slice = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<offset + message.count])
            slice.copyBytes(from: message)
            var hasher = SHA256()
            hasher.update(UnsafeRawBufferPointer(slice))
            #expect(hasher.finalize() == expected, "offset \(offset)")
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
