/// Parses cells into typed values by the rules of feeds.md 1 ("Values"); see docs/values.md.
///
/// Cells are the UTF-8 bytes given by `CSVReader.withField`. Numbers, dates and booleans are
/// parsed without allocating; text, enum and VIN values produce Strings. Bytes that are not
/// valid UTF-8 reject any cell (text and enum cells with `ValueError.Kind.invalidText`). A rejected value is
/// a `ValueError` whose description names the value and the expectation.
public struct ValueParser: Sendable {
    /// The dealer's time zone, to which date-times with an offset are converted.
    public let timeZone: LocalTimeZone
    /// The accepted date forms.
    public let dateFormats: [DateFormat]
    private let scanner: DateTimeScanner
    private let booleans: [([UInt8], Bool)]
    private let dateExpectation: String
    private let booleanExpectation: String

    /// The spellings of booleans accepted without a profile (ASCII case-insensitive).
    public static let standardBooleans: [(String, Bool)] = [
        ("1", true), ("0", false), ("true", true), ("false", false), ("yes", true), ("no", false),
        ("y", true), ("n", false), ("是", true), ("否", false),
    ]

    /// - Parameters:
    ///   - timeZone: the dealer's zone (default `Asia/Shanghai`).
    ///   - dateFormats: accepted date forms (default: the four of feeds.md 1).
    ///   - extraBooleans: further spellings from a profile, e.g. `["on": true, "关": false]`.
    public init(
        timeZone: LocalTimeZone = .shanghai, dateFormats: [DateFormat] = DateFormat.defaults,
        extraBooleans: [String: Bool] = [:]
    ) {
        self.timeZone = timeZone
        self.dateFormats = dateFormats
        scanner = DateTimeScanner(formats: DateFormatSet(dateFormats))
        var booleans = ValueParser.standardBooleans.map { (Array($0.0.utf8), $0.1) }
        for (spelling, value) in extraBooleans.sorted(by: { $0.key < $1.key }) {
            booleans.append((Array(spelling.lowercased().utf8), value))
        }
        self.booleans = booleans
        let names = dateFormats.map(\.rawValue)
        let list =
            names.count <= 1
            ? (names.first ?? "no date form") : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        dateExpectation = "(expected \(list))"
        let standard = "1/0, true/false, yes/no, Y/N or 是/否"
        booleanExpectation =
            extraBooleans.isEmpty
            ? "(expected \(standard))"
            : "(expected \(standard), or \(extraBooleans.keys.sorted().joined(separator: ", ")))"
    }

    // MARK: - One entry point per cell

    /// Parses one cell as `type` (prepared once per column).
    public func parse(_ bytes: UnsafeRawBufferPointer, as type: PreparedColumnType) -> Result<ParsedValue, ValueError> {
        if CellBytes.containsNUL(bytes) { return .failure(ValueError(.nulByte, "NUL byte in value")) }
        let range = CellBytes.trimmed(bytes)
        let cell = UnsafeRawBufferPointer(rebasing: bytes[range])
        if CellBytes.isNullSpelling(cell, 0..<cell.count) {
            if let resolver = type.resolver, let value = resolver.domain.emptyMeans { return .success(.text(value)) }
            return .success(.null)
        }
        switch type.type {
        case .text:
            guard UTF8Validation.isValid(cell) else { return .failure(.invalidText(cell)) }
            return .success(.text(String(decoding: cell, as: UTF8.self)))
        case .date:
            return scanDate(cell).map { $0.map(ParsedValue.date) ?? .null }
        case .dateTime:
            return scanDateTime(cell).map { $0.map(ParsedValue.dateTime) ?? .null }
        case .money:
            return scanMoney(cell).map(ParsedValue.integer)
        case .decimal:
            return scanDecimal(cell).map(ParsedValue.integer)
        case .score:
            return scanScore(cell).map(ParsedValue.integer)
        case .integer:
            return scanInteger(cell).map(ParsedValue.integer)
        case .boolean:
            return scanBoolean(cell).map { .integer($0 ? 1 : 0) }
        case .enumeration(let domain):
            // The resolver rejects bytes that are not UTF-8 (after trying the canonical spellings).
            let resolver = type.resolver ?? EnumResolver(domain)
            return resolver.resolve(trimmed: cell).map(ParsedValue.text)
        case .vin:
            return VIN.parse(trimmed: cell).map { .vin($0.text, checkDigitMatches: $0.checkDigitMatches) }
        }
    }

