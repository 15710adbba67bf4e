/// `--kpi LIST`: KPI ids, families (`service.*`) and globs (`*margin*`, `service.hours_per_ro.?*`),
/// comma-separated, resolved against the catalogue. The selection keeps catalogue order.
public enum KPISelection {
    /// A pattern that selects nothing: a bad command line, with the closest ids or families.
    public struct UnknownPattern: Error, Sendable, CustomStringConvertible {
        public var pattern: String
        public var hint: String
        public var description: String { "--kpi: unknown KPI \"\(pattern)\"; \(hint) (see `dms-report catalogue`)" }
    }

    /// The patterns of a comma-separated list (blank items ignored).
    public static func patterns(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The ids `patterns` select, in catalogue order; throws for the first pattern that
    /// selects nothing.
    public static func resolve(_ patterns: [String], in catalogue: KPICatalogue = .standard) throws -> [String] {
        let ids = catalogue.definitions.map(\.id)
        var selected = Set<String>()
        for pattern in patterns {
            let matched = ids.filter { Self.matches(pattern, $0) }
            guard !matched.isEmpty else {
                let candidates = ids + KPIFamily.allCases.map { "\($0.rawValue).*" }
                let closest = Suggestions.closest(to: pattern, among: candidates)
                let hint = closest.isEmpty ? "no KPI id, family or glob matches it" : "did you mean \(closest.joined(separator: " or "))?"
                throw UnknownPattern(pattern: pattern, hint: hint)
            }
            selected.formUnion(matched)
        }
        return ids.filter { selected.contains($0) }
    }

    /// Whether `id` matches `pattern`: `*` is any run of characters (also none and dots), `?`
    /// one character; without wildcards the id itself. `family.*` is every KPI of the family.
    public static func matches(_ pattern: String, _ id: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else { return pattern == id }
        return glob(Array(pattern.unicodeScalars), Array(id.unicodeScalars))
    }

    /// Iterative wildcard matching with one backtrack point (linear in practice, never exponential).
    static func glob(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
