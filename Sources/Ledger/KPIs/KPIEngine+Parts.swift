/// One dealer's parts ledger summed over one day (values in 10⁻⁶ of the currency unit:
/// quantity ten-thousandths × price fen).
struct PartsDay: Sendable {
    var valueChange: Int64 = 0
    var costOfSales: Int64 = 0
    var counterSales: Int64 = 0
    var counterCost: Int64 = 0
    var counterRequested: Int64 = 0
    var counterFilled: Int64 = 0
    var lostSales: Int64 = 0

    /// Adds one movement's figures; false (and unchanged) when a sum would overflow.
    mutating func add(
        valueChange: Int64, costOfSales: Int64, counterSales: Int64, counterCost: Int64, counterRequested: Int64,
        counterFilled: Int64, lostSales: Int64
    ) -> Bool {
        var sum = self
        var overflow = false
        func add(_ total: inout Int64, _ value: Int64) {
            let (result, overflowed) = total.addingReportingOverflow(value)
            total = result
            overflow = overflow || overflowed
        }
        add(&sum.valueChange, valueChange)
        add(&sum.costOfSales, costOfSales)
        add(&sum.counterSales, counterSales)
        add(&sum.counterCost, counterCost)
        add(&sum.counterRequested, counterRequested)
        add(&sum.counterFilled, counterFilled)
        add(&sum.lostSales, lostSales)
        if overflow { return false }
        self = sum
        return true
    }
}

/// A part's position at the end of a period (per dealer and part).
public struct PartPosition: Sendable, Hashable {
    public var dealer: String
    public var partNo: String
    /// On-hand value, 10⁻⁶ of the currency unit.
    public var value: Int64
    /// On-hand quantity in ten-thousandths.
    public var quantity: Int64
    public var firstMovement: LocalDate?
    public var lastIssue: LocalDate?

    /// No issue_to_ro / counter_sale dated in [end − 364, end] and first movement before end − 364.
    public func isObsolete(at end: LocalDate) -> Bool {
        let cutoff = end.shifted(by: -364)
        guard let first = firstMovement, first < cutoff else { return false }
        return lastIssue.map { $0 < cutoff } ?? true
    }
}

extension KPIEngine {
    /// The signed stock effect of a movement (feeds.md), as an SQL factor.
    static let movementSign = DerivedTables.movementSign("movement_type")

    /// The parts ledger before `day`, per dealer and part: whole months from
    /// `part_month_totals`, the rest of `day`'s month from `part_movements` (both index
    /// reads, so the cost does not grow with the history). Columns: dealer_code, part_no,
    /// value, quantity, first movement, last issue — one row per month or movement; callers group.
    private func ledgerBefore(_ day: LocalDate) -> (sql: String, values: [DatabaseValue]) {
        let monthStart = day.shifted(by: 1 - day.day)
        let movement = DerivedTables.movementColumns()
        let sql = """
            SELECT dealer_code, part_no, value_change AS value, qty_change AS quantity, first_moved_at AS first_at,
              last_issue_at AS issue_at
            FROM part_month_totals WHERE month < ?
            UNION ALL
            SELECT dealer_code, COALESCE(part_no, ''), \(movement.value), \(movement.quantity), \(movement.movedAt), \(movement.issuedAt)
            FROM part_movements WHERE moved_at >= ? AND moved_at < ?
            """
        let month = String(monthStart.description.prefix(7))
        return (sql, [.text(month), .text(monthStart.description), .text(day.description)])
    }

