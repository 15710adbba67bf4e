extension KPIEngine {
    /// Headcount and turnover (kpis.md 12). Only employees still employed at the end of the
    /// day before P, or leaving after it, are read (an index range on left_on).
    func staffPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let dayBefore = period.start.shifted(by: -1)
        let end = period.end
        let columns = "dealer_code, COALESCE(role, ''), hired_on, left_on"
        for row in try database.rows(
            """
            SELECT \(columns) FROM employees WHERE left_on > ?
            UNION ALL
            SELECT \(columns) FROM employees WHERE left_on IS NULL
            """, [.text(dayBefore.description)])
        {
            let dealer = row.text(0)
            let hired = row[2].string.flatMap { LocalDate($0) }
            let left = row[3].string.flatMap { LocalDate($0) }
            func employed(atEndOf day: LocalDate) -> Bool {
                (hired.map { $0 <= day } ?? true) && (left.map { $0 > day } ?? true)
            }
            let before = employed(atEndOf: dayBefore)
            let atEnd = employed(atEndOf: end)
            let leaves = left.map { $0 >= period.start && $0 <= end } ?? false
            if atEnd {
                sink.total(dealer, .staffHeadcountEnd, 1)
                if let role = StaffRole(rawValue: row.text(1)) { sink.total(dealer, .staffHeadcountEndByRole[role], 1) }
            }
            // The denominator is the sum of both headcounts (twice the mean; the catalogue halves it).
            sink.ratio(dealer, .staffTurnoverRate, leaves ? 1 : 0, (before ? 1 : 0) + (atEnd ? 1 : 0))
        }
    }

    /// Complaints (kpis.md 13): opened in P per 100 ROs closed in P; those closed in P.
    func complaintPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        for row in try database.rows(
            """
            SELECT dealer_code, COUNT(*) FROM complaints
            WHERE COALESCE(status, '') <> 'void' AND opened_at >= ? AND opened_at < ? GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .crmComplaintsPer100ROs, row.int(1), 0)
        }
        for row in try database.rows(
            "SELECT r.dealer_code, COUNT(*) FROM repair_orders r WHERE \(Self.closedRO) GROUP BY r.dealer_code ORDER BY 1", bounds(period))
        {
            sink.ratio(row.text(0), .crmComplaintsPer100ROs, 0, row.int(1))
        }
        var hours: [String: [Int64]] = [:]
        for row in try database.rows(
            """
            SELECT dealer_code, opened_at, closed_at, satisfied FROM complaints
            WHERE status = 'closed' AND closed_at >= ? AND closed_at < ? ORDER BY dealer_code, complaint_no
            """, bounds(period))
        {
            let dealer = row.text(0)
            if let satisfied = row[3].int64 { sink.ratio(dealer, .crmComplaintSatisfactionRate, satisfied == 1 ? 1 : 0, 1) }
            guard let opened = row[1].string.flatMap(WallClockSeconds.seconds), let closed = WallClockSeconds.seconds(row.text(2)) else {
                continue
            }
            let seconds = closed - opened
            hours[dealer, default: []].append(seconds)
            sink.ratio(dealer, .crmComplaintsClosedWithin48hRate, seconds <= 48 * 3600 ? 1 : 0, 1)
        }
        for (dealer, items) in hours { sink.add(dealer, .crmComplaintResolutionHoursMedian, .items(items)) }
    }
}
