/// Builds a `KPIReport`: partials for the period, the previous period, a year earlier and
/// (for the HTML) the 13-month trend, grouped as asked.
public final class KPIReportBuilder {
    public let engine: KPIEngine
    /// Partials already computed, by period (shared by the reports of one run).
    private var cache: [ReportingPeriod: DealerPartials] = [:]

    public init(engine: KPIEngine) { self.engine = engine }

    /// One report per region of the dealer master (grouped by dealer), sorted by region.
    public func regionalReports(period: ReportingPeriod) throws -> [(region: String, report: KPIReport)] {
        let regions = Set(try engine.dealers().map(\.region)).sorted()
        return try regions.map { region in
            (region, try build(Request(period: period, groupBy: .dealer, regions: [region])))
        }
    }

    /// What to include.
    public struct Request: Sendable {
        public var period: ReportingPeriod
        public var groupBy: GroupBy
        /// Keep only these dealer codes (empty: all).
        public var dealerCodes: Set<String>
        /// Keep only these regions (empty: all).
        public var regions: Set<String>
        /// Compute the 13-month trend of the headline KPIs (HTML).
        public var includesTrend: Bool
        /// Compute technicians and exception lists.
        public var includesDetails: Bool

        public init(
            period: ReportingPeriod, groupBy: GroupBy = .dealer, dealerCodes: Set<String> = [], regions: Set<String> = [],
            includesTrend: Bool = true, includesDetails: Bool = true
        ) {
            self.period = period
            self.groupBy = groupBy
            self.dealerCodes = dealerCodes
            self.regions = regions
            self.includesTrend = includesTrend
            self.includesDetails = includesDetails
        }
    }

    public func build(_ request: Request) throws -> KPIReport {
        let period = request.period
        let catalogue = engine.catalogue
        let allDealers = try engine.dealers()
        let scope = allDealers.filter {
            (request.dealerCodes.isEmpty || request.dealerCodes.contains($0.code)) && (request.regions.isEmpty || request.regions.contains($0.region))
        }
        func partials(_ p: ReportingPeriod, headlinesOnly: Bool = false) throws -> DealerPartials {
            if let cached = cache[p] { return cached }
            let wanted = headlinesOnly ? Set(catalogue.headlines.map(\.id)) : nil
            let value = try engine.partials(for: p, wanted: wanted)
            if !headlinesOnly { cache[p] = value }
            return value
        }
        let starts = [period.start, period.previous.start, period.yearEarlier.start] + (request.includesTrend ? period.trailingMonths.map(\.start) : [])
        engine.historyFloor = min(engine.historyFloor ?? .init(dayNumber: Int.max / 4), starts.min() ?? period.start)
        let ends = [period.end, period.previous.end, period.yearEarlier.end] + (request.includesTrend ? period.trailingMonths.map(\.end) : [])
        engine.historyCeiling = max(engine.historyCeiling ?? .init(dayNumber: Int.min / 4), ends.max() ?? period.end)
        try engine.preloadPartPositions(atEndOf: [period.end, period.previous.end, period.yearEarlier.end])
        let current = try partials(period)
        let previous = try partials(period.previous)
        let yearEarlier = try partials(period.yearEarlier)

        let groups = KPIAggregation.groups(of: scope, by: request.groupBy)
        var rows: [KPIRow] = []
        for group in groups {
            for definition in catalogue.definitions {
                rows.append(row(definition, group, period, current, previous, yearEarlier))
            }
        }
        let scopeGroup = KPIGroup(
            key: request.groupBy == .network || (request.dealerCodes.isEmpty && request.regions.isEmpty) ? "network" : "selection",
            name: request.dealerCodes.isEmpty && request.regions.isEmpty ? "network" : "selection", dealerCodes: scope.map(\.code))
        let headlines = catalogue.headlines.map { row($0, scopeGroup, period, current, previous, yearEarlier) }

        var trends: [String: [TrendPoint]] = [:]
        if request.includesTrend {
            for month in period.trailingMonths {
                let monthly = try partials(month, headlinesOnly: true)
                for definition in catalogue.headlines {
                    trends[definition.id, default: []].append(TrendPoint(
                        month: month,
                        figure: KPIAggregation.figure(of: definition, dealers: scopeGroup.dealerCodes, in: monthly, period: month)))
                }
            }
        }

        let network = allDealers.map(\.code)
        var regionMembers: [String: [String]] = [:]
        for dealer in allDealers { regionMembers[dealer.region, default: []].append(dealer.code) }
        let comparisons = scope.map { dealer in
            DealerComparison(dealer: dealer, values: Dictionary(uniqueKeysWithValues: catalogue.headlines.map { definition in
                (definition.id, [[dealer.code], regionMembers[dealer.region] ?? [], network].map {
                    KPIAggregation.figure(of: definition, dealers: $0, in: current, period: period).value
                })
            }))
        }

        let codes = Set(scope.map(\.code))
        return KPIReport(
            period: period, previousPeriod: period.previous, yearEarlierPeriod: period.yearEarlier, groupBy: request.groupBy,
            options: engine.options, dealers: scope, groups: groups, rows: rows, headlines: headlines, trends: trends,
            comparisons: comparisons,
            technicians: request.includesDetails ? try engine.technicianFigures(period, dealers: codes) : [],
            exceptions: request.includesDetails ? try engine.exceptionLists(period, dealers: codes) : [],
            catalogue: catalogue)
    }

    private func row(
        _ definition: KPIDefinition, _ group: KPIGroup, _ period: ReportingPeriod,
        _ current: DealerPartials, _ previous: DealerPartials, _ yearEarlier: DealerPartials
    ) -> KPIRow {
        KPIRow(
            group: group, definition: definition,
            current: KPIAggregation.figure(of: definition, dealers: group.dealerCodes, in: current, period: period),
            previous: KPIAggregation.figure(of: definition, dealers: group.dealerCodes, in: previous, period: period.previous),
            yearEarlier: KPIAggregation.figure(of: definition, dealers: group.dealerCodes, in: yearEarlier, period: period.yearEarlier))
    }
}