    /// The parts ledger summed per dealer and day from `floor` on; everything before `floor`
    /// is one opening value change on the day before it. Read once per run (again only if a
    /// period starts earlier), so that a report does not sort the whole history by day.
    func partsDays(from floor: LocalDate) throws -> [String: [Int: PartsDay]] {
        if let (cachedFloor, days) = history.partsDays, cachedFloor <= floor { return days }
        let floorText = DatabaseValue.text(floor.description)
        var result: [String: [Int: PartsDay]] = [:]
        let before = ledgerBefore(floor)
        for row in try database.rows(
            "SELECT dealer_code, SUM(value) FROM (\(before.sql)) AS ledger GROUP BY dealer_code ORDER BY dealer_code", before.values)
        {
            result[row.text(0), default: [:]][floor.dayNumber - 1] = PartsDay(valueChange: row.int(1))
        }
        // Summed here as rows stream from the moved_at range of the covering index: a GROUP BY
        // would make SQLite sort ~1.5 million rows per year into a temporary B-tree (≈ 4× the
        // time of the scan itself).
        let cost = "COALESCE(qty * unit_cost, 0)"
        let price = "COALESCE(qty * unit_price, 0)"
        var lastDayText = ""
        var lastDay: Int?
        try database.forEachRow(
            """
            SELECT dealer_code, \(database.dialect.dateOf("moved_at")),
              (\(Self.movementSign)) * \(cost),
              CASE WHEN movement_type IN ('issue_to_ro', 'counter_sale') THEN \(cost)
                   WHEN movement_type IN ('return_from_ro', 'counter_return') THEN -\(cost) ELSE 0 END,
              CASE movement_type WHEN 'counter_sale' THEN \(price) WHEN 'counter_return' THEN -\(price) ELSE 0 END,
              CASE movement_type WHEN 'counter_sale' THEN \(cost) WHEN 'counter_return' THEN -\(cost) ELSE 0 END,
              CASE WHEN movement_type = 'counter_sale' AND filled_from_stock IS NOT NULL THEN 1 ELSE 0 END,
              CASE WHEN movement_type = 'counter_sale' AND filled_from_stock = 1 THEN 1 ELSE 0 END,
              CASE WHEN movement_type = 'lost_sale' THEN 1 ELSE 0 END
            FROM part_movements WHERE moved_at >= ?
            """, [floorText]
        ) { row in
            guard let dayText = row.string(1) else { return }
            if dayText != lastDayText {
                lastDayText = dayText
                lastDay = LocalDate(dayText)?.dayNumber
            }
            guard let day = lastDay else { return }
            let added = result[row.string(0) ?? "", default: [:]][day, default: PartsDay()].add(
                valueChange: row.int64(2), costOfSales: row.int64(3), counterSales: row.int64(4), counterCost: row.int64(5),
                counterRequested: row.int64(6), counterFilled: row.int64(7), lostSales: row.int64(8))
            // What SQLite's SUM does on overflow: fail the query rather than wrap.
            guard added else { throw DatabaseError(kind: .other, code: 1, message: "integer overflow in a day's parts movements") }
        }
        history.partsDays = (floor, result)
        return result
    }

    /// Every part's position at the end of `end` (per dealer and part).
    public func partPositions(atEndOf end: LocalDate) throws -> [PartPosition] {
        if let cached = history.positions[end] { return cached }
        let ledger = ledgerBefore(end.shifted(by: 1))
        let positions = try database.rows(
            """
            SELECT dealer_code, part_no, SUM(value), SUM(quantity), MIN(first_at), MAX(issue_at)
            FROM (\(ledger.sql)) AS ledger
            GROUP BY dealer_code, part_no ORDER BY dealer_code, part_no
            """, ledger.values
        ).map { row in
            PartPosition(
                dealer: row.text(0), partNo: row.text(1), value: row.int(2), quantity: row.int(3),
                firstMovement: row[4].string.flatMap { LocalDate($0) }, lastIssue: row[5].string.flatMap { LocalDate($0) })
        }
        history.positions[end] = positions
        return positions
    }

