/// HTML escaping: every value written into kpi.html goes through here.
public enum HTMLEscape {
    /// `text` with `& < > " '` replaced by entities (safe in text and in quoted attributes).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Human formatting of KPI values for the HTML (the CSV keeps plain numbers).
enum DisplayValue {
    static func text(_ value: String?, unit: KPIUnit) -> String {
        guard let value, let number = Double(value) else { return "n/a" }
        switch unit {
        case .rate: return grouped(ExactDecimal.approximate(number * 100, places: 1)) + "%"
        case .count: return grouped(value)
        case .money, .hours, .days, .turns, .score, .km, .per100: return grouped(value)
        }
    }

    /// Thousands separators in the integer part.
    static func grouped(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.first == "-" {
            sign = "−"
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(parts[0])
        var out = ""
        for (index, character) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return sign + out
    }
}
