#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Size limits that keep a workbook's container in bounded time, memory and output
/// (zip bombs). Checked against the central directory's declared sizes up front and
/// against the bytes really inflated while streaming (declared sizes can lie).
public struct WorkbookLimits: Sendable, Equatable {
    /// Most uncompressed bytes of one part (a worksheet). A full 1,048,576-row sheet of
    /// a dozen columns is about 0.5–1 GB of XML.
    public var maxPartBytes: Int64
    /// Most uncompressed bytes of all parts read from one workbook.
    public var maxTotalBytes: Int64
    /// Most uncompressed bytes per compressed byte, once a part has produced
    /// `ratioGraceBytes` (small parts of repeated markup compress very well).
    public var maxRatio: Int64
    public var ratioGraceBytes: Int64
    /// Most entries in the container.
    public var maxEntries: Int
    /// Shared-string bytes held in memory; above this they go to an anonymous temp file.
    public var sharedStringsInMemory: Int

    public init(
        maxPartBytes: Int64 = 4 << 30, maxTotalBytes: Int64 = 6 << 30, maxRatio: Int64 = 250,
        ratioGraceBytes: Int64 = 4 << 20, maxEntries: Int = 10_000, sharedStringsInMemory: Int = 32 << 20
    ) {
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxRatio = maxRatio
        self.ratioGraceBytes = ratioGraceBytes
        self.maxEntries = maxEntries
        self.sharedStringsInMemory = sharedStringsInMemory
    }
}

/// One file inside a zip container, as its central directory describes it.
struct ZipEntry: Equatable {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int64
    var uncompressedSize: Int64
    var localHeaderOffset: Int64
}

/// A zip container read through its central directory (PKWARE APPNOTE 6.3, with Zip64),
/// by positioned reads: nothing but the directory is held in memory, and each entry is
/// inflated as a stream (`ZipEntrySource`).
final class ZipArchive {
    let file: String
    let limits: WorkbookLimits
    let size: Int64
    private(set) var entries: [ZipEntry] = []
    private let descriptor: Int32
    /// Uncompressed bytes handed out by every entry source so far (the total-size limit).
    var totalInflated: Int64 = 0

