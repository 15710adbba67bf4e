import COpenSSL

/// A streaming SHA-256 (FIPS 180-4): feed bytes with `update`, then `finalize`.
///
/// Used for the batch ledger (a file whose digest was already loaded is skipped) and the
/// bundle manifests, so files are hashed chunk by chunk in constant memory. The work is
/// done by OpenSSL's libcrypto (its EVP interface; SHA extensions / AVX2 where the CPU has
/// them), which measured faster than swift-crypto here (docs/benchmarks.md, "SHA-256").
/// This is the only file that calls libcrypto (scripts/lint.sh).
public struct SHA256: @unchecked Sendable {
    /// Owns one EVP digest context.
    private final class Context {
        let handle: OpaquePointer

        init?() {
            guard let handle = EVP_MD_CTX_new() else { return nil }
            guard EVP_DigestInit_ex(handle, EVP_sha256(), nil) == 1 else {
                EVP_MD_CTX_free(handle)
                return nil
            }
            self.handle = handle
        }

        /// A context in the same state as `other`.
        init?(copying other: Context) {
            guard let handle = EVP_MD_CTX_new() else { return nil }
            guard EVP_MD_CTX_copy_ex(handle, other.handle) == 1 else {
                EVP_MD_CTX_free(handle)
                return nil
            }
            self.handle = handle
        }

        deinit { EVP_MD_CTX_free(handle) }
    }

    /// nil only when libcrypto could not allocate a context; `finalize` then returns no bytes
    /// rather than a wrong digest, so that no caller can mistake it for one.
    private var context: Context?

    public init() {
        context = Context()
    }

    /// Copy on write: a copied hasher continues independently.
    private mutating func uniqueContext() -> Context? {
        guard let current = context else { return nil }
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: current) }
        return context
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let context = uniqueContext(), let base = bytes.baseAddress, bytes.count > 0 else { return }
        if EVP_DigestUpdate(context.handle, base, bytes.count) != 1 { self.context = nil }
    }

    /// Adds bytes to the message.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything added. The hasher is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        guard let context = uniqueContext() else { return [] }
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let status = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context.handle, $0.baseAddress, &length) }
        self.context = nil
        guard status == 1, length == 32 else { return [] }
        return digest
    }

    /// The digest as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String { SHA256.hex(finalize()) }

    /// The digest of `bytes`.
    public static func digest<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Lowercase hex of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of everything `source` yields, read in 1 MiB chunks.
    public static func digest(of source: any ByteSource) throws -> [UInt8] {
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<n]))
        }
        return hasher.finalize()
    }
}
