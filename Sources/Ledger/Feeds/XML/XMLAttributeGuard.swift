#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the attributes of each start tag in the raw bytes, before libxml2 sees them.
///
/// libxml2 2.9 checks a tag's attributes for duplicates pairwise: a 540 KB tag of 50,000
/// attributes takes minutes of CPU (measured with `xmllint --stream`), so a hostile feed
/// could hang the importer. This scanner follows just enough XML (start tags, quoted
/// values, comments, CDATA, processing instructions, declarations) to count the `=` signs
/// outside quotes of every start tag, across chunk boundaries, and reports the first tag
/// over the limit. It works on ASCII-compatible encodings (UTF-8, GB18030/GBK), whose
/// multi-byte characters never contain the bytes it looks for; UTF-16 and UTF-32 input is
/// refused by the reader for that reason.
///
/// It jumps over text, quoted values, comments and CDATA with `memchr`, and works out line
/// and column only for a tag it reports.
struct XMLAttributeGuard {
    enum State: Equatable {
        case text
        case open  // after `<`
        case bang  // after `<!`
        case startTag
        case quoted(UInt8)
        case comment  // `<!-- … -->`
        case cdata  // `<![CDATA[ … ]]>`
        case instruction  // `<? … ?>`
        case declaration  // `<!DOCTYPE … >` with `[ … ]` and quotes
        case declarationQuoted(UInt8)
        case declarationComment  // a comment inside the internal subset
        case declarationInstruction
    }

    /// What the scan found.
    enum Finding: Equatable {
        case tooManyAttributes(line: Int, column: Int)
        case internalSubset(line: Int, column: Int)
    }

    let limit: Int
    let rejectsInternalSubset: Bool
    private(set) var state: State = .text
    private var attributes = 0
    /// Absolute offset where the current comment, CDATA or instruction's content starts.
    private var contentStart = 0
    /// The last bytes seen in declaration states (to recognise `<!--`, `-->`, `?>` there).
    private var recent: UInt32 = 0
    private var bracketDepth = 0
    /// Bytes of the chunks already scanned.
    private var consumed = 0
    /// The last two bytes of the previous chunk (for terminators split across chunks).
    private var tail: (UInt8, UInt8) = (0, 0)
    /// Newlines in the chunks already scanned, and characters (UTF-8 lead bytes) after the
    /// last of them.
    private var linesBefore = 0
    private var charactersAfterNewline = 0
    /// The place of the current tag's `<`.
    private var tagOffset = 0
    private var tagPlace: (line: Int, column: Int)?

    init(limit: Int, rejectsInternalSubset: Bool) {
        self.limit = limit
        self.rejectsInternalSubset = rejectsInternalSubset
    }

    /// Scans a chunk; returns the first start tag with more than `limit` attributes, or the
    /// first DOCTYPE internal subset when those are rejected.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Finding? {
        guard let raw = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let count = bytes.count
        var i = 0