    func partsPartials(_ period: ReportingPeriod, wanted: Set<String>, into sink: inout PartialSink) throws {
        let startDay = period.start.dayNumber
        let endDay = period.end.dayNumber
        var partsSales: [String: Int64] = [:]
        for (dealer, days) in try partsDays(from: min(historyFloor ?? period.start, period.start)) {
            var valueEnd: Int64 = 0
            var dailySum: Int64 = 0
            var day = PartsDay()
            for (number, entry) in days where number <= endDay {
                valueEnd += entry.valueChange
                dailySum += entry.valueChange * Int64(endDay - max(number, startDay) + 1)
                guard number >= startDay else { continue }
                day.costOfSales += entry.costOfSales
                day.counterSales += entry.counterSales
                day.counterCost += entry.counterCost
                day.counterRequested += entry.counterRequested
                day.counterFilled += entry.counterFilled
                day.lostSales += entry.lostSales
            }
            sink.total(dealer, .partsInventoryValueEnd, valueEnd)
            sink.ratio(dealer, .partsTurnover, day.costOfSales, dailySum)
            sink.ratio(dealer, .partsDaysSupply, valueEnd, day.costOfSales)
            sink.ratio(dealer, .partsFirstTimeFillRate, day.counterFilled, day.counterRequested + day.lostSales)
            let gross = day.counterSales - day.counterCost
            sink.ratio(dealer, .partsGrossMargin, gross, day.counterSales)
            sink.ratio(dealer, .partsGrossMarginByChannel[.counter], gross, day.counterSales)
            partsSales[dealer, default: 0] += day.counterSales
        }

        for row in try database.rows(
            """
            SELECT p.dealer_code, COALESCE(p.pay_type, 'customer'),
              SUM(COALESCE(p.qty * p.unit_price, 0)), SUM(COALESCE(p.qty * p.unit_cost, 0))
            FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
            WHERE \(Self.closedRO)
            GROUP BY p.dealer_code, COALESCE(p.pay_type, 'customer') ORDER BY 1, 2
            """, bounds(period))
        {
            let dealer = row.text(0)
            let sale = row.int(2)
            let gross = sale - row.int(3)
            sink.ratio(dealer, .partsGrossMargin, gross, sale)
            if let channel = PartsChannel(rawValue: row.text(1)) { sink.ratio(dealer, .partsGrossMarginByChannel[channel], gross, sale) }
            partsSales[dealer, default: 0] += sale
        }

        for row in try database.rows(
            """
            SELECT p.dealer_code, SUM(CASE WHEN p.filled_from_stock IS NOT NULL THEN 1 ELSE 0 END),
              SUM(CASE WHEN p.filled_from_stock = 1 THEN 1 ELSE 0 END)
            FROM ro_parts p JOIN repair_orders r ON r.dealer_code = p.dealer_code AND r.ro_no = p.ro_no
            WHERE COALESCE(r.status, '') <> 'void' AND r.opened_at >= ? AND r.opened_at < ?
            GROUP BY p.dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .partsFirstTimeFillRate, row.int(2), row.int(1))
        }

        if wanted.contains(KPIDefinition.partsSalesShare.id) {
            var totals = partsSales
            for row in try database.rows(
                """
                SELECT dealer_code, SUM(COALESCE(sale_price, 0) + COALESCE(fi_income, 0)) FROM sales_orders
                WHERE status = 'delivered' AND delivered_on >= ? AND delivered_on < ? GROUP BY dealer_code ORDER BY 1
                """, bounds(period))
            {
                totals[row.text(0), default: 0] += row.int(1) * 10_000
            }
            for row in try database.rows(
                """
                SELECT l.dealer_code, SUM(COALESCE(l.labor_sale, 0))
                FROM ro_labor l JOIN repair_orders r ON r.dealer_code = l.dealer_code AND r.ro_no = l.ro_no
                WHERE \(Self.closedRO) GROUP BY l.dealer_code ORDER BY 1
                """, bounds(period))
            {
                totals[row.text(0), default: 0] += row.int(1) * 10_000
            }
            for (dealer, total) in totals {
                sink.ratio(dealer, .partsSalesShare, partsSales[dealer] ?? 0, total)
            }
        }

        if wanted.contains(KPIDefinition.partsObsoleteShare.id) {
            for position in try partPositions(atEndOf: period.end) {
                sink.ratio(position.dealer, .partsObsoleteShare, position.isObsolete(at: period.end) ? position.value : 0, position.value)
            }
        }
        if wanted.contains(KPIDefinition.partsBelowMinShare.id) {
            for part in try partsKeptToMinimum(atEndOf: period.end) {
                sink.ratio(part.dealer, .partsBelowMinShare, part.isBelowMinimum ? 1 : 0, 1)
            }
        }
    }

    /// The parts of the current part master with a min_stock > 0 and their on-hand quantity
    /// at the end of `day` (from the positions read for the period ends), sorted by dealer
    /// and part.
    func partsKeptToMinimum(atEndOf day: LocalDate) throws -> [PartKeptToMinimum] {
        var onHand: [String: Int64] = [:]
        for position in try partPositions(atEndOf: day) { onHand[position.dealer + "\u{1F}" + position.partNo] = position.quantity }
        return try database.rows(
            """
            SELECT dealer_code, part_no, COALESCE(description, ''), min_stock, max_stock FROM parts
            WHERE min_stock > 0 ORDER BY dealer_code, part_no
            """
        ).map { row in
            PartKeptToMinimum(
                dealer: row.text(0), partNo: row.text(1), description: row.text(2),
                quantity: onHand[row.text(0) + "\u{1F}" + row.text(1)] ?? 0, minimum: row.int(3), maximum: row[4].int64)
        }
    }
}

/// A part of the part master kept to a minimum (min_stock > 0) and its position (kpis.md 4, 8.1).
struct PartKeptToMinimum {
    var dealer: String
    var partNo: String
    var description: String
    /// On-hand quantity at the period end, ten-thousandths.
    var quantity: Int64
    var minimum: Int64
    var maximum: Int64?

    /// On hand < min_stock (equal is not below).
    var isBelowMinimum: Bool { quantity < minimum }

    /// max_stock when set and ≥ min_stock, else min_stock, less the quantity on hand.
    var suggestedOrder: Int64 {
        let target = maximum.map { $0 >= minimum ? $0 : minimum } ?? minimum
        return target - quantity
    }
}
