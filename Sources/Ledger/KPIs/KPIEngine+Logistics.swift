/// One `arrived` event with what its shipment leg says (kpis.md 11).
struct Arrival {
    var dealer: String
    var vin: String
    var arrivedAt: String
    var damaged: Bool
    /// event_time of the leg's latest `dispatched`, if any.
    var dispatchedAt: String?
    /// The leg's ETA: the eta of its latest `dispatched` / `in_transit` event having one.
    var eta: String?
}

/// A vehicle in transit at a period end, with its leg (kpis.md 11, 8.1).
struct VehicleInTransit {
    var dealer: String
    var vin: String
    var dispatchedAt: String?
    var eta: String?
    var carrier: String?
}

extension KPIEngine {
    /// The event-order condition "the event `e` lies in the leg that ends at (or is open at)
    /// `upTo`, after the previous arrival `after`" for `dispatched` / `in_transit` events: at
    /// one instant those sort before `arrived`, so the bounds are `after < time ≤ upTo`.
    private static func legCondition(_ e: String, after: String, upTo: String) -> String {
        "\(e).event_time > COALESCE(\(after), '') AND \(e).event_time <= \(upTo)"
    }

    /// The leg's latest dispatch, ETA and carrier, as scalar subqueries on the vehicle
    /// `v` (dealer_code, vin) between `after` and `upTo` (each a primary-key range).
    private static func legColumns(_ v: String, after: String, upTo: String) -> String {
        let same = "e.dealer_code = \(v).dealer_code AND e.vin = \(v).vin"
        let leg = legCondition("e", after: after, upTo: upTo)
        return """
            (SELECT MAX(e.event_time) FROM vehicle_events e WHERE \(same) AND e.event_type = 'dispatched' AND \(leg)),
            (SELECT e.eta FROM vehicle_events e WHERE \(same) AND e.event_type IN ('dispatched', 'in_transit') AND e.eta IS NOT NULL
              AND \(leg) ORDER BY e.event_time DESC, e.event_type DESC LIMIT 1),
            (SELECT e.carrier FROM vehicle_events e WHERE \(same) AND e.event_type IN ('dispatched', 'in_transit')
              AND e.carrier IS NOT NULL AND e.carrier <> '' AND \(leg) ORDER BY e.event_time DESC, e.event_type DESC LIMIT 1)
            """
    }

    /// The arrivals of `period` (an index range on event type and time) with their legs.
    func arrivals(_ period: ReportingPeriod) throws -> [Arrival] {
        try database.rows(
            """
            SELECT a.dealer_code, a.vin, a.event_time, a.damaged, \(Self.legColumns("a", after: "a.previous_arrival", upTo: "a.event_time"))
            FROM (
              SELECT v.dealer_code, v.vin, v.event_time, v.damaged,
                (SELECT MAX(p.event_time) FROM vehicle_events p WHERE p.dealer_code = v.dealer_code AND p.vin = v.vin
                  AND p.event_type = 'arrived' AND p.event_time < v.event_time) AS previous_arrival
              FROM vehicle_events v WHERE v.event_type = 'arrived' AND v.event_time >= ? AND v.event_time < ?
            ) AS a
            ORDER BY a.dealer_code, a.vin, a.event_time
            """, bounds(period)
        ).map { row in
            Arrival(
                dealer: row.text(0), vin: row.text(1), arrivedAt: row.text(2), damaged: row.int(3) == 1, dispatchedAt: row[4].string,
                eta: row[5].string)
        }
    }

    /// The vehicles in transit at the end of `day` (transit intervals not ended by then: an
    /// index range) with their legs.
    func vehiclesInTransit(atEndOf day: LocalDate) throws -> [VehicleInTransit] {
        let endExclusive = database.dialect.parameter(1)
        let endOfDay = database.dialect.parameter(2)
        let transit = "SELECT dealer_code, vin FROM vehicle_logistics_intervals WHERE kind = 'transit' AND started_at < \(endExclusive)"
        return try database.rows(
            """
            SELECT t.dealer_code, t.vin, \(Self.legColumns("t", after: "t.previous_arrival", upTo: endOfDay))
            FROM (
              SELECT i.dealer_code, i.vin,
                (SELECT MAX(p.event_time) FROM vehicle_events p WHERE p.dealer_code = i.dealer_code AND p.vin = i.vin
                  AND p.event_type = 'arrived' AND p.event_time < \(endExclusive)) AS previous_arrival
              FROM (\(transit) AND ended_at >= \(endExclusive) UNION ALL \(transit) AND ended_at IS NULL) AS i
            ) AS t
            """, [.text(day.shifted(by: 1).description), .text(day.description + " 23:59:59")]
        ).map { row in
            VehicleInTransit(dealer: row.text(0), vin: row.text(1), dispatchedAt: row[2].string, eta: row[3].string, carrier: row[4].string)
        }.sorted { ($0.dealer, $0.vin) < ($1.dealer, $1.vin) }
    }

