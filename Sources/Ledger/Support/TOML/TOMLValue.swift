/// A TOML 1.0 value, as parsed by `TOMLParser`.
indirect enum TOMLValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// `1979-05-27T07:32:00-08:00`: `offsetMinutes` east of UTC (`Z` is 0).
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    /// `1979-05-27T07:32:00`
    case localDateTime(TOMLDate, TOMLTime)
    /// `1979-05-27`
    case localDate(TOMLDate)
    /// `07:32:00.999`
    case localTime(TOMLTime)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The kind of value with its article, for messages: "a string", "an offset date-time".
    var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .float: return "a float"
        case .boolean: return "a boolean"
        case .offsetDateTime: return "an offset date-time"
        case .localDateTime: return "a local date-time"
        case .localDate: return "a local date"
        case .localTime: return "a local time"
        case .array: return "an array"
        case .table: return "a table"
        }
    }
}

/// A calendar date of a TOML date or date-time (validated: month 1–12, day within the month).
struct TOMLDate: Equatable, Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int
}

/// A time of day of a TOML time or date-time. Fractions finer than nanoseconds are truncated.
struct TOMLTime: Equatable, Hashable, Sendable {
    var hour: Int
    var minute: Int
    /// 0–60 (RFC 3339 allows a leap second).
    var second: Int
    var nanosecond: Int = 0
}

/// A TOML table with its keys in document order.
struct TOMLTable: Equatable, Sendable {
    /// Keys and values in the order they first appear in the document.
    var entries: [(key: String, value: TOMLValue)]
    /// The 1-based line where each key was defined, for messages about a valid document's
    /// content (an unknown name, a value out of range). Tables defined by a `[header]` have
    /// the header's line; equality ignores lines.
    var lines: [String: Int] = [:]

    init(_ entries: [(key: String, value: TOMLValue)] = []) {
        self.entries = entries
    }

    var keys: [String] { entries.map(\.key) }

    /// The line where `key` was defined, when the table was parsed from text.
    func line(of key: String) -> Int? { lines[key] }

    subscript(key: String) -> TOMLValue? {
        entries.first { $0.key == key }?.value
    }

    static func == (a: TOMLTable, b: TOMLTable) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
