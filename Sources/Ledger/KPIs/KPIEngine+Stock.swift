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
    /// Every stay in stock, from `vehicle_events`: each stocked_in ends at the next of
    /// stocked_in / stocked_out / delivered / returned strictly after it (same-instant
    /// out-events sort first, so they are not "after"). Sorted by dealer, VIN and time.
    public func vehicleStays() throws -> [VehicleStay] {
        if let cachedStays { return cachedStays }
        // Read in primary-key order (no sort in SQL); each vehicle's few events are ordered here.
        let rows = try database.rows(
            """
            SELECT dealer_code, vin, event_type, event_time, cost FROM vehicle_events
            WHERE event_type IN ('stocked_in', 'stocked_out', 'delivered', 'returned')
            ORDER BY dealer_code, vin
            """)
        var stays: [VehicleStay] = []
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count && rows[end][0] == rows[start][0] && rows[end][1] == rows[start][1] { end += 1 }
            // By time; at the same instant an out-event comes first, so it is not "after" a stocked_in.
            let events = rows[start..<end].sorted { a, b in
                let (ta, tb) = (a.text(3), b.text(3))
                if ta != tb { return ta < tb }
                return (a.text(2) == "stocked_in" ? 1 : 0, a.text(2)) < (b.text(2) == "stocked_in" ? 1 : 0, b.text(2))
            }
            for (index, event) in events.enumerated() where event.text(2) == "stocked_in" {
                guard let stockedIn = LocalDate(event.text(3)) else { continue }
                let next = index + 1 < events.count ? events[index + 1] : nil
                let nextType = next?.text(2)
                stays.append(VehicleStay(
                    dealer: event.text(0), vin: event.text(1), stockedIn: stockedIn, cost: event.int(4),
                    ended: next.flatMap { LocalDate($0.text(3)) },
                    isLeaving: nextType == "stocked_out" || nextType == "delivered"))
            }
            start = end
        }
        cachedStays = stays
        return stays
    }

    func stockPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let end = period.end
        var dealers = Set<String>()
        for stay in try vehicleStays() {
            let dealer = stay.dealer
            let daily = Int64(stay.daysInStock(during: period)) * stay.cost
            let leaves = stay.isLeaving && (stay.ended.map { $0 >= period.start && $0 <= end } ?? false)
            if daily == 0 && !leaves && !stay.isInStock(atEndOf: end) { continue }
            dealers.insert(dealer)
            sink.ratio(dealer, "stock.vehicle_turnover", leaves ? stay.cost : 0, daily)
            sink.ratio(dealer, "stock.vehicle_days_supply", stay.isInStock(atEndOf: end) ? 1 : 0, leaves ? 1 : 0)
            guard stay.isInStock(atEndOf: end) else { continue }
            sink.total(dealer, "stock.vehicle_units_end", 1)
            sink.total(dealer, "stock.vehicle_value_end", stay.cost)
            let age = stay.stockedIn.days(to: end)
            let bucket = age <= 30 ? "0_30" : age <= 60 ? "31_60" : age <= 90 ? "61_90" : "over_90"
            sink.total(dealer, "stock.vehicle_aged_\(bucket)", 1)
            sink.ratio(dealer, "stock.vehicle_aged_over_90_share", age > 90 ? 1 : 0, 1)
        }
    }
}
