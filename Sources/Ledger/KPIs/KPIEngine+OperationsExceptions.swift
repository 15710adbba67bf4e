extension KPIEngine {
    /// `vehicles_in_transit_overdue`.
    func vehiclesInTransitOverdue(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        var overdue: [(eta: Int64, row: ExceptionList.Row)] = []
        let inTransit = try vehiclesInTransit(atEndOf: end).filter { dealers.contains($0.dealer) }
        let models = try modelNames(of: inTransit.map(\.vin))
        for vehicle in inTransit {
            guard let etaText = vehicle.eta, let eta = WallClockSeconds.seconds(etaText), eta < endOfPeriod else { continue }
            overdue.append((eta, .init(dealer: vehicle.dealer, cells: [
                vehicle.dealer, vehicle.vin, models[vehicle.vin], vehicle.dispatchedAt, vehicle.carrier, etaText, ExceptionCell.days(endOfPeriod - eta),
            ])))
        }
        return Self.ascending(overdue)
    }

    /// `certificates_missing`.
    func certificatesMissing(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let uncertified = try vehiclesWithoutCertificate(atEndOf: end).filter { dealers.contains($0.dealer) }
        let uncertifiedModels = try modelNames(of: uncertified.map(\.vin))
        return uncertified.map { vehicle in
                let age = LocalDate(String(vehicle.stockedInAt.prefix(10))).map { String($0.days(to: end)) }
                return .init(dealer: vehicle.dealer, cells: [
                    vehicle.dealer, vehicle.vin, uncertifiedModels[vehicle.vin], vehicle.stockedInAt, age, ExceptionCell.money(vehicle.cost),
                ])
            }
    }

    /// `pdi_failed_open`.
    func pdiFailedOpen(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
        let failures = try openPDIFailures(atEndOf: end).filter { dealers.contains($0.dealer) }
        let failureModels = try modelNames(of: failures.map(\.vin))
        return failures.map { failure in
                .init(dealer: failure.dealer, cells: [
                    failure.dealer, failure.vin, failureModels[failure.vin], failure.failedAt, ExceptionCell.yesNo(failure.damaged),
                    WallClockSeconds.seconds(failure.failedAt).flatMap { ExceptionCell.days(endOfPeriod - $0) },
                ])
            }
    }

    /// `parts_below_min` on hand ÷ min_stock ascending, compared exactly.
    func partsBelowMin(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let below = try partsKeptToMinimum(atEndOf: end).filter { dealers.contains($0.dealer) && $0.isBelowMinimum }
            .sorted { a, b in
                let left = Int128(a.quantity) * Int128(b.minimum)
                let right = Int128(b.quantity) * Int128(a.minimum)
                return left != right ? left < right : (a.dealer, a.partNo) < (b.dealer, b.partNo)
            }
        return below.map { part in
                .init(dealer: part.dealer, cells: [
                    part.dealer, part.partNo, part.description, ExceptionCell.quantity(part.quantity), ExceptionCell.quantity(part.minimum), ExceptionCell.quantity(part.maximum),
                    ExceptionCell.quantity(part.suggestedOrder),
                ])
            }
    }

    /// `complaints_open_over_7_days`.
    func complaintsOpenOver7Days(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        let end = period.end
        let endOfPeriod = WallClockSeconds.seconds(of: end.shifted(by: 1)) - 1
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
                row.text(0), row.text(1), row.text(2), ExceptionCell.days(endOfPeriod - opened), severity.isEmpty ? nil : severity,
                row[4].string, row[5].string, row[6].string, row[7].string, row[8].string, row[9].string, row[10].string,
            ])))
        }
        return open.sorted { a, b in
                a.key != b.key ? a.key < b.key : Self.document(a.row).lexicographicallyPrecedes(Self.document(b.row))
            }.map(\.row)
    }

    /// `warranty_rejections` decisions of the period, largest claim first, empty last.
    func warrantyRejections(_ period: ReportingPeriod, dealers: Set<String>) throws -> [ExceptionList.Row] {
        var rejections: [(amount: Int64?, row: ExceptionList.Row)] = []
        for row in try database.rows(
            """
            SELECT dealer_code, claim_no, ro_no, vin, submitted_on, decided_on, submission_count, claimed_amount, reject_reason
            FROM warranty_claims WHERE decided_on >= ? AND decided_on < ? AND status = 'rejected'
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            rejections.append((row[7].int64, .init(dealer: row.text(0), cells: [
                row.text(0), row.text(1), row[2].string, row[3].string, row[4].string, row[5].string, row[6].int64.map(String.init),
                ExceptionCell.money(row[7].int64), row[8].string,
            ])))
        }
        return rejections.sorted { a, b in
                switch (a.amount, b.amount) {
                case (let x?, let y?) where x != y: return x > y
                case (.some, nil): return true
                case (nil, .some): return false
                default: return Self.document(a.row).lexicographicallyPrecedes(Self.document(b.row))
                }
            }.map(\.row)
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
