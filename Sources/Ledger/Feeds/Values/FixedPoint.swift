/// Exact decimal scanning into scaled integers (money, quantities, scores, integers).
enum FixedPoint {
    enum Outcome: Equatable {
        case value(Int64)
        case malformed
        case overflow
        case tooManyPlaces
    }

    /// Scans an unsigned decimal `digits[,ddd…][.fraction]` in `bytes[start..<end]` into units
    /// of 10^-places. Thousands separators must form valid groups (1–3 digits, then groups of
    /// exactly 3). Extra fraction digits are rounded half-even when `rounds`, else accepted
    /// only when they are zeros.
    static func scan(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int, places: Int, rounds: Bool) -> Outcome {
        var index = start
        var value: Int64 = 0
        var overflowed = false
        var run = 0
        var sawSeparator = false
        var integerDigits = 0
        @inline(__always) func push(_ digit: Int) {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(digit))
            if o1 || o2 { overflowed = true } else { value = sum }
        }
        while index < end {
            let byte = bytes[index]
            if let digit = CellBytes.digit(byte) {
                push(digit)
                run += 1
                integerDigits += 1
            } else if byte == UInt8(ascii: ",") {
                if sawSeparator ? run != 3 : !(1...3).contains(run) { return .malformed }
                sawSeparator = true
                run = 0
            } else {
                break
            }
            index += 1
        }
        if integerDigits == 0 || (sawSeparator && run != 3) { return .malformed }
        var kept = 0
        var roundingDigit = 0
        var sticky = false
        if index < end {
            guard bytes[index] == UInt8(ascii: "."), index + 1 < end else { return .malformed }
            index += 1
            while index < end {
                guard let digit = CellBytes.digit(bytes[index]) else { return .malformed }
                if kept < places {
                    push(digit)
                    kept += 1
                } else if kept == places && !rounds {
                    if digit != 0 { return .tooManyPlaces }
                } else if kept == places {
                    roundingDigit = digit
                    kept += 1
                } else if digit != 0 {
                    sticky = true
                }
                index += 1
            }
        }
        while kept < places {
            push(0)
            kept += 1
        }
        if rounds && (roundingDigit > 5 || (roundingDigit == 5 && (sticky || value & 1 == 1))) {
            let (sum, o) = value.addingReportingOverflow(1)
            if o { overflowed = true } else { value = sum }
        }
        return overflowed ? .overflow : .value(value)
    }
}
