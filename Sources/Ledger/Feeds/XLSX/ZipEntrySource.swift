import CMinizip
import CZlib

/// The uncompressed bytes of one zip entry. minizip (`unzLocateFile`, `unzOpenCurrentFile2`
/// in raw mode, pull-based `unzReadCurrentFile`) finds the entry's data and hands over its
/// compressed bytes; they are inflated here chunk by chunk (constant memory: a 256 KiB input
/// window and zlib's 32 KiB dictionary), so the zip-bomb limits are checked on the bytes
/// really produced — minizip's own inflate stops silently at the declared size and cannot
/// tell a lying size from a corrupt entry — and the CRC-32 and size at the end.
final class ZipEntrySource: ByteSource {
    private let archive: ZipArchive
    let entry: ZipEntry
    private let handle: unzFile
    private var consumed: Int64 = 0
    var compressedBytesRead: Int64 { consumed }
    private var produced: Int64 = 0
    private var crc: uLong = 0
    private var stream = z_stream()
    private var inflating = false
    private var finished = false
    private let window: UnsafeMutableRawBufferPointer
    private var windowStart = 0
    private var windowEnd = 0

    init(archive: ZipArchive, entry: ZipEntry) throws {
        self.archive = archive
        self.entry = entry
        let handle = try archive.openHandle()
        guard unzLocateFile(handle, entry.name, 1) == UNZ_OK else {
            unzClose(handle)
            throw archive.fail("part \(entry.name) is missing from the zip container (corrupt file)")
        }
        var method: Int32 = 0
        var level: Int32 = 0
        guard unzOpenCurrentFile2(handle, &method, &level, 1) == UNZ_OK else {
            unzClose(handle)
            throw archive.fail("part \(entry.name): its local header is missing or corrupt (damaged zip container); export the workbook again")
        }
        // The data must lie inside the file: a cut-off container fails here, before reading.
        let dataStart = Int64(clamping: unzGetCurrentFileZStreamPos64(handle))
        guard dataStart + entry.compressedSize <= archive.size else {
            unzCloseCurrentFile(handle)
            unzClose(handle)
            throw archive.fail("the zip container is truncated: part \(entry.name) ends beyond the end of the file; export the workbook again")
        }
        self.handle = handle
        window = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        crc = crc32(0, nil, 0)
        if entry.method == 8 {
            let status = inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                window.deallocate()
                unzCloseCurrentFile(handle)
                unzClose(handle)
                throw archive.fail("cannot start zlib (status \(status))")
            }
            inflating = true
        }
    }

    deinit {
        if inflating { inflateEnd(&stream) }
        window.deallocate()
        unzCloseCurrentFile(handle)
        unzClose(handle)
    }

    /// Pulls the next compressed (or stored) bytes into the window; false at the entry's end.
    private func refill() throws -> Bool {
        guard consumed < entry.compressedSize else { return false }
        let want = UInt32(min(Int64(window.count), entry.compressedSize - consumed))
        let n = unzReadCurrentFile(handle, window.baseAddress, want)
        if n < 0 && archive.input.failed {
            throw InputError(kind: .unreadable, path: archive.file, reason: "read error inside part \(entry.name)")
        }
        guard n > 0 else { throw truncated() }
        consumed += Int64(n)
        windowStart = 0
        windowEnd = Int(n)
        return true
    }

    private func truncated() -> FeedFileError {
        archive.fail("part \(entry.name) is truncated or corrupt (its compressed data ends early); export the workbook again")
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var n = 0
        if entry.method == 0 {
            if windowStart == windowEnd, try !refill() {
                try finish()
                return 0
            }
            n = min(buffer.count, windowEnd - windowStart)
            out.copyMemory(from: window.baseAddress! + windowStart, byteCount: n)
            windowStart += n
        } else {
            while n == 0 {
                if windowStart == windowEnd, try !refill() {
                    throw truncated()
                }
                stream.next_in = (window.baseAddress! + windowStart).assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(windowEnd - windowStart)
                stream.next_out = out.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(buffer.count)
                let status = inflate(&stream, Z_NO_FLUSH)
                windowStart = windowEnd - Int(stream.avail_in)
                n = buffer.count - Int(stream.avail_out)
                if status == Z_STREAM_END {
                    if n > 0 { try account(out, n) }
                    try finish()
                    return n
                }
                guard status == Z_OK || status == Z_BUF_ERROR else {
                    throw archive.fail("part \(entry.name) is corrupt (zlib: \(status == Z_DATA_ERROR ? "invalid deflate data" : "error \(status)")); export the workbook again")
                }
            }
        }
        try account(out, n)
        return n
    }

    private func account(_ out: UnsafeMutableRawPointer, _ n: Int) throws {
        produced += Int64(n)
        archive.totalInflated += Int64(n)
        crc = crc32(crc, out.assumingMemoryBound(to: Bytef.self), uInt(n))
        let limits = archive.limits
        // The central directory's sizes hold even when the local header defers them (flag 3).
        if produced > limits.maxPartBytes || produced > entry.uncompressedSize {
            throw bomb("expands beyond \(min(limits.maxPartBytes, entry.uncompressedSize)) bytes (its declared size)")
        }
        if archive.totalInflated > limits.maxTotalBytes {
            throw bomb("the workbook's parts expand beyond \(limits.maxTotalBytes) bytes in total")
        }
        // Compressed bytes inflate has taken so far (not what sits unread in the window).
        let taken = consumed - Int64(windowEnd - windowStart)
        if produced > limits.ratioGraceBytes && produced > limits.maxRatio * max(taken, 1) {
            throw bomb("expands more than \(limits.maxRatio)× its compressed size")
        }
    }

    private func bomb(_ detail: String) -> FeedFileError {
        finished = true
        return archive.fail("part \(entry.name) \(detail): refused as a possible zip bomb (the workbook is not loaded)")
    }

    private func finish() throws {
        finished = true
        if UInt32(truncatingIfNeeded: crc) != entry.crc32 || produced != entry.uncompressedSize {
            throw archive.fail("part \(entry.name) is corrupt (CRC-32 or size mismatch); export the workbook again")
        }
    }
}
