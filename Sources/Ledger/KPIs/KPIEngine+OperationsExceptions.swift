extension KPIEngine {
    /// The six lists of kpis.md 8.1 (logistics, parts, complaints, warranty) as of the end of
    /// `period`, for `dealers`; rows, columns and order as the specification fixes them.
    func operationsExceptionLists(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList] {
        let end = period.end
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        func days(_ seconds: Int64) -> String? { ExactDecimal.quotient(seconds, over: 86_400, places: 2) }
        func money(_ value: Int64?) -> String? { value.flatMap { ExactDecimal.quotient($0, over: 100, places: 2) } }
        func quantity(_ value: Int64?) -> String? { value.flatMap { ExactDecimal.quotient($0, over: 10_000, places: 4) } }
        func yesNo(_ value: Bool?) -> String? { value.map { $0 ? "yes" : "no" } }
        var lists: [ExceptionList] = []

        // vehicles_in_transit_overdue
        var overdue: [(eta: Int64, row: ExceptionList.Row)] = []
        let inTransit = try vehiclesInTransit(atEndOf: end).filter { dealers.contains($0.dealer) }
        let models = try modelNames(of: inTransit.map(\.vin))
        for vehicle in inTransit {
            guard let etaText = vehicle.eta, let eta = WallClockSeconds.seconds(etaText), eta < endOfPeriod else { continue }
            overdue.append((eta, .init(dealer: vehicle.dealer, cells: [
                vehicle.dealer, vehicle.vin, models[vehicle.vin], vehicle.dispatchedAt, vehicle.carrier, etaText, days(endOfPeriod - eta),
            ])))
        }
        lists.append(ExceptionList(
            id: "vehicles_in_transit_overdue", title: "Vehicles in transit past their ETA",
            rule: "In transit at the end of the period with the leg's ETA before it; earliest ETA first.",
            columns: [.init("dealer_code"), .init("vin"), .init("model_name"), .init("dispatched_at"), .init("carrier"), .init("eta"),
                      .init("days_overdue", number: true)],
            rows: Self.ascending(overdue)))

        // certificates_missing
        let uncertified = try vehiclesWithoutCertificate(atEndOf: end).filter { dealers.contains($0.dealer) }
        let uncertifiedModels = try modelNames(of: uncertified.map(\.vin))
        lists.append(ExceptionList(
            id: "certificates_missing", title: "Vehicles in stock without certificate (合格证)",
            rule: "In stock at the end of the period, no certificate_received up to then and no certificate_no in the vehicle master; oldest stock first.",
            columns: [.init("dealer_code"), .init("vin"), .init("model_name"), .init("stocked_in"), .init("age_days", number: true),
                      .init("stock_cost", number: true)],
            rows: uncertified.map { vehicle in
                let age = LocalDate(String(vehicle.stockedInAt.prefix(10))).map { String($0.days(to: end)) }
                return .init(dealer: vehicle.dealer, cells: [
                    vehicle.dealer, vehicle.vin, uncertifiedModels[vehicle.vin], vehicle.stockedInAt, age, money(vehicle.cost),
                ])
            }))

        // pdi_failed_open
        let failures = try openPDIFailures(atEndOf: end).filter { dealers.contains($0.dealer) }
        let failureModels = try modelNames(of: failures.map(\.vin))
        lists.append(ExceptionList(
            id: "pdi_failed_open", title: "Vehicles with a failed PDI still open",
            rule: "The vehicle's latest PDI or round-ending event (arrived, stocked_out, delivered, returned) up to the end of the period is pdi_failed; longest open first.",
            columns: [.init("dealer_code"), .init("vin"), .init("model_name"), .init("failed_at"), .init("damaged"),
                      .init("days_open", number: true)],
            rows: failures.map { failure in
                .init(dealer: failure.dealer, cells: [
                    failure.dealer, failure.vin, failureModels[failure.vin], failure.failedAt, yesNo(failure.damaged),
                    WallClockSeconds.seconds(failure.failedAt).flatMap { days(endOfPeriod - $0) },
                ])
            }))

        // parts_below_min: on hand ÷ min_stock ascending, compared exactly.
        let below = try partsKeptToMinimum(atEndOf: end).filter { dealers.contains($0.dealer) && $0.isBelowMinimum }
            .sorted { a, b in
                let left = Int128(a.quantity) * Int128(b.minimum)
                let right = Int128(b.quantity) * Int128(a.minimum)
                return left != right ? left < right : (a.dealer, a.partNo) < (b.dealer, b.partNo)
            }
        lists.append(ExceptionList(
            id: "parts_below_min", title: "Parts below minimum stock",
            rule: "Parts of the part master with min_stock > 0 whose quantity on hand at the end of the period is below it; suggested order up to max_stock (or min_stock); emptiest first.",
            columns: [.init("dealer_code"), .init("part_no"), .init("description"), .init("qty_on_hand", number: true),
                      .init("min_stock", number: true), .init("max_stock", number: true), .init("suggested_order_qty", number: true)],
            rows: below.map { part in
                .init(dealer: part.dealer, cells: [
                    part.dealer, part.partNo, part.description, quantity(part.quantity), quantity(part.minimum), quantity(part.maximum),
                    quantity(part.suggestedOrder),
                ])
            }))

        // complaints_open_over_7_days
        let endExclusive = database.dialect.parameter(1)
        let complaintColumns = """
            dealer_code, complaint_no, opened_at, COALESCE(severity, ''), category, channel, status, customer_id, vin, ro_no, order_no
            """
        var open: [(key: (Int, Int64), row: ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT \(complaintColumns) FROM complaints WHERE (status IS NULL OR status = 'open') AND opened_at < \(endExclusive)
            UNION ALL
            SELECT \(complaintColumns) FROM complaints WHERE closed_at >= \(endExclusive) AND status = 'closed' AND opened_at < \(endExclusive)
            """, [.text(end.shifted(by: 1).description)])
        where dealers.contains(row.text(0)) {
            guard let opened = WallClockSeconds.seconds(row.text(2)), endOfPeriod - opened > 7 * 86_400 else { continue }
            let severity = row.text(3)
            let rank = ["high": 0, "medium": 1, "low": 2][severity] ?? 3
            open.append(((rank, opened), .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row.text(2), days(endOfPeriod - opened), severity.isEmpty ? nil : severity,
                row[4].string, row[5].string, row[6].string, row[7].string, row[8].string, row[9].string, row[10].string,
            ])))
        }
        lists.append(ExceptionList(
            id: "complaints_open_over_7_days", title: "Complaints open over 7 days",
            rule: "Open at the end of the period (not void, not closed by then) and opened more than 7 × 24 h before it; high severity first, then oldest.",
            columns: [.init("dealer_code"), .init("complaint_no"), .init("opened_at"), .init("age_days", number: true), .init("severity"),
                      .init("category"), .init("channel"), .init("status"), .init("customer_id"), .init("vin"), .init("ro_no"),
                      .init("order_no")],
            rows: open.sorted { a, b in
                a.key != b.key ? a.key < b.key : Self.document(a.row).lexicographicallyPrecedes(Self.document(b.row))
            }.map(\.row)))

        // warranty_rejections: decisions of the period, largest claim first, empty last.
        var rejections: [(amount: Int64?, row: ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT dealer_code, claim_no, ro_no, vin, submitted_on, decided_on, submission_count, claimed_amount, reject_reason
            FROM warranty_claims WHERE decided_on >= ? AND decided_on < ? AND status = 'rejected'
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            rejections.append((row[7].int64, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row[2].string, row[3].string, row[4].string, row[5].string, row[6].int64.map(String.init),
                money(row[7].int64), row[8].string,
            ])))
        }
        lists.append(ExceptionList(
            id: "warranty_rejections", title: "Warranty claims rejected in the period",
            rule: "Claims with status rejected and decided_on in the period; largest claimed amount first.",
            columns: [.init("dealer_code"), .init("claim_no"), .init("ro_no"), .init("vin"), .init("submitted_on"), .init("decided_on"),
                      .init("submission_count", number: true), .init("claimed_amount", number: true), .init("reject_reason")],
            rows: rejections.sorted { a, b in
                switch (a.amount, b.amount) {
                case (let x?, let y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return Self.document(a.row).lexicographicallyPrecedes(Self.document(b.row))
                }
            }.map(\.row)))
        return lists
    }

    /// The dealer and the document of a row (its first two cells), the tie order of 8.1.
    static func document(_ row: ExceptionList.Row) -> [String] {
        [row.cells.first.flatMap { $0 } ?? "", row.cells.dropFirst().first.flatMap { $0 } ?? ""]
    }

    /// Rows by `key` ascending, then by dealer and document.
    static func ascending<Key: Comparable>(_ entries: [(Key, ExceptionList.Row)]) -> [ExceptionList.Row] {
        entries.sorted { a, b in a.0 != b.0 ? a.0 < b.0 : document(a.1).lexicographicallyPrecedes(document(b.1)) }.map(\.1)
    }

    /// `vehicles.model_name` of each VIN that has one (primary-key reads).
    func modelNames(of vins: [String]) throws -> [String: String] {
        var names: [String: String] = [:]
        for vin in Set(vins).sorted() {
            if let name = try database.scalar("SELECT model_name FROM vehicles WHERE vin = ?", [.text(vin)]).string { names[vin] = name }
        }
        return names
    }
}
