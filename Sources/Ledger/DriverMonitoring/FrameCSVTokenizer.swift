#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a frame CSV file into records and fields, for `FrameCSVReader`'s hot path.
///
/// The dialect is `CSVReader`'s (comma-separated, RFC 4180 quotes with `""` and line breaks
/// inside, CRLF / LF / bare CR record ends, blank lines skipped, a UTF-8 byte order mark
/// dropped, line numbers of physical lines), but the work is arranged for files of millions
/// of short numeric rows:
///
/// - the source is read in chunks into one buffer, and a record that lies whole in it and
///   opens no quoted field is split where it lies: its fields are byte ranges into the buffer,
///   with no copy and no allocation;
/// - any other record (one that opens a quoted field, or one too long to fit the buffer after
///   moving it to the front) goes through a byte-by-byte state machine that copies the
///   unescaped record into a scratch buffer, streaming, like `CSVReader` does for every record.
///
/// Fields stay valid until the next call to `next()`, and 8 bytes from the start of any field
/// can be read (both buffers carry 8 bytes of zeroed padding), for `DecimalText.parsePadded`.
/// Malformed records are returned with a `problem`, as `CSVReader` does. Memory is the chunk
/// plus the longest record (capped at `maxRecordBytes`), whatever the file size.
struct FrameCSVTokenizer: ~Copyable {
    /// Bytes read from the source at a time.
    static let defaultChunkSize = 1 << 18

    /// Records longer than this are returned with a problem and their bytes dropped.
    let maxRecordBytes: Int

    private let source: any ByteSource
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Unread bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// Bytes dropped from the front of the buffer so far.
    private var discarded = 0
    private var atEnd = false
    private var primed = false
    private var skipLineFeed = false
    private var nextLine = 1

    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var starts: UnsafeMutablePointer<Int>
    private var ends: UnsafeMutablePointer<Int>
    private var fieldCapacity: Int
    /// The bytes the current record's field offsets refer to: `buffer` or `scratch`.
    private var base: UnsafePointer<UInt8>

    /// The physical line on which the current record starts (1-based).
    private(set) var line = 0
    /// Why the current record is malformed, if it is.
    private(set) var problem: String?
    /// Number of fields in the current record.
    private(set) var count = 0
    /// Records that took the copying path so far (the rest were split in place).
    private(set) var copiedRecords = 0
    /// Bytes of the source consumed so far (after the current record).
    var bytePosition: Int { discarded + start }

