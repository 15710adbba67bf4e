/// One cell after parsing, ready to store.
public enum ParsedValue: Sendable, Hashable {
    /// Empty, `NULL`, `-` (and `0` in a date or date-time column).
    case null
    /// Money (minor units), decimals and scores (ten-thousandths), integers, booleans (0/1).
    case integer(Int64)
    /// Text (trimmed) and canonical enum values.
    case text(String)
    case date(LocalDate)
    case dateTime(LocalDateTime)
    /// An upper-cased VIN; `checkDigitMatches` false asks for a warning, not a rejection.
    case vin(String, checkDigitMatches: Bool)
}

/// A column type with what parsing it needs precomputed (the enum lookup table), so that
/// the importer prepares each column once per file rather than once per cell. A class, so
/// that handing it to the parser per cell costs at most one reference count, not a copy of
/// the enum payload and the lookup table.
public final class PreparedColumnType: Sendable {
    public let type: ColumnType
    let resolver: EnumResolver?

    public init(_ type: ColumnType) {
        self.type = type
        if case .enumeration(let domain) = type { resolver = EnumResolver(domain) } else { resolver = nil }
    }
}
