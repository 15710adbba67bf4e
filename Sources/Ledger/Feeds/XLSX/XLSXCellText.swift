#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text a worksheet cell stands for, as a CSV of the same export would hold it, so
/// workbook cells go through the very same value parsers as CSV cells.
enum XLSXCellText {
    /// Writes the text of a number cell's stored value (`<v>`) to `out`, or returns true when
    /// the stored bytes are already that text (plain decimals of up to 15 significant digits,
    /// the common case: nothing is copied).
    ///
    /// - Date, date-time and time styles become `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` and
    ///   `HH:MM:SS` (1900 system with its fictitious 1900-02-29 — written as such, so a date
    ///   column rejects it — or the 1904 system), rounded to the second.
    /// - Other numbers keep at most 15 significant digits, as Excel shows them (a stored
    ///   `0.30000000000000004` is `0.3`), written without exponent.
    static func appendNumber(_ value: UnsafeBufferPointer<UInt8>, kind: XLSXDateKind, uses1904: Bool, to out: inout [UInt8]) -> Bool {
        if kind == .number && isPlain(value) { return true }
        guard let number = double(value), number.isFinite else { return true }
        if kind != .number {
            appendDate(serial: number, kind: kind, uses1904: uses1904, to: &out)
        } else {
            appendDecimal(number, to: &out)
        }
        return false
    }