        /// The byte `distance` places before offset `at` of this chunk (from the previous
        /// chunk's tail when needed).
        func before(_ at: Int, _ distance: Int) -> UInt8 {
            let index = at - distance
            if index >= 0 { return base[index] }
            return index == -1 ? tail.1 : tail.0
        }
        func find(_ byte: UInt8, from start: Int) -> Int? {
            guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
        func place(_ at: Int) -> (line: Int, column: Int) {
            let lines = Self.newlines(base, 0, at)
            let lastNewline = Self.lastNewline(base, before: at)
            let characters = lastNewline < 0 ? charactersAfterNewline : 0
            return (linesBefore + lines + 1, characters + Self.characters(base, lastNewline + 1, at) + 1)
        }
        func tagFinding(_ make: (Int, Int) -> Finding) -> Finding {
            let at = tagPlace ?? place(tagOffset)
            return make(at.line, at.column)
        }

        /// The first `byte` at or after `start`: the next few bytes looked at in place (in
        /// markup the next `<` or closing quote is usually that close), then `memchr`.
        @inline(__always) func findNear(_ byte: UInt8, from start: Int) -> Int? {
            var at = start
            let near = min(count, start + 16)
            while at < near {
                if base[at] == byte { return at }
                at += 1
            }
            return find(byte, from: at)
        }

        scanning: while i < count {
            switch state {
            case .text:
                // Fast path for plain start and end tags, the bulk of any feed (a worksheet is
                // almost nothing else): tag after tag without going back through the states.
                // Comments, CDATA, instructions, declarations and tags cut by the chunk's end
                // leave it for the states below, which do the same counting.
                while true {
                    guard let at = findNear(UInt8(ascii: "<"), from: i) else { break scanning }
                    tagOffset = at
                    tagPlace = nil
                    i = at + 1
                    guard i < count else {
                        state = .open
                        break scanning
                    }
                    let first = base[i]
                    if first == UInt8(ascii: "!") || first == UInt8(ascii: "?") || first == UInt8(ascii: ">") {
                        state = .open
                        continue scanning
                    }
                    // `/`: an end tag (no `=` in it); else a start tag's first name byte.
                    if first != UInt8(ascii: "/") { attributes = 0 }
                    i += 1
                    var closed = false
                    while i < count {
                        let byte = base[i]
                        i += 1
                        if byte >= 0x40 { continue }
                        if byte == UInt8(ascii: "=") {
                            attributes += 1
                            if attributes > limit { return tagFinding { .tooManyAttributes(line: $0, column: $1) } }
                        } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                            guard let close = findNear(byte, from: i) else {
                                state = .quoted(byte)
                                break scanning
                            }
                            i = close + 1
                        } else if byte == UInt8(ascii: ">") {
                            closed = true
                            break
                        }
                    }
                    if !closed {
                        state = .startTag
                        break scanning
                    }
                }
            case .open:
                switch base[i] {
                case UInt8(ascii: "!"): state = .bang
                case UInt8(ascii: "?"):
                    state = .instruction
                    contentStart = consumed + i + 1
                case UInt8(ascii: "/"): state = .startTag  // an end tag: no `=` in it
                case UInt8(ascii: ">"): state = .text
                default:
                    state = .startTag
                    attributes = 0
                }
                i += 1
            case .bang:
                let byte = base[i]
                if byte == UInt8(ascii: "-") {
                    state = .comment
                    contentStart = consumed + i + 2  // after `<!--`
                } else if byte == UInt8(ascii: "[") {
                    state = .cdata
                    contentStart = consumed + i + 1
                } else {
                    state = .declaration
                    bracketDepth = 0
                    recent = 0x3C21_00 | UInt32(byte)
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { state = .declarationQuoted(byte) }
                }
                i += 1
            case .startTag:
                while i < count {
                    let byte = base[i]
                    i += 1
                    // `=`, quotes and `>` are all below 0x40; letters (most of a tag) are not.
                    if byte >= 0x40 { continue }
                    if byte == UInt8(ascii: "=") {
                        attributes += 1
                        if attributes > limit { return tagFinding { .tooManyAttributes(line: $0, column: $1) } }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        state = .quoted(byte)
                        continue scanning
                    } else if byte == UInt8(ascii: ">") {
                        state = .text
                        continue scanning
                    }
                }
            case let .quoted(quote):
                guard let at = find(quote, from: i) else { break scanning }
                state = .startTag
                i = at + 1
            case .comment, .cdata, .instruction:
                guard let at = find(UInt8(ascii: ">"), from: i) else { break scanning }
                i = at + 1
                let absolute = consumed + at
                switch state {
                case .comment:
                    if absolute - 2 >= contentStart && before(at, 1) == UInt8(ascii: "-") && before(at, 2) == UInt8(ascii: "-") { state = .text }
                case .cdata:
                    if absolute - 2 >= contentStart && before(at, 1) == UInt8(ascii: "]") && before(at, 2) == UInt8(ascii: "]") { state = .text }
                default:
                    if absolute - 1 >= contentStart && before(at, 1) == UInt8(ascii: "?") { state = .text }
                }
            case .declaration, .declarationQuoted, .declarationComment, .declarationInstruction:
                let byte = base[i]
                i += 1
                recent = recent << 8 | UInt32(byte)
                switch state {
                case .declaration:
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .declarationQuoted(byte)
                    case UInt8(ascii: "["):
                        if rejectsInternalSubset { return tagFinding { .internalSubset(line: $0, column: $1) } }
                        bracketDepth += 1
                    case UInt8(ascii: "]"): bracketDepth = max(0, bracketDepth - 1)
                    case UInt8(ascii: ">"): if bracketDepth == 0 { state = .text }
                    case UInt8(ascii: "-"):
                        if recent == 0x3C21_2D2D {  // `<!--` inside the internal subset
                            state = .declarationComment
                            recent = 0
                        }
                    case UInt8(ascii: "?"): if recent & 0xFFFF == 0x3C3F { state = .declarationInstruction }
                    default: break
                    }
                case let .declarationQuoted(quote):
                    if byte == quote { state = .declaration }
                case .declarationComment:
                    if recent & 0xFF_FFFF == 0x2D2D3E { state = .declaration }
                default:
                    if recent & 0xFFFF == 0x3F3E { state = .declaration }
                }
            }
        }

        // Carry the counts over and keep the place of a tag still open at the end of the
        // chunk. One word-at-a-time count of the chunk's newlines; characters are counted
        // after its last newline only (the whole chunk only when it has none, as in a
        // worksheet, which is one line); the open tag's place from the bytes after its `<`.
        // Nothing is scanned backwards over the whole chunk.
        let lines = Self.newlines(base, 0, count)
        let previousAfterNewline = charactersAfterNewline
        if lines > 0 {
            charactersAfterNewline = Self.characters(base, Self.lastNewline(base, before: count) + 1, count)
        } else {
            charactersAfterNewline += Self.characters(base, 0, count)
        }
        if state != .text && tagPlace == nil {
            let at = tagOffset
            let newlinesAfter = Self.newlines(base, at, count)
            if newlinesAfter == 0 {
                // The tag is on the chunk's last line.
                tagPlace = (linesBefore + lines + 1, charactersAfterNewline - Self.characters(base, at, count) + 1)
            } else {
                let newlineBefore = Self.lastNewline(base, before: at)
                let column = newlineBefore < 0
                    ? previousAfterNewline + Self.characters(base, 0, at) : Self.characters(base, newlineBefore + 1, at)
                tagPlace = (linesBefore + lines - newlinesAfter + 1, column + 1)
            }
        }
        linesBefore += lines
        tail = count >= 2 ? (base[count - 2], base[count - 1]) : (tail.1, base[count - 1])
        consumed += count
        tagOffset -= count
        return nil
    }

    /// How many characters (bytes that are not UTF-8 continuation bytes, `10xxxxxx`)
    /// `base[from..<to]` holds: eight bytes at a time, a continuation byte being one whose
    /// top bit is set and whose next bit is not.
    static func characters(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var continuations = 0
        var index = from
        let high: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= to {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            continuations &+= (word & ~(word << 1) & high).nonzeroBitCount
            index &+= 8
        }
        while index < to {
            if base[index] & 0xC0 == 0x80 { continuations &+= 1 }
            index &+= 1
        }
        return max(0, to - from) - continuations
    }

    /// How many newlines `base[from..<to]` holds: eight bytes at a time (a byte of
    /// `word ^ 0x0A…` is zero exactly where a newline is; the test below is exact per byte).
    static func newlines(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var total = 0
        var index = from
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let newline: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while index + 8 <= to {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) ^ newline
            // High bit of each byte set iff the byte is non-zero.
            let nonZero = ((word & low) &+ low) | word
            total &+= (~nonZero & ~low).nonzeroBitCount
            index &+= 8
        }
        while index < to {
            if base[index] == 0x0A { total &+= 1 }
            index &+= 1
        }
        return total
    }

    /// The offset of the last newline before `end`, or -1.
    private static func lastNewline(_ base: UnsafePointer<UInt8>, before end: Int) -> Int {
        var index = end - 1
        while index >= 0 && base[index] != 0x0A { index -= 1 }
        return index
    }
}
