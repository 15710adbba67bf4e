/// Exact decimal output of integer quotients, rounded half-even (kpis.md section 1.1).
///
/// KPI arithmetic stays in integers (minor units, ten-thousandths, seconds) until the final
/// division; this type does that division once, exactly, at the output precision.
public enum ExactDecimal {
    /// `numerator × multiplier ÷ divisor`, rounded half-even to `places` decimals, as text
    /// (`-0.5` style, no exponent). Nil when `divisor` is zero.
    public static func quotient(_ numerator: Int64, times multiplier: Int64 = 1, over divisor: Int64, places: Int) -> String? {
        guard divisor != 0 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let negative = ((numerator < 0) != (multiplier < 0)) != (divisor < 0)
        let n = numerator.magnitude
        let (m, mOverflow) = multiplier.magnitude.multipliedReportingOverflow(by: scale.magnitude)
        let d = divisor.magnitude
        let product = n.multipliedFullWidth(by: m)
        guard !mOverflow, product.high < d else {
            return approximate(Double(numerator) * Double(multiplier) / Double(divisor), places: places)
        }
        let (quotient, r) = d.dividingFullWidth(product)
        var q = quotient
        // Half-even: compare 2r with d without overflowing.
        let twiceRemainderExceeds = r > d - r
        let isTie = r == d - r
        if twiceRemainderExceeds || (isTie && q % 2 == 1) { q += 1 }
        return format(magnitude: q, negative: negative && q != 0, places: places)
    }

    /// A whole number as text.
    public static func integer(_ value: Int64) -> String { String(value) }

    static func format(magnitude: UInt64, negative: Bool, places: Int) -> String {
        var digits = String(magnitude)
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            let split = digits.index(digits.endIndex, offsetBy: -places)
            digits = digits[..<split] + "." + digits[split...]
        }
        return negative ? "-" + digits : digits
    }

    /// Only for quotients beyond 64 bits (never met with real dealer figures).
    static func approximate(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrEven)
        guard scaled.magnitude < 9.2e18 else { return String(value) }
        let q = Int64(scaled)
        return format(magnitude: q.magnitude, negative: q < 0, places: places)
    }
}
