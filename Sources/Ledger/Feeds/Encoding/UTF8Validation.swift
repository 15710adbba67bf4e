/// Strict UTF-8 validation over raw bytes (no overlong forms, no surrogates, nothing above
/// U+10FFFF), without allocating.
public enum UTF8Validation {
    /// The outcome of validating a byte range.
    public enum Outcome: Sendable, Equatable {
        /// Every byte belongs to a complete, well-formed sequence.
        case valid
        /// The bytes are well-formed up to a multibyte sequence that the end of the range cuts
        /// short; it starts at `offset`.
        case truncated(offset: Int)
        /// The byte at `offset` starts or continues an ill-formed sequence.
        case invalid(offset: Int)
    }

    /// The high bit of every byte of a word.
    @usableFromInline static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// How many bytes from `start` on are ASCII: 32 bytes (four words) per step while no
    /// byte has its high bit set, then a word, then single bytes.
    @inline(__always)
    public static func asciiRunLength(_ bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return 0 }
        var index = start
        while index + 32 <= count {
            let a = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let b = base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
            let c = base.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
            let d = base.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
            if (a | b | c | d) & highBits != 0 { break }
            index += 32
        }
        while index + 8 <= count, base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & highBits == 0 {
            index += 8
        }
        while index < count, base.load(fromByteOffset: index, as: UInt8.self) < 0x80 {
            index += 1
        }
        return index - start
    }

    /// Validates `bytes`. Runs of ASCII are skipped 32 bytes at a time.
    public static func validate(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        let count = bytes.count
        guard bytes.baseAddress != nil else { return .valid }
        var index = 0
        while index < count {
            index += asciiRunLength(bytes, from: index)
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return .invalid(offset: index)
            }
            for position in 1..<length {
                guard index + position < count else { return .truncated(offset: index) }
                let byte = bytes[index + position]
                let low = position == 1 ? lower : 0x80
                let high = position == 1 ? upper : 0xBF
                guard byte >= low && byte <= high else { return .invalid(offset: index) }
            }
            index += length
        }
        return .valid
    }

    /// Whether `bytes` are entirely well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool { validate(bytes) == .valid }
}
