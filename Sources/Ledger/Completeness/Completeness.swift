/// Completeness of the warehouse as of a date (cli.md "Completeness"): which activity feeds
/// each dealer is expected to send, how far each one's data reaches, and which are late.
///
/// Pure: the as-of date is passed in. Every query is an index range over one business-date
/// column — the window of the 90 days before the as-of date — never a scan of the history.
public struct Completeness {
    /// How many days before the as-of date a feed's rows make it expected from a dealer.
    public static let windowDays = 90
    /// The default tolerance: late when the as-of date minus data-through exceeds it.
    public static let defaultLateAfterDays = 2

    let database: Database
    let entries: [ActivityDates.Entry]

    public init(database: Database, catalogue: FeedCatalogue = .standard) {
        self.database = database
        self.entries = ActivityDates.entries(in: catalogue)
    }

    /// One expected feed of one dealer.
    public struct FeedState: Sendable, Hashable {
        public var dealer: String
        public var feed: String
        /// The latest business date of the dealer's rows of the feed, on or before the as-of date.
        public var dataThrough: LocalDate
        /// The latest loaded file that delivered (inserted or changed) such rows, if known.
        public var lastFile: String?
        /// When that file was loaded (UTC, ISO 8601).
        public var lastFileAt: String?
        /// Days past the tolerance: (as-of − data-through) − late-after, at least 0.
        public var daysLate: Int

        public var isLate: Bool { daysLate > 0 }
    }

    /// A dealer of the report: its master data, if any.
    public struct DealerEntry: Sendable, Hashable {
        public var code: String
        public var region: String
        /// Whether the dealer master has the dealer (dealer codes seen only in feed rows are not).
        public var isInMaster: Bool
    }

    /// The result of `status`.
    public struct Report: Sendable {
        public var asOf: LocalDate
        public var lateAfterDays: Int
        /// The first day of the window: rows dated from here through `asOf` make a feed expected.
        public var windowStart: LocalDate
        /// Every active dealer × expected feed, by dealer code then feed (catalogue order).
        public var feeds: [FeedState]
        /// Active dealers (or codes) with at least one expected feed, for their region.
        public var dealers: [DealerEntry]
        /// Active dealers of the master that sent no activity row dated in the window.
        public var silentDealers: [DealerEntry]

        /// Whether any expected feed is late.
        public var hasLate: Bool { feeds.contains(where: \.isLate) }

        /// The region of a dealer code ("" when the master does not know it).
        public func region(of dealer: String) -> String { dealers.first { $0.code == dealer }?.region ?? "" }
    }