    func logisticsPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        for vehicle in try vehiclesInTransit(atEndOf: period.end) {
            sink.total(vehicle.dealer, .logisticsInTransitUnitsEnd, 1)
        }
        var transitSeconds: [String: [Int64]] = [:]
        for arrival in try arrivals(period) {
            let dealer = arrival.dealer
            sink.ratio(dealer, .logisticsTransportDamageRate, arrival.damaged ? 1 : 0, 1)
            guard let arrived = WallClockSeconds.seconds(arrival.arrivedAt) else { continue }
            if let dispatched = arrival.dispatchedAt.flatMap(WallClockSeconds.seconds) {
                transitSeconds[dealer, default: []].append(arrived - dispatched)
            }
            if let eta = arrival.eta.flatMap(WallClockSeconds.seconds) {
                sink.ratio(dealer, .logisticsLateArrivalRate, arrived > eta ? 1 : 0, 1)
            }
        }
        for (dealer, items) in transitSeconds { sink.add(dealer, .logisticsTransitDaysMedian, .items(items)) }

        for row in try database.rows(
            """
            SELECT dealer_code, SUM(flag), COUNT(*) FROM vehicle_logistics_intervals
            WHERE kind = 'pdi_round' AND started_at >= ? AND started_at < ? GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .logisticsPDIFirstPassRate, row.int(1), row.int(2))
        }
        for row in try database.rows(
            """
            SELECT dealer_code, SUM(freight_cost), COUNT(*) FROM vehicle_events
            WHERE event_type = 'dispatched' AND event_time >= ? AND event_time < ? AND freight_cost IS NOT NULL
            GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .logisticsFreightCostPerUnit, row.int(1), row.int(2))
        }
        for vehicle in try vehiclesWithoutCertificate(atEndOf: period.end) {
            sink.total(vehicle.dealer, .logisticsCertificateMissingUnitsEnd, 1)
        }
    }

    /// A vehicle in stock without a sign of its certificate (kpis.md 11, 8.1).
    struct UncertifiedVehicle {
        var dealer: String
        var vin: String
        var stockedInAt: String
        var cost: Int64?
    }

    /// Vehicles in stock at the end of `day` (the stays not ended by then: an index range)
    /// with no `certificate_received` true up to then and an empty `vehicles.certificate_no`.
    func vehiclesWithoutCertificate(atEndOf day: LocalDate) throws -> [UncertifiedVehicle] {
        let endExclusive = database.dialect.parameter(1)
        let stays = "SELECT dealer_code, vin, stocked_in_at, cost FROM vehicle_stays WHERE stocked_in_at < \(endExclusive)"
        return try database.rows(
            """
            SELECT s.dealer_code, s.vin, s.stocked_in_at, s.cost
            FROM (\(stays) AND ended_at >= \(endExclusive) UNION ALL \(stays) AND ended_at IS NULL) AS s
            WHERE NOT EXISTS (SELECT 1 FROM vehicle_events e WHERE e.dealer_code = s.dealer_code AND e.vin = s.vin
                AND e.certificate_received = 1 AND e.event_time < \(endExclusive))
              AND NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.vin = s.vin AND COALESCE(v.certificate_no, '') <> '')
            """, [.text(day.shifted(by: 1).description)]
        ).map { row in
            UncertifiedVehicle(dealer: row.text(0), vin: row.text(1), stockedInAt: row.text(2), cost: row[3].int64)
        }.sorted { ($0.stockedInAt, $0.dealer, $0.vin) < ($1.stockedInAt, $1.dealer, $1.vin) }
    }

    /// A PDI round failed and open at a period end (kpis.md 11, 8.1).
    struct OpenPDIFailure {
        var dealer: String
        var vin: String
        var failedAt: String
        var damaged: Bool?
    }

    /// The PDI rounds failed and open at the end of `day` (an index range).
    func openPDIFailures(atEndOf day: LocalDate) throws -> [OpenPDIFailure] {
        let endExclusive = database.dialect.parameter(1)
        let failures = """
            SELECT dealer_code, vin, started_at, flag FROM vehicle_logistics_intervals
            WHERE kind = 'pdi_failed' AND started_at < \(endExclusive)
            """
        return try database.rows(
            "\(failures) AND ended_at >= \(endExclusive) UNION ALL \(failures) AND ended_at IS NULL",
            [.text(day.shifted(by: 1).description)]
        ).map { row in
            OpenPDIFailure(dealer: row.text(0), vin: row.text(1), failedAt: row.text(2), damaged: row[3].int64.map { $0 == 1 })
        }.sorted { ($0.failedAt, $0.dealer, $0.vin) < ($1.failedAt, $1.dealer, $1.vin) }
    }
}
