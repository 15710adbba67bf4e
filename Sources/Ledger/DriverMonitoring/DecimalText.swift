/// Locale-free number formatting for the driver-monitoring outputs (and the session generator).
public enum DecimalText {
    /// `value` with exactly `digits` decimals (half away from zero), e.g. `fixed(2.5, 3)` = "2.500".
    public static func fixed(_ value: Double, _ digits: Int) -> String {
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
        guard count > 0, let base = bytes.baseAddress else { return nil }
        var index = 0
        var negative = false
        let sign = base.load(as: UInt8.self)
        if sign == 0x2D {
            negative = true
            index = 1
        } else if sign == 0x2B {
            index = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        while index < count {
            let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            digits &+= 1
            index &+= 1
        }
        var fractionDigits = 0
        if index < count {
            guard base.load(fromByteOffset: index, as: UInt8.self) == 0x2E else { return slow(bytes) }
            index &+= 1
            while index < count {
                let digit = base.load(fromByteOffset: index, as: UInt8.self) &- 0x30
                guard digit < 10 else { return slow(bytes) }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                digits &+= 1
                fractionDigits &+= 1
                index &+= 1
            }
        }
        guard digits > 0 else { return nil }
        // Exact when the mantissa fits 2^53 and the power of ten is exact (≤ 10^22): one
        // correctly rounded division, the same result as strtod.
        guard digits <= 15 else { return slow(bytes) }
        let value = fractionDigits == 0 ? Double(mantissa) : Double(mantissa) / powerOfTen(fractionDigits)
        return negative ? -value : value
    }

    /// `parse` for bytes followed in memory by at least 8 readable bytes (the frame tokenizer
    /// pads its buffers): up to 8 characters of digits with at most one '.' are converted with
    /// a few word operations instead of a loop; anything else goes to `parse`. Same results.
    @inline(__always)
    static func parsePadded(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let n = bytes.count
        guard n >= 1, n <= 8, let base = bytes.baseAddress else { return parse(bytes) }
        let keep: UInt64 = (1 << (8 &* UInt64(n))) &- 1
        let word = UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) & keep
        var digits = word
        var count = n
        var fractionDigits = 0
        let dots = FrameCSVTokenizer.zeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E) & keep
        if dots != 0 {
            guard dots & (dots &- 1) == 0 else { return parse(bytes) }
            // Close the gap of the point: the bytes after it move down one place.
            let dot = UInt64(dots.trailingZeroBitCount &>> 3)
            digits = (word & ((1 << (8 &* dot)) &- 1)) | ((word >> (8 &* dot &+ 8)) << (8 &* dot))
            count = n &- 1
            fractionDigits = n &- 1 &- Int(dot)
        }
        guard count > 0 else { return nil }
        let used: UInt64 = (1 << (8 &* UInt64(count))) &- 1
        let zeros = 0x3030_3030_3030_3030 & used
        // Every used byte 0x30...0x39: high nibble 3, and still 3 after adding 6.
        guard digits & (0xF0F0_F0F0_F0F0_F0F0 & used) == zeros,
            (digits &+ 0x0606_0606_0606_0606) & (0xF0F0_F0F0_F0F0_F0F0 & used) == zeros
        else { return parse(bytes) }
        // Digit values, most significant first, right-aligned in eight places; then pairs,
        // quads and the whole are combined by multiply-and-shift (simdjson's eight-digit parse).
        var value = (digits &- zeros) << (8 &* UInt64(8 &- count))
        value = (value &* 2561) >> 8
        value = ((value & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        value = ((value & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return fractionDigits == 0 ? Double(value) : Double(value) / powerOfTen(fractionDigits)
    }

    /// 10^exponent for 1...15 (exact in a Double), without a lazily initialised table.
    @inline(__always)
    private static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        default: return 1e15
        }
    }

    private static func slow(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let text = String(validating: bytes, as: UTF8.self), let value = Double(text), value.isFinite else {
            return nil
        }
        return value
    }
}