    /// Digits, at most one `.` and a leading `-`, with at most 15 significant digits.
    static func isPlain(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var significant = 0
        var seenNonZero = false
        var dots = 0
        for (index, byte) in value.enumerated() {
            if byte >= 0x30 && byte <= 0x39 {
                if byte != 0x30 { seenNonZero = true }
                if seenNonZero { significant += 1 }
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else if !(byte == UInt8(ascii: "-") && index == 0) {
                return false
            }
        }
        return dots <= 1 && significant <= 15 && !value.isEmpty
    }

    static func double(_ value: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !value.isEmpty, value.count < 64 else { return nil }
        var text = [CChar](repeating: 0, count: value.count + 1)
        for (index, byte) in value.enumerated() { text[index] = CChar(bitPattern: byte) }
        return text.withUnsafeBufferPointer { buffer -> Double? in
            var end: UnsafeMutablePointer<CChar>? = nil
            let number = strtod(buffer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: buffer.baseAddress!) == value.count else { return nil }
            return number
        }
    }

    /// `number` with 15 significant digits, no exponent, no trailing zeros.
    static func appendDecimal(_ number: Double, to out: inout [UInt8]) {
        var buffer = [CChar](repeating: 0, count: 40)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            withVaList([number]) { vsnprintf(pointer.baseAddress, 40, "%.15e", $0) }
        }
        // d.dddddddddddddde±XX
        let text = Array(buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) })
        guard let e = text.firstIndex(of: UInt8(ascii: "e")) else { return }
        var index = 0
        let negative = text[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var digits: [UInt8] = []
        for byte in text[index..<e] where byte != UInt8(ascii: ".") { digits.append(byte) }
        // Round to 15 significant digits (the 16th printed digit decides).
        var exponent = Int(String(decoding: text[(e + 1)...], as: UTF8.self)) ?? 0
        if digits.count > 15 {
            let roundUp = digits[15] >= UInt8(ascii: "5")
            digits.removeSubrange(15...)
            if roundUp {
                var position = 14
                while position >= 0 {
                    if digits[position] == UInt8(ascii: "9") {
                        digits[position] = UInt8(ascii: "0")
                        position -= 1
                    } else {
                        digits[position] += 1
                        break
                    }
                }
                if position < 0 {
                    digits.insert(UInt8(ascii: "1"), at: 0)
                    digits.removeLast()
                    exponent += 1
                }
            }
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        if digits == [UInt8(ascii: "0")] {
            out.append(UInt8(ascii: "0"))
            return
        }
        if negative { out.append(UInt8(ascii: "-")) }
        let integerDigits = exponent + 1
        if integerDigits <= 0 {
            out.append(contentsOf: "0.".utf8)
            out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: -integerDigits))
            out.append(contentsOf: digits)
        } else if integerDigits >= digits.count {
            out.append(contentsOf: digits)
            out.append(contentsOf: [UInt8](repeating: UInt8(ascii: "0"), count: integerDigits - digits.count))
        } else {
            out.append(contentsOf: digits[0..<integerDigits])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[integerDigits...])
        }
    }

    /// An Excel serial date as text (see `appendNumber`).
    static func appendDate(serial: Double, kind: XLSXDateKind, uses1904: Bool, to out: inout [UInt8]) {
        guard serial >= 0, serial < 2_958_466 else {
            appendDecimal(serial, to: &out)
            return
        }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 {
            days += 1
            seconds -= 86_400
        }
        var year = 0, month = 0, day = 0
        if !uses1904 && days == 60 {
            (year, month, day) = (1900, 2, 29)
        } else {
            // 1900 system: 1 = 1900-01-01 (day -25,567 of the Unix epoch); from 61 on, one
            // less for the fictitious 29 February. 1904 system: 0 = 1904-01-01.
            let epochDay = uses1904 ? -24_107 + days : (days < 60 ? -25_568 + days : -25_569 + days)
            guard let date = LocalDate(daysSinceEpoch: epochDay) else {
                appendDecimal(serial, to: &out)
                return
            }
            (year, month, day) = (date.year, date.month, date.day)
        }
        let showsDate = kind != .time || days > 0
        let showsTime = kind == .dateTime || kind == .time
        if showsDate {
            appendDigits(year, 4, &out)
            out.append(UInt8(ascii: "-"))
            appendDigits(month, 2, &out)
            out.append(UInt8(ascii: "-"))
            appendDigits(day, 2, &out)
        }
        if showsTime {
            if showsDate { out.append(UInt8(ascii: " ")) }
            appendDigits(seconds / 3600, 2, &out)
            out.append(UInt8(ascii: ":"))
            appendDigits(seconds / 60 % 60, 2, &out)
            out.append(UInt8(ascii: ":"))
            appendDigits(seconds % 60, 2, &out)
        }
    }

    private static func appendDigits(_ value: Int, _ count: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A `t="d"` cell (ISO 8601): `2026-03-01T00:00:00` is the date `2026-03-01`; with a
    /// time, `T` becomes a space (as CSV date-times are written).
    static func appendISODate(_ value: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard let t = value.firstIndex(of: UInt8(ascii: "T")) else {
            out.append(contentsOf: value)
            return
        }
        let time = value[(t + 1)...]
        if time.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "Z") }) {
            out.append(contentsOf: value[..<t])
        } else {
            out.append(contentsOf: value[..<t])
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: time)
        }
    }

    /// Whether `text` may hold an `_xHHHH_` escape.
    static func hasEscape(_ text: UnsafeRawBufferPointer) -> Bool {
        guard text.count >= 7 else { return false }
        for index in 0..<(text.count - 6) where text[index] == UInt8(ascii: "_") && text[index + 1] == UInt8(ascii: "x") {
            return true
        }
        return false
    }

    /// Decodes OOXML's `_xHHHH_` (a UTF-16 code unit, e.g. `_x000D_` for a carriage
    /// return; `_x005F_` escapes a literal `_`).
    static func appendUnescaped(_ text: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var index = 0
        while index < text.count {
            if index + 7 <= text.count, text[index] == UInt8(ascii: "_"), text[index + 1] == UInt8(ascii: "x"),
                text[index + 6] == UInt8(ascii: "_"), let unit = hex(text, index + 2), let scalar = Unicode.Scalar(unit)
            {
                out.append(contentsOf: String(Character(scalar)).utf8)
                index += 7
                continue
            }
            out.append(text[index])
            index += 1
        }
    }

    private static func hex(_ text: UnsafeRawBufferPointer, _ start: Int) -> UInt32? {
        var value: UInt32 = 0
        for index in start..<(start + 4) {
            let byte = text[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
