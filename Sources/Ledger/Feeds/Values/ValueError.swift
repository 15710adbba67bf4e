/// Why one cell's value was rejected: a one-line reason naming the value and what was
/// expected, e.g. `"2026-13-01" is not a date (expected YYYY-MM-DD, …)`.
public struct ValueError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, for callers and tests that branch on it.
    public enum Kind: Sendable, Equatable {
        case nulByte, date, dateTime, money, decimal, score, integer, boolean, enumeration, vin
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// `"value" <reason>`, with the value's bytes decoded leniently.
    static func value(_ kind: Kind, _ bytes: UnsafeRawBufferPointer, _ reason: String) -> ValueError {
        ValueError(kind, "\"\(String(decoding: bytes, as: UTF8.self))\" \(reason)")
    }
}
