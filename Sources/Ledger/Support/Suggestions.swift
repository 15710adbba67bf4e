/// "Did you mean …?": the valid values closest to a mistyped one.
///
/// Distances are Damerau–Levenshtein over characters (so 华中 is one edit from 华东 and
/// `bach` three from `batches`), compared case-insensitively; a value that differs only
/// in case is the closest of all.
public enum Suggestions {
    /// Up to `limit` candidates close enough to `value` to be what was meant: those at the
    /// smallest distance, sorted.
    public static func closest(to value: String, among candidates: [String], limit: Int = 3) -> [String] {
        let typed = Array(value.lowercased())
        let unique = Set(candidates.filter { !$0.isEmpty })
        // Only a difference of case: that is what was meant, nothing else.
        let sameLetters = unique.filter { $0.lowercased() == value.lowercased() }
        if !sameLetters.isEmpty { return Array(sameLetters.sorted().prefix(limit)) }
        let threshold = max(3, typed.count / 2)
        var scored: [(distance: Int, candidate: String)] = []
        for candidate in unique {
            let lowered = Array(candidate.lowercased())
            var distance = editDistance(typed, lowered)
            // A dotted id (`service.csi_score`) typed without its family (`csi_scor`).
            if !typed.contains("."), let dot = lowered.lastIndex(of: ".") {
                distance = min(distance, editDistance(typed, Array(lowered[(dot + 1)...])))
            }
            if lowered.count > typed.count, typed.count >= 3, Array(lowered.prefix(typed.count)) == typed {
                distance = min(distance, 1)  // a prefix: `kp` for `kpi`, `bat` for `batches`
            }
            if lowered == typed { distance = 0 }
            // Close enough, and not simply a different word of the same length.
            if distance <= threshold, distance < max(typed.count, lowered.count) { scored.append((distance, candidate)) }
        }
        // The closest only (ties included): `DLR999` suggests `DLR009`, not every code.
        guard let best = scored.map(\.distance).min() else { return [] }
        return scored.filter { $0.distance == best }.map(\.candidate).sorted().prefix(limit).map { $0 }
    }

    /// A sentence for an error message: "did you mean X?" when something is close, and the
    /// valid values when there are few of them (else the closest few).
    public static func hint(for value: String, among candidates: [String], noun: String) -> String {
        let close = closest(to: value, among: candidates)
        let unique = Array(Set(candidates.filter { !$0.isEmpty })).sorted()
        var parts: [String] = []
        if !close.isEmpty { parts.append("did you mean \(close.joined(separator: " or "))?") }
        if unique.isEmpty {
            parts.append("there are no \(noun)s")
        } else if unique.count <= 12 {
            parts.append("\(noun)s: \(unique.joined(separator: ", "))")
        }
        return parts.joined(separator: " ")
    }

    /// Damerau–Levenshtein distance (optimal string alignment) between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
