/// A strict TOML 1.0 parser (https://toml.io/en/v1.0.0) over UTF-8 bytes.
///
/// Written to be total: every read goes through `peek`, numbers are accumulated with overflow
/// checks, and arrays, inline tables and tables nest at most `maxDepth` levels, so that no
/// input can trap or exhaust the stack. The first problem is thrown as a `TOMLError`.
struct TOMLParser {
    /// The deepest nesting of tables, arrays and inline tables accepted.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0
    /// Byte offsets of every line feed, for the line of a key (`TOMLTable.line(of:)`).
    private let lineFeeds: [Int]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        lineFeeds = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }
    }

    /// The 1-based line of a byte offset (binary search over the line feeds before it).
    private func line(at position: Int) -> Int {
        var low = 0
        var high = lineFeeds.count
        while low < high {
            let middle = (low + high) / 2
            if lineFeeds[middle] < position { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }

    // MARK: Document

    /// Parses the whole document into its root table.
    mutating func parse() throws(TOMLError) -> TOMLTable {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        let root = TableBuilder(origin: .header, depth: 0)
        var current = root
        while true {
            skipBlanks()
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "["):
                current = try tableHeader(root: root)
            default:
                try keyValue(into: current)
            }
            try endOfLine()
        }
        return root.table()
    }

    /// Checks that the bytes are UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    func validateUTF8() throws(TOMLError) {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC0...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(lead & 0x1F))
            case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(lead & 0x0F))
            case 0xF0...0xF7: (length, minimum, scalar) = (4, 0x1_0000, UInt32(lead & 0x07))
            default: throw notUTF8(at: i)
            }
            guard i + length <= bytes.count else { throw notUTF8(at: i) }
            for k in 1..<length {
                let next = bytes[i + k]
                guard next & 0xC0 == 0x80 else { throw notUTF8(at: i) }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10_FFFF, !(0xD800...0xDFFF).contains(scalar) else { throw notUTF8(at: i) }
            i += length
        }
    }

    private func notUTF8(at position: Int) -> TOMLError {
        error(at: position, "the text is not valid UTF-8 (byte 0x\(hex(bytes[position]))): save the file as UTF-8")
    }

    /// After a key/value pair, a header or a blank: optional blanks and comment, then a line
    /// break or the end of the text.
    private mutating func endOfLine() throws(TOMLError) {
        skipBlanks()
        if peek() == UInt8(ascii: "#") { try comment() }
        guard let byte = peek() else { return }
        switch byte {
        case UInt8(ascii: "\n"):
            index += 1
        case UInt8(ascii: "\r"):
            try lineBreak()
        default:
            throw error("expected the end of the line (or a # comment), found \(shown(byte))")
        }
    }

    /// Consumes `\n` or `\r\n`; a bare carriage return is an error.
    private mutating func lineBreak() throws(TOMLError) {
        if peek() == UInt8(ascii: "\n") {
            index += 1
        } else if peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") {
            index += 2
        } else {
            throw error("a carriage return that is not part of a CRLF line break")
        }
    }

    /// A `#` comment up to (not including) the line break.
    private mutating func comment() throws(TOMLError) {
        index += 1
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "\r") {
                if peek(1) == UInt8(ascii: "\n") { return }
                throw error("a carriage return that is not part of a CRLF line break")
            }
            if isControl(byte) { throw error("control character U+\(hex(byte, width: 4)) in a comment") }
            index += 1
        }
    }

    // MARK: Tables and keys

    /// `[a.b]` or `[[a.b]]`: returns the table that the following key/value pairs fill.
    private mutating func tableHeader(root: TableBuilder) throws(TOMLError) -> TableBuilder {
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipBlanks()
        let parts = try key()
        if isArray {
            guard peek() == UInt8(ascii: "]") && peek(1) == UInt8(ascii: "]") else {
                throw error("expected ]] to close the array-of-tables header [[\(Self.display(parts))]]")
            }
            index += 2
        } else {
            guard peek() == UInt8(ascii: "]") else { throw error("expected ] to close the table header [\(Self.display(parts))]") }
            index += 1
        }
        var table = root
        for (offset, part) in parts.enumerated().dropLast() {
            let path = Self.display(parts.prefix(offset + 1))
            switch table.slots[part.name] {
            case nil:
                let child = try makeChild(of: table, origin: .implicit, at: part.position)
                table.insert(part.name, .table(child), line: line(at: part.position))
                table = child
            case let .table(child)?:
                table = child
            case let .tables(list)?:
                guard let last = list.tables.last else { throw error(at: part.position, "\(path) is an empty array of tables") }
                table = last
            case let .value(value)?:
                throw notATable(value, path, at: part.position)
            }
        }
        guard let last = parts.last else { throw error("expected a key in the table header") }
        let path = Self.display(parts)
        if isArray {
            switch table.slots[last.name] {
            case nil:
                let child = try makeChild(of: table, origin: .header, at: last.position)
                table.insert(last.name, .tables(TableList(child)), line: line(at: last.position))
                return child
            case let .tables(list)?:
                let child = try makeChild(of: table, origin: .header, at: last.position)
                list.tables.append(child)
                return child
            case .table?:
                throw error(at: last.position, "[[\(path)]]: \(path) is already a table, not an array of tables")
            case let .value(value)?:
                throw notATable(value, path, at: last.position)
            }
        }
        switch table.slots[last.name] {
        case nil:
            let child = try makeChild(of: table, origin: .header, at: last.position)
            table.insert(last.name, .table(child), line: line(at: last.position))
            return child
        case let .table(child)? where child.origin == .implicit:
            child.origin = .header
            table.setLine(of: last.name, line(at: last.position))
            return child
        case .table?:
            throw error(at: last.position, "table [\(path)] is defined more than once")
        case .tables?:
            throw error(at: last.position, "[\(path)] is already an array of tables ([[\(path)]])")
        case let .value(value)?:
            throw notATable(value, path, at: last.position)
        }
    }

    /// `key = value` into `table` (the current table, or an inline table being read).
    private mutating func keyValue(into table: TableBuilder) throws(TOMLError) {
        let parts = try key()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected = after the key \(Self.display(parts)), found \(peek().map(shown) ?? "the end of the text")")
        }
        index += 1
        skipBlanks()
        let (target, name) = try resolve(parts, in: table)
        let keyLine = line(at: parts[parts.count - 1].position)
        let value = try value(depth: target.depth + 1)
        target.insert(name, .value(value), line: keyLine)
    }

    /// Walks a dotted key from `table`, creating the tables it names, and returns the table
    /// that receives the value and the last key part, which must not be defined yet.
    private func resolve(_ parts: [KeyPart], in table: TableBuilder) throws(TOMLError) -> (TableBuilder, String) {
        var table = table
        for (offset, part) in parts.enumerated().dropLast() {
            let path = Self.display(parts.prefix(offset + 1))
            switch table.slots[part.name] {
            case nil:
                let child = try makeChild(of: table, origin: .dotted, at: part.position)
                table.insert(part.name, .table(child), line: line(at: part.position))
                table = child
            case let .table(child)? where child.origin == .dotted:
                table = child
            case .table?:
                throw error(at: part.position, "dotted keys cannot add to table \(path), which a [header] defines")
            case .tables?:
                throw error(at: part.position, "\(path) is an array of tables: dotted keys cannot add to it")
            case let .value(value)?:
                throw notATable(value, path, at: part.position)
            }
        }
        guard let last = parts.last else { throw error("expected a key") }
        if table.slots[last.name] != nil {
            throw error(at: last.position, "duplicate key \(Self.display(parts))")
        }
        return (table, last.name)
    }

    private func notATable(_ value: TOMLValue, _ path: String, at position: Int) -> TOMLError {
        if case .table = value { return error(at: position, "\(path) is an inline table, which cannot be extended") }
        return error(at: position, "\(path) is already \(value.kindDescription), not a table")
    }

    private func makeChild(of table: TableBuilder, origin: TableBuilder.Origin, at position: Int) throws(TOMLError) -> TableBuilder {
        guard table.depth < Self.maxDepth else { throw tooDeep(at: position) }
        return TableBuilder(origin: origin, depth: table.depth + 1)
    }

    private func tooDeep(at position: Int) -> TOMLError {
        error(at: position, "tables, arrays and inline tables nested more than \(Self.maxDepth) levels deep")
    }

    /// A key: simple keys (bare or quoted) joined by dots; trailing blanks are consumed.
    private mutating func key() throws(TOMLError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipBlanks()
            parts.append(try simpleKey())
            if parts.count > Self.maxDepth {
                throw error(at: parts[parts.count - 1].position, "a key with more than \(Self.maxDepth) dotted parts")
            }
            skipBlanks()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    private mutating func simpleKey() throws(TOMLError) -> KeyPart {
        let start = index
        guard let byte = peek() else { throw error("expected a key, found the end of the text") }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
            if peek(1) == byte && peek(2) == byte { throw error("a key cannot be a multi-line string") }
            let name = try byte == UInt8(ascii: "\"") ? basicString() : literalString()
            return KeyPart(name: name, position: start)
        }
        while let next = peek(), isBareKey(next) { index += 1 }
        guard index > start else {
            throw error("expected a key (letters, digits, _ or -, or a quoted key such as \"工单号\"), found \(shown(byte))")
        }
        return KeyPart(name: String(decoding: bytes[start..<index], as: UTF8.self), position: start)
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(TOMLError) -> TOMLValue {
        guard depth <= Self.maxDepth else { throw tooDeep(at: index) }
        guard let byte = peek() else { throw error("missing value at the end of the text") }
        let value: TOMLValue
        switch byte {
        case UInt8(ascii: "\""):
            value = .string(try peek(1) == byte && peek(2) == byte ? multilineBasicString() : basicString())
        case UInt8(ascii: "'"):
            value = .string(try peek(1) == byte && peek(2) == byte ? multilineLiteralString() : literalString())
        case UInt8(ascii: "["):
            return try array(depth: depth)
        case UInt8(ascii: "{"):
            return try inlineTable(depth: depth)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            value = try boolean()
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "i"), UInt8(ascii: "n"):
            if isDigit(byte) && isDigit(peek(1)) && isDigit(peek(2)) && isDigit(peek(3)) && peek(4) == UInt8(ascii: "-") {
                value = try dateOrDateTime()
            } else if isDigit(byte) && isDigit(peek(1)) && peek(2) == UInt8(ascii: ":") {
                value = .localTime(try time())
            } else {
                value = try number()
            }
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"):
            throw error("missing value")
        default:
            throw invalidValue()
        }
        if let next = peek(), !isValueEnd(next) {
            throw error("unexpected \(shown(next)) after the value")
        }
        return value
    }

    private func isValueEnd(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "#"),
            UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    private func invalidValue() -> TOMLError {
        if let byte = peek(), isValueEnd(byte) || !isBareKey(byte) {
            return error("expected a value (a string, number, boolean, date, array or inline table), found \(shown(byte))")
        }
        var end = index
        while end < bytes.count, end - index < 24, !isValueEnd(bytes[end]) { end += 1 }
        let word = String(decoding: bytes[index..<end], as: UTF8.self)
        return error("invalid value \(word.debugDescription): strings need quotes, booleans are true or false")
    }

    private mutating func boolean() throws(TOMLError) -> TOMLValue {
        if matches("true") {
            index += 4
            return .boolean(true)
        }
        if matches("false") {
            index += 5
            return .boolean(false)
        }
        throw invalidValue()
    }

    private mutating func array(depth: Int) throws(TOMLError) -> TOMLValue {
        let start = index
        index += 1
        var items: [TOMLValue] = []
        while true {
            try skipBlanksCommentsAndLineBreaks()
            guard let byte = peek() else { throw error(at: start, "this array is never closed (missing ])") }
            if byte == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            items.append(try value(depth: depth + 1))
            try skipBlanksCommentsAndLineBreaks()
            guard let next = peek() else { throw error(at: start, "this array is never closed (missing ])") }
            switch next {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default:
                throw error("expected , or ] in the array, found \(shown(next))")
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLError) -> TOMLValue {
        let start = index
        index += 1
        let table = TableBuilder(origin: .inline, depth: depth)
        skipBlanks()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .table(table.table())
        }
        while true {
            try keyValue(into: table)
            skipBlanks()
            guard let byte = peek() else { throw error(at: start, "this inline table is never closed (missing })") }
            switch byte {
            case UInt8(ascii: ","):
                index += 1
                skipBlanks()
                if peek() == UInt8(ascii: "}") { throw error("a trailing comma is not allowed in an inline table") }
            case UInt8(ascii: "}"):
                index += 1
                return .table(table.table())
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("an inline table must be on one line (missing })")
            default:
                throw error("expected , or } in the inline table, found \(shown(byte))")
            }
        }
    }

    // MARK: Strings

    /// `"…"` with escapes, on one line.
    private mutating func basicString() throws(TOMLError) -> String {
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("this string is never closed (missing \")") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("this string is never closed on its line (missing \"; use \"\"\" for multi-line strings)")
            default:
                if isControl(byte) { throw controlInString(byte) }
                out.append(byte)
                index += 1
            }
        }
    }

    /// `"""…"""`: escapes, line breaks, and a backslash at a line end trimming what follows.
    private mutating func multilineBasicString() throws(TOMLError) -> String {
        let start = index
        index += 3
        try skipFirstLineBreak()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error(at: start, "this multi-line string is never closed (missing \"\"\")") }
            switch byte {
            case UInt8(ascii: "\""):
                if try closeMultiline(quote: byte, into: &out) { return String(decoding: out, as: UTF8.self) }
            case UInt8(ascii: "\\"):
                if isBlankOrLineBreak(peek(1)) {
                    try lineEndingBackslash()
                } else {
                    try escape(into: &out)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try lineBreak()
                out.append(UInt8(ascii: "\n"))
            default:
                if isControl(byte) { throw controlInString(byte) }
                out.append(byte)
                index += 1
            }
        }
    }

    /// `'…'`: no escapes, on one line.
    private mutating func literalString() throws(TOMLError) -> String {
        index += 1
        let start = index
        while true {
            guard let byte = peek() else { throw error("this string is never closed (missing ')") }
            switch byte {
            case UInt8(ascii: "'"):
                index += 1
                return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("this string is never closed on its line (missing '; use ''' for multi-line strings)")
            default:
                if isControl(byte) { throw controlInString(byte) }
                index += 1
            }
        }
    }

    /// `'''…'''`: no escapes, line breaks kept.
    private mutating func multilineLiteralString() throws(TOMLError) -> String {
        let start = index
        index += 3
        try skipFirstLineBreak()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error(at: start, "this multi-line string is never closed (missing ''')") }
            switch byte {
            case UInt8(ascii: "'"):
                if try closeMultiline(quote: byte, into: &out) { return String(decoding: out, as: UTF8.self) }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try lineBreak()
                out.append(UInt8(ascii: "\n"))
            default:
                if isControl(byte) { throw controlInString(byte) }
                out.append(byte)
                index += 1
            }
        }
    }

    /// A newline right after the opening delimiter of a multi-line string is not content.
    private mutating func skipFirstLineBreak() throws(TOMLError) {
        if peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") { try lineBreak() }
    }

    /// At a run of quotes inside a multi-line string: fewer than three are content; three to
    /// five close the string, the extra one or two being content. Returns whether it closed.
    private mutating func closeMultiline(quote: UInt8, into out: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while peek(run) == quote { run += 1 }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            index += run
            return false
        }
        if run > 5 {
            throw error(at: index + 5, "too many quotes at the end of a multi-line string (at most two may precede the closing three)")
        }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        index += run
        return true
    }

    /// A backslash followed by blanks up to the line end: the line break and all blanks and
    /// line breaks after it are trimmed.
    private mutating func lineEndingBackslash() throws(TOMLError) {
        let backslash = index
        index += 1
        skipBlanks()
        guard peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") else {
            throw error(at: backslash, "invalid escape: a backslash followed by a space must end the line")
        }
        while let byte = peek(), isBlankOrLineBreak(byte) {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { try lineBreak() } else { index += 1 }
        }
    }

    /// An escape sequence at a backslash: appends the character it stands for.
    private mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        let start = index
        guard let code = peek(1) else { throw error("this string is never closed (missing \")") }
        index += 2
        switch code {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = code == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for offset in 0..<count {
                guard let digit = peek(offset).flatMap(hexValue) else {
                    throw error(at: start, "invalid escape: \\\(code == UInt8(ascii: "u") ? "u" : "U") needs \(count) hexadecimal digits")
                }
                value = value << 4 | UInt32(digit)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error(at: start, "invalid escape: U+\(String(value, radix: 16, uppercase: true)) is not a Unicode scalar value")
            }
            index += count
            UTF8.encode(scalar) { out.append($0) }
        default:
            throw error(at: start, "invalid escape \\\(shownInline(code)) (valid: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)")
        }
    }

    private func controlInString(_ byte: UInt8) -> TOMLError {
        error("control character U+\(hex(byte, width: 4)) in a string: write it as an escape such as \\t or \\u\(hex(byte, width: 4))")
    }

    // MARK: Numbers, dates and times

    /// Integers (decimal, 0x, 0o, 0b) and floats (fraction, exponent, inf, nan).
    private mutating func number() throws(TOMLError) -> TOMLValue {
        let start = index
        while let byte = peek(), isNumberCharacter(byte) { index += 1 }
        var token = bytes[start..<index]
        let text = String(decoding: token, as: UTF8.self)
        func invalid(_ why: String) -> TOMLError { error(at: start, "invalid number \(text.debugDescription): \(why)") }
        var negative = false
        var signed = false
        if let first = token.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            signed = true
            negative = first == UInt8(ascii: "-")
            token = token.dropFirst()
        }
        if token.elementsEqual("inf".utf8) { return .float(negative ? -.infinity : .infinity) }
        if token.elementsEqual("nan".utf8) { return .float(.nan) }
        if token.count > 2, token.first == UInt8(ascii: "0"), let prefix = token.dropFirst().first,
            let radix = [UInt8(ascii: "x"): 16, UInt8(ascii: "o"): 8, UInt8(ascii: "b"): 2][prefix]
        {
            if signed { throw invalid("a sign is not allowed on hexadecimal, octal or binary integers") }
            guard let digits = Self.digits(token.dropFirst(2), radix: radix) else { throw invalid("not a base-\(radix) integer") }
            guard let magnitude = Self.magnitude(digits, radix: radix), magnitude <= UInt64(Int64.max) else {
                throw invalid("out of the 64-bit integer range")
            }
            return .integer(Int64(magnitude))
        }
        let split = token.firstIndex { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? token.endIndex
        guard let integerDigits = Self.digits(token[..<split], radix: 10) else {
            throw invalid("expected digits (underscores only between digits)")
        }
        if integerDigits.count > 1 && integerDigits.first == UInt8(ascii: "0") { throw invalid("leading zeros are not allowed") }
        if split == token.endIndex {
            guard let magnitude = Self.magnitude(integerDigits, radix: 10),
                magnitude <= (negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max))
            else { throw invalid("out of the 64-bit integer range") }
            return .integer(negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude))
        }
        var literal = (negative ? "-" : "") + String(decoding: integerDigits, as: UTF8.self)
        var rest = token[split...]
        if rest.first == UInt8(ascii: ".") {
            let end = rest.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? rest.endIndex
            guard let fraction = Self.digits(rest.dropFirst()[..<end], radix: 10) else {
                throw invalid("a decimal point needs digits on both sides")
            }
            literal += "." + String(decoding: fraction, as: UTF8.self)
            rest = rest[end...]
        }
        if let marker = rest.first {
            guard marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") else { throw invalid("unexpected characters") }
            var exponent = rest.dropFirst()
            var sign = ""
            if let first = exponent.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                sign = first == UInt8(ascii: "-") ? "-" : ""
                exponent = exponent.dropFirst()
            }
            guard let digits = Self.digits(exponent, radix: 10) else { throw invalid("an exponent needs digits") }
            literal += "e" + sign + String(decoding: digits, as: UTF8.self)
        }
        guard let value = Double(literal), value.isFinite else { throw invalid("out of the 64-bit float range") }
        return .float(value)
    }

    /// The digits of `text` without underscores, or nil unless it is digits of `radix` with
    /// each underscore between two digits.
    private static func digits(_ text: ArraySlice<UInt8>, radix: Int) -> [UInt8]? {
        guard let first = text.first, let last = text.last, first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else {
            return nil
        }
        var out: [UInt8] = []
        var previousUnderscore = false
        for byte in text {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            guard let value = hexValue(byte), Int(value) < radix else { return nil }
            previousUnderscore = false
            out.append(byte)
        }
        return out
    }

    /// The value of validated digits, or nil past UInt64.
    private static func magnitude(_ digits: [UInt8], radix: Int) -> UInt64? {
        var total: UInt64 = 0
        for byte in digits {
            guard let digit = hexValue(byte) else { return nil }
            let (shifted, overflow1) = total.multipliedReportingOverflow(by: UInt64(radix))
            let (sum, overflow2) = shifted.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            total = sum
        }
        return total
    }

    /// `YYYY-MM-DD`, optionally followed by `T` (or a space) and a time, then an optional offset.
    private mutating func dateOrDateTime() throws(TOMLError) -> TOMLValue {
        let start = index
        let year = try fixedDigits(4, "year")
        try expect(UInt8(ascii: "-"), "- between the year and the month")
        let month = try fixedDigits(2, "month")
        try expect(UInt8(ascii: "-"), "- between the month and the day")
        let day = try fixedDigits(2, "day")
        guard (1...12).contains(month) else { throw error(at: start, "invalid date: month \(month) is not 1–12") }
        guard (1...Self.daysIn(month: month, year: year)).contains(day) else {
            throw error(at: start, "invalid date: day \(day) is not in \(year)-\(month < 10 ? "0" : "")\(month)")
        }
        let date = TOMLDate(year: year, month: month, day: day)
        let separator = peek()
        let hasTime =
            separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
            || (separator == UInt8(ascii: " ") && isDigit(peek(1)) && isDigit(peek(2)) && peek(3) == UInt8(ascii: ":"))
        guard hasTime else { return .localDate(date) }
        index += 1
        let time = try time()
        switch peek() {
        case UInt8(ascii: "Z")?, UInt8(ascii: "z")?:
            index += 1
            return .offsetDateTime(date, time, offsetMinutes: 0)
        case let sign? where sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"):
            let offsetStart = index
            index += 1
            let hours = try fixedDigits(2, "offset hour")
            try expect(UInt8(ascii: ":"), ": in the offset (+HH:MM)")
            let minutes = try fixedDigits(2, "offset minute")
            guard hours <= 23, minutes <= 59 else { throw error(at: offsetStart, "invalid offset: hours 00–23, minutes 00–59") }
            let offset = hours * 60 + minutes
            return .offsetDateTime(date, time, offsetMinutes: sign == UInt8(ascii: "-") ? -offset : offset)
        default:
            return .localDateTime(date, time)
        }
    }

    /// `HH:MM:SS` with an optional fraction of a second.
    private mutating func time() throws(TOMLError) -> TOMLTime {
        let start = index
        let hour = try fixedDigits(2, "hour")
        try expect(UInt8(ascii: ":"), ": between the hour and the minute")
        let minute = try fixedDigits(2, "minute")
        try expect(UInt8(ascii: ":"), ": between the minute and the second (seconds are required)")
        let second = try fixedDigits(2, "second")
        guard hour <= 23, minute <= 59, second <= 60 else {
            throw error(at: start, "invalid time: hours 00–23, minutes 00–59, seconds 00–60")
        }
        var nanosecond = 0
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard isDigit(peek()) else { throw error("a fraction of a second needs digits after the point") }
            var digits = 0
            while let byte = peek(), isDigit(byte) {
                if digits < 9 { nanosecond = nanosecond * 10 + Int(byte - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            for _ in digits..<max(digits, 9) { nanosecond *= 10 }
        }
        return TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    private mutating func fixedDigits(_ count: Int, _ what: String) throws(TOMLError) -> Int {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek(), isDigit(byte) else { throw error("expected \(count) digits for the \(what)") }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            index += 1
        }
        return value
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(TOMLError) {
        guard peek() == byte else { throw error("expected \(what)") }
        index += 1
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Bytes

    private func peek(_ offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position >= 0 && position < bytes.count ? bytes[position] : nil
    }

    private func matches(_ word: String) -> Bool {
        var offset = 0
        for byte in word.utf8 {
            guard peek(offset) == byte else { return false }
            offset += 1
        }
        return true
    }

    private mutating func skipBlanks() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Inside arrays: blanks, comments and line breaks.
    private mutating func skipBlanksCommentsAndLineBreaks() throws(TOMLError) {
        while true {
            skipBlanks()
            switch peek() {
            case UInt8(ascii: "#")?: try comment()
            case UInt8(ascii: "\n")?, UInt8(ascii: "\r")?: try lineBreak()
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private func isNumberCharacter(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
    }

    private func isBlankOrLineBreak(_ byte: UInt8?) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Control characters other than tab (TOML allows none of them in strings or comments).
    private func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private func hexValue(_ byte: UInt8) -> UInt8? { Self.hexValue(byte) }

    private func hex(_ byte: UInt8, width: Int = 2) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A byte for a message: the character in quotes, or its code when it is not printable.
    private func shown(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\n"): return "a line break"
        case 0x20..<0x7F: return "\"\(shownInline(byte))\""
        case 0x80...: return "a non-ASCII character"
        default: return "U+\(hex(byte, width: 4))"
        }
    }

    private func shownInline(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "U+\(hex(byte, width: 4))"
    }

    private func error(_ reason: String) -> TOMLError { error(at: index, reason) }

    /// An error at a byte offset, with its 1-based line and column (in Unicode scalars).
    private func error(at position: Int, _ reason: String) -> TOMLError {
        let end = min(max(position, 0), bytes.count)
        var line = 1
        var lineStart = 0
        for offset in 0..<end where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        if lineStart == 0 && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { lineStart = min(3, end) }
        let column = 1 + bytes[lineStart..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return TOMLError(line: line, column: column, reason: reason)
    }

    private static func display(_ parts: some Collection<KeyPart>) -> String {
        parts.map { part in
            !part.name.isEmpty && part.name.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            } ? part.name : part.name.debugDescription
        }.joined(separator: ".")
    }
}

/// One part of a dotted key and the byte offset where it starts (for messages).
private struct KeyPart {
    var name: String
    var position: Int
}

/// A table while the document is read: keys in order, and how the table came to be, which
/// decides whether a later header or dotted key may add to it.
private final class TableBuilder {
    enum Origin {
        /// Created as a parent by a header (`[a.b]` creates `a`): a later `[a]` may define it.
        case implicit
        /// Defined by a `[header]` or `[[header]]` (or the root).
        case header
        /// Created by a dotted key (`a.b = 1` creates `a`): further dotted keys may add to it.
        case dotted
        /// An inline table `{ … }`: complete once read.
        case inline
    }

    var origin: Origin
    let depth: Int
    private(set) var order: [String] = []
    private(set) var slots: [String: Slot] = [:]
    /// The line where each key was defined (a table: its header, else where a key created it).
    private(set) var lines: [String: Int] = [:]

    init(origin: Origin, depth: Int) {
        self.origin = origin
        self.depth = depth
    }

    func insert(_ key: String, _ slot: Slot, line: Int) {
        if slots[key] == nil { order.append(key) }
        slots[key] = slot
        lines[key] = line
    }

    /// A table first created as a parent and later defined by its own `[header]`.
    func setLine(of key: String, _ line: Int) {
        lines[key] = line
    }

    func table() -> TOMLTable {
        var table = TOMLTable(
            order.compactMap { key in
                slots[key].map { slot in
                    switch slot {
                    case let .value(value): return (key, value)
                    case let .table(table): return (key, .table(table.table()))
                    case let .tables(list): return (key, .array(list.tables.map { .table($0.table()) }))
                    }
                }
            })
        table.lines = lines
        return table
    }
}

private enum Slot {
    case value(TOMLValue)
    case table(TableBuilder)
    case tables(TableList)
}

/// The tables of an array of tables (`[[a]]`), appended to as headers repeat.
private final class TableList {
    var tables: [TableBuilder]

    init(_ first: TableBuilder) {
        tables = [first]
    }
}
