#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A workbook's shared-string table: every string's UTF-8 bytes back to back in one
/// contiguous buffer plus one end offset per string (8 bytes), so a table of n strings
/// costs its text plus 8n bytes and no object per string. Above `memoryLimit` bytes of
/// text the buffer moves to an anonymous temporary file (`tmpfile`, deleted when closed)
/// and strings are read back with `pread`: memory stays bounded for any table.
final class SharedStrings {
    private var buffer: [UInt8] = []
    private var ends: [Int] = []
    /// After `close()`: the text and the end offsets in storage of the table's own, read
    /// through plain pointers (no reference counting per lookup).
    private var frozenText = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
    private var frozenEnds = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    private let memoryLimit: Int
    private var spill: UnsafeMutablePointer<FILE>?
    private var spilledBytes = 0
    private var scratch: [UInt8] = []

    init(memoryLimit: Int) {
        self.memoryLimit = memoryLimit
    }

    deinit {
        if let spill { fclose(spill) }
        frozenText.deallocate()
        frozenEnds.deallocate()
    }

    var count: Int { frozenEnds.count > 0 ? frozenEnds.count : ends.count }
    /// Bytes of string text held (in memory or in the temp file).
    var textBytes: Int { spilledBytes + max(buffer.count, frozenText.count) }
    /// Whether the text went to the temporary file.
    var isSpilled: Bool { spill != nil }

    /// Appends bytes to the string being built.
    func append(_ run: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: run)
        if buffer.count > memoryLimit { try flushToFile() }
    }

    /// Ends the string being built.
    func finishString() {
        ends.append(spilledBytes + buffer.count)
    }

    /// Ends the table: whatever is still in memory goes to the file once spilling began;
    /// otherwise the text moves into the table's own storage.
    func close() throws {
        if spill != nil { try flushToFile() }
        frozenEnds = .allocate(capacity: ends.count)
        _ = frozenEnds.initialize(from: ends)
        ends = []
        if spill == nil {
            frozenText = .allocate(capacity: buffer.count)
            _ = frozenText.initialize(from: buffer)
            buffer = []
        }
    }

    private func flushToFile() throws {
        if spill == nil {
            guard let file = tmpfile() else { throw SharedStringsError.spill(String(cString: strerror(errno))) }
            spill = file
        }
        guard let spill else { return }
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) }
        guard written == buffer.count, fflush(spill) == 0 else { throw SharedStringsError.spill(String(cString: strerror(errno))) }
        spilledBytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Set when a string could not be read back from the temporary file (it was then empty).
    private(set) var readFailed = false

    /// Calls `body` with the bytes of string `index` (which must be < `count`).
    func withString<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let ends = frozenEnds
        let start = index == 0 ? 0 : ends[index - 1]
        let end = ends[index]
        if let spill {
            let length = end - start
            if scratch.count < length { scratch = [UInt8](repeating: 0, count: length) }
            let fd = fileno(spill)
            let n = scratch.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(start)) }
            guard n == length else {
                readFailed = true
                return try body(UnsafeRawBufferPointer(start: nil, count: 0))
            }
            return try scratch.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
        }
        return try body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(frozenText)[start..<end]))
    }
}

enum SharedStringsError: Error {
    case spill(String)
}
