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
struct XMLAttributeGuard {
    enum State {
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
    /// The last bytes seen, to recognise `<!--`, `-->`, `<![CDATA[`, `]]>`, `?>`.
    private var recent: UInt32 = 0
    private var bracketDepth = 0
    private var line = 1
    private var column = 0
    private var tagLine = 1
    private var tagColumn = 1

    init(limit: Int, rejectsInternalSubset: Bool) {
        self.limit = limit
        self.rejectsInternalSubset = rejectsInternalSubset
    }

    /// Scans a chunk; returns the first start tag with more than `limit` attributes, or the
    /// first DOCTYPE internal subset when those are rejected.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Finding? {
        for byte in bytes {
            if byte == 0x0A {
                line += 1
                column = 0
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            recent = recent << 8 | UInt32(byte)
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    state = .open
                    tagLine = line
                    tagColumn = column
                }
            case .open:
                switch byte {
                case UInt8(ascii: "!"): state = .bang
                case UInt8(ascii: "?"): state = .instruction
                case UInt8(ascii: "/"): state = .startTag  // an end tag: no `=` in it
                case UInt8(ascii: ">"): state = .text
                default:
                    state = .startTag
                    attributes = 0
                }
            case .bang:
                if byte == UInt8(ascii: "-") {
                    state = .comment
                    recent = 0
                } else if byte == UInt8(ascii: "[") {
                    state = .cdata
                    recent = 0
                } else {
                    state = .declaration
                    bracketDepth = 0
                }
            case .startTag:
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    state = .quoted(byte)
                } else if byte == UInt8(ascii: "=") {
                    attributes += 1
                    if attributes > limit { return .tooManyAttributes(line: tagLine, column: tagColumn) }
                } else if byte == UInt8(ascii: ">") {
                    state = .text
                    attributes = 0
                }
            case let .quoted(quote):
                if byte == quote { state = .startTag }
            case .comment:
                // `-->` (the `<!-` prefix was reset, so `<!-->` does not end it early).
                if recent & 0xFF_FFFF == 0x2D2D3E { state = .text }
            case .cdata:
                if recent & 0xFF_FFFF == 0x5D5D3E { state = .text }
            case .instruction:
                if recent & 0xFFFF == 0x3F3E { state = .text }
            case .declaration:
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"): state = .declarationQuoted(byte)
                case UInt8(ascii: "["):
                    if rejectsInternalSubset { return .internalSubset(line: tagLine, column: tagColumn) }
                    bracketDepth += 1
                case UInt8(ascii: "]"): bracketDepth = max(0, bracketDepth - 1)
                case UInt8(ascii: ">"): if bracketDepth == 0 { state = .text }
                case UInt8(ascii: "-"):
                    // `<!--` inside the internal subset.
                    if recent == 0x3C21_2D2D {
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
            case .declarationInstruction:
                if recent & 0xFFFF == 0x3F3E { state = .declaration }
            }
        }
        return nil
    }
}