    /// Readable bytes after the end of each buffer.
    private static let padding = 8
    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// `chunkSize` is the buffer size (at least 4 bytes, at most `maxRecordBytes`).
    init(source: any ByteSource, chunkSize: Int = defaultChunkSize, maxRecordBytes: Int = 8 << 20) {
        self.source = source
        self.maxRecordBytes = max(1, maxRecordBytes)
        capacity = max(4, min(chunkSize, self.maxRecordBytes))
        buffer = .allocate(capacity: capacity + Self.padding)
        buffer.initialize(repeating: 0, count: capacity + Self.padding)
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity + Self.padding)
        scratch.initialize(repeating: 0, count: scratchCapacity + Self.padding)
        fieldCapacity = 32
        starts = .allocate(capacity: fieldCapacity)
        ends = .allocate(capacity: fieldCapacity)
        base = UnsafePointer(buffer)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        starts.deallocate()
        ends.deallocate()
    }

    /// The bytes of field `index` (< `count`) of the current record.
    @inline(__always)
    func field(_ index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "field index out of range")
        let from = starts[index]
        return UnsafeRawBufferPointer(start: base + from, count: ends[index] - from)
    }

    /// All fields of the current record as strings, invalid UTF-8 replaced (header, messages).
    func lossyFields() -> [String] {
        (0..<count).map { String(decoding: field($0), as: UTF8.self) }
    }

    /// Reads the next non-blank record. Returns false at the end of the input.
    mutating func next() throws -> Bool {
        if !primed { try prime() }
        if problem != nil { problem = nil }
        // Blank lines, and the line feed of a CRLF that ended the previous record.
        while true {
            if start == end {
                if atEnd { count = 0; return false }
                if try !refill() { count = 0; return false }
            }
            let byte = buffer[start]
            if skipLineFeed {
                skipLineFeed = false
                if byte == Self.lineFeed {
                    start += 1
                    continue
                }
            }
            guard byte == Self.lineFeed || byte == Self.carriageReturn else { break }
            nextLine += 1
            skipLineFeed = byte == Self.carriageReturn
            start += 1
        }
        line = nextLine
        while true {
            // Split in place: no copy; field offsets index `buffer`.
            let bytes = buffer
            let stop = end
            var starts = self.starts
            var ends = self.ends
            var capacity = fieldCapacity
            var p = start
            var fieldStart = p
            var n = 0
            while true {
                // Eight bytes at a time. Every byte that matters here (, " CR LF) is ≤ 0x2C;
                // digits, letters, '.', '-' and '_' are above. Both masks below are exact per
                // byte (no carries cross bytes), so every comma of a word is handled from one load.
                if p &+ 8 <= stop {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt64.self))
                    let special = Self.bytesBelow0x2D(word)
                    if special == 0 {
                        p &+= 8
                        continue
                    }
                    let commas = Self.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C)
                    let others = special & ~commas
                    // Commas before the first other special byte (all of them when there is none).
                    var fieldEnds = others == 0 ? commas : commas & ((others & (0 &- others)) &- 1)
                    while fieldEnds != 0 {
                        let at = p &+ (fieldEnds.trailingZeroBitCount &>> 3)
                        if n == capacity {
                            growFields(to: n + 1)
                            starts = self.starts
                            ends = self.ends
                            capacity = fieldCapacity
                        }
                        starts[n] = fieldStart
                        ends[n] = at
                        n &+= 1
                        fieldStart = at &+ 1
                        fieldEnds &= fieldEnds &- 1
                    }
                    if others == 0 {
                        p &+= 8
                        continue
                    }
                    p &+= others.trailingZeroBitCount &>> 3
                } else {
                    while p < stop && bytes[p] > Self.comma { p &+= 1 }
                    guard p < stop else { break }
                    if bytes[p] == Self.comma {
                        if n == capacity {
                            growFields(to: n + 1)
                            starts = self.starts
                            ends = self.ends
                            capacity = fieldCapacity
                        }
                        starts[n] = fieldStart
                        ends[n] = p
                        n &+= 1
                        p &+= 1
                        fieldStart = p
                        continue
                    }
                }
                // A line break, a quote, or another byte below 0x2D (a space, say).
                let byte = bytes[p]
                if byte == Self.lineFeed || byte == Self.carriageReturn {
                    finishInPlace(fields: n, lastStart: fieldStart, lastEnd: p)
                    nextLine += 1
                    skipLineFeed = byte == Self.carriageReturn
                    start = p + 1
                    return true
                }
                if byte == Self.quote && p == fieldStart { return try copyRecord() }
                p &+= 1
            }
            // The record runs past the bytes held.
            if atEnd {
                finishInPlace(fields: n, lastStart: fieldStart, lastEnd: stop)
                start = stop
                return true
            }
            if start == 0 && end == self.capacity { return try copyRecord() }
            _ = try refill()  // moves the record to the front and reads more (or reaches the end)
        }
    }

    /// 0x80 in each byte of `word` that is below 0x2D, 0 elsewhere (exact for every byte).
    @inline(__always)
    static func bytesBelow0x2D(_ word: UInt64) -> UInt64 {
        // Low seven bits + 0x53 reaches 0x80 exactly when they are ≥ 0x2D (never carries out
        // of the byte); bytes ≥ 0x80 are not below 0x2D either.
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x5353_5353_5353_5353) | word) & 0x8080_8080_8080_8080
    }

    /// 0x80 in each byte of `word` that is zero, 0 elsewhere (exact for every byte).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word | 0x7F7F_7F7F_7F7F_7F7F)
    }

    @inline(__always)
    private mutating func finishInPlace(fields n: Int, lastStart: Int, lastEnd: Int) {
        if n == fieldCapacity { growFields(to: n + 1) }
        starts[n] = lastStart
        ends[n] = lastEnd
        count = n + 1
        base = UnsafePointer(buffer)
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuote }

    /// Reads the record starting at `start` byte by byte, unescaping it into `scratch`
    /// (refilling the buffer as it goes). Same rules as `CSVReader.next()`.
    private mutating func copyRecord() throws -> Bool {
        copiedRecords += 1
        var state = State.fieldStart
        var length = 0
        var n = 0
        var fieldStart = 0
        var quoteLine = 0
        var previousWasCR = false
        var oversized = false
        var p = start

        while true {
            if p == end {
                start = p
                if try atEnd || !refill() {
                    if state == .quoted {
                        problem = "unterminated quoted field (opened on line \(quoteLine))"
                    }
                    addCopiedField(&n, from: fieldStart, to: length)
                    finishCopied(fields: n)
                    return true
                }
                p = start
            }
            let byte = buffer[p]
            p += 1
            switch state {
            case .fieldStart, .unquoted:
                if byte == Self.comma {
                    addCopiedField(&n, from: fieldStart, to: length)
                    fieldStart = length
                    state = .fieldStart
                    continue
                }
                if byte == Self.lineFeed || byte == Self.carriageReturn {
                    nextLine += 1
                    skipLineFeed = byte == Self.carriageReturn
                    addCopiedField(&n, from: fieldStart, to: length)
                    finishCopied(fields: n)
                    start = p
                    return true
                }
                if state == .fieldStart && byte == Self.quote {
                    state = .quoted
                    quoteLine = nextLine
                    previousWasCR = false
                    continue
                }
                state = .unquoted
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                    continue
                }
                // Line breaks inside quotes are data; CRLF counts as one physical line.
                if byte == Self.carriageReturn || (byte == Self.lineFeed && !previousWasCR) { nextLine += 1 }
                previousWasCR = byte == Self.carriageReturn
            case .quoteInQuoted, .afterQuote:
                if state == .quoteInQuoted && byte == Self.quote {
                    state = .quoted
                    previousWasCR = false
                } else if byte == Self.comma {
                    addCopiedField(&n, from: fieldStart, to: length)
                    fieldStart = length
                    state = .fieldStart
                    continue
                } else if byte == Self.lineFeed || byte == Self.carriageReturn {
                    nextLine += 1
                    skipLineFeed = byte == Self.carriageReturn
                    addCopiedField(&n, from: fieldStart, to: length)
                    finishCopied(fields: n)
                    start = p
                    return true
                } else {
                    state = .afterQuote
                    if problem == nil {
                        problem = "unexpected character after a closing quote in field \(n + 1)"
                    }
                }
            }
            if length < maxRecordBytes {
                if length == scratchCapacity { growScratch() }
                scratch[length] = byte
                length += 1
            } else if !oversized {
                oversized = true
                problem = "record longer than \(maxRecordBytes) bytes"
            }
        }
    }

    private mutating func addCopiedField(_ n: inout Int, from: Int, to: Int) {
        if n == fieldCapacity { growFields(to: n + 1) }
        starts[n] = from
        ends[n] = to
        n += 1
    }

    private mutating func finishCopied(fields n: Int) {
        count = n
        base = UnsafePointer(scratch)
    }

    private mutating func growFields(to needed: Int) {
        var newCapacity = fieldCapacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newEnds = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        newStarts.initialize(from: starts, count: fieldCapacity)
        newEnds.initialize(from: ends, count: fieldCapacity)
        starts.deallocate()
        ends.deallocate()
        starts = newStarts
        ends = newEnds
        fieldCapacity = newCapacity
    }

    private mutating func growScratch() {
        let newCapacity = min(max(scratchCapacity * 2, 256), maxRecordBytes)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + Self.padding)
        grown.initialize(repeating: 0, count: newCapacity + Self.padding)
        grown.update(from: scratch, count: scratchCapacity)
        scratch.deallocate()
        scratch = grown
        scratchCapacity = newCapacity
    }

    /// Reads the first bytes and drops a UTF-8 byte order mark.
    private mutating func prime() throws {
        primed = true
        while end < 3, try refill() {}
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
    }

    /// Moves the unread bytes to the front of the buffer and reads more after them (one read).
    /// False, with `atEnd` set, when the source has no more bytes.
    private mutating func refill() throws -> Bool {
        if start > 0 {
            discarded += start
            let held = end - start
            if held > 0 { memmove(buffer, buffer + start, held) }
            start = 0
            end = held
        }
        guard end < capacity else { return true }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        guard n > 0 else {
            atEnd = true
            return false
        }
        end += n
        return true
    }
}
