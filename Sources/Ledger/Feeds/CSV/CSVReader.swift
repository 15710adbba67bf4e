/// A streaming RFC 4180 reader over UTF-8 bytes.
///
/// Reads the source in 1 MiB chunks through a byte-level state machine and keeps only the
/// current record, in buffers reused from record to record: memory stays constant for any
/// file size, and a record costs no allocation once the buffers have grown. Quoted fields
/// may hold delimiters, `""` and line breaks; CRLF, LF and bare CR end records; blank lines
/// are skipped. Malformed records are returned with a `problem` rather than thrown, so that
/// the caller can reject the row and go on.
public final class CSVReader {
    /// The field separator.
    public let delimiter: UInt8
    /// Records longer than this are returned with a problem and their bytes dropped.
    public let maxRecordBytes: Int

    private let source: any ByteSource
    private let chunk: UnsafeMutableRawBufferPointer
    private let chunkBase: UnsafeMutablePointer<UInt8>
    private var chunkCount = 0
    private var chunkOffset = 0
    private var atEnd = false
    private var startChecked = false

    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var nextLine = 1
    private var skipLineFeed = false
    private var previousWasCR = false

    /// The physical line on which the current record starts (1-based).
    public private(set) var line = 0
    /// Why the current record is malformed, if it is.
    public private(set) var problem: String?
    /// Whether the current record exceeded `maxRecordBytes` (its fields are truncated).
    public private(set) var isOversized = false
    /// The physical line after the last record read: how many lines the file has consumed.
    public var linesConsumed: Int { nextLine - 1 }

    public init(
        source: any ByteSource, delimiter: UInt8 = UInt8(ascii: ","), chunkSize: Int = 1 << 20,
        maxRecordBytes: Int = 8 << 20
    ) {
        self.source = source
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        let capacity = max(16, chunkSize)
        chunkBase = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        chunk = UnsafeMutableRawBufferPointer(start: chunkBase, count: capacity)
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    deinit { chunkBase.deallocate() }

    /// Number of fields in the current record.
    public var count: Int { ends.count }

    /// Calls `body` with the bytes of field `index` of the current record.
    @inline(__always)
    public func withField<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = index == 0 ? 0 : ends[index - 1]
        let end = ends[index]
        return try bytes.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Field `index` as a string, or nil when its bytes are not valid UTF-8.
    public func string(_ index: Int) -> String? {
        withField(index) { String(validating: $0, as: UTF8.self) }
    }

    /// All fields, invalid UTF-8 replaced (for messages and the rejects file).
    public func lossyFields() -> [String] {
        (0..<count).map { i in withField(i) { String(decoding: $0, as: UTF8.self) } }
    }

    /// The record written back as one CSV line (quoting where needed), for the rejects file.
    public func rawRecord() -> String {
        lossyFields().map { CSVWriter.quoteIfNeeded($0, delimiter: Character(Unicode.Scalar(delimiter))) }
            .joined(separator: String(Character(Unicode.Scalar(delimiter))))
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuote }

    /// Reads the next non-blank record. Returns false at the end of the input.
    public func next() throws -> Bool {
        // The hot loop works on locals only (no per-byte exclusivity checks on properties);
        // the record buffers are moved out and back so that they stay uniquely referenced.
        var bytes = self.bytes
        var ends = self.ends
        self.bytes = []
        self.ends = []
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var problem: String? = nil
        var oversized = false
        var state = State.fieldStart
        var started = false
        var quoteLine = 0
        let limit = maxRecordBytes
        let delimiter = self.delimiter
        var nextLine = self.nextLine
        var skipLineFeed = self.skipLineFeed
        var previousWasCR = self.previousWasCR
        var offset = chunkOffset
        var count = chunkCount

        func finish() {
            self.bytes = bytes
            self.ends = ends
            self.problem = problem
            self.isOversized = oversized
            self.nextLine = nextLine
            self.skipLineFeed = skipLineFeed
            self.previousWasCR = previousWasCR
            chunkOffset = offset
        }

        while true {
            if offset >= count {
                chunkOffset = offset
                if try atEnd || !refill() {
                    atEnd = true
                    offset = chunkOffset
                    if !started {
                        finish()
                        return false
                    }
                    if state == .quoted {
                        problem = "unterminated quoted field (opened on line \(quoteLine))"
                    }
                    ends.append(bytes.count)
                    finish()
                    return true
                }
                offset = chunkOffset
                count = chunkCount
            }
            let base = chunkBase
            while offset < count {
                let byte = base[offset]
                offset &+= 1
                if skipLineFeed {
                    skipLineFeed = false
                    if byte == 0x0A { continue }
                }
                if !started {
                    if byte == 0x0A || byte == 0x0D {
                        // A blank line: not a record.
                        nextLine += 1
                        skipLineFeed = byte == 0x0D
                        continue
                    }
                    started = true
                    line = nextLine
                }
                switch state {
                case .unquoted, .fieldStart:
                    if byte == delimiter {
                        ends.append(bytes.count)
                        state = .fieldStart
                        continue
                    }
                    if byte == 0x0A || byte == 0x0D {
                        nextLine += 1
                        skipLineFeed = byte == 0x0D
                        ends.append(bytes.count)
                        finish()
                        return true
                    }
                    if state == .fieldStart && byte == 0x22 {
                        state = .quoted
                        quoteLine = nextLine
                        previousWasCR = false
                        continue
                    }
                    state = .unquoted
                    // The rest of an unquoted field, up to a delimiter or line break, in one append.
                    var end = offset
                    while end < count {
                        let next = base[end]
                        if next == delimiter || next == 0x0A || next == 0x0D { break }
                        end &+= 1
                    }
                    let run = end - offset + 1
                    let fits = min(run, max(0, limit - bytes.count))
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + (offset - 1), count: fits))
                    if fits < run && !oversized {
                        oversized = true
                        problem = "record longer than \(limit) bytes"
                    }
                    offset = end
                    continue
                case .quoted:
                    if byte == 0x22 {
                        state = .quoteInQuoted
                        continue
                    }
                    // Line breaks inside quotes are data; count CRLF as one physical line.
                    if byte == 0x0D || (byte == 0x0A && !previousWasCR) { nextLine += 1 }
                    previousWasCR = byte == 0x0D
                case .quoteInQuoted, .afterQuote:
                    if state == .quoteInQuoted && byte == 0x22 {
                        state = .quoted
                        previousWasCR = false
                    } else if byte == delimiter {
                        ends.append(bytes.count)
                        state = .fieldStart
                        continue
                    } else if byte == 0x0A || byte == 0x0D {
                        nextLine += 1
                        skipLineFeed = byte == 0x0D
                        ends.append(bytes.count)
                        finish()
                        return true
                    } else {
                        state = .afterQuote
                        if problem == nil {
                            problem = "unexpected character after a closing quote in field \(ends.count + 1)"
                        }
                    }
                }
                if bytes.count < limit {
                    bytes.append(byte)
                } else if !oversized {
                    oversized = true
                    problem = "record longer than \(limit) bytes"
                }
            }
        }
    }

    private func refill() throws -> Bool {
        chunkOffset = 0
        chunkCount = try source.read(into: chunk)
        if !startChecked {
            startChecked = true
            // Accumulate at least 3 bytes to check for a UTF-8 byte order mark.
            while chunkCount < 3 {
                let more = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[chunkCount...]))
                if more == 0 { break }
                chunkCount += more
            }
            if chunkCount >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { chunkOffset = 3 }
        }
        return chunkCount > 0
    }
}
