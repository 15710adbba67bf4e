import CMinizip

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
}

/// A zip container read with zlib's minizip (`unzip.h`: central directory, local headers,
/// Zip64), over one open descriptor by positioned reads (`ZipInput`): nothing but the
/// directory is held in memory, and each entry streams (`ZipEntrySource`, its own minizip
/// handle on the same descriptor, so a sheet can be read on a second thread).
final class ZipArchive {
    let file: String
    let limits: WorkbookLimits
    var size: Int64 { input.size }
    private(set) var entries: [ZipEntry] = []
    let input: ZipInput
    /// Uncompressed bytes handed out by every entry source so far (the total-size limit).
    var totalInflated: Int64 = 0

    /// Opens the container at `path` (`file` names it in messages) and reads its central
    /// directory. Throws `InputError` when the file cannot be read and `FeedFileError` when
    /// it is not a complete zip file.
    init(path: String, file: String, limits: WorkbookLimits) throws {
        self.file = file
        self.limits = limits
        input = try ZipInput(path: path)
        let handle = try openHandle()
        defer { unzClose(handle) }
        var global = unz_global_info64()
        guard unzGetGlobalInfo64(handle, &global) == UNZ_OK else { throw corruptDirectory() }
        guard global.number_entry <= UInt64(limits.maxEntries) else {
            throw fail("the zip container lists \(global.number_entry) entries (more than \(limits.maxEntries)); not a workbook")
        }
        guard global.number_entry > 0 else { return }
        var status = unzGoToFirstFile(handle)
        var name = [CChar](repeating: 0, count: 65_536)
        while status == UNZ_OK {
            var info = unz_file_info64()
            guard unzGetCurrentFileInfo64(handle, &info, &name, uLong(name.count), nil, 0, nil, 0) == UNZ_OK else {
                throw corruptDirectory()
            }
            let length = Int(min(info.size_filename, uLong(name.count)))
            let bytes = name.prefix(length).map { UInt8(bitPattern: $0) }
            entries.append(ZipEntry(
                name: String(decoding: bytes, as: UTF8.self), method: UInt16(truncatingIfNeeded: info.compression_method),
                flags: UInt16(truncatingIfNeeded: info.flag), crc32: UInt32(truncatingIfNeeded: info.crc),
                compressedSize: Int64(clamping: info.compressed_size), uncompressedSize: Int64(clamping: info.uncompressed_size)))
            guard entries.count <= limits.maxEntries else { throw corruptDirectory() }
            status = unzGoToNextFile(handle)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else { throw corruptDirectory() }
    }

    /// A minizip handle on the container: minizip finds and reads the central directory.
    func openHandle() throws -> unzFile {
        var functions = input.functions
        guard let handle = unzOpen2_64(file, &functions) else {
            if input.failed { throw InputError(kind: .unreadable, path: file, reason: String(cString: strerror(EIO))) }
            throw fail("not a complete .xlsx (zip) file: its end-of-central-directory record is missing or the directory is corrupt — the file is truncated or not a workbook; export it again")
        }
        return handle
    }

    private func corruptDirectory() -> FeedFileError {
        fail("the zip container's central directory is corrupt or truncated; export the workbook again")
    }

    /// The entry named `name` (exact, then ASCII case-insensitively: some writers vary case).
    func entry(named name: String) -> ZipEntry? {
        if let exact = entries.first(where: { $0.name == name }) { return exact }
        let lowered = name.lowercased()
        return entries.first { $0.name.lowercased() == lowered }
    }

    func fail(_ message: String) -> FeedFileError { FeedFileError(file: file, message) }

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
        return try ZipEntrySource(archive: self, entry: entry)
    }
}

/// The container file as minizip's I/O functions see it (`zlib_filefunc64_def`): one
/// descriptor, read with `pread` at a position each minizip handle keeps for itself, so
/// handles on the same file never disturb each other (a sheet streams on a second thread
/// while the first thread is done with the container).
final class ZipInput {
    let descriptor: Int32
    let size: Int64
    /// Set when a read failed with an I/O error (not at the end of the file).
    private(set) var failed = false

    /// One minizip handle's position in the file, and whether a read came back short.
    private final class Stream {
        var position: Int64 = 0
        var short = false
    }

    init(path: String) throws {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw InputError(kind: code == ENOENT ? .missing : .unreadable, path: path, reason: String(cString: strerror(code)))
        }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw InputError(kind: .unreadable, path: path, reason: String(cString: strerror(code)))
        }
        descriptor = fd
        size = Int64(status.st_size)
    }

    deinit { Glibc.close(descriptor) }

    /// The functions handed to `unzOpen2_64`; their opaque pointer is this object, which
    /// every handle's owner keeps alive.
    var functions: zlib_filefunc64_def {
        var functions = zlib_filefunc64_def()
        functions.opaque = Unmanaged.passUnretained(self).toOpaque()
        functions.zopen64_file = { _, _, _ in Unmanaged.passRetained(Stream()).toOpaque() }
        functions.zclose_file = { _, stream in
            if let stream { Unmanaged<Stream>.fromOpaque(stream).release() }
            return 0
        }
        functions.zread_file = { opaque, stream, buffer, count in
            guard let opaque, let stream, let buffer else { return 0 }
            let input = Unmanaged<ZipInput>.fromOpaque(opaque).takeUnretainedValue()
            let state = Unmanaged<Stream>.fromOpaque(stream).takeUnretainedValue()
            var done = 0
            while done < Int(count) {
                let n = pread(input.descriptor, buffer + done, Int(count) - done, off_t(state.position + Int64(done)))
                if n == 0 { break }
                if n < 0 {
                    if errno == EINTR { continue }
                    input.failed = true
                    break
                }
                done += n
            }
            state.position += Int64(done)
            // minizip reads what the structures promise; less means a cut-off file. It asks
            // `zerror_file` after a short read, and must hear "error": its UNZ_EOF equals
            // UNZ_OK, so a field cut off at the end would otherwise read as zeros.
            if done < Int(count) { state.short = true }
            return uLong(done)
        }
        functions.zwrite_file = { _, _, _, _ in 0 }
        functions.ztell64_file = { _, stream in
            guard let stream else { return ZPOS64_T.max }
            return ZPOS64_T(Unmanaged<Stream>.fromOpaque(stream).takeUnretainedValue().position)
        }
        functions.zseek64_file = { opaque, stream, offset, origin in
            guard let opaque, let stream else { return -1 }
            let input = Unmanaged<ZipInput>.fromOpaque(opaque).takeUnretainedValue()
            let state = Unmanaged<Stream>.fromOpaque(stream).takeUnretainedValue()
            let base: Int64
            switch origin {
            case ZLIB_FILEFUNC_SEEK_SET: base = 0
            case ZLIB_FILEFUNC_SEEK_CUR: base = state.position
            case ZLIB_FILEFUNC_SEEK_END: base = input.size
            default: return -1
            }
            // minizip passes negative offsets from the end as huge unsigned values.
            let target = base &+ Int64(bitPattern: offset)
            guard target >= 0 else { return -1 }
            state.position = target
            return 0
        }
        functions.zerror_file = { opaque, stream in
            guard let opaque, let stream else { return 1 }
            let failed = Unmanaged<ZipInput>.fromOpaque(opaque).takeUnretainedValue().failed
            return failed || Unmanaged<Stream>.fromOpaque(stream).takeUnretainedValue().short ? 1 : 0
        }
        return functions
    }
}
