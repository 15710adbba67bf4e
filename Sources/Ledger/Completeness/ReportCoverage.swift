/// Whether a group's data for a report period is all there (cli.md, kpi.csv `coverage`).
public enum CoverageStatus: String, Sendable, Comparable, CaseIterable {
    /// Every feed expected from the dealer as of the end of the period is in.
    case complete
    /// A feed expected as of the end of the period stops more than `--late-after` days before
    /// it, or the period has not ended.
    case partial
    /// No activity row of the dealer is dated in the period.
    case none

    var rank: Int {
        switch self {
        case .complete: return 0
        case .partial: return 1
        case .none: return 2
        }
    }

    public static func < (lhs: CoverageStatus, rhs: CoverageStatus) -> Bool { lhs.rank < rhs.rank }
}

/// The coverage of one dealer for a report period.
public struct DealerCoverage: Sendable, Hashable {
    public var dealer: String
    public var status: CoverageStatus
    /// The feeds expected as of the end of the period, with their data-through dates.
    public var feeds: [Completeness.FeedState]
    /// Whether the period had not ended on the day the report was made.
    public var periodOpen: Bool

    /// The dealer's data-through date: that of its expected feed furthest behind (nil when none is expected).
    public var dataThrough: LocalDate? { feeds.map(\.dataThrough).min() }

    /// The expected feeds whose data stops more than the tolerance before the end of the period.
    public var lateFeeds: [Completeness.FeedState] { feeds.filter(\.isLate) }
}

/// The coverage of every dealer of a report; a group is the worst of its dealers.
public struct ReportCoverage: Sendable, Hashable {
    public var lateAfterDays: Int
    public var dealers: [String: DealerCoverage]

    public init(lateAfterDays: Int = Completeness.defaultLateAfterDays, dealers: [String: DealerCoverage] = [:]) {
        self.lateAfterDays = lateAfterDays
        self.dealers = dealers
    }

    /// The worst status of the given dealers; `none` for a group without dealers.
    public func status(of dealerCodes: [String]) -> CoverageStatus {
        dealerCodes.map { dealers[$0]?.status ?? .none }.max() ?? .none
    }

    /// Whether no dealer has an activity row in the period.
    public var hasNoActivity: Bool { dealers.values.allSatisfy { $0.status == .none } }
}

extension Completeness {
    /// The coverage of each of `dealers` for `period`, judged as of the end of the period;
    /// `today` (the day the report is made, passed in) marks a period that has not ended.
    public func coverage(
        of period: ReportingPeriod, dealers: [String], lateAfterDays: Int, today: LocalDate?
    ) throws -> ReportCoverage {
        try database.readTransaction {
            let states = try expectedFeeds(asOf: period.end, lateAfterDays: lateAfterDays, dealers: Set(dealers))
            let windowStart = period.end.shifted(by: -Self.windowDays)
            let periodOpen = today.map { $0 <= period.end } ?? false
            var result = ReportCoverage(lateAfterDays: lateAfterDays)
            for dealer in dealers {
                let feeds = states.filter { $0.dealer == dealer }
                var active = feeds.contains { $0.dataThrough >= period.start }
                if !active && period.start < windowStart {
                    active = try hasActivity(dealer: dealer, from: period.start, through: windowStart.shifted(by: -1))
                }
                let status: CoverageStatus =
                    !active ? .none : (periodOpen || feeds.contains(where: \.isLate)) ? .partial : .complete
                result.dealers[dealer] = DealerCoverage(dealer: dealer, status: status, feeds: feeds, periodOpen: periodOpen)
            }
            return result
        }
    }
}

extension Completeness {
    /// Throws `NoActivityError` (saying where their data begins and ends) when none of
    /// `dealers` has an activity row dated in `period`.
    public func requireActivity(in period: ReportingPeriod, dealers: [String]) throws {
        let coverage = try coverage(of: period, dealers: dealers, lateAfterDays: Self.defaultLateAfterDays, today: nil)
        if coverage.hasNoActivity {
            throw NoActivityError(period: period, dealerCount: dealers.count, span: try activitySpan(dealers: dealers))
        }
    }
}

/// A report period in which the selected dealers have no activity data: nothing is written (exit 66).
public struct NoActivityError: Error, CustomStringConvertible, Sendable {
    public var period: ReportingPeriod
    /// How many dealers were selected.
    public var dealerCount: Int
    /// Where their activity data begins and ends (nil when they have none at all).
    public var span: (first: LocalDate, last: LocalDate)?

    public init(period: ReportingPeriod, dealerCount: Int, span: (first: LocalDate, last: LocalDate)?) {
        self.period = period
        self.dealerCount = dealerCount
        self.span = span
    }

    public var description: String {
        let who = dealerCount == 1 ? "the selected dealer" : "the \(dealerCount) selected dealers"
        let head = "no activity data for \(who) in \(period) (\(period.start) to \(period.end)); nothing written"
        guard let span else {
            return dealerCount == 0
                ? "no dealers in the dealer master; load the dealers feed with dms-import first; nothing written"
                : head + "; the warehouse holds no activity rows for them — load their feeds with dms-import"
        }
        return head + "; their data begins \(span.first) and ends \(span.last)"
    }
}
