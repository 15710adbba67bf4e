extension KPIEngine {
    /// The exception lists of kpis.md section 8 as of the end of `period`, for `dealers`, in
    /// the order of `ExceptionList.Definition.standard`, each filled by its query.
    public func exceptionLists(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList] {
        try ExceptionList.Definition.standard.map { ExceptionList($0, rows: try rows(of: $0.query, period, dealers: dealers)) }
    }

    /// The rows of one list.
    func rows(of query: ExceptionList.Query, _ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        switch query {
        case .agedVehicleStock: return try agedVehicleStock(period, dealers: dealers)
        case .openROsOver3Days: return try openROsOver3Days(period, dealers: dealers)
        case .rosPastPromise: return try rosPastPromise(period, dealers: dealers)
        case .comebackLog: return try comebackLog(period, dealers: dealers)
        case .obsoleteParts: return try obsoleteParts(period, dealers: dealers)
        case .warrantyClaimsPendingOver30Days: return try warrantyClaimsPendingOver30Days(period, dealers: dealers)
        case .ordersPastPromisedDelivery: return try ordersPastPromisedDelivery(period, dealers: dealers)
        case .fleetDueForScrapping: return try fleetDueForScrapping(period, dealers: dealers)
        case .fleetOverdueReturns: return try fleetOverdueReturns(period, dealers: dealers)
        case .vehiclesInTransitOverdue: return try vehiclesInTransitOverdue(period, dealers: dealers)
        case .certificatesMissing: return try certificatesMissing(period, dealers: dealers)
        case .pdiFailedOpen: return try pdiFailedOpen(period, dealers: dealers)
        case .partsBelowMin: return try partsBelowMin(period, dealers: dealers)
        case .complaintsOpenOver7Days: return try complaintsOpenOver7Days(period, dealers: dealers)
        case .warrantyRejections: return try warrantyRejections(period, dealers: dealers)
        }
    }

    /// `aged_vehicle_stock`.
    func agedVehicleStock(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let aged = try vehicleStays(for: period).filter { dealers.contains($0.dealer) && $0.isInStock(atEndOf: end) && $0.stockedIn.days(to: end) > 60 }
            .sorted { ($0.stockedIn, $0.dealer, $0.vin) < ($1.stockedIn, $1.dealer, $1.vin) }
        return aged.map { .init(dealer: $0.dealer, cells: [$0.dealer, $0.vin, $0.stockedIn.description, String($0.stockedIn.days(to: end)), ExceptionCell.money($0.cost)]) }
    }

    /// `open_ros_over_3_days`.
    func openROsOver3Days(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        var open: [(Int64, ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT dealer_code, ro_no, opened_at, COALESCE(status, ''), COALESCE(advisor_id, ''), waiting_parts FROM repair_orders
            WHERE COALESCE(status, '') <> 'void' AND \(database.dialect.unindexed("opened_at")) < \(end1) AND invoiced_at >= \(end1)
            UNION ALL
            SELECT dealer_code, ro_no, opened_at, COALESCE(status, ''), COALESCE(advisor_id, ''), waiting_parts FROM repair_orders
            WHERE COALESCE(status, '') <> 'void' AND opened_at < \(end1) AND invoiced_at IS NULL
            """, [.text(endExclusive)])
        where dealers.contains(row.text(0)) {
            guard let opened = WallClockSeconds.seconds(row.text(2)) else { continue }
            let age = endOfPeriod - opened
            guard age > 3 * 86_400 else { continue }
            open.append((age, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row.text(2), ExceptionCell.ageDays(age), row.text(3), row.text(4),
                row[5].isNull ? nil : (row.int(5) == 1 ? "yes" : "no"),
            ])))
        }
        return Self.largestFirst(open)
    }

    /// `ros_past_promise`.
    func rosPastPromise(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        var late: [(Int64, ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT dealer_code, ro_no, opened_at, promised_at, COALESCE(advisor_id, '') FROM repair_orders
            WHERE COALESCE(status, '') <> 'void' AND \(database.dialect.unindexed("opened_at")) < \(end1) AND promised_at < \(end1)
              AND completed_at >= \(end1)
            UNION ALL
            SELECT dealer_code, ro_no, opened_at, promised_at, COALESCE(advisor_id, '') FROM repair_orders
            WHERE COALESCE(status, '') <> 'void' AND opened_at < \(end1) AND promised_at < \(end1) AND completed_at IS NULL
            """, [.text(endExclusive)])
        where dealers.contains(row.text(0)) {
            guard let promised = WallClockSeconds.seconds(row.text(3)), endOfPeriod > promised else { continue }
            late.append((endOfPeriod - promised, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row.text(2), row.text(3), ExceptionCell.hours(endOfPeriod - promised), row.text(4),
            ])))
        }
        return Self.largestFirst(late)
    }

    /// `comeback_log`.
    func comebackLog(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        var log: [(Int, ExceptionList.Row)] = []
        for comeback in try comebackCandidates(period).comebacks where dealers.contains(comeback.dealer) {
            var codes: [String] = []
            var technicians: [String] = []
            if let dealer = comeback.originalDealer, let ro = comeback.originalRoNo {
                codes = try sharedOpCodes((dealer, ro), (comeback.dealer, comeback.roNo))
                technicians = try self.technicians(ofRO: dealer, ro)
            }
            log.append((comeback.daysBetween ?? Int.max, .init(dealer: comeback.dealer, cells: [
                comeback.dealer, comeback.roNo, comeback.vin, comeback.openedAt, comeback.reason, comeback.originalDealer,
                comeback.originalRoNo, comeback.originalCompletedAt, comeback.daysBetween.map(String.init),
                codes.joined(separator: " "), technicians.joined(separator: " "),
            ])))
        }
        return log.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `obsolete_parts`.
    func obsoleteParts(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        var descriptions: [String: String] = [:]
        for row in try database.rows("SELECT dealer_code, part_no, COALESCE(description, '') FROM parts ORDER BY 1, 2") {
            descriptions[row.text(0) + "\u{1F}" + row.text(1)] = row.text(2)
        }
        let obsolete = try partPositions(atEndOf: end).filter { dealers.contains($0.dealer) && $0.isObsolete(at: end) && $0.value > 0 }
            .sorted { $0.value > $1.value }
        return obsolete.map { .init(dealer: $0.dealer, cells: [
                $0.dealer, $0.partNo, descriptions[$0.dealer + "\u{1F}" + $0.partNo], ExactDecimal.quotient($0.quantity, over: 10_000, places: 4),
                ExactDecimal.quotient($0.value, over: 1_000_000, places: 2), $0.lastIssue?.description, $0.firstMovement?.description,
            ]) }
    }

    /// `warranty_claims_pending_over_30_days`.
    func warrantyClaimsPendingOver30Days(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        var pending: [(Int, ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT dealer_code, claim_no, COALESCE(ro_no, ''), submitted_on, claimed_amount FROM warranty_claims
            WHERE submitted_on < \(end1) AND decided_on >= \(end1)
            UNION ALL
            SELECT dealer_code, claim_no, COALESCE(ro_no, ''), submitted_on, claimed_amount FROM warranty_claims
            WHERE submitted_on < \(end1) AND decided_on IS NULL AND COALESCE(status, 'submitted') = 'submitted'
            """, [.text(endExclusive)])
        where dealers.contains(row.text(0)) {
            guard let submitted = LocalDate(row.text(3)) else { continue }
            let age = submitted.days(to: end)
            guard age > 30 else { continue }
            pending.append((age, .init(dealer: row.text(0), cells: [row.text(0), row.text(1), row.text(2), row.text(3), String(age), ExceptionCell.money(row[4].int64)])))
        }
        return Self.largestFirst(pending)
    }

    /// `orders_past_promised_delivery` open, or delivered (or of no status) but not by the
    func ordersPastPromisedDelivery(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        // end of the period; three index ranges instead of a scan of every order ever taken.
        var overdueOrders: [(Int, ExceptionList.Row)] = []
        let orderColumns = "dealer_code, order_no, COALESCE(order_date, ''), promised_delivery_date, COALESCE(salesperson_id, ''), sale_price"
        let promisedBefore = "promised_delivery_date < \(database.dialect.parameter(2)) AND (order_date IS NULL OR order_date < \(end1))"
        for row in try database.rows(
            """
            SELECT \(orderColumns) FROM sales_orders WHERE status = 'open' AND \(promisedBefore)
            UNION ALL
            SELECT \(orderColumns) FROM sales_orders
            WHERE delivered_on >= \(end1) AND (status = 'delivered' OR status IS NULL) AND \(promisedBefore)
            UNION ALL
            SELECT \(orderColumns) FROM sales_orders
            WHERE delivered_on IS NULL AND (status = 'delivered' OR status IS NULL) AND \(promisedBefore)
            """, [.text(endExclusive), .text(end.description)])
        where dealers.contains(row.text(0)) {
            guard let promised = LocalDate(row.text(3)) else { continue }
            let daysLate = promised.days(to: end)
            overdueOrders.append((daysLate, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row.text(2), row.text(3), String(daysLate), row.text(4), ExceptionCell.money(row[5].int64),
            ])))
        }
        return Self.largestFirst(overdueOrders)
    }

    /// `fleet_due_for_scrapping`.
    func fleetDueForScrapping(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let due = try fleetVehicles().filter { dealers.contains($0.dealer) && $0.isDueForScrapping(in: period) }
            .sorted { ($0.endOfLife ?? end, $0.dealer, $0.vin) < ($1.endOfLife ?? end, $1.dealer, $1.vin) }
        return due.map { vehicle in
                .init(dealer: vehicle.dealer, cells: [
                    vehicle.dealer, vehicle.vin, vehicle.usage, vehicle.inServiceOn?.description, vehicle.serviceLifeYears.map(String.init),
                    vehicle.endOfLife?.description, vehicle.endOfLife.map { String(end.days(to: $0)) },
                ])
            }
    }

    /// `fleet_overdue_returns`.
    func fleetOverdueReturns(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        var outstanding: [(Int64, ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT b.dealer_code, b.booking_no, COALESCE(b.vin, ''), COALESCE(b.purpose, ''), b.booked_to, c.phone
            FROM fleet_bookings b LEFT JOIN customers c ON c.dealer_code = b.dealer_code AND c.customer_id = b.customer_id
            WHERE COALESCE(b.status, '') <> 'cancelled' AND b.checked_out_at < \(end1) AND b.returned_at >= \(end1)
              AND b.booked_to < \(end1)
            UNION ALL
            SELECT b.dealer_code, b.booking_no, COALESCE(b.vin, ''), COALESCE(b.purpose, ''), b.booked_to, c.phone
            FROM fleet_bookings b LEFT JOIN customers c ON c.dealer_code = b.dealer_code AND c.customer_id = b.customer_id
            WHERE COALESCE(b.status, '') <> 'cancelled' AND b.checked_out_at < \(end1) AND b.returned_at IS NULL
              AND b.booked_to < \(end1)
            """, [.text(endExclusive)])
        where dealers.contains(row.text(0)) {
            guard let bookedTo = WallClockSeconds.seconds(row.text(4)), endOfPeriod > bookedTo else { continue }
            outstanding.append((endOfPeriod - bookedTo, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), ExceptionCell.hours(endOfPeriod - bookedTo),
                row[5].string.map(PersonalData.maskedPhone),
            ])))
        }
        return Self.largestFirst(outstanding)
    }

    /// Rows by `key`, largest first, then by dealer and document number (the first two
    /// cells): the order the lists promise, whatever order the index ranges returned.
    static func largestFirst<Key: Comparable>(_ entries: [(Key, ExceptionList.Row)]) -> [ExceptionList.Row] {
        entries.sorted { a, b in
            if a.0 != b.0 { return a.0 > b.0 }
            return (a.1.cells.first.flatMap { $0 } ?? "", a.1.cells.dropFirst().first.flatMap { $0 } ?? "")
                < (b.1.cells.first.flatMap { $0 } ?? "", b.1.cells.dropFirst().first.flatMap { $0 } ?? "")
        }.map(\.1)
    }
}

/// How the exception lists print their cells.
enum ExceptionCell {
    static func money(_ value: Int64?) -> String? { value.flatMap { ExactDecimal.quotient($0, over: 100, places: 2) } }
    /// Seconds as days with one decimal (open ROs).
    static func ageDays(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 86_400, places: 1) }
    static func hours(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 3600, places: 1) }
    /// Seconds as days with two decimals (logistics, complaints).
    static func days(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 86_400, places: 2) }
    static func quantity(_ value: Int64?) -> String? { value.flatMap { ExactDecimal.quotient($0, over: 10_000, places: 4) } }
    static func yesNo(_ value: Bool?) -> String? { value.map { $0 ? "yes" : "no" } }
}
