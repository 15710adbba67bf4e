/// What `dms-report bundle` makes one pack of: a region (for the regional office) or a dealer
/// (to send back to the dealer).
public enum PackGrouping: String, Sendable, CaseIterable {
    case region, dealer
}

/// Everything one bundle shows, computed; `RegionalBundles` renders it without queries.
public struct ReportPack: Sendable {
    public var grouping: PackGrouping
    /// The region's name, or the dealer's code.
    public var key: String
    /// The region's name, or the dealer's name.
    public var name: String
    /// The region of the pack (a dealer pack: the dealer's region).
    public var region: String
    /// The pack's dealers grouped by dealer, with the trend, technicians, salespeople,
    /// advisors and exception lists of these dealers only.
    public var report: KPIReport
    /// The rows to compare with, as `dms-report kpi --by region` / `--by network` write them:
    /// the region level holding only the pack's region, then the network.
    public var comparisons: [KPIReport]
    /// The department P&L as `dms-report ledger` writes it: per dealer, then (region packs)
    /// the region in total.
    public var ledgers: [LedgerReport]
}

/// Computes packs one at a time (so that a run over hundreds of dealers holds one pack in
/// memory), sharing what every pack needs: the region- and network-level rows and the journal
/// of the period, each computed once.
public final class ReportPackBuilder {
    public let builder: KPIReportBuilder
    public let period: ReportingPeriod
    public let today: LocalDate?
    public let lateAfterDays: Int
    /// Only these KPI ids (empty: every KPI); only their families are computed.
    public let kpis: Set<String>
    private let dealers: [Dealer]
    private var regionLevel: KPIReport?
    private var networkLevel: KPIReport?
    private var postingsByDealer: [String: [Posting]]?
    private var unpostableByDealer: [String: [DocumentKey]] = [:]

    /// With `requiresActivity`, a period in which no dealer of the network has activity data
    /// throws `NoActivityError` (one region or dealer without data still gets its pack).
    public init(
        builder: KPIReportBuilder, period: ReportingPeriod, today: LocalDate?,
        lateAfterDays: Int = Completeness.defaultLateAfterDays, requiresActivity: Bool = true, kpis: Set<String> = []
    ) throws {
        self.builder = builder
        self.period = period
        self.today = today
        self.lateAfterDays = lateAfterDays
        self.kpis = kpis
        dealers = try builder.engine.dealers()
        if requiresActivity {
            try Completeness(database: builder.engine.database).requireActivity(in: period, dealers: dealers.map(\.code))
        }
    }

    /// The packs there are: the regions of the dealer master sorted, or every dealer code sorted.
    public func keys(by grouping: PackGrouping) -> [String] {
        switch grouping {
        case .region: return Set(dealers.map(\.region)).sorted()
        case .dealer: return dealers.map(\.code).sorted()
        }
    }

    /// The pack of the region or dealer `key` (one of `keys(by:)`).
    public func pack(by grouping: PackGrouping, key: String) throws -> ReportPack {
        let members = dealers.filter { grouping == .region ? $0.region == key : $0.code == key }
        let region = members.first?.region ?? key
        let name = grouping == .region ? key : members.first?.name ?? key
        let report = try builder.build(.init(
            period: period, groupBy: .dealer, dealerCodes: grouping == .dealer ? [key] : [], regions: [region], kpis: kpis,
            lateAfterDays: lateAfterDays, today: today))
        var regional = try level(.region)
        regional.groups.removeAll { $0.key != region }
        regional.rows.removeAll { $0.group.key != region }
        let codes = Set(members.map(\.code))
        var ledgers = [try ledger(.dealer, members, codes)]
        if grouping == .region { ledgers.append(try ledger(.region, members, codes)) }
        return ReportPack(
            grouping: grouping, key: key, name: name, region: region, report: report, comparisons: [regional, try level(.network)],
            ledgers: ledgers)
    }

    /// The whole network's rows at `groupBy` (region or network), computed once.
    private func level(_ groupBy: GroupBy) throws -> KPIReport {
        if groupBy == .region, let regionLevel { return regionLevel }
        if groupBy == .network, let networkLevel { return networkLevel }
        let report = try builder.build(.init(
            period: period, groupBy: groupBy, kpis: kpis, lateAfterDays: lateAfterDays, today: today, includesTrend: false,
            includesDetails: false))
        if groupBy == .region { regionLevel = report } else { networkLevel = report }
        return report
    }

    /// The P&L of `members` grouped by `groupBy`, from the journal of the period (built once).
    private func ledger(_ groupBy: GroupBy, _ members: [Dealer], _ codes: Set<String>) throws -> LedgerReport {
        if postingsByDealer == nil {
            let journal = try Journal(database: builder.engine.database).build(for: period)
            var byDealer: [String: [Posting]] = [:]
            for posting in journal.postings { byDealer[posting.document.dealerCode, default: []].append(posting) }
            postingsByDealer = byDealer
            for document in journal.unpostable { unpostableByDealer[document.dealerCode, default: []].append(document) }
        }
        let sorted = codes.sorted()
        return LedgerReport.assemble(
            period: period, groupBy: groupBy, dealers: members, postings: sorted.flatMap { postingsByDealer?[$0] ?? [] },
            unpostable: sorted.flatMap { unpostableByDealer[$0] ?? [] })
    }
}
