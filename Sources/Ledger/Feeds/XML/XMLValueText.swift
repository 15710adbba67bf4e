/// Conversions from the text of DMS XML documents to the canonical raw text the importer
/// parses (feeds.md 1). A value that cannot be converted is passed on unchanged, so that the
/// importer rejects the row and the rejects file shows what the source sent.
enum XMLValueText {
    /// An exact decimal: `units` / 10^`scale`.
    struct Decimal: Equatable {
        var units: Int
        var scale: Int

        /// Parses `[-+]digits[.digits]` (at most 9 fraction digits).
        init?(_ text: String) {
            var bytes = Array(XMLText.trimmed(text).utf8)
            guard !bytes.isEmpty else { return nil }
            var negative = false
            if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
                negative = bytes[0] == UInt8(ascii: "-")
                bytes.removeFirst()
            }
            var units = 0
            var scale = 0
            var seenPoint = false
            var digits = 0
            for byte in bytes {
                if byte == UInt8(ascii: ".") {
                    guard !seenPoint else { return nil }
                    seenPoint = true
                    continue
                }
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                let (times, o1) = units.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                units = plus
                digits += 1
                if seenPoint { scale += 1 }
            }
            guard digits > 0, scale <= 9 else { return nil }
            self.units = negative ? -units : units
            self.scale = scale
        }

        init(units: Int, scale: Int) {
            self.units = units
            self.scale = scale
        }

        static let zero = Decimal(units: 0, scale: 0)

        var isZero: Bool { units == 0 }

        func rescaled(to newScale: Int) -> Decimal? {
            var value = units
            for _ in scale..<max(scale, newScale) {
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                value = times
            }
            return Decimal(units: value, scale: max(scale, newScale))
        }

        static func + (a: Decimal, b: Decimal) -> Decimal? {
            let scale = max(a.scale, b.scale)
            guard let x = a.rescaled(to: scale), let y = b.rescaled(to: scale) else { return nil }
            let (sum, overflow) = x.units.addingReportingOverflow(y.units)
            return overflow ? nil : Decimal(units: sum, scale: scale)
        }

        static func < (a: Decimal, b: Decimal) -> Bool {
            let scale = max(a.scale, b.scale)
            guard let x = a.rescaled(to: scale), let y = b.rescaled(to: scale) else { return false }
            return x.units < y.units
        }

