/// An exact decimal number of a target, or of a KPI value as kpi.csv prints it: a mantissa
/// and a count of decimals, compared and added exactly (no binary floating point), so that a
/// value equal to its target is "equal" however the two were written (`0.03` and `0.0300`).
public struct TargetDecimal: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits as an integer: the value is `mantissa ÷ 10^places`.
    public let mantissa: Int64
    /// Decimals, 0…`maxPlaces`.
    public let places: Int

    /// The most decimals a target may have (KPI values have at most 4).
    public static let maxPlaces = 12

    public init(mantissa: Int64, places: Int) {
        self.mantissa = mantissa
        self.places = places
    }

    /// Parses plain decimal text (`-12`, `0.0312`, `1234.50`) and the exponent form Swift
    /// prints for small or large doubles (`3e-05`, `1.5e+20`). Nil when it is not a finite
    /// decimal, has more than `maxPlaces` decimals, or is beyond ±9.2 × 10^18 in its digits.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            guard let value = Int(String(decoding: bytes[(e + 1)...], as: UTF8.self)), abs(value) <= 40 else { return nil }
            exponent = value
            bytes = Array(bytes[..<e])
        }
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        var mantissa: Int64 = 0
        var places = 0
        var seenPoint = false
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            mantissa = sum
            digits += 1
            if seenPoint { places += 1 }
        }
        guard digits > 0 else { return nil }
        places -= exponent
        while places < 0 {
            let (shifted, overflow) = mantissa.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            mantissa = shifted
            places += 1
        }
        // Trailing zeros carry no value: 0.0300 is 0.03.
        while places > 0 && mantissa % 10 == 0 {
            mantissa /= 10
            places -= 1
        }
        guard places <= Self.maxPlaces else { return nil }
        self.init(mantissa: negative ? -mantissa : mantissa, places: places)
    }

    /// The exact decimal a TOML integer or float was written as: a float by its shortest
    /// round-trip text (`0.03` → "0.03"), which is the literal of any target typed with up to
    /// 15 significant digits. Nil for infinities, NaN and values out of range.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(value.description)
    }

    /// The value scaled to `places` decimals, exactly (128-bit: ≤ 19 + 12 digits fit).
    func scaled(to target: Int) -> Int128 {
        var value = Int128(mantissa)
        for _ in places..<max(places, target) { value *= 10 }
        return value
    }

    public static func < (a: TargetDecimal, b: TargetDecimal) -> Bool {
        let places = max(a.places, b.places)
        return a.scaled(to: places) < b.scaled(to: places)
    }

    public static func == (a: TargetDecimal, b: TargetDecimal) -> Bool {
        let places = max(a.places, b.places)
        return a.scaled(to: places) == b.scaled(to: places)
    }

    public func hash(into hasher: inout Hasher) {
        var (mantissa, places) = (self.mantissa, self.places)
        while places > 0 && mantissa % 10 == 0 {
            mantissa /= 10
            places -= 1
        }
        hasher.combine(mantissa)
        hasher.combine(places)
    }

    /// `self + other` (`self − other` with `negated`), exact; nil past 64 bits.
    func adding(_ other: TargetDecimal, negated: Bool = false) -> TargetDecimal? {
        let places = max(self.places, other.places)
        let right = other.scaled(to: places)
        let sum = negated ? scaled(to: places) - right : scaled(to: places) + right
        guard let mantissa = Int64(exactly: sum) else { return nil }
        return TargetDecimal(mantissa: mantissa, places: places)
    }

    public var isNegative: Bool { mantissa < 0 }

    /// Plain decimal text, as few decimals as the value needs (`0.03`, `-2`, `1500.5`).
    public var description: String {
        ExactDecimal.format(magnitude: mantissa.magnitude, negative: mantissa < 0, places: places)
    }
}
