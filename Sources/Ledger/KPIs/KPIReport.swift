/// How the rows of a report are grouped (kpis.md section 1).
public enum GroupBy: String, Sendable, CaseIterable {
    case dealer, region, brand, network
}

/// A group of dealers: one dealer, a region, a brand or the network.
public struct KPIGroup: Sendable, Hashable {
    public var key: String
    public var name: String
    public var dealerCodes: [String]

    public init(key: String, name: String, dealerCodes: [String]) {
        self.key = key
        self.name = name
        self.dealerCodes = dealerCodes
    }
}

/// One row of kpi.csv: a KPI for a group, with the previous period and a year earlier.
public struct KPIRow: Sendable, Hashable {
    public var group: KPIGroup
    public var definition: KPIDefinition
    public var current: KPIFigure
    public var previous: KPIFigure
    public var yearEarlier: KPIFigure
}

/// A dealer beside its region and the network, for the headline KPIs (current period).
public struct DealerComparison: Sendable, Hashable {
    public var dealer: Dealer
    /// KPI id → (dealer, region, network) values.
    public var values: [String: [String?]]
}

/// One point of a trend: a month, quarter or year and the value then.
public struct TrendPoint: Sendable, Hashable {
    public var period: ReportingPeriod
    public var figure: KPIFigure

    public init(period: ReportingPeriod, figure: KPIFigure) {
        self.period = period
        self.figure = figure
    }
}

/// Everything a KPI report shows; rendered by `Reports/` without further queries.
public struct KPIReport: Sendable {
    public var period: ReportingPeriod
    public var previousPeriod: ReportingPeriod
    public var yearEarlierPeriod: ReportingPeriod
    public var groupBy: GroupBy
    public var options: KPIOptions
    /// The dealers in scope (after `--dealer` / `--region`).
    public var dealers: [Dealer]
    public var groups: [KPIGroup]
    /// Group by group, KPIs in catalogue order.
    public var rows: [KPIRow]
    /// Headline KPIs of the whole scope.
    public var headlines: [KPIRow]
    /// Headline KPI id → the trend of the whole scope at the period's grain (13 months, 8
    /// quarters or 5 years; empty when not asked for).
    public var trends: [String: [TrendPoint]]
    public var comparisons: [DealerComparison]
    /// Whether each dealer's data for the period is all there (kpi.csv `coverage`).
    public var coverage: ReportCoverage
    public var technicians: [TechnicianFigures]
    /// salespeople.csv and advisors.csv (kpis.md 14); empty without details.
    public var salespeople: [SalespersonFigures] = []
    public var advisors: [AdvisorFigures] = []
    public var exceptions: [ExceptionList]
    public var catalogue: KPICatalogue
    /// The `--dealer`, `--region` and `--brand` filters the report was made with (all empty:
    /// the whole network); the page's title names them.
    public var selection = DealerFilter()
    /// Every dealer of the network, in scope or not: the heat map's quartiles and the ranks
    /// within a region compare a dealer with all of them.
    public var network: [Dealer] = []
    /// Headline KPI id → dealer code → that dealer's value in the period, for every dealer of
    /// the network (a dealer without a value is absent).
    public var networkValues: [String: [String: String]] = [:]
    /// Employee names of the dealers in scope, by `KPIEngine.staffKey(dealer, employee)` (with the details).
    public var staffNames: [String: String] = [:]
    /// Whether technicians, salespeople, advisors and exception lists were computed (not with `--kpi`).
    public var includesDetails = true

    /// The coverage of a group: the worst of its dealers.
    public func coverage(of group: KPIGroup) -> CoverageStatus { coverage.status(of: group.dealerCodes) }
}

/// The dealer filters of a report (`--dealer`, `--region`, `--brand`), each sorted.
public struct DealerFilter: Sendable, Hashable {
    public var dealerCodes: [String]
    public var regions: [String]
    public var brands: [String]

    public init(dealerCodes: [String] = [], regions: [String] = [], brands: [String] = []) {
        self.dealerCodes = dealerCodes.sorted()
        self.regions = regions.sorted()
        self.brands = brands.sorted()
    }

    /// No filter: the whole network.
    public var isEmpty: Bool { dealerCodes.isEmpty && regions.isEmpty && brands.isEmpty }
}
