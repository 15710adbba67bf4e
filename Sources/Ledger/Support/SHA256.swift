import CSHA256

/// A streaming SHA-256 (FIPS 180-4): feed bytes with `update`, then `finalize`.
///
/// Used for the batch ledger (a file whose digest was already loaded is skipped), so files
/// are hashed chunk by chunk in constant memory. On x86 CPUs with the SHA extensions the
/// block compression runs in the CSHA256 C target (≈ 10× faster); elsewhere it is the
/// portable Swift compression below. Both give the same digests.
public struct SHA256: Sendable {
    /// Which block compression function a hasher runs.
    enum Compression: Sendable, CaseIterable {
        /// The Swift implementation of FIPS 180-4, 6.2.2; runs everywhere.
        case portable
        /// The Intel SHA extensions (CSHA256); only when `hardwareAvailable`.
        case hardware
    }

    /// Whether this CPU has the SHA extensions, asked once (CPUID).
    static let hardwareAvailable = csha256_hardware_available() != 0

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    private var totalBytes: UInt64 = 0
    private var schedule = [UInt32](repeating: 0, count: 64)
    private let compression: Compression

    public init() {
        compression = SHA256.hardwareAvailable ? .hardware : .portable
    }

    /// The compression this hasher runs (for tests).
    var compressionInUse: Compression { compression }

    /// A hasher using `compression`; `.hardware` falls back to `.portable` on a CPU without
    /// the SHA extensions. Lets tests compare the two.
    init(compression: Compression) {
        self.compression = compression == .hardware && !SHA256.hardwareAvailable ? .portable : compression
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        totalBytes &+= UInt64(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            if blockCount == 0 && count - index >= 64 {
                let whole = (count - index) / 64 * 64
                compressBlocks(UnsafeRawBufferPointer(rebasing: bytes[index..<index + whole]))
                index += whole
                continue
            }
            let take = min(64 - blockCount, count - index)
            for offset in 0..<take { block[blockCount + offset] = bytes[index + offset] }
            blockCount += take
            index += take
            if blockCount == 64 {
                let full = block
                full.withUnsafeBytes { compressBlocks($0) }
                blockCount = 0
            }
        }
    }

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// Pads the message and returns the 32-byte digest. The hasher must not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = totalBytes &* 8
        var padding: [UInt8] = [0x80]
        let afterMarker = (blockCount + 1) % 64
        let zeros = afterMarker <= 56 ? 56 - afterMarker : 120 - afterMarker
        padding.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) { padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedTotal = totalBytes
        update(padding)
        totalBytes = savedTotal
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }

    /// Pads the message and returns the digest as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String { SHA256.hex(finalize()) }

    /// The digest of `bytes` in one call.
    public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hex text of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    private static func rotateRight(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }

    /// Compresses `blocks` (a whole number of 64-byte blocks) into the state.
    private mutating func compressBlocks(_ blocks: UnsafeRawBufferPointer) {
        switch compression {
        case .hardware:
            guard let base = blocks.baseAddress else { return }
            let count = blocks.count / 64
            withUnsafeMutablePointer(to: &state) { tuple in
                tuple.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    csha256_compress_blocks(words, base.assumingMemoryBound(to: UInt8.self), count)
                }
            }
        case .portable:
            var offset = 0
            while offset + 64 <= blocks.count {
                compress(UnsafeRawBufferPointer(rebasing: blocks[offset..<offset + 64]))
                offset += 64
            }
        }
    }

    /// The portable compression of one 64-byte block.
    private mutating func compress(_ chunk: UnsafeRawBufferPointer) {
        var (a, b, c, d, e, f, g, h) = state
        schedule.withUnsafeMutableBufferPointer { w in
            SHA256.roundConstants.withUnsafeBufferPointer { k in
                for t in 0..<16 {
                    let base = t * 4
                    w[t] =
                        UInt32(chunk[base]) << 24 | UInt32(chunk[base + 1]) << 16 | UInt32(chunk[base + 2]) << 8
                        | UInt32(chunk[base + 3])
                }
                for t in 16..<64 {
                    let w15 = w[t - 15]
                    let w2 = w[t - 2]
                    let s0 = SHA256.rotateRight(w15, 7) ^ SHA256.rotateRight(w15, 18) ^ (w15 >> 3)
                    let s1 = SHA256.rotateRight(w2, 17) ^ SHA256.rotateRight(w2, 19) ^ (w2 >> 10)
                    w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
                }
                for t in 0..<64 {
                    let s1 = SHA256.rotateRight(e, 6) ^ SHA256.rotateRight(e, 11) ^ SHA256.rotateRight(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let temp1 = h &+ s1 &+ choice &+ k[t] &+ w[t]
                    let s0 = SHA256.rotateRight(a, 2) ^ SHA256.rotateRight(a, 13) ^ SHA256.rotateRight(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let temp2 = s0 &+ majority
                    h = g
                    g = f
                    f = e
                    e = d &+ temp1
                    d = c
                    c = b
                    b = a
                    a = temp1 &+ temp2
                }
            }
        }
        state.0 &+= a
        state.1 &+= b
        state.2 &+= c
        state.3 &+= d
        state.4 &+= e
        state.5 &+= f
        state.6 &+= g
        state.7 &+= h
    }

    /// The digest of everything `source` yields, read in 1 MiB chunks.
    public static func digest(of source: any ByteSource) throws -> [UInt8] {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
        return hasher.finalize()
    }
}
