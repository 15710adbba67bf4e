/// Builds a `KPIReport`: partials for the period, the previous period, a year earlier and
/// (for the HTML) the trend at the period's grain (13 months, 8 quarters or 5 years), grouped as asked.
///
/// The pieces of a report that do not depend on each other — the history read once per run,
/// each KPI family of each period, the technicians and the exception lists — run at the same
/// time when the builder has further connections to the warehouse. The report is the same
/// with or without them (tests compare the two).
public final class KPIReportBuilder {
    public let engine: KPIEngine
    private let pool: EnginePool
    /// Partials already computed, by period and KPI selection (shared by the reports of one run).
    private var cache: [CacheKey: DealerPartials] = [:]

    private struct CacheKey: Hashable {
        var period: ReportingPeriod
        /// The selected KPI ids; nil for the whole catalogue.
        var wanted: Set<String>?
    }

    /// - Parameter connections: further connections to the warehouse `engine` reads, one
    ///   per extra thread; none runs everything in order on the calling thread.
    public init(engine: KPIEngine, connections: [Database] = []) {
        self.engine = engine
        pool = EnginePool(
            engine, connections.map { KPIEngine(database: $0, options: engine.options, catalogue: engine.catalogue) })
    }

    /// What to include.
    public struct Request: Sendable {
        public var period: ReportingPeriod
        public var groupBy: GroupBy
        /// Keep only these dealer codes (empty: all).
        public var dealerCodes: Set<String>
        /// Keep only these regions (empty: all).
        public var regions: Set<String>
        /// Keep only these brands (empty: all).
        public var brands: Set<String>
        /// Only these KPI ids (empty: the whole catalogue); only the families they belong to
        /// are computed, and the headlines and trends are those among them.
        public var kpis: Set<String>
        /// The coverage tolerance: a feed whose data stops more than this many days before the
        /// end of the period makes its dealer `partial`.
        public var lateAfterDays: Int
        /// The day the report is made (passed in by the tool): a period not ended by then is `partial`.
        public var today: LocalDate?
        /// Refuse (`NoActivityError`) a period in which the selected dealers have no activity data.
        public var requiresActivity: Bool
        /// Compute the trend of the headline KPIs at the period's grain (HTML): `ReportingPeriod.trailingPeriods`.
        public var includesTrend: Bool
        /// Compute technicians and exception lists.
        public var includesDetails: Bool

        public init(
            period: ReportingPeriod, groupBy: GroupBy = .dealer, dealerCodes: Set<String> = [], regions: Set<String> = [],
            brands: Set<String> = [], kpis: Set<String> = [], lateAfterDays: Int = Completeness.defaultLateAfterDays,
            today: LocalDate? = nil, requiresActivity: Bool = false, includesTrend: Bool = true, includesDetails: Bool = true
        ) {
            self.period = period
            self.groupBy = groupBy
            self.dealerCodes = dealerCodes
            self.regions = regions
            self.brands = brands
            self.kpis = kpis
            self.lateAfterDays = lateAfterDays
            self.today = today
            self.requiresActivity = requiresActivity
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
                && (request.brands.isEmpty || request.brands.contains($0.brand))
        }
        let completeness = Completeness(database: engine.database)
        let coverage = try completeness.coverage(
            of: period, dealers: scope.map(\.code), lateAfterDays: request.lateAfterDays, today: request.today)
        if request.requiresActivity && coverage.hasNoActivity {
            throw NoActivityError(period: period, dealerCount: scope.count, span: try completeness.activitySpan(dealers: scope.map(\.code)))
        }
        let compared = [period, period.previous, period.yearEarlier]
        let trend = request.includesTrend ? period.trailingPeriods : []
        let floor = (compared + trend).map(\.start).min() ?? period.start
        let ceiling = (compared + trend).map(\.end).max() ?? period.end
        for worker in pool.engines {
            worker.historyFloor = min(worker.historyFloor ?? floor, floor)
            worker.historyCeiling = max(worker.historyCeiling ?? ceiling, ceiling)
        }
        let wanted: Set<String>? = request.kpis.isEmpty ? nil : request.kpis
        let selectedHeadlines = catalogue.headlines.filter { wanted?.contains($0.id) ?? true }
        try readHistory(
            comebacksOf: period, positionsAt: compared.map(\.end),
            families: request.includesDetails ? Set(KPIFamily.allCases) : Set(engine.families(of: wanted)))
        let codes = Set(scope.map(\.code))
        let pieces = try computePieces(
            compared: compared, trend: trend, wanted: wanted, headlines: Set(selectedHeadlines.map(\.id)),
            details: request.includesDetails ? (period, codes) : nil)
        let current = cache[CacheKey(period: period, wanted: wanted)] ?? [:]
        let previous = cache[CacheKey(period: period.previous, wanted: wanted)] ?? [:]
        let yearEarlier = cache[CacheKey(period: period.yearEarlier, wanted: wanted)] ?? [:]

