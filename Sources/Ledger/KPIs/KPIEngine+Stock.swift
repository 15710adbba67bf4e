/// One stay of a vehicle in a dealer's stock (kpis.md section 3).
public struct VehicleStay: Sendable, Hashable {
    public var dealer: String
    public var vin: String
    /// Date of the stocked_in.
    public var stockedIn: LocalDate
    /// Stock cost (minor units) of the stocked_in row.
    public var cost: Int64
    /// Date of the event that ended the stay, nil while in stock.
    public var ended: LocalDate?
    /// Whether the stay ended with stocked_out or delivered (a leaving; returned and a
    /// superseding stocked_in are not).
    public var isLeaving: Bool

    /// In stock at the end of `day`.
    public func isInStock(atEndOf day: LocalDate) -> Bool {
        stockedIn <= day && (ended.map { $0 > day } ?? true)
    }

    /// Days of `period` at whose end the vehicle was in stock.
    public func daysInStock(during period: ReportingPeriod) -> Int {
        let first = max(stockedIn, period.start)
        let lastExclusive = min(ended ?? period.end.shifted(by: 1), period.end.shifted(by: 1))
        return max(0, first.days(to: lastExclusive))
    }
}

extension KPIEngine {
    /// The stays in stock (from `vehicle_stays`, kept from `vehicle_events`) that overlap
    /// `floor`…`ceiling`: stocked in by `ceiling`, and ended on or after `floor` or not ended.
    /// Each stocked_in ends at the next of stocked_in / stocked_out / delivered / returned
    /// strictly after it (same-instant out-events sort first, so they are not "after").
    /// Sorted by dealer, VIN and time. Only the index range of the run's periods is read.
    public func vehicleStays(from floor: LocalDate, through ceiling: LocalDate) throws -> [VehicleStay] {
        if let (range, stays) = history.stays, range.lowerBound <= floor, range.upperBound >= ceiling { return stays }
        let columns = "dealer_code, vin, stocked_in_at, cost, ended_at, ending_event"
        let rows = try database.rows(
            """
            SELECT \(columns) FROM vehicle_stays WHERE ended_at >= ? AND stocked_in_at < ?
            UNION ALL
            SELECT \(columns) FROM vehicle_stays WHERE ended_at IS NULL AND stocked_in_at < ?
            """, [.text(floor.description), .text(ceiling.shifted(by: 1).description), .text(ceiling.shifted(by: 1).description)])
        // Sorted here: an ORDER BY would make SQLite walk the primary key instead of the ranges.
        let stays = rows.compactMap { row -> VehicleStay? in
            guard let stockedIn = LocalDate(row.text(2)) else { return nil }
            let ending = row[5].string
            return VehicleStay(
                dealer: row.text(0), vin: row.text(1), stockedIn: stockedIn, cost: row.int(3),
                ended: row[4].string.flatMap { LocalDate($0) }, isLeaving: ending == "stocked_out" || ending == "delivered")
        }.sorted { ($0.dealer, $0.vin, $0.stockedIn) < ($1.dealer, $1.vin, $1.stockedIn) }
        history.stays = (floor...ceiling, stays)
        return stays
    }

    /// The stays that matter for `period` and the other periods of the run.
    func vehicleStays(for period: ReportingPeriod) throws -> [VehicleStay] {
        try vehicleStays(
            from: min(historyFloor ?? period.start, period.start), through: max(historyCeiling ?? period.end, period.end))
    }

    func stockPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let end = period.end
        var dealers = Set<String>()
        for stay in try vehicleStays(for: period) {
            let dealer = stay.dealer
            let daily = Int64(stay.daysInStock(during: period)) * stay.cost
            let leaves = stay.isLeaving && (stay.ended.map { $0 >= period.start && $0 <= end } ?? false)
            if daily == 0 && !leaves && !stay.isInStock(atEndOf: end) { continue }
            dealers.insert(dealer)
            sink.ratio(dealer, .stockVehicleTurnover, leaves ? stay.cost : 0, daily)
            sink.ratio(dealer, .stockVehicleDaysSupply, stay.isInStock(atEndOf: end) ? 1 : 0, leaves ? 1 : 0)
            guard stay.isInStock(atEndOf: end) else { continue }
            sink.total(dealer, .stockVehicleUnitsEnd, 1)
            sink.total(dealer, .stockVehicleValueEnd, stay.cost)
            let age = stay.stockedIn.days(to: end)
            let bucket: KPIDefinition = age <= 30 ? .stockVehicleAged0To30 : age <= 60 ? .stockVehicleAged31To60 : age <= 90 ? .stockVehicleAged61To90 : .stockVehicleAgedOver90
            sink.total(dealer, bucket, 1)
            sink.ratio(dealer, .stockVehicleAgedOver90Share, age > 90 ? 1 : 0, 1)
        }
    }
}