    /// The completeness report as of `asOf` (cli.md `dms-import status`).
    public func report(asOf: LocalDate, lateAfterDays: Int = Completeness.defaultLateAfterDays) throws -> Report {
        try database.readTransaction {
            let states = try expectedFeeds(asOf: asOf, lateAfterDays: lateAfterDays, dealers: nil)
            let master = try activeDealers(asOf: asOf)
            let byCode = Dictionary(master.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            let closed = try closedDealers()
            var dealers: [DealerEntry] = []
            var feeds: [FeedState] = []
            for code in Set(states.map(\.dealer)).sorted() where !closed.contains(code) {
                dealers.append(byCode[code] ?? DealerEntry(code: code, region: "", isInMaster: false))
                feeds += states.filter { $0.dealer == code }
            }
            let sending = Set(dealers.map(\.code))
            return Report(
                asOf: asOf, lateAfterDays: lateAfterDays, windowStart: asOf.shifted(by: -Self.windowDays), feeds: feeds,
                dealers: dealers, silentDealers: master.filter { !sending.contains($0.code) })
        }
    }

    /// The expected feeds as of `asOf` of the given dealers (all when nil), with their
    /// data-through dates, sorted by dealer then feed (catalogue order).
    public func expectedFeeds(asOf: LocalDate, lateAfterDays: Int, dealers: Set<String>?) throws -> [FeedState] {
        let start = asOf.shifted(by: -Self.windowDays)
        var latest: [String: [String: (date: LocalDate, batch: Int64)]] = [:]
        for entry in entries {
            for column in entry.columns {
                let sql = """
                    SELECT dealer_code, MAX("\(column)"), MAX(batch_id) FROM "\(entry.feed)"
                    WHERE "\(column)" >= ? AND "\(column)" < ? AND dealer_code IS NOT NULL GROUP BY dealer_code
                    """
                for row in try database.rows(sql, [.text(start.description), .text(asOf.shifted(by: 1).description)]) {
                    guard let dealer = row[0].string, dealers?.contains(dealer) ?? true,
                        let text = row[1].string, let date = LocalDate(text)
                    else { continue }
                    let batch = row[2].int64 ?? 0
                    let previous = latest[dealer]?[entry.feed]
                    latest[dealer, default: [:]][entry.feed] = (max(previous?.date ?? date, date), max(previous?.batch ?? batch, batch))
                }
            }
        }
        let files = try batchFiles(Set(latest.values.flatMap { $0.values.map(\.batch) }))
        var states: [FeedState] = []
        for dealer in latest.keys.sorted() {
            for entry in entries {
                guard let found = latest[dealer]?[entry.feed] else { continue }
                let file = files[found.batch]
                states.append(FeedState(
                    dealer: dealer, feed: entry.feed, dataThrough: found.date, lastFile: file?.path, lastFileAt: file?.at,
                    daysLate: max(0, found.date.days(to: asOf) - lateAfterDays)))
            }
        }
        return states
    }

    /// Dealers of the master that are active on `asOf`: not closed, and opened by then (or
    /// with no opening date).
    func activeDealers(asOf: LocalDate) throws -> [DealerEntry] {
        try database.rows(
            """
            SELECT dealer_code, COALESCE(region, '') FROM dealers
            WHERE COALESCE(status, 'active') <> 'closed' AND (opened_on IS NULL OR opened_on <= ?)
            ORDER BY dealer_code
            """, [.text(asOf.description)]
        ).compactMap { row in row[0].string.map { DealerEntry(code: $0, region: row[1].string ?? "", isInMaster: true) } }
    }

    func closedDealers() throws -> Set<String> {
        Set(try database.rows("SELECT dealer_code FROM dealers WHERE status = 'closed'").compactMap { $0[0].string })
    }

    func batchFiles(_ ids: Set<Int64>) throws -> [Int64: (path: String, at: String?)] {
        var files: [Int64: (path: String, at: String?)] = [:]
        for id in ids.sorted() {
            if let row = try database.rows("SELECT path, finished_at FROM batches WHERE batch_id = ?", [.integer(id)]).first,
                let path = row[0].string
            {
                files[id] = (path, row[1].string)
            }
        }
        return files
    }

    // MARK: Report periods

    /// Whether `dealer` has an activity row dated from `start` through `end`, for dealers
    /// whose expected feeds (which cover the last 90 days of a period) did not already say so.
    public func hasActivity(dealer: String, from start: LocalDate, through end: LocalDate) throws -> Bool {
        for entry in entries {
            for column in entry.columns {
                let sql = """
                    SELECT 1 FROM "\(entry.feed)" WHERE "\(column)" >= ? AND "\(column)" < ? AND dealer_code = ? LIMIT 1
                    """
                if try !database.rows(sql, [.text(start.description), .text(end.shifted(by: 1).description), .text(dealer)]).isEmpty {
                    return true
                }
            }
        }
        return false
    }

    /// The first and last business dates of the given dealers' activity rows (nil when they have none).
    public func activitySpan(dealers: [String]) throws -> (first: LocalDate, last: LocalDate)? {
        var first: LocalDate?
        var last: LocalDate?
        for entry in entries {
            for column in entry.columns {
                let sql = "SELECT MIN(\"\(column)\"), MAX(\"\(column)\") FROM \"\(entry.feed)\" WHERE dealer_code = ?"
                for dealer in dealers {
                    guard let row = try database.rows(sql, [.text(dealer)]).first,
                        let low = row[0].string.flatMap(LocalDate.init), let high = row[1].string.flatMap(LocalDate.init)
                    else { continue }
                    first = min(first ?? low, low)
                    last = max(last ?? high, high)
                }
            }
        }
        guard let first, let last else { return nil }
        return (first, last)
    }
}
