/// Why one cell's value was rejected: a one-line reason naming the value and what was
/// expected, e.g. `"2026-13-01" is not a date (expected YYYY-MM-DD, …)`.
public struct ValueError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, for callers and tests that branch on it.
    public enum Kind: Sendable, Equatable {
        case nulByte, invalidText, date, dateTime, money, decimal, score, integer, boolean, enumeration, vin
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// A text, enum or VIN cell whose bytes are not valid UTF-8 (for a GB18030 file: bytes that
    /// were not valid GB18030, marked 0xFF by `TranscodingByteSource`).
    static func invalidText(_ bytes: UnsafeRawBufferPointer) -> ValueError {
        .value(.invalidText, bytes, "contains bytes that are not valid text in the file's encoding (see --encoding)")
    }

    /// `"value" <reason>`, with the value's bytes decoded leniently.
    static func value(_ kind: Kind, _ bytes: UnsafeRawBufferPointer, _ reason: String) -> ValueError {
        ValueError(kind, "\"\(String(decoding: bytes, as: UTF8.self))\" \(reason)")
    }
}