        let groups = KPIAggregation.groups(of: scope, by: request.groupBy)
        var rows: [KPIRow] = []
        for group in groups {
            for definition in catalogue.definitions where request.kpis.isEmpty || request.kpis.contains(definition.id) {
                rows.append(row(definition, group, period, current, previous, yearEarlier))
            }
        }
        let unfiltered = request.dealerCodes.isEmpty && request.regions.isEmpty && request.brands.isEmpty
        let scopeGroup = KPIGroup(
            key: request.groupBy == .network || unfiltered ? "network" : "selection",
            name: unfiltered ? "network" : "selection", dealerCodes: scope.map(\.code))
        let headlines = selectedHeadlines.map { row($0, scopeGroup, period, current, previous, yearEarlier) }

        var trends: [String: [TrendPoint]] = [:]
        if request.includesTrend {
            for point in trend {
                let partials = cache[CacheKey(period: point, wanted: wanted)] ?? pieces.trend[point] ?? [:]
                for definition in selectedHeadlines {
                    trends[definition.id, default: []].append(TrendPoint(
                        period: point,
                        figure: KPIAggregation.figure(of: definition, dealers: scopeGroup.dealerCodes, in: partials, period: point)))
                }
            }
        }

        let network = allDealers.map(\.code)
        var regionMembers: [String: [String]] = [:]
        for dealer in allDealers { regionMembers[dealer.region, default: []].append(dealer.code) }
        // A region's and the network's figures are the same beside each of their dealers: each
        // is computed once, not once per dealer (which made the comparison quadratic in dealers).
        let networkFigures = selectedHeadlines.map { KPIAggregation.figure(of: $0, dealers: network, in: current, period: period).value }
        var regionFigures: [String: [String?]] = [:]
        for region in Set(scope.map(\.region)) {
            regionFigures[region] = selectedHeadlines.map {
                KPIAggregation.figure(of: $0, dealers: regionMembers[region] ?? [], in: current, period: period).value
            }
        }
        // Each dealer's own figure of each headline KPI, for the whole network (the heat map's
        // quartiles) and the comparison below: computed once per dealer and KPI.
        var dealerFigures: [String: [String: String]] = [:]
        for definition in selectedHeadlines {
            var values: [String: String] = [:]
            for dealer in allDealers {
                values[dealer.code] = KPIAggregation.figure(of: definition, dealers: [dealer.code], in: current, period: period).value
            }
            dealerFigures[definition.id] = values
        }
        let comparisons = scope.map { dealer in
            let region = regionFigures[dealer.region] ?? []
            return DealerComparison(dealer: dealer, values: Dictionary(uniqueKeysWithValues: selectedHeadlines.enumerated().map { index, definition in
                (definition.id, [dealerFigures[definition.id]?[dealer.code], index < region.count ? region[index] : nil, networkFigures[index]])
            }))
        }

        var report = KPIReport(
            period: period, previousPeriod: period.previous, yearEarlierPeriod: period.yearEarlier, groupBy: request.groupBy,
            options: engine.options, dealers: scope, groups: groups, rows: rows, headlines: headlines, trends: trends,
            comparisons: comparisons, coverage: coverage,
            technicians: pieces.technicians, exceptions: pieces.exceptions, catalogue: catalogue)
        report.salespeople = pieces.salespeople
        report.advisors = pieces.advisors
        report.includesDetails = request.includesDetails
        report.staffNames = pieces.staffNames
        report.selection = DealerFilter(dealerCodes: Array(request.dealerCodes), regions: Array(request.regions), brands: Array(request.brands))
        report.network = allDealers
        report.networkValues = dealerFigures
        return report
    }

    /// Reads the history every period of the run shares (on several connections at once
    /// when there are), then gives every engine all of it.
    /// Only the history of `families` is read (the rest is read on demand, if ever).
    private func readHistory(comebacksOf period: ReportingPeriod, positionsAt ends: [LocalDate], families: Set<KPIFamily>) throws {
        guard let floor = engine.historyFloor, let ceiling = engine.historyCeiling else { return }
        var tasks: [(KPIEngine) throws -> Void] = []
        if families.contains(.parts) { tasks.append { _ = try $0.partsDays(from: floor) } }
        if families.contains(.stock) || families.contains(.fleet) {
            tasks.append { engine in
                if families.contains(.stock) { _ = try engine.vehicleStays(from: floor, through: ceiling) }
                if families.contains(.fleet) { _ = try engine.fleetVehicles() }
            }
        }
        if families.contains(.service) { tasks.append { _ = try $0.comebackCandidates(period) } }
        if families.contains(.parts) {
            for end in Set(ends).sorted() { tasks.append { _ = try $0.partPositions(atEndOf: end) } }
        }
        guard !tasks.isEmpty else { return }
        _ = try pool.run(tasks)
        var shared = KPIHistory()
        for worker in pool.engines { shared.adopt(worker.history) }
        for worker in pool.engines { worker.history.adopt(shared) }
    }

