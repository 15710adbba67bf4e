extension KPIEngine {
    /// The exception lists of kpis.md section 8 as of the end of `period`, for `dealers`.
    public func exceptionLists(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList] {
        let end = period.end
        let endExclusive = end.shifted(by: 1).description
        let end1 = database.dialect.parameter(1)  // endExclusive, bound once, used several times
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        func money(_ value: Int64?) -> String? { value.flatMap { ExactDecimal.quotient($0, over: 100, places: 2) } }
        func ageDays(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 86_400, places: 1) }
        func hours(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 3600, places: 1) }
        var lists: [ExceptionList] = []

        // aged_vehicle_stock
        let aged = try vehicleStays(for: period).filter { dealers.contains($0.dealer) && $0.isInStock(atEndOf: end) && $0.stockedIn.days(to: end) > 60 }
            .sorted { ($0.stockedIn, $0.dealer, $0.vin) < ($1.stockedIn, $1.dealer, $1.vin) }
        lists.append(ExceptionList(
            id: "aged_vehicle_stock", title: "Vehicles in stock over 60 days",
            rule: "In stock at the end of the period, age (end − stocked_in date) over 60 days; oldest first.",
            columns: [.init("dealer_code"), .init("vin"), .init("stocked_in"), .init("age_days", number: true), .init("stock_cost", number: true)],
            rows: aged.map { .init(dealer: $0.dealer, cells: [$0.dealer, $0.vin, $0.stockedIn.description, String($0.stockedIn.days(to: end)), money($0.cost)]) }))

        // open_ros_over_3_days
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
                row.text(0), row.text(1), row.text(2), ageDays(age), row.text(3), row.text(4),
                row[5].isNull ? nil : (row.int(5) == 1 ? "yes" : "no"),
            ])))
        }
        lists.append(ExceptionList(
            id: "open_ros_over_3_days", title: "Repair orders open over 3 days",
            rule: "Not void, opened before the end of the period and not invoiced by then, open for more than 72 hours; oldest first.",
            columns: [.init("dealer_code"), .init("ro_no"), .init("opened_at"), .init("age_days", number: true), .init("status"),
                      .init("advisor_id"), .init("waiting_parts")],
            rows: Self.largestFirst(open)))

        // ros_past_promise
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
                row.text(0), row.text(1), row.text(2), row.text(3), hours(endOfPeriod - promised), row.text(4),
            ])))
        }
        lists.append(ExceptionList(
            id: "ros_past_promise", title: "Repair orders past their promised time",
            rule: "Not void, not completed by the end of the period, promised_at before it; longest overdue first.",
            columns: [.init("dealer_code"), .init("ro_no"), .init("opened_at"), .init("promised_at"),
                      .init("hours_past_promise", number: true), .init("advisor_id")],
            rows: Self.largestFirst(late)))

        // comeback_log
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
        lists.append(ExceptionList(
            id: "comeback_log", title: "Comebacks",
            rule: "ROs closed in the period that are comebacks (flag, comeback_of_ro or a matching earlier RO), with the original RO A; quickest comeback first.",
            columns: [.init("dealer_code"), .init("ro_no"), .init("vin"), .init("opened_at"), .init("reason"), .init("original_dealer_code"),
                      .init("original_ro_no"), .init("original_completed_at"), .init("days_between", number: true),
                      .init("shared_op_codes"), .init("original_technicians")],
            rows: log.sorted { $0.0 < $1.0 }.map(\.1)))

        // obsolete_parts
        var descriptions: [String: String] = [:]
        for row in try database.rows("SELECT dealer_code, part_no, COALESCE(description, '') FROM parts ORDER BY 1, 2") {
            descriptions[row.text(0) + "\u{1F}" + row.text(1)] = row.text(2)
        }
        let obsolete = try partPositions(atEndOf: end).filter { dealers.contains($0.dealer) && $0.isObsolete(at: end) && $0.value > 0 }
            .sorted { $0.value > $1.value }
        lists.append(ExceptionList(
            id: "obsolete_parts", title: "Obsolete parts",
            rule: "On hand at the end of the period, no issue or counter sale in the last 365 days, first movement before that; largest value first.",
            columns: [.init("dealer_code"), .init("part_no"), .init("description"), .init("qty_on_hand", number: true),
                      .init("value", number: true), .init("last_issue"), .init("first_movement")],
            rows: obsolete.map { .init(dealer: $0.dealer, cells: [
                $0.dealer, $0.partNo, descriptions[$0.dealer + "\u{1F}" + $0.partNo], ExactDecimal.quotient($0.quantity, over: 10_000, places: 4),
                ExactDecimal.quotient($0.value, over: 1_000_000, places: 2), $0.lastIssue?.description, $0.firstMovement?.description,
            ]) }))

        // warranty_claims_pending_over_30_days
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
            pending.append((age, .init(dealer: row.text(0), cells: [row.text(0), row.text(1), row.text(2), row.text(3), String(age), money(row[4].int64)])))
        }
        lists.append(ExceptionList(
            id: "warranty_claims_pending_over_30_days", title: "Warranty claims pending over 30 days",
            rule: "Submitted and not decided by the end of the period, submitted more than 30 days before it; oldest first.",
            columns: [.init("dealer_code"), .init("claim_no"), .init("ro_no"), .init("submitted_on"), .init("age_days", number: true),
                      .init("claimed_amount", number: true)],
            rows: Self.largestFirst(pending)))

        // orders_past_promised_delivery: open, or delivered (or of no status) but not by the
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
                row.text(0), row.text(1), row.text(2), row.text(3), String(daysLate), row.text(4), money(row[5].int64),
            ])))
        }
        lists.append(ExceptionList(
            id: "orders_past_promised_delivery", title: "Orders past their promised delivery date",
            rule: "Not cancelled or rejected, not delivered by the end of the period, promised_delivery_date before it; most late first.",
            columns: [.init("dealer_code"), .init("order_no"), .init("order_date"), .init("promised_delivery_date"),
                      .init("days_late", number: true), .init("salesperson_id"), .init("sale_price", number: true)],
            rows: Self.largestFirst(overdueOrders)))

        // fleet_due_for_scrapping
        let due = try fleetVehicles().filter { dealers.contains($0.dealer) && $0.isDueForScrapping(in: period) }
            .sorted { ($0.endOfLife ?? end, $0.dealer, $0.vin) < ($1.endOfLife ?? end, $1.dealer, $1.vin) }
        lists.append(ExceptionList(
            id: "fleet_due_for_scrapping", title: "Fleet vehicles due for scrapping",
            rule: "Demo, loaner or fleet vehicles whose service life ends by the end of the period + 90 days, not disposed; earliest end of life first.",
            columns: [.init("dealer_code"), .init("vin"), .init("usage"), .init("in_service_on"), .init("service_life_years", number: true),
                      .init("end_of_life"), .init("days_to_end_of_life", number: true)],
            rows: due.map { vehicle in
                .init(dealer: vehicle.dealer, cells: [
                    vehicle.dealer, vehicle.vin, vehicle.usage, vehicle.inServiceOn?.description, vehicle.serviceLifeYears.map(String.init),
                    vehicle.endOfLife?.description, vehicle.endOfLife.map { String(end.days(to: $0)) },
                ])
            }))

        // fleet_overdue_returns
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
                row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), hours(endOfPeriod - bookedTo),
                row[5].string.map(PersonalData.maskedPhone),
            ])))
        }
        lists.append(ExceptionList(
            id: "fleet_overdue_returns", title: "Fleet vehicles not returned on time",
            rule: "Checked out, not returned by the end of the period, booked_to before it; longest overdue first. Phones masked.",
            columns: [.init("dealer_code"), .init("booking_no"), .init("vin"), .init("purpose"), .init("booked_to"),
                      .init("hours_overdue", number: true), .init("customer_phone")],
            rows: Self.largestFirst(outstanding)))
        return lists + (try operationsExceptionLists(period, dealers: dealers))
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
