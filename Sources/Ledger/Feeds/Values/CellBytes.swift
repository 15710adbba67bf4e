/// Byte-level helpers over one cell's UTF-8 bytes (no allocation).
enum CellBytes {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    /// Whether the bytes contain a NUL.
    @inline(__always)
    static func containsNUL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte == 0 { return true }
        return false
    }

    /// Whether `bytes[index...]` starts with the ideographic space U+3000 (E3 80 80).
    @inline(__always)
    static func isIdeographicSpace(_ bytes: UnsafeRawBufferPointer, at index: Int, end: Int) -> Bool {
        index + 3 <= end && bytes[index] == 0xE3 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80
    }

    /// The range left after removing surrounding spaces, tabs and ideographic spaces.
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> Range<Int> {
        var start = 0
        var end = bytes.count
        while start < end {
            if bytes[start] == space || bytes[start] == tab {
                start += 1
            } else if isIdeographicSpace(bytes, at: start, end: end) {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == space || bytes[end - 1] == tab {
                end -= 1
            } else if end - 3 >= start && isIdeographicSpace(bytes, at: end - 3, end: end) {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    /// Whether the bytes in `range` are a null spelling: empty, `NULL` (any case) or `-`.
    static func isNullSpelling(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        switch range.count {
        case 0: return true
        case 1: return bytes[range.lowerBound] == UInt8(ascii: "-")
        case 4: return equalsIgnoringASCIICase(bytes, range, "null")
        default: return false
        }
    }

    /// ASCII lowercase of `byte`.
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Whether the bytes in `range` equal `lowercased` (ASCII case-insensitive).
    static func equalsIgnoringASCIICase(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercased: StaticString) -> Bool {
        guard range.count == lowercased.utf8CodeUnitCount else { return false }
        let other = lowercased.utf8Start
        for offset in 0..<range.count where lower(bytes[range.lowerBound + offset]) != other[offset] { return false }
        return true
    }

    /// Whether the bytes in `range` equal `lowercased` (ASCII case-insensitive).
    static func equalsIgnoringASCIICase(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercased: [UInt8]) -> Bool {
        guard range.count == lowercased.count else { return false }
        for offset in 0..<range.count where lower(bytes[range.lowerBound + offset]) != lowercased[offset] { return false }
        return true
    }

    /// Whether `bytes[index...]` starts with `pattern`.
    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeRawBufferPointer, at index: Int, end: Int, _ pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let other = pattern.utf8Start
        for offset in 0..<count where bytes[index + offset] != other[offset] { return false }
        return true
    }

    @inline(__always)
    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte &- UInt8(ascii: "0")) : nil
    }

    /// The number of consecutive ASCII digits from `index` (before `end`).
    @inline(__always)
    static func digitRun(_ bytes: UnsafeRawBufferPointer, from index: Int, end: Int) -> Int {
        var position = index
        while position < end, digit(bytes[position]) != nil { position += 1 }
        return position - index
    }

    /// The value of `count` digits from `index` (the caller checked they are digits; count ≤ 18).
    @inline(__always)
    static func number(_ bytes: UnsafeRawBufferPointer, from index: Int, count: Int) -> Int {
        var value = 0
        for position in index..<index + count { value = value * 10 + Int(bytes[position] &- UInt8(ascii: "0")) }
        return value
    }
}
