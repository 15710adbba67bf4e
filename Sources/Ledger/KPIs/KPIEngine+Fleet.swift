/// A demo, loaner or fleet vehicle (kpis.md section 7).
public struct FleetVehicle: Sendable, Hashable {
    public var vin: String
    public var dealer: String
    public var usage: String
    public var inServiceOn: LocalDate?
    public var serviceLifeYears: Int?
    /// The earliest disposal of the VIN, if any.
    public var disposedOn: LocalDate?

    /// Active in the period: no disposal before its start, in service by its end.
    public func isActive(in period: ReportingPeriod) -> Bool {
        (disposedOn.map { $0 >= period.start } ?? true) && (inServiceOn.map { $0 <= period.end } ?? true)
    }

    /// in_service_on + service_life_years (calendar years; 29 Feb → 28 Feb).
    public var endOfLife: LocalDate? {
        guard let inServiceOn, let serviceLifeYears else { return nil }
        return inServiceOn.adding(years: serviceLifeYears)
    }

    /// Due for scrapping as of the end of `period`: end of life ≤ end + 90 days, not disposed by the end.
    public func isDueForScrapping(in period: ReportingPeriod) -> Bool {
        guard let endOfLife, endOfLife <= period.end.shifted(by: 90) else { return false }
        return disposedOn.map { $0 > period.end } ?? true
    }
}

extension KPIEngine {
    /// The demo / loaner / fleet vehicles, read once.
    public func fleetVehicles() throws -> [FleetVehicle] {
        if let fleet = history.fleet { return fleet }
        let list = try database.rows(
            """
            SELECT v.vin, COALESCE(v.dealer_code, ''), v.usage, v.in_service_on, v.service_life_years,
              (SELECT MIN(d.disposed_on) FROM vehicle_disposals d WHERE d.vin = v.vin)
            FROM vehicles v WHERE v.usage IN ('demo', 'loaner', 'fleet') ORDER BY v.dealer_code, v.vin
            """
        ).map { row in
            FleetVehicle(
                vin: row.text(0), dealer: row.text(1), usage: row.text(2), inServiceOn: row[3].string.flatMap { LocalDate($0) },
                serviceLifeYears: row[4].int64.map { Int($0) }, disposedOn: row[5].string.flatMap { LocalDate($0) })
        }
        history.fleet = list
        return list
    }

    func fleetPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let hoursAvailable = Int64(24 * period.days)
        for vehicle in try fleetVehicles() {
            if vehicle.isActive(in: period) {
                sink.total(vehicle.dealer, .fleetVehicles, 1)
                sink.ratio(vehicle.dealer, .fleetUtilization, 0, hoursAvailable)
            }
            if vehicle.isDueForScrapping(in: period) { sink.total(vehicle.dealer, .fleetDueForScrapping, 1) }
        }
        let periodStart = WallClockSeconds.seconds(of: period.start)
        let periodEnd = WallClockSeconds.seconds(of: period.end.shifted(by: 1))
        let (start, endExclusive) = (period.start.description, period.end.shifted(by: 1).description)
        // Out before the end and back after the start (or not back): two index ranges on
        // returned_at (no ORDER BY: it would make SQLite walk the primary key instead; sums do not care).
        let (p1, p2) = (database.dialect.parameter(1), database.dialect.parameter(2))
        for row in try database.rows(
            """
            SELECT dealer_code, checked_out_at, returned_at, booking_no FROM fleet_bookings
            WHERE COALESCE(status, '') <> 'cancelled' AND checked_out_at IS NOT NULL AND checked_out_at < \(p1) AND returned_at >= \(p2)
            UNION ALL
            SELECT dealer_code, checked_out_at, returned_at, booking_no FROM fleet_bookings
            WHERE COALESCE(status, '') <> 'cancelled' AND checked_out_at IS NOT NULL AND checked_out_at < \(p1) AND returned_at IS NULL
            """, [.text(endExclusive), .text(start)])
        {
            guard let out = WallClockSeconds.seconds(row.text(1)) else { continue }
            let back = row[2].string.flatMap(WallClockSeconds.seconds) ?? periodEnd
            let seconds = max(0, min(back, periodEnd) - max(out, periodStart))
            sink.ratio(row.text(0), .fleetUtilization, seconds, 0)
        }
        for row in try database.rows(
            """
            SELECT dealer_code, COUNT(*), SUM(CASE WHEN booked_to IS NOT NULL AND returned_at > booked_to THEN 1 ELSE 0 END)
            FROM fleet_bookings WHERE COALESCE(status, '') <> 'cancelled' AND returned_at >= ? AND returned_at < ?
            GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .fleetOverdueReturnRate, row.int(2), row.int(1))
        }
        for row in try database.rows(
            """
            SELECT dealer_code, SUM(km_in - km_out), COUNT(*) FROM fleet_bookings
            WHERE COALESCE(status, '') <> 'cancelled' AND returned_at >= ? AND returned_at < ?
              AND km_out IS NOT NULL AND km_in IS NOT NULL AND km_in >= km_out
            GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .fleetKmPerBooking, row.int(1), row.int(2))
        }
        for row in try database.rows(
            """
            SELECT dealer_code, COALESCE(method, ''), COUNT(*), SUM(COALESCE(proceeds, 0)) FROM vehicle_disposals
            WHERE disposed_on >= ? AND disposed_on < ? GROUP BY dealer_code, COALESCE(method, '') ORDER BY 1, 2
            """, bounds(period))
        {
            let dealer = row.text(0)
            sink.total(dealer, .fleetDisposals, row.int(2))
            if let method = DisposalMethod(rawValue: row.text(1)) { sink.total(dealer, .fleetDisposalsByMethod[method], row.int(2)) }
            sink.total(dealer, .fleetDisposalProceeds, row.int(3))
        }
        for row in try database.rows(
            """
            SELECT r.dealer_code,
              COALESCE((SELECT SUM(COALESCE(l.labor_sale, 0)) FROM ro_labor l
                WHERE l.dealer_code = r.dealer_code AND l.ro_no = r.ro_no AND l.pay_type = 'internal'), 0) * 10000
              + COALESCE((SELECT SUM(COALESCE(p.qty * p.unit_price, 0)) FROM ro_parts p
                WHERE p.dealer_code = r.dealer_code AND p.ro_no = r.ro_no AND p.pay_type = 'internal'), 0)
            FROM repair_orders r JOIN vehicles v ON v.vin = r.vin
            WHERE \(database.dialect.unindexed("v.usage")) IN ('demo', 'loaner', 'fleet') AND \(Self.closedRO)
            ORDER BY r.dealer_code, r.ro_no
            """, bounds(period))
        {
            sink.total(row.text(0), .fleetMaintenanceCost, row.int(1))
        }
    }
}
