/// A textual form of dates accepted in date and date-time columns.
///
/// The raw values are the names profiles use. The default set is the four forms of
/// feeds.md 1; a profile may add the others.
public enum DateFormat: String, Sendable, Hashable, CaseIterable {
    /// `YYYY-MM-DD` (month and day may have one digit).
    case isoDash = "YYYY-MM-DD"
    /// `YYYY/MM/DD` (month and day may have one digit).
    case isoSlash = "YYYY/MM/DD"
    /// `YYYYMMDD`, exactly 8 digits.
    case compact = "YYYYMMDD"
    /// `YYYY年MM月DD日` (month and day may have one digit).
    case chinese = "YYYY年MM月DD日"
    /// `MM/DD/YYYY` (month and day may have one digit).
    case monthDayYear = "MM/DD/YYYY"
    /// `MM/DD/YY`: years 00–49 are 2000–2049, 50–99 are 1950–1999.
    case monthDayShortYear = "MM/DD/YY"
    /// Excel serial day numbers, 1900 date system (1 = 1900-01-01; 60, Excel's fictitious
    /// 1900-02-29, is rejected; a fraction is the time of day).
    case excelSerial = "excel-serial"
    /// Milliseconds since 1970-01-01T00:00:00Z (10 to 15 digits), converted to local time.
    case epochMilliseconds = "epoch-ms"
    /// `YYYY-MM-DD HH-mm-ss`: a date-time whose time uses `-` separators.
    case dashedTime = "YYYY-MM-DD HH-mm-ss"

    /// The forms of feeds.md 1 accepted without a profile.
    public static let defaults: [DateFormat] = [.isoDash, .isoSlash, .compact, .chinese]

    /// The years of `MM/DD/YY` at or below which `20YY` is meant (else `19YY`).
    public static let shortYearPivot = 49

    var bit: UInt16 {
        switch self {
        case .isoDash: return 1 << 0
        case .isoSlash: return 1 << 1
        case .compact: return 1 << 2
        case .chinese: return 1 << 3
        case .monthDayYear: return 1 << 4
        case .monthDayShortYear: return 1 << 5
        case .excelSerial: return 1 << 6
        case .epochMilliseconds: return 1 << 7
        case .dashedTime: return 1 << 8
        }
    }
}

/// A set of date formats as bits, cheap to test per cell.
struct DateFormatSet: Sendable, Hashable {
    var bits: UInt16 = 0
    init(_ formats: [DateFormat]) { for format in formats { bits |= format.bit } }
    @inline(__always) func contains(_ format: DateFormat) -> Bool { bits & format.bit != 0 }
}