    /// Parses a VIN cell as `parse(_:as:)` does for `.vin`, but hands the upper-cased bytes
    /// (nil for a null cell) and whether the check digit matches to `body` instead of
    /// building a `String`: the importer binds them straight from the stack.
    func withVIN<R>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer?, Bool) throws -> R
    ) rethrows -> Result<R, ValueError> {
        if CellBytes.containsNUL(bytes) { return .failure(ValueError(.nulByte, "NUL byte in value")) }
        let range = CellBytes.trimmed(bytes)
        let cell = UnsafeRawBufferPointer(rebasing: bytes[range])
        if CellBytes.isNullSpelling(cell, 0..<cell.count) { return .success(try body(nil, true)) }
        return try VIN.withUpperCased(trimmed: cell, body)
    }

    /// Parses one cell as `type`. Prepares the type on every call: for hot loops over enum
    /// columns use `PreparedColumnType`.
    public func parse(_ bytes: UnsafeRawBufferPointer, as type: ColumnType) -> Result<ParsedValue, ValueError> {
        parse(bytes, as: PreparedColumnType(type))
    }

    /// Parses `text` as `type`.
    public func parse(_ text: String, as type: ColumnType) -> Result<ParsedValue, ValueError> {
        withCell(text) { parse($0, as: PreparedColumnType(type)) }
    }

    // MARK: - Typed parsers (nil = null)

    /// A date cell: a date (or a date-time, whose date is kept); `0` is null.
    public func date(_ bytes: UnsafeRawBufferPointer) -> Result<LocalDate?, ValueError> {
        nullable(bytes) { scanDate($0) }
    }

    /// A date-time cell; a bare date means 00:00:00; `0` is null.
    public func dateTime(_ bytes: UnsafeRawBufferPointer) -> Result<LocalDateTime?, ValueError> {
        nullable(bytes) { scanDateTime($0) }
    }

    /// Money in minor units (fen / cents), rounded half-even to 2 places.
    public func money(_ bytes: UnsafeRawBufferPointer) -> Result<Int64?, ValueError> {
        nullable(bytes) { scanMoney($0).map(Optional.some) }
    }

    /// A quantity or hours in ten-thousandths (up to 4 places, never rounded).
    public func decimal(_ bytes: UnsafeRawBufferPointer) -> Result<Int64?, ValueError> {
        nullable(bytes) { scanDecimal($0).map(Optional.some) }
    }

    /// A score 0–10 in ten-thousandths.
    public func score(_ bytes: UnsafeRawBufferPointer) -> Result<Int64?, ValueError> {
        nullable(bytes) { scanScore($0).map(Optional.some) }
    }

    /// A whole number (a fraction of zeros such as `12.0` is accepted).
    public func integer(_ bytes: UnsafeRawBufferPointer) -> Result<Int64?, ValueError> {
        nullable(bytes) { scanInteger($0).map(Optional.some) }
    }

    /// A boolean.
    public func boolean(_ bytes: UnsafeRawBufferPointer) -> Result<Bool?, ValueError> {
        nullable(bytes) { scanBoolean($0).map(Optional.some) }
    }

    public func date(_ text: String) -> Result<LocalDate?, ValueError> { withCell(text) { date($0) } }
    public func dateTime(_ text: String) -> Result<LocalDateTime?, ValueError> { withCell(text) { dateTime($0) } }
    public func money(_ text: String) -> Result<Int64?, ValueError> { withCell(text) { money($0) } }
    public func decimal(_ text: String) -> Result<Int64?, ValueError> { withCell(text) { decimal($0) } }
    public func score(_ text: String) -> Result<Int64?, ValueError> { withCell(text) { score($0) } }
    public func integer(_ text: String) -> Result<Int64?, ValueError> { withCell(text) { integer($0) } }
    public func boolean(_ text: String) -> Result<Bool?, ValueError> { withCell(text) { boolean($0) } }

    // MARK: - Scanning trimmed, non-null cells

    private func withCell<R>(_ text: String, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var copy = text
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    private func nullable<T>(
        _ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result<T?, ValueError>
    ) -> Result<T?, ValueError> {
        if CellBytes.containsNUL(bytes) { return .failure(ValueError(.nulByte, "NUL byte in value")) }
        let range = CellBytes.trimmed(bytes)
        let cell = UnsafeRawBufferPointer(rebasing: bytes[range])
        if CellBytes.isNullSpelling(cell, 0..<cell.count) { return .success(nil) }
        return body(cell)
    }

    @inline(__always)
    private func isZero(_ cell: UnsafeRawBufferPointer) -> Bool { cell.count == 1 && cell[0] == UInt8(ascii: "0") }

    /// The local wall-clock fields of a date or date-time cell.
    private func localFields(_ cell: UnsafeRawBufferPointer) -> LocalDateTime?? {
        switch scanner.scan(cell, 0, cell.count) {
        case .malformed, .impossible:
            return .none
        case .fields(let fields):
            let wall = LocalDateTime(date: fields.date, hour: fields.hour, minute: fields.minute, second: fields.second)
            guard let wall else { return .none }
            if let instant = fields.utcInstant { return .some(timeZone.localTime(atUTC: instant)) }
            if let offset = fields.offset {
                return .some(timeZone.localTime(atUTC: wall.secondsSinceEpoch - Int64(offset)))
            }
            return .some(wall)
        }
    }

    private func scanDate(_ cell: UnsafeRawBufferPointer) -> Result<LocalDate?, ValueError> {
        if isZero(cell) { return .success(nil) }
        if case .some(.some(let wall)) = localFields(cell) { return .success(wall.date) }
        return .failure(.value(.date, cell, "is not a date \(dateExpectation)"))
    }

    private func scanDateTime(_ cell: UnsafeRawBufferPointer) -> Result<LocalDateTime?, ValueError> {
        if isZero(cell) { return .success(nil) }
        if case .some(.some(let wall)) = localFields(cell) { return .success(wall) }
        return .failure(
            .value(
                .dateTime, cell,
                "is not a date-time (expected a date, optionally followed by a space or T, HH:MM[:SS] and an offset such as +08:00 or Z; dates: \(dateExpectation.dropFirst(10))"
            ))
    }

    private static let moneyExpectation =
        "(expected a decimal such as 1,007.32 or -12.5, optionally with ¥, ￥, $ or CNY before or 元 after)"

    private func scanMoney(_ cell: UnsafeRawBufferPointer) -> Result<Int64, ValueError> {
        var start = 0
        var end = cell.count
        var negative = false
        var hasPrefix = false
        if start < end && cell[start] == UInt8(ascii: "-") {
            negative = true
            start += 1
        }
        if CellBytes.hasPrefix(cell, at: start, end: end, "¥") {
            start += 2
            hasPrefix = true
        } else if CellBytes.hasPrefix(cell, at: start, end: end, "￥") {
            start += 3
            hasPrefix = true
        } else if start < end && cell[start] == UInt8(ascii: "$") {
            start += 1
            hasPrefix = true
        } else if start + 3 <= end && CellBytes.equalsIgnoringASCIICase(cell, start..<start + 3, "cny") {
            start += 3
            hasPrefix = true
        }
        if hasPrefix {
            while start < end && cell[start] == CellBytes.space { start += 1 }
            if !negative && start < end && cell[start] == UInt8(ascii: "-") {
                negative = true
                start += 1
            }
        } else if end - 3 >= start && CellBytes.hasPrefix(cell, at: end - 3, end: end, "元") {
            end -= 3
            while end > start && cell[end - 1] == CellBytes.space { end -= 1 }
        }
        switch FixedPoint.scan(cell, start, end, places: 2, rounds: true) {
        case .value(let magnitude): return .success(negative ? -magnitude : magnitude)
        case .overflow: return .failure(.value(.money, cell, "is too large for an amount of money"))
        case .malformed, .tooManyPlaces:
            return .failure(.value(.money, cell, "is not an amount of money \(ValueParser.moneyExpectation)"))
        }
    }

    private func scanSignedFixedPoint(
        _ cell: UnsafeRawBufferPointer, places: Int, allowsPlus: Bool
    ) -> (negative: Bool, outcome: FixedPoint.Outcome) {
        var start = 0
        var negative = false
        if start < cell.count && cell[start] == UInt8(ascii: "-") {
            negative = true
            start += 1
        } else if allowsPlus && start < cell.count && cell[start] == UInt8(ascii: "+") {
            start += 1
        }
        return (negative, FixedPoint.scan(cell, start, cell.count, places: places, rounds: false))
    }

    private func scanDecimal(_ cell: UnsafeRawBufferPointer) -> Result<Int64, ValueError> {
        let (negative, outcome) = scanSignedFixedPoint(cell, places: 4, allowsPlus: false)
        switch outcome {
        case .value(let magnitude): return .success(negative ? -magnitude : magnitude)
        case .tooManyPlaces:
            return .failure(.value(.decimal, cell, "has more than 4 decimal places (expected a number with up to 4 places)"))
        case .overflow: return .failure(.value(.decimal, cell, "is too large for a number"))
        case .malformed:
            return .failure(.value(.decimal, cell, "is not a number (expected a decimal with up to 4 places, such as 1.5 or -2)"))
        }
    }

    private func scanScore(_ cell: UnsafeRawBufferPointer) -> Result<Int64, ValueError> {
        let (negative, outcome) = scanSignedFixedPoint(cell, places: 4, allowsPlus: false)
        if case .value(let magnitude) = outcome {
            let value = negative ? -magnitude : magnitude
            if (0...100_000).contains(value) { return .success(value) }
        }
        return .failure(.value(.score, cell, "is not a score (expected a number from 0 to 10 with up to 4 decimal places)"))
    }

    private func scanInteger(_ cell: UnsafeRawBufferPointer) -> Result<Int64, ValueError> {
        let (negative, outcome) = scanSignedFixedPoint(cell, places: 0, allowsPlus: true)
        switch outcome {
        case .value(let magnitude): return .success(negative ? -magnitude : magnitude)
        case .overflow: return .failure(.value(.integer, cell, "is too large for a whole number"))
        case .malformed, .tooManyPlaces:
            return .failure(.value(.integer, cell, "is not a whole number (expected digits with an optional sign, such as 12 or -3)"))
        }
    }

    private func scanBoolean(_ cell: UnsafeRawBufferPointer) -> Result<Bool, ValueError> {
        for (spelling, value) in booleans where CellBytes.equalsIgnoringASCIICase(cell, 0..<cell.count, spelling) {
            return .success(value)
        }
        return .failure(.value(.boolean, cell, "is not a boolean \(booleanExpectation)"))
    }
}
