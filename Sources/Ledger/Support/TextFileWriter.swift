#if canImport(Glibc)
import Glibc
#endif

/// A buffered writer to a new file. Writes go to `<path>.partial` and the file appears
/// under its name only on `commit()`, so a reader never sees half a file.
public final class TextFileWriter {
    public let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var failed: InputError?

    public init(path: String) throws {
        self.path = path
        temporaryPath = path + ".partial"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw InputError(kind: .unreadable, path: path, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes.
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        try buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let n = Glibc.write(descriptor, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(kind: .unreadable, path: path, reason: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws {
        try flush()
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw InputError(kind: .unreadable, path: path, reason: "cannot sync: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else {
            throw InputError(kind: .unreadable, path: path, reason: "cannot rename into place: \(String(cString: strerror(errno)))")
        }
    }
}
