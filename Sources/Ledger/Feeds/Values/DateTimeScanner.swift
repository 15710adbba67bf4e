/// Scans the date and date-time forms of feeds.md 1 without allocating.
struct DateTimeScanner {
    /// What a cell held: wall-clock fields, maybe with an offset, or a UTC instant.
    struct Fields {
        var date: LocalDate
        var hour = 0
        var minute = 0
        var second = 0
        var hasTime = false
        /// Seconds east of UTC when the value carried an ISO 8601 offset.
        var offset: Int?
        /// Seconds since the epoch in UTC (epoch milliseconds).
        var utcInstant: Int64?
    }

    enum Outcome {
        case fields(Fields)
        /// The shape is not an accepted form.
        case malformed
        /// The shape is accepted but the day or time does not exist.
        case impossible
    }

    let formats: DateFormatSet

    // 年 月 日 in UTF-8.
    static let yearMark: StaticString = "年"
    static let monthMark: StaticString = "月"
    static let dayMark: StaticString = "日"

    func scan(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Outcome {
        let leading = CellBytes.digitRun(bytes, from: start, end: end)
        var index = start + leading
        var year = 0
        var month = 0
        var day = 0
        var usedDash = false
        var endedWithDayMark = false

        if leading == 4 && index < end
            && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "/")
                || CellBytes.hasPrefix(bytes, at: index, end: end, DateTimeScanner.yearMark))
        {
            year = CellBytes.number(bytes, from: start, count: 4)
            let separator = bytes[index]
            if separator == UInt8(ascii: "-") {
                guard formats.contains(.isoDash) || formats.contains(.dashedTime) else { return .malformed }
                usedDash = true
            } else if separator == UInt8(ascii: "/") {
                guard formats.contains(.isoSlash) else { return .malformed }
            } else {
                guard formats.contains(.chinese) else { return .malformed }
            }
            let chinese = separator != UInt8(ascii: "-") && separator != UInt8(ascii: "/")
            index += chinese ? 3 : 1
            let monthDigits = CellBytes.digitRun(bytes, from: index, end: end)
            guard (1...2).contains(monthDigits) else { return .malformed }
            month = CellBytes.number(bytes, from: index, count: monthDigits)
            index += monthDigits
            if chinese {
                guard CellBytes.hasPrefix(bytes, at: index, end: end, DateTimeScanner.monthMark) else { return .malformed }
                index += 3
            } else {
                guard index < end, bytes[index] == separator else { return .malformed }
                index += 1
            }
            let dayDigits = CellBytes.digitRun(bytes, from: index, end: end)
            guard (1...2).contains(dayDigits) else { return .malformed }
            day = CellBytes.number(bytes, from: index, count: dayDigits)
            index += dayDigits
            if chinese {
                guard CellBytes.hasPrefix(bytes, at: index, end: end, DateTimeScanner.dayMark) else { return .malformed }
                index += 3
                endedWithDayMark = true
            }
        } else if leading == 8 && formats.contains(.compact) {
            year = CellBytes.number(bytes, from: start, count: 4)
            month = CellBytes.number(bytes, from: start + 4, count: 2)
            day = CellBytes.number(bytes, from: start + 6, count: 2)
        } else if (1...2).contains(leading) && index < end && bytes[index] == UInt8(ascii: "/")
            && (formats.contains(.monthDayYear) || formats.contains(.monthDayShortYear))
        {
            month = CellBytes.number(bytes, from: start, count: leading)
            index += 1
            let dayDigits = CellBytes.digitRun(bytes, from: index, end: end)
            guard (1...2).contains(dayDigits) else { return .malformed }
            day = CellBytes.number(bytes, from: index, count: dayDigits)
            index += dayDigits
            guard index < end, bytes[index] == UInt8(ascii: "/") else { return .malformed }
            index += 1
            let yearDigits = CellBytes.digitRun(bytes, from: index, end: end)
            if yearDigits == 4 && formats.contains(.monthDayYear) {
                year = CellBytes.number(bytes, from: index, count: 4)
            } else if yearDigits == 2 && formats.contains(.monthDayShortYear) {
                let short = CellBytes.number(bytes, from: index, count: 2)
                year = short <= DateFormat.shortYearPivot ? 2000 + short : 1900 + short
            } else {
                return .malformed
            }
            index += yearDigits
        } else if formats.contains(.excelSerial) && (1...7).contains(leading) {
            return scanExcelSerial(bytes, start, end, integerDigits: leading)
        } else if formats.contains(.epochMilliseconds) && (10...15).contains(leading) && index == end {
            let milliseconds = Int64(CellBytes.number(bytes, from: start, count: leading))
            let seconds = milliseconds / 1000
            guard let wall = LocalDateTime(secondsSinceEpoch: seconds) else { return .impossible }
            return .fields(
                Fields(
                    date: wall.date, hour: wall.hour, minute: wall.minute, second: wall.second, hasTime: true,
                    utcInstant: seconds))
        } else {
            return .malformed
        }

