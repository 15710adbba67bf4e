/// Locale-free number formatting for the driver-monitoring outputs.
enum DecimalText {
    /// `value` with exactly `digits` decimals (half away from zero), e.g. `fixed(2.5, 3)` = "2.500".
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled)
        let divisor = Int64(scale)
        let integer = whole / divisor
        var text = String(integer)
        if digits > 0 {
            let fraction = String(whole % divisor)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (value < 0 && whole != 0 ? "-" : "") + text
    }

    /// The shortest text that reads back as `value` ("0.5", "50.0", "1e-06").
    static func shortest(_ value: Double) -> String { String(value) }

    /// Parses a plain decimal number ("12", "-3.25", ".5") from bytes quickly; falls back to
    /// the standard library for anything else (exponents, long mantissas). Nil when not a number.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        var negative = false
        if bytes[0] == 0x2D { negative = true; index = 1 } else if bytes[0] == 0x2B { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            } else if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                return slow(bytes)
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        // Exact when the mantissa fits 2^53 and the power of ten is exact (≤ 10^22): one
        // correctly rounded division, the same result as strtod.
        guard digits <= 15, fractionDigits <= 22 else { return slow(bytes) }
        let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    private static func slow(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let text = String(validating: bytes, as: UTF8.self), let value = Double(text), value.isFinite else {
            return nil
        }
        return value
    }
}
