/// Computes KPI partials per dealer from the warehouse (kpis.md sections 2–7).
///
/// Every query is grouped by dealer_code; grouping into regions, brands and the network is
/// done afterwards from the partials (`KPIAggregation`), so that every group's value is a
/// ratio of sums or a percentile of pooled items. History that does not depend on the period
/// (vehicle stays, the daily parts ledger, fleet vehicles) is read once and reused for every
/// period of a run (current, previous, a year earlier, the 13-month trend).
public final class KPIEngine {
    let database: Database
    public let options: KPIOptions
    public let catalogue: KPICatalogue

    /// History read once and reused for every period of a run.
    var history = KPIHistory()

    /// The earliest date the periods of this run start on (set by the report builder), so
    /// that daily history before it is read as one opening balance.
    public var historyFloor: LocalDate?
    /// The latest date the periods of this run end on (set by the report builder), so that
    /// stays are read once for every period.
    public var historyCeiling: LocalDate?

    public init(database: Database, options: KPIOptions = KPIOptions(), catalogue: KPICatalogue = .standard) {
        self.database = database
        self.options = options
        self.catalogue = catalogue
    }

    /// The dealers of the `dealers` master, by code. Rows of other dealer codes belong to no group.
    public func dealers() throws -> [Dealer] {
        try database.rows("SELECT dealer_code, name, region, brand FROM dealers ORDER BY dealer_code").map { row in
            Dealer(code: row[0].string ?? "", name: row[1].string ?? "", region: row[2].string ?? "", brand: row[3].string ?? "")
        }
    }

    /// Partials of the wanted KPIs (all of the catalogue when nil) for `period`, per dealer code.
    public func partials(for period: ReportingPeriod, wanted: Set<String>? = nil) throws -> DealerPartials {
        try partials(for: period, wanted: wanted, families: families(of: wanted))
    }

    /// The families (in catalogue order) that the wanted KPIs (all when nil) belong to.
    func families(of wanted: Set<String>?) -> [KPIFamily] {
        let ids = wanted ?? Set(catalogue.definitions.map(\.id))
        let families = Set(catalogue.definitions.filter { ids.contains($0.id) }.map(\.family))
        return KPIFamily.allCases.filter { families.contains($0) }
    }

    /// Partials of the wanted KPIs of `families` only (one family's queries are independent
    /// of another's, so a report can compute them on different connections at once).
    func partials(for period: ReportingPeriod, wanted: Set<String>?, families: [KPIFamily]) throws -> DealerPartials {
        let ids = wanted ?? Set(catalogue.definitions.map(\.id))
        var sink = PartialSink()
        for family in families {
            switch family {
            case .sales: try salesPartials(period, into: &sink)
            case .stock: try stockPartials(period, into: &sink)
            case .parts: try partsPartials(period, wanted: ids, into: &sink)
            case .service: try servicePartials(period, into: &sink)
            case .finance: try financePartials(period, into: &sink)
            case .fleet: try fleetPartials(period, into: &sink)
            case .logistics: try logisticsPartials(period, into: &sink)
            case .staff: try staffPartials(period, into: &sink)
            case .crm: try complaintPartials(period, into: &sink)
            }
        }
        return sink.values
    }

    // MARK: Shared helpers

    /// Values bound for "in P": start date and the day after the end (text compares work for
    /// dates and date-times alike: `x >= start AND x < endExclusive`).
    func bounds(_ period: ReportingPeriod) -> [DatabaseValue] {
        [.text(period.start.description), .text(period.end.shifted(by: 1).description)]
    }

    /// The SQL condition "RO closed in P" on alias `r` (two parameters: bounds).
    static let closedRO = "COALESCE(r.status, '') <> 'void' AND r.invoiced_at >= ? AND r.invoiced_at < ?"
}

/// Accumulates partials, merging those of the same dealer and KPI.
struct PartialSink {
    var values: DealerPartials = [:]

    /// Adds every partial of `other` (the partials of further families of the same period).
    mutating func add(_ other: DealerPartials) {
        for (dealer, partials) in other {
            for (id, partial) in partials { add(dealer, id, partial) }
        }
    }

    private mutating func add(_ dealer: String, _ id: String, _ partial: KPIPartial) {
        if let existing = values[dealer]?[id] {
            values[dealer, default: [:]][id] = existing.merged(with: partial)
        } else {
            values[dealer, default: [:]][id] = partial
        }
    }

    /// Adds the partial of a catalogue entry (the engine names KPIs by entry, never by id text).
    mutating func add(_ dealer: String, _ kpi: KPIDefinition, _ partial: KPIPartial) { add(dealer, kpi.id, partial) }

    mutating func ratio(_ dealer: String, _ kpi: KPIDefinition, _ numerator: Int64, _ denominator: Int64) {
        add(dealer, kpi.id, .ratio(numerator, denominator))
    }

    mutating func total(_ dealer: String, _ kpi: KPIDefinition, _ value: Int64) { add(dealer, kpi.id, .total(value)) }
}

extension Row {
    /// The integer at `index`, 0 when null.
    func int(_ index: Int) -> Int64 { self[index].int64 ?? 0 }
    /// The text at `index`, empty when null.
    func text(_ index: Int) -> String { self[index].string ?? "" }
}
