/// Groups per-dealer partials: Σ numerators ÷ Σ denominators, pooled items (kpis.md 1).
public enum KPIAggregation {
    /// The groups of `dealers` for a grouping, sorted by key. Dealers are the only members:
    /// rows of dealer codes missing from `dealers` belong to no group.
    public static func groups(of dealers: [Dealer], by groupBy: GroupBy) -> [KPIGroup] {
        switch groupBy {
        case .dealer:
            return dealers.sorted { $0.code < $1.code }.map { KPIGroup(key: $0.code, name: $0.name, dealerCodes: [$0.code]) }
        case .region, .brand:
            var members: [String: [String]] = [:]
            for dealer in dealers { members[groupBy == .region ? dealer.region : dealer.brand, default: []].append(dealer.code) }
            return members.keys.sorted().map { KPIGroup(key: $0, name: $0, dealerCodes: members[$0, default: []].sorted()) }
        case .network:
            return [KPIGroup(key: "network", name: "network", dealerCodes: dealers.map(\.code).sorted())]
        }
    }

    /// The partial of a group for one KPI.
    public static func partial(of definition: KPIDefinition, dealers: [String], in partials: DealerPartials) -> KPIPartial {
        var result = definition.emptyPartial
        for code in dealers {
            if let partial = partials[code]?[definition.id] { result = result.merged(with: partial) }
        }
        return result
    }

    /// The printed figure of a group for one KPI over `period`.
    public static func figure(
        of definition: KPIDefinition, dealers: [String], in partials: DealerPartials, period: ReportingPeriod
    ) -> KPIFigure {
        definition.figure(of: partial(of: definition, dealers: dealers, in: partials), days: period.days)
    }
}