        guard let date = LocalDate(year: year, month: month, day: day) else { return .impossible }
        var fields = Fields(date: date)
        if index == end { return .fields(fields) }

        // The time of day: after spaces or `T` (or directly after 日).
        var separated = false
        while index < end && bytes[index] == CellBytes.space {
            index += 1
            separated = true
        }
        if !separated && index < end && (bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t")) {
            index += 1
            separated = true
        }
        guard separated || endedWithDayMark else { return .malformed }
        let hourDigits = CellBytes.digitRun(bytes, from: index, end: end)
        guard (1...2).contains(hourDigits) else { return .malformed }
        fields.hour = CellBytes.number(bytes, from: index, count: hourDigits)
        index += hourDigits
        guard index < end else { return .malformed }
        fields.hasTime = true

        if bytes[index] == UInt8(ascii: "-") && usedDash && formats.contains(.dashedTime) && hourDigits == 2 {
            // HH-mm-ss
            guard index + 6 == end, CellBytes.digitRun(bytes, from: index + 1, end: end) == 2,
                bytes[index + 3] == UInt8(ascii: "-"), CellBytes.digitRun(bytes, from: index + 4, end: end) == 2
            else { return .malformed }
            fields.minute = CellBytes.number(bytes, from: index + 1, count: 2)
            fields.second = CellBytes.number(bytes, from: index + 4, count: 2)
            return validated(fields)
        }
        guard bytes[index] == UInt8(ascii: ":"), CellBytes.digitRun(bytes, from: index + 1, end: end) == 2 else {
            return .malformed
        }
        if usedDash && !formats.contains(.isoDash) { return .malformed }
        fields.minute = CellBytes.number(bytes, from: index + 1, count: 2)
        index += 3
        if index < end && bytes[index] == UInt8(ascii: ":") {
            guard CellBytes.digitRun(bytes, from: index + 1, end: end) == 2 else { return .malformed }
            fields.second = CellBytes.number(bytes, from: index + 1, count: 2)
            index += 3
            if index < end && (bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",")) {
                let fractionDigits = CellBytes.digitRun(bytes, from: index + 1, end: end)
                guard fractionDigits > 0 else { return .malformed }
                index += 1 + fractionDigits  // truncated
            }
        }
        if index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
                guard index + 1 == end else { return .malformed }
                fields.offset = 0
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                index += 1
                guard CellBytes.digitRun(bytes, from: index, end: end) >= 2 else { return .malformed }
                let hours = CellBytes.number(bytes, from: index, count: 2)
                index += 2
                var minutes = 0
                if index < end && bytes[index] == UInt8(ascii: ":") { index += 1 }
                if index < end {
                    guard CellBytes.digitRun(bytes, from: index, end: end) == 2, index + 2 == end else { return .malformed }
                    minutes = CellBytes.number(bytes, from: index, count: 2)
                } else if bytes[end - 1] == UInt8(ascii: ":") {
                    return .malformed
                }
                guard hours <= 18, minutes <= 59 else { return .impossible }
                let magnitude = hours * 3600 + minutes * 60
                fields.offset = byte == UInt8(ascii: "-") ? -magnitude : magnitude
            } else {
                return .malformed
            }
        }
        return validated(fields)
    }

    private func validated(_ fields: Fields) -> Outcome {
        guard (0...23).contains(fields.hour), (0...59).contains(fields.minute), (0...59).contains(fields.second) else {
            return .impossible
        }
        return .fields(fields)
    }

    /// Excel 1900 date system: 1 = 1900-01-01 … 59 = 1900-02-28; 60 is Excel's fictitious
    /// 1900-02-29 (rejected); 61 = 1900-03-01. A fraction is the time of day, rounded to the
    /// nearest second.
    private func scanExcelSerial(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, integerDigits: Int) -> Outcome {
        let serial = CellBytes.number(bytes, from: start, count: integerDigits)
        var index = start + integerDigits
        var secondOfDay = 0
        var hasTime = false
        if index < end {
            guard bytes[index] == UInt8(ascii: ".") else { return .malformed }
            let fractionDigits = CellBytes.digitRun(bytes, from: index + 1, end: end)
            guard fractionDigits > 0, index + 1 + fractionDigits == end else { return .malformed }
            index += 1
            let used = min(fractionDigits, 9)
            let numerator = CellBytes.number(bytes, from: index, count: used)
            var scale = 1
            for _ in 0..<used { scale *= 10 }
            secondOfDay = (numerator * 86_400 + scale / 2) / scale
            hasTime = true
        }
        guard serial >= 1, serial != 60, serial <= 2_958_465 else { return .impossible }
        let base = -25_567  // 1900-01-01
        let day = base + (serial < 60 ? serial - 1 : serial - 2)
        guard let wall = LocalDateTime(secondsSinceEpoch: Int64(day) * 86_400 + Int64(secondOfDay)) else {
            return .impossible
        }
        return .fields(
            Fields(date: wall.date, hour: wall.hour, minute: wall.minute, second: wall.second, hasTime: hasTime))
    }
}
