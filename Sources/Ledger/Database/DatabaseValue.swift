/// A value as stored in the warehouse: the four storage classes every SQL backend shares.
public enum DatabaseValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    public var int64: Int64? {
        switch self {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v)
        case .text(let v): return Int64(v)
        case .null: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .text(let v): return Double(v)
        case .null: return nil
        }
    }

    public var string: String? {
        switch self {
        case .text(let v): return v
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .null: return nil
        }
    }

    public var description: String { string ?? "NULL" }
}

extension DatabaseValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension Optional where Wrapped == String {
    /// The string as a database value, null when absent.
    public var databaseValue: DatabaseValue { map { .text($0) } ?? .null }
}

extension Optional where Wrapped == Int64 {
    /// The integer as a database value, null when absent.
    public var databaseValue: DatabaseValue { map { .integer($0) } ?? .null }
}

/// One result row.
public struct Row: Sendable, Hashable {
    public var values: [DatabaseValue]
    public init(values: [DatabaseValue]) { self.values = values }
    public subscript(index: Int) -> DatabaseValue { values[index] }
}
