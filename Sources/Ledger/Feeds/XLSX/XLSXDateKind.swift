/// What a cell style's number format makes of a number: a plain number, a date, a
/// date-time or a time of day (feeds.md 1, "Excel workbooks").
enum XLSXDateKind: UInt8, Equatable {
    case number, date, dateTime, time

    /// The kind of a built-in format id: 14–17 dates, 18–21 times, 22 date-time, 45–47
    /// times, and the East Asian built-ins (27–31, 36, 50–58 dates; 32–35 times).
    init(builtIn id: Int) {
        switch id {
        case 14...17, 27...31, 36, 50...58: self = .date
        case 18...21, 32...35, 45...47: self = .time
        case 22: self = .dateTime
        default: self = .number
        }
    }

    /// The kind of a custom format code, from its first section with quoted text,
    /// `\`-escaped characters and `[…]` (colours, locales, conditions) removed: `y`/`d`
    /// (or an `m` without `h`/`s`) make a date; with `h`/`s` a date-time; `h`/`s` alone a
    /// time; `[h]`, `[mm]`, `[ss]` (elapsed time) a time.
    init(formatCode: String) {
        var hasDate = false, hasTime = false, hasMonthOrMinute = false
        var inQuote = false, inBracket = false, escaped = false
        var bracket = ""
        for character in formatCode.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket {
                if character == "]" {
                    inBracket = false
                    if !bracket.isEmpty && bracket.allSatisfy({ "hms".contains($0) }) { hasTime = true }
                } else {
                    bracket.append(character)
                }
                continue
            }
            switch character {
            case ";": break
            case "\"": inQuote = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case "y", "d": hasDate = true
            case "h", "s": hasTime = true
            case "m": hasMonthOrMinute = true
            default: break
            }
            if character == ";" { break }
        }
        if hasDate {
            self = hasTime ? .dateTime : .date
        } else if hasTime {
            self = .time  // an `m` beside `h` or `s` is minutes
        } else {
            self = hasMonthOrMinute ? .date : .number
        }
    }
}