    /// What `build` computes besides the history: the partials of the compared periods (kept
    /// in `cache`), the headline partials of the other trend periods, technicians and exceptions.
    private struct Pieces {
        var trend: [ReportingPeriod: DealerPartials] = [:]
        var technicians: [TechnicianFigures] = []
        var salespeople: [SalespersonFigures] = []
        var advisors: [AdvisorFigures] = []
        var exceptions: [ExceptionList] = []
        var staffNames: [String: String] = [:]
    }

    /// One independent piece of a report and its rough cost (the largest are started first).
    private enum Piece {
        case partials(ReportingPeriod, wanted: Set<String>?, KPIFamily)
        case technicians(ReportingPeriod, dealers: Set<String>)
        case people(ReportingPeriod, dealers: Set<String>)
        case exceptions(ReportingPeriod, dealers: Set<String>)
        case staffNames(dealers: Set<String>)

        var cost: Int {
            switch self {
            case .partials(_, _, let family):
                switch family {
                case .service: 5
                case .finance: 4
                case .parts, .fleet: 3
                case .sales, .stock, .logistics, .staff, .crm: 1
                }
            case .technicians, .people: 2
            case .exceptions: 3
            case .staffNames: 1
            }
        }
    }

    private enum Output {
        case partials(DealerPartials)
        case technicians([TechnicianFigures])
        case people([SalespersonFigures], [AdvisorFigures])
        case exceptions([ExceptionList])
        case staffNames([String: String])
    }

    private func computePieces(
        compared: [ReportingPeriod], trend: [ReportingPeriod], wanted: Set<String>?, headlines: Set<String>,
        details: (period: ReportingPeriod, dealers: Set<String>)?
    ) throws -> Pieces {
        var pieces: [Piece] = []
        var full: [ReportingPeriod] = []
        for period in compared where cache[CacheKey(period: period, wanted: wanted)] == nil && !full.contains(period) {
            full.append(period)
            pieces += engine.families(of: wanted).map { .partials(period, wanted: wanted, $0) }
        }
        var trendOnly: [ReportingPeriod] = []
        for month in trend
        where cache[CacheKey(period: month, wanted: wanted)] == nil && !full.contains(month) && !trendOnly.contains(month) && !headlines.isEmpty {
            trendOnly.append(month)
            pieces += engine.families(of: headlines).map { .partials(month, wanted: headlines, $0) }
        }
        if let details {
            pieces += [
                .technicians(details.period, dealers: details.dealers), .people(details.period, dealers: details.dealers),
                .exceptions(details.period, dealers: details.dealers), .staffNames(dealers: details.dealers),
            ]
        }
        // Largest first, so that the last piece to finish is a small one.
        let order = pieces.indices.sorted { (-pieces[$0].cost, $0) < (-pieces[$1].cost, $1) }
        let outputs = try pool.run(order.map { index in
            { worker -> Output in
                switch pieces[index] {
                case .partials(let period, let wanted, let family):
                    .partials(try worker.partials(for: period, wanted: wanted, families: [family]))
                case .technicians(let period, let dealers): .technicians(try worker.technicianFigures(period, dealers: dealers))
                case .people(let period, let dealers):
                    .people(try worker.salespersonFigures(period, dealers: dealers), try worker.advisorFigures(period, dealers: dealers))
                case .exceptions(let period, let dealers): .exceptions(try worker.exceptionLists(period, dealers: dealers))
                case .staffNames(let dealers): .staffNames(try worker.employeeNames(dealers: dealers))
                }
            }
        })
        // Merged in piece order (families in catalogue order), whatever order they ran in.
        var byPiece = [Output?](repeating: nil, count: pieces.count)
        for (position, index) in order.enumerated() { byPiece[index] = outputs[position] }
        var sinks: [ReportingPeriod: PartialSink] = [:]
        var result = Pieces()
        for (piece, output) in zip(pieces, byPiece) {
            switch (piece, output) {
            case (.partials(let period, _, _), .partials(let values)?): sinks[period, default: PartialSink()].add(values)
            case (_, .technicians(let list)?): result.technicians = list
            case (_, .people(let salespeople, let advisors)?):
                result.salespeople = salespeople
                result.advisors = advisors
            case (_, .exceptions(let lists)?): result.exceptions = lists
            case (_, .staffNames(let names)?): result.staffNames = names
            default: break
            }
        }
        for period in full { cache[CacheKey(period: period, wanted: wanted)] = sinks[period]?.values ?? [:] }
        for month in trendOnly { result.trend[month] = sinks[month]?.values ?? [:] }
        return result
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
