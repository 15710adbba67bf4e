#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stream of bytes read in chunks. Readers pull from it; nothing holds a whole file.
public protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; returns how many, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An I/O failure while reading an input file.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case missing, unreadable }
    public var kind: Kind
    public var path: String
    public var reason: String

    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Bytes of a file, read with `read(2)`.
public final class FileByteSource: ByteSource {
    private let descriptor: Int32
    public let path: String

    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw InputError(
                kind: code == ENOENT ? .missing : .unreadable, path: path,
                reason: String(cString: strerror(code)))
        }
        descriptor = fd
        self.path = path
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputError(kind: .unreadable, path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Bytes held in memory (tests, small inputs).
public final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    /// At most this many bytes per `read`, to exercise chunk boundaries in tests.
    private let chunkLimit: Int

    public init(_ bytes: [UInt8], chunkLimit: Int = .max) {
        self.bytes = bytes
        self.chunkLimit = max(1, chunkLimit)
    }

    public convenience init(_ text: String, chunkLimit: Int = .max) {
        self.init(Array(text.utf8), chunkLimit: chunkLimit)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, chunkLimit)
        guard n > 0, let target = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { target.copyMemory(from: base + offset, byteCount: n) }
        }
        offset += n
        return n
    }
}