        /// Canonical text: `-12.50`, `3`, `0.0001`.
        var text: String {
            let magnitude = units.magnitude
            var digits = String(magnitude)
            if scale > 0 {
                if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
            }
            return units < 0 ? "-" + digits : digits
        }
    }

    /// The sum of decimal texts (nil and empty count as absent). When one is not a number,
    /// that text is returned as it is (the importer then rejects the row). Nil when all are
    /// absent.
    static func sum(_ texts: [String?]) -> String? {
        var total: Decimal?
        for case let text? in texts where !XMLText.trimmed(text).isEmpty {
            guard let value = Decimal(text) else { return text }
            guard let next = (total ?? .zero) + value else { return text }
            total = next
        }
        return total?.text
    }

    /// Whether a STAR `PriceCode` names an extended amount (quantity × unit price):
    /// `ExtendedAmount`, in any letter case, with or without spaces, `_` or `-`.
    static func isExtendedAmount(_ code: String) -> Bool {
        code.lowercased().replacingSpaces() == "extendedamount"
    }

    /// The unit price of an extended amount: `extended` ÷ `quantity`, rounded half away from
    /// zero to the decimals of `extended` (at least 2). When either is not a number or the
    /// quantity is zero or absent, `extended` is returned as it is (then it is loaded as the
    /// unit price of a quantity of one, the best that can be said).
    static func unitPrice(extended: String, quantity: String?) -> String {
        guard let amount = Decimal(extended), let quantity, let count = Decimal(quantity), !count.isZero else { return extended }
        if count.units == 1 && count.scale == 0 { return amount.text }
        let scale = max(amount.scale, 2)
        // amount.units / 10^amount.scale ÷ (count.units / 10^count.scale), at `scale`:
        // amount.units × 10^(scale - amount.scale + count.scale) ÷ count.units.
        var numerator = amount.units
        for _ in 0..<(scale - amount.scale + count.scale) {
            let (times, overflow) = numerator.multipliedReportingOverflow(by: 10)
            guard !overflow else { return extended }
            numerator = times
        }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: count.units)
        var units = quotient
        if remainder.magnitude >= count.units.magnitude - remainder.magnitude {
            units += (numerator < 0) == (count.units < 0) ? 1 : -1
        }
        return Decimal(units: units, scale: scale).text
    }

    /// Miles → kilometres, rounded to a whole number (half away from zero).
    static func kilometres(fromMiles text: String) -> String {
        guard let miles = Decimal(text), let scaled = miles.rescaled(to: 6) else { return text }
        // 1 mile = 1.609344 km exactly.
        let (micro, overflow) = scaled.units.multipliedReportingOverflow(by: 1_609_344)
        guard !overflow else { return text }
        let divisor = 1_000_000_000_000  // 10^6 (scale) × 10^6 (factor)
        let half = divisor / 2
        let rounded = micro >= 0 ? (micro + half) / divisor : -((-micro + half) / divisor)
        return String(rounded)
    }

    /// A distance with its unit as km text. Units: kilometres (`km`, `kilometer`, `KMT`) or
    /// miles (`mi`, `mile`, `SMI`); an unknown unit is passed on with the value so the row is
    /// rejected with both visible.
    static func kilometres(_ text: String, unit: String?) -> String {
        let value = XMLText.trimmed(text)
        guard let unit = unit.map({ XMLText.trimmed($0).lowercased() }), !unit.isEmpty else { return value }
        switch unit {
        case "km", "kilometer", "kilometers", "kilometre", "kilometres", "kmt":
            guard let decimal = Decimal(value), let rounded = decimal.rounded() else { return value }
            return rounded
        case "mi", "mile", "miles", "smi":
            return kilometres(fromMiles: value)
        default:
            return "\(value) \(unit)"
        }
    }

    /// `MM/DD/YYYY` (+ optional `HH:MM[:SS]`) → `YYYY-MM-DD[ HH:MM:SS]`; other text unchanged.
    static func dateTime(usDate date: String?, time: String?) -> String? {
        guard let date = date.map(XMLText.trimmed), !date.isEmpty else { return nil }
        let parts = date.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2]),
            parts[2].count == 4, (1...12).contains(month), (1...31).contains(day)
        else {
            return [date, time.map(XMLText.trimmed) ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        }
        let day2 = day < 10 ? "0\(day)" : "\(day)"
        let month2 = month < 10 ? "0\(month)" : "\(month)"
        let isoDate = "\(year)-\(month2)-\(day2)"
        guard let time = time.map(XMLText.trimmed), !time.isEmpty else { return isoDate }
        let fields = time.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ (1...2).contains($0.count) && Int($0) != nil }) else {
            return "\(isoDate) \(time)"
        }
        let padded = fields.map { $0.count == 1 ? "0\($0)" : String($0) } + (fields.count == 2 ? ["00"] : [])
        return "\(isoDate) \(padded.joined(separator: ":"))"
    }

    /// Pay types as DMS XML spells them → canonical (`customer`, `warranty`, `internal`,
    /// `insurance`); unknown spellings unchanged (the importer's aliases may still know them).
    static func payType(_ text: String?) -> String? {
        guard let text = text.map(XMLText.trimmed), !text.isEmpty else { return nil }
        switch text.lowercased().replacingSpaces() {
        case "cust", "customer", "customerpay", "cp", "c", "retail": return "customer"
        case "warr", "warranty", "w", "s", "manufacturer", "oem": return "warranty"
        case "intr", "internal", "i", "int": return "internal"
        case "insurance", "ins": return "insurance"
        default: return text
        }
    }

    /// STAR booleans (`true`/`false`, `1`/`0`, `Y`/`N`) → `true`/`false`; others unchanged.
    static func boolean(_ text: String?) -> String? {
        guard let text = text.map(XMLText.trimmed), !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true", "1", "y", "yes": return "true"
        case "false", "0", "n", "no": return "false"
        default: return text
        }
    }
}

extension XMLValueText.Decimal {
    /// Rounded to a whole number (half away from zero), as text.
    func rounded() -> String? {
        var value = units
        var remainder = 0
        var divisor = 1
        for _ in 0..<scale { divisor *= 10 }
        remainder = value % divisor
        value /= divisor
        if remainder.magnitude * 2 >= divisor.magnitude && scale > 0 { value += units < 0 ? -1 : 1 }
        return String(value)
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(filter { $0 != " " && $0 != "_" && $0 != "-" }) }
}
