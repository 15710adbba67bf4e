/// A vehicle identification number: 17 characters of `A-HJ-NPR-Z0-9` after upper-casing.
///
/// A wrong check digit (position 9, ISO 3779 / North American weights, remainder 10 = `X`)
/// does not reject the value: many markets do not use it. `checkDigitMatches` lets the
/// importer warn.
public struct VIN: Sendable, Hashable, CustomStringConvertible {
    /// The upper-cased 17 characters.
    public let text: String
    /// Whether position 9 holds the computed check digit.
    public let checkDigitMatches: Bool

    static let weights: [Int] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

    /// The transliteration value of an upper-case character, nil when not allowed in a VIN.
    @inline(__always)
    static func value(of byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "H"): return Int(byte - UInt8(ascii: "A")) + 1
        case UInt8(ascii: "J")...UInt8(ascii: "N"): return Int(byte - UInt8(ascii: "J")) + 1
        case UInt8(ascii: "P"): return 7
        case UInt8(ascii: "R"): return 9
        case UInt8(ascii: "S")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "S")) + 2
        default: return nil
        }
    }

    /// The check digit (`0`–`9` or `X`) for 17 upper-case VIN bytes.
    static func checkDigit(of bytes: UnsafeRawBufferPointer) -> UInt8? {
        guard bytes.count == 17 else { return nil }
        var sum = 0
        for index in 0..<17 {
            guard let value = value(of: bytes[index]) else { return nil }
            sum += value * weights[index]
        }
        let remainder = sum % 11
        return remainder == 10 ? UInt8(ascii: "X") : UInt8(ascii: "0") + UInt8(remainder)
    }

    /// Parses trimmed, non-null bytes.
    static func parse(trimmed bytes: UnsafeRawBufferPointer) -> Result<VIN, ValueError> {
        withUpperCased(trimmed: bytes) { vin, matches in VIN(text: String(decoding: vin, as: UTF8.self), checkDigitMatches: matches) }
    }

    /// Checks trimmed, non-null bytes as a VIN and calls `body` with its 17 upper-cased
    /// bytes (in a stack buffer, valid only during the call) and whether the check digit
    /// matches: the importer binds them without building a `String`.
    @inline(__always)
    static func withUpperCased<R>(
        trimmed bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Bool) throws -> R
    ) rethrows -> Result<R, ValueError> {
        let expectation = "(expected 17 characters A-Z or 0-9, without I, O or Q)"
        guard bytes.count == 17 else {
            return .failure(.value(.vin, bytes, "is not a VIN: \(bytes.count) bytes \(expectation)"))
        }
        var upper: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return try withUnsafeMutableBytes(of: &upper) { buffer in
            for index in 0..<17 {
                let byte = bytes[index]
                let raised = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
                guard value(of: raised) != nil else {
                    let character = String(decoding: [byte], as: UTF8.self)
                    return .failure(
                        .value(.vin, bytes, "is not a VIN: character \(index + 1) \"\(character)\" is not allowed \(expectation)"))
                }
                buffer[index] = raised
            }
            let vin = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[0..<17])
            return .success(try body(vin, checkDigit(of: vin) == vin[8]))
        }
    }

    /// Parses a VIN cell: trimmed, upper-cased; nil for a null cell.
    public static func parse(_ text: String) -> Result<VIN?, ValueError> {
        var copy = text
        return copy.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
            if CellBytes.containsNUL(bytes) { return .failure(ValueError(.nulByte, "NUL byte in value")) }
            let range = CellBytes.trimmed(bytes)
            if CellBytes.isNullSpelling(bytes, range) { return .success(nil) }
            return parse(trimmed: UnsafeRawBufferPointer(rebasing: bytes[range])).map { $0 }
        }
    }

    public var description: String { text }
}
