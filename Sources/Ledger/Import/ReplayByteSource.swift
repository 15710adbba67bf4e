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
