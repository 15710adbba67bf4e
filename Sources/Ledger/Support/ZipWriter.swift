import CMinizip

/// Writes a zip container in memory with zlib's minizip (`zip.h`), deterministically:
/// entries in the order added, raw DEFLATE at level 6, every timestamp 1980-01-01 00:00 (the
/// zip epoch), no extra fields, UTF-8 names flagged — the same entries always give the same
/// bytes. minizip writes through `ZipOutput` (memory), never a file.
struct ZipWriter {
    private let output = ZipOutput()
    private var handle: zipFile?
    private var failed = false

    /// The container written so far (complete after `finish()`).
    var bytes: [UInt8] { output.bytes }

    init() {
        var functions = output.functions
        handle = zipOpen2_64(nil, APPEND_STATUS_CREATE, nil, &functions)
    }

    /// Adds the file `name` with `contents` (deflated).
    mutating func add(_ name: String, _ contents: [UInt8]) throws {
        var done = false
        try addEntry(name) { chunk in
            guard !done else { return false }
            done = true
            chunk.append(contentsOf: contents)
            return false
        }
    }

    /// Adds the file `name` whose contents `produce` hands over chunk by chunk (it fills the
    /// buffer and returns false after the last chunk): only the compressed bytes are held,
    /// so very large generated parts (a 1,048,576-row sheet) need little memory.
    mutating func add(_ name: String, streaming produce: (inout [UInt8]) -> Bool) throws {
        try addEntry(name, produce)
    }

    private mutating func addEntry(_ name: String, _ produce: (inout [UInt8]) -> Bool) throws {
        guard let handle, !failed else { throw ZipWriterError.zlib }
        var info = zip_fileinfo()
        info.dosDate = 0x0021_0000  // 1980-01-01 00:00:00
        // version made by 2.0 (MS-DOS), flag 0x0800: the name is UTF-8.
        guard zipOpenNewFileInZip4_64(
            handle, name, &info, nil, 0, nil, 0, nil, Z_DEFLATED, 6, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
            nil, 0, 20, 0x0800, 0) == ZIP_OK
        else {
            failed = true
            throw ZipWriterError.zlib
        }
        var chunk: [UInt8] = []
        var more = true
        while more {
            chunk.removeAll(keepingCapacity: true)
            more = produce(&chunk)
            guard !chunk.isEmpty else { continue }
            let status = chunk.withUnsafeBytes { zipWriteInFileInZip(handle, $0.baseAddress, UInt32($0.count)) }
            guard status == ZIP_OK else {
                failed = true
                throw ZipWriterError.zlib
            }
        }
        guard zipCloseFileInZip(handle) == ZIP_OK else {
            failed = true
            throw ZipWriterError.zlib
        }
    }

    /// The finished container.
    mutating func finish() -> [UInt8] {
        if let handle {
            if zipClose(handle, nil) != ZIP_OK { failed = true }
            self.handle = nil
        }
        return output.bytes
    }
}

/// The memory minizip writes the container into (`zlib_filefunc64_def` over a byte array).
private final class ZipOutput {
    var bytes: [UInt8] = []
    var position = 0

    var functions: zlib_filefunc64_def {
        var functions = zlib_filefunc64_def()
        functions.opaque = Unmanaged.passUnretained(self).toOpaque()
        functions.zopen64_file = { opaque, _, _ in opaque }
        functions.zclose_file = { _, _ in 0 }
        functions.zerror_file = { _, _ in 0 }
        functions.zread_file = { opaque, _, buffer, count in
            guard let opaque, let buffer else { return 0 }
            let output = Unmanaged<ZipOutput>.fromOpaque(opaque).takeUnretainedValue()
            let n = max(0, min(Int(count), output.bytes.count - output.position))
            output.bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + output.position, byteCount: n) }
            output.position += n
            return uLong(n)
        }
        functions.zwrite_file = { opaque, _, buffer, count in
            guard let opaque, let buffer else { return 0 }
            let output = Unmanaged<ZipOutput>.fromOpaque(opaque).takeUnretainedValue()
            let source = UnsafeRawBufferPointer(start: buffer, count: Int(count))
            let overlap = min(source.count, output.bytes.count - output.position)
            if overlap > 0 {
                output.bytes.withUnsafeMutableBytes {
                    ($0.baseAddress! + output.position).copyMemory(from: buffer, byteCount: overlap)
                }
            }
            output.bytes.append(contentsOf: source[overlap...])
            output.position += source.count
            return count
        }
        functions.ztell64_file = { opaque, _ in
            guard let opaque else { return ZPOS64_T.max }
            return ZPOS64_T(Unmanaged<ZipOutput>.fromOpaque(opaque).takeUnretainedValue().position)
        }
        functions.zseek64_file = { opaque, _, offset, origin in
            guard let opaque else { return -1 }
            let output = Unmanaged<ZipOutput>.fromOpaque(opaque).takeUnretainedValue()
            let base: Int
            switch origin {
            case ZLIB_FILEFUNC_SEEK_SET: base = 0
            case ZLIB_FILEFUNC_SEEK_CUR: base = output.position
            case ZLIB_FILEFUNC_SEEK_END: base = output.bytes.count
            default: return -1
            }
            let target = base &+ Int(Int64(bitPattern: offset))
            guard target >= 0, target <= output.bytes.count else { return -1 }
            output.position = target
            return 0
        }
        return functions
    }
}

enum ZipWriterError: Error, CustomStringConvertible {
    case zlib
    var description: String { "zlib could not compress a workbook part" }
}