    /// Opens the container at `path` (`file` names it in messages) and reads its central
    /// directory. Throws `InputError` when the file cannot be read and `FeedFileError` when
    /// it is not a complete zip file.
    init(path: String, file: String, limits: WorkbookLimits) throws {
        self.file = file
        self.limits = limits
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw InputError(kind: code == ENOENT ? .missing : .unreadable, path: path, reason: String(cString: strerror(code)))
        }
        descriptor = fd
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            Glibc.close(fd)
            throw InputError(kind: .unreadable, path: path, reason: String(cString: strerror(errno)))
        }
        size = Int64(status.st_size)
        do {
            try readDirectory()
        } catch {
            Glibc.close(fd)
            throw error
        }
    }

    deinit { Glibc.close(descriptor) }

    /// The entry named `name` (exact, then ASCII case-insensitively: some writers vary case).
    func entry(named name: String) -> ZipEntry? {
        if let exact = entries.first(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        return entries.first { $0.name.lowercased() == lowered }
    }

    func fail(_ message: String) -> FeedFileError { FeedFileError(file: file, message) }

    /// Reads `count` bytes at `offset`; fewer only at the end of the file.
    func read(at offset: Int64, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, base + done, buffer.count - done, off_t(offset + Int64(done)))
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(kind: .unreadable, path: file, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        return done
    }

    private func bytes(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, count >= 0, offset + Int64(count) <= size else {
            throw fail("the zip container is truncated or corrupt (a record lies beyond the end of the file); export the workbook again")
        }
        var out = [UInt8](repeating: 0, count: count)
        let n = try out.withUnsafeMutableBytes { try read(at: offset, into: $0) }
        guard n == count else { throw fail("the zip container is truncated (unexpected end of file)") }
        return out
    }

    // MARK: Central directory

    private func readDirectory() throws {
        let tail = Int(min(size, 22 + 65_535))
        let end = try bytes(at: size - Int64(tail), count: tail)
        var found: Int? = nil
        var index = tail - 22
        while index >= 0 {
            if end.u32(index) == 0x0605_4B50 {
                found = index
                break
            }
            index -= 1
        }
        guard let eocd = found else {
            throw fail("not a complete .xlsx (zip) file: its end-of-central-directory record is missing — the file is truncated or not a workbook; export it again")
        }
        var count = Int64(end.u16(eocd + 10))
        var directorySize = Int64(end.u32(eocd + 12))
        var directoryOffset = Int64(end.u32(eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the classic record.
            let locatorAt = size - Int64(tail) + Int64(eocd) - 20
            let locator = try bytes(at: locatorAt, count: 20)
            guard locator.u32(0) == 0x0706_4B50 else { throw fail("the zip container's Zip64 locator is missing (corrupt file)") }
            let recordAt = Int64(locator.u64(8))
            let record = try bytes(at: recordAt, count: 56)
            guard record.u32(0) == 0x0606_4B50 else { throw fail("the zip container's Zip64 directory record is missing (corrupt file)") }
            count = Int64(record.u64(32))
            directorySize = Int64(record.u64(40))
            directoryOffset = Int64(record.u64(48))
        }
        guard count <= Int64(limits.maxEntries) else {
            throw fail("the zip container lists \(count) entries (more than \(limits.maxEntries)); not a workbook")
        }
        guard directorySize <= 64 << 20 else { throw fail("the zip container's directory is implausibly large (\(directorySize) bytes)") }
        let directory = try bytes(at: directoryOffset, count: Int(directorySize))
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else {
                throw fail("the zip container's central directory is corrupt")
            }
            let nameLength = Int(directory.u16(at + 28))
            let extraLength = Int(directory.u16(at + 30))
            let commentLength = Int(directory.u16(at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw fail("the zip container's central directory is corrupt")
            }
            var entry = ZipEntry(
                name: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: directory.u16(at + 10), flags: directory.u16(at + 8), crc32: directory.u32(at + 16),
                compressedSize: Int64(directory.u32(at + 20)), uncompressedSize: Int64(directory.u32(at + 24)),
                localHeaderOffset: Int64(directory.u32(at + 42)))
            // Zip64 extended information: only the fields whose classic value is all ones, in order.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = directory.u16(extra)
                let length = Int(directory.u16(extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    if entry.uncompressedSize == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        entry.uncompressedSize = Int64(directory.u64(field))
                        field += 8
                    }
                    if entry.compressedSize == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        entry.compressedSize = Int64(directory.u64(field))
                        field += 8
                    }
                    if entry.localHeaderOffset == 0xFFFF_FFFF, field + 8 <= extraEnd {
                        entry.localHeaderOffset = Int64(directory.u64(field))
                    }
                }
                extra += 4 + length
            }
            guard entry.compressedSize >= 0, entry.uncompressedSize >= 0, entry.localHeaderOffset >= 0 else {
                throw fail("the zip container's central directory is corrupt")
            }
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// A stream of the uncompressed bytes of `entry`. Throws `FeedFileError` for encrypted
    /// entries, unsupported methods and declared sizes beyond the limits.
    func open(_ entry: ZipEntry) throws -> ZipEntrySource {
        if entry.flags & 0x0001 != 0 {
            throw fail("the workbook is encrypted (password-protected); save it without a password as .xlsx or CSV")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw fail("part \(entry.name) uses zip compression method \(entry.method) (only stored and deflate are read); save the workbook again from Excel or as CSV")
        }
        if entry.uncompressedSize > limits.maxPartBytes {
            throw fail("part \(entry.name) would expand to \(entry.uncompressedSize) bytes (limit \(limits.maxPartBytes)): refused as a possible zip bomb")
        }
        let header = try bytes(at: entry.localHeaderOffset, count: 30)
        guard header.u32(0) == 0x0403_4B50 else { throw fail("part \(entry.name): local header missing (corrupt zip container)") }
        let dataStart = entry.localHeaderOffset + 30 + Int64(header.u16(26)) + Int64(header.u16(28))
        guard dataStart + entry.compressedSize <= size else {
            throw fail("the zip container is truncated: part \(entry.name) ends beyond the end of the file; export the workbook again")
        }
        return try ZipEntrySource(archive: self, entry: entry, dataStart: dataStart)
    }
}

extension [UInt8] {
    @inline(__always) func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    @inline(__always) func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
