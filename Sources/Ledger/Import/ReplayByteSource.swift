/// Reads the first bytes of a source ahead (to detect the delimiter), then hands them out
/// again before the rest: the consumer sees the whole stream once.
final class ReplayByteSource: ByteSource {
    private let upstream: any ByteSource
    private(set) var prefix: [UInt8] = []
    private var offset = 0

    init(_ upstream: any ByteSource, peek count: Int) throws {
        self.upstream = upstream
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try buffer.withUnsafeMutableBytes { raw in
                try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        prefix = Array(buffer[..<filled])
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if offset < prefix.count {
            let n = min(buffer.count, prefix.count - offset)
            prefix.withUnsafeBytes { raw in
                if let base = raw.baseAddress, let target = buffer.baseAddress {
                    target.copyMemory(from: base + offset, byteCount: n)
                }
            }
            offset += n
            if offset == prefix.count { prefix = [] ; offset = Int.max }
            return n
        }
        return try upstream.read(into: buffer)
    }
}

/// Passes a stream through while working out its SHA-256 and length (standard input, which
/// cannot be read twice).
final class HashingByteSource: ByteSource {
    private let upstream: any ByteSource
    private var hasher = SHA256()
    private var digest: String?
    private(set) var count: Int64 = 0

    init(_ upstream: any ByteSource) { self.upstream = upstream }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try upstream.read(into: buffer)
        if n > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
            count += Int64(n)
        }
        return n
    }

    /// The digest of the whole stream: reads what the loader left unread (after the last
    /// record), so that it is the digest of every byte.
    func finalizeHex() -> String {
        if let digest { return digest }
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { scratch.deallocate() }
        while let n = try? read(into: scratch), n > 0 {}
        let value = hasher.finalizeHex()
        digest = value
        return value
    }
}
