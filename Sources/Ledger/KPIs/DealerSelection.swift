/// A `--dealer`, `--region` or `--brand` that matches nothing: a bad command line (exit 64),
/// with the closest valid values.
public struct SelectionError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Checks report filters against the dealer master before anything is computed or written.
public enum DealerSelection {
    /// Throws `SelectionError` when a dealer code, region or brand matches no dealer, or
    /// when the filters together leave no dealer.
    public static func validate(_ dealers: [Dealer], codes: Set<String>, regions: Set<String>, brands: Set<String>) throws {
        let filters: [(option: String, noun: String, values: Set<String>, valid: [String])] = [
            ("--dealer", "dealer code", codes, dealers.map(\.code)),
            ("--region", "region", regions, dealers.map(\.region)),
            ("--brand", "brand", brands, dealers.map(\.brand)),
        ]
        var problems: [String] = []
        for filter in filters {
            let valid = Set(filter.valid)
            for value in filter.values.sorted() where !valid.contains(value) {
                problems.append(
                    "\(filter.option) \(value) matches no dealer; " + Suggestions.hint(for: value, among: Array(valid), noun: filter.noun))
            }
        }
        guard problems.isEmpty else { throw SelectionError(problems.joined(separator: "; ")) }
        let any = dealers.contains { dealer in
            (codes.isEmpty || codes.contains(dealer.code)) && (regions.isEmpty || regions.contains(dealer.region))
                && (brands.isEmpty || brands.contains(dealer.brand))
        }
        if !any && !(codes.isEmpty && regions.isEmpty && brands.isEmpty) {
            let given = filters.flatMap { filter in filter.values.sorted().map { "\(filter.option) \($0)" } }
            throw SelectionError("no dealer matches all of \(given.joined(separator: " ")) together")
        }
    }
}
