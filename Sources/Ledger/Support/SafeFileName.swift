/// File and folder names built from data (region names, dealer names, input file names):
/// no path separators, no `..`, no control characters, never empty, bounded length.
public enum SafeFileName {
    public static func make(from text: String, maxBytes: Int = 120) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "/", "\\", ":", "*", "?", "\"", "<", ">", "|": out += "_"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "_" } else { out.unicodeScalars.append(scalar) }
            }
        }
        out = String(out.drop { $0 == "." || $0 == " " })
        while out.hasSuffix(".") || out.hasSuffix(" ") { out.removeLast() }
        if out.isEmpty { out = "_" }
        while out.utf8.count > maxBytes { out.removeLast() }
        return out
    }
}
