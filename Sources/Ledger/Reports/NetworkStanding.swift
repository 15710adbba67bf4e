/// Where a dealer's value stands among others: its quartile in the network (the heat map) and
/// its rank in its region. Direction-aware: quartile 1 and rank 1 are always the best (the
/// highest value where higher is better, the lowest where lower is better, the highest for a
/// KPI without a better direction). Ties are equal: values that compare equal get the same
/// quartile and the same rank ("1, 1, 3").
enum NetworkStanding {
    /// The number of values strictly better than `value` among `values`.
    static func betterCount(than value: Double, among values: [Double], direction: KPIDirection) -> Int {
        switch direction {
        case .lowerIsBetter: return values.count { $0 < value }
        case .higherIsBetter, .neutral: return values.count { $0 > value }
        }
    }

    /// The quartile (1 = best … 4 = worst) of `value` among `values` (which hold it): the
    /// share of values strictly better than it, in quarters. With 8 values the two best are
    /// quartile 1, the next two quartile 2, and so on; nil when `values` is empty.
    static func quartile(of value: Double, among values: [Double], direction: KPIDirection) -> Int? {
        guard !values.isEmpty else { return nil }
        return min(4, 1 + betterCount(than: value, among: values, direction: direction) * 4 / values.count)
    }

    /// The rank (1 = best) of `value` among `values` (which hold it) and how many were ranked.
    static func rank(of value: Double, among values: [Double], direction: KPIDirection) -> (rank: Int, of: Int) {
        (1 + betterCount(than: value, among: values, direction: direction), values.count)
    }
}
