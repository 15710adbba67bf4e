import Testing
@testable import Ledger
import TestSupport

extension KPIFixture {
    /// A vehicle event with the logistics columns (money in fen, booleans 0/1).
    func logisticsEvent(
        _ dealer: String, _ vin: String, _ type: String, _ time: String, eta: String? = nil, freight: Int64? = nil,
        carrier: String? = nil, damaged: Int64? = nil, certificate: Int64? = nil, cost: Int64? = nil
    ) throws {
        try insert("vehicle_events", [
            "dealer_code": .text(dealer), "vin": .text(vin), "event_type": .text(type), "event_time": .text(time),
            "eta": eta.databaseValue, "freight_cost": freight.databaseValue, "carrier": carrier.databaseValue,
            "damaged": damaged.databaseValue, "certificate_received": certificate.databaseValue, "cost": cost.databaseValue,
        ])
    }

    func vehicle(_ vin: String, model: String? = nil, certificate: String? = nil) throws {
        try insert("vehicles", ["vin": .text(vin), "model_name": model.databaseValue, "certificate_no": certificate.databaseValue])
    }
}

/// Vehicle logistics (kpis.md 11 and the lists of 8.1), October 2026, hand-computed.
@Suite struct LogisticsKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1", region: "East")
        try f.dealer("D2", region: "East")
        // V1: the ETA is updated in transit; it arrives exactly at the updated ETA (on time).
        try f.logisticsEvent("D1", "V1", "dispatched", "2026-10-01 08:00:00", eta: "2026-10-05 00:00:00")
        try f.logisticsEvent("D1", "V1", "in_transit", "2026-10-03 12:00:00", eta: "2026-10-06 12:00:00")
        try f.logisticsEvent("D1", "V1", "arrived", "2026-10-06 12:00:00")
        // V2: a bare-date ETA (00:00:00), arriving later that day: late. Damage recorded on
        // the PDI only; its round fails, then passes. Certificate number in the master only.
        try f.logisticsEvent("D1", "V2", "dispatched", "2026-10-10 00:00:00", eta: "2026-10-12 00:00:00")
        try f.logisticsEvent("D1", "V2", "arrived", "2026-10-12 09:00:00", damaged: 0)
        try f.logisticsEvent("D1", "V2", "pdi_failed", "2026-10-12 10:00:00", damaged: 1)
        try f.logisticsEvent("D1", "V2", "pdi_passed", "2026-10-14 09:00:00")
        try f.logisticsEvent("D1", "V2", "stocked_in", "2026-10-14 10:00:00", cost: 10_000_000)
        try f.vehicle("V2", model: "M2", certificate: "CERT2")
        // V3: in transit at the end, past its ETA; dispatched and in transit at one instant.
        try f.logisticsEvent("D1", "V3", "dispatched", "2026-10-20 08:00:00", eta: "2026-10-25 08:00:00", freight: 150_000, carrier: "C-A")
        try f.logisticsEvent("D1", "V3", "in_transit", "2026-10-20 08:00:00")
        try f.vehicle("V3", model: "M3")
        // V4: freight 0 counts; damaged on arrival; certificate on the arrival; PDI passes first time.
        try f.logisticsEvent("D1", "V4", "dispatched", "2026-10-02 08:00:00", freight: 0, carrier: "C-B")
        try f.logisticsEvent("D1", "V4", "arrived", "2026-10-04 08:00:00", damaged: 1, certificate: 1)
        try f.logisticsEvent("D1", "V4", "pdi_passed", "2026-10-04 09:00:00")
        try f.logisticsEvent("D1", "V4", "stocked_in", "2026-10-05 10:00:00", cost: 9_000_000)
        // V5: in stock since September, no certificate anywhere.
        try f.logisticsEvent("D1", "V5", "stocked_in", "2026-09-01 10:00:00", cost: 5_000_000)
        try f.vehicle("V5", model: "M5")
        // V6: an explicit false, then a true only after the period; no vehicles row.
        try f.logisticsEvent("D1", "V6", "stocked_in", "2026-10-20 10:00:00", certificate: 0)
        try f.logisticsEvent("D1", "V6", "moved", "2026-11-02 10:00:00", certificate: 1)
        // V7: PDI failed and open at the end.
        try f.logisticsEvent("D1", "V7", "pdi_failed", "2026-10-28 10:00:00", damaged: 0)
        try f.vehicle("V7", model: "M7")
        // V8: a failed round ended by stocked_out, then a new round that passes.
        try f.logisticsEvent("D1", "V8", "pdi_failed", "2026-10-15 10:00:00")
        try f.logisticsEvent("D1", "V8", "stocked_out", "2026-10-16 10:00:00")
        try f.logisticsEvent("D1", "V8", "pdi_passed", "2026-10-17 10:00:00")
        // V9: stocked in without an arrival: the transit ends; certificate on the stock-in.
        try f.logisticsEvent("D1", "V9", "dispatched", "2026-10-01 08:00:00")
        try f.logisticsEvent("D1", "V9", "stocked_in", "2026-10-03 08:00:00", certificate: 1)
        // V10: reserved while travelling: still in transit (no ETA, so not on the list).
        try f.logisticsEvent("D1", "V10", "dispatched", "2026-10-25 08:00:00")
        try f.logisticsEvent("D1", "V10", "reserved", "2026-10-26 08:00:00")
        // D2: arrives exactly at the ETA.
        try f.logisticsEvent("D2", "V20", "dispatched", "2026-10-01 08:00:00", eta: "2026-10-03 08:00:00")
        try f.logisticsEvent("D2", "V20", "arrived", "2026-10-03 08:00:00")
        return f
    }

    @Test(arguments: [
        ("logistics.in_transit_units_end", "D1", ["2", nil, nil]),
        // V1 5 d 4 h, V2 2 d 9 h (2.375, half-even 2.38), V4 2 d.
        ("logistics.transit_days_median", "D1", ["2.38", nil, nil]),
        ("logistics.late_arrival_rate", "D1", ["0.5000", "1", "2"]),
        ("logistics.transport_damage_rate", "D1", ["0.3333", "1", "3"]),
        // Rounds: V2 (fails then passes), V4 (passes), V7 (fails), V8 (fails; then a new round passes).
        ("logistics.pdi_first_pass_rate", "D1", ["0.4000", "2", "5"]),
        ("logistics.certificate_missing_units_end", "D1", ["2", nil, nil]),
        ("logistics.freight_cost_per_unit", "D1", ["750.00", "1500.00", "2"]),
        ("logistics.late_arrival_rate", "network", ["0.3333", "1", "3"]),
        ("logistics.transit_days_median", "network", ["2.19", nil, nil]),
    ] as [(String, String, [String?])])
    func figures(id: String, group: String, expected: [String?]) throws {
        let by: GroupBy = group == "network" ? .network : .dealer
        #expect(try Self.fixture().figure(id, "2026-10", by: by, group: group).triple == expected)
    }

    @Test func previousPeriodAndAYearEarlierAreComputed() throws {
        let report = try Self.fixture().report("2026-10")
        let row = try #require(report.rows.first { $0.definition.id == "logistics.certificate_missing_units_end" && $0.group.key == "D1" })
        #expect(row.previous.value == "1")  // V5 at the end of September
        #expect(row.yearEarlier.value == "0")
        let damage = try #require(report.rows.first { $0.definition.id == "logistics.transport_damage_rate" && $0.group.key == "D2" })
        #expect(damage.current.triple == ["0.0000", "0", "1"])
        #expect(damage.previous.triple == [nil, "0", "0"])
    }

    static func list(_ id: String, _ f: KPIFixture, period: String = "2026-10") throws -> ExceptionList {
        let period = try #require(ReportingPeriod(parsing: period))
        return try #require(try f.engine().exceptionLists(period, dealers: ["D1", "D2"]).first { $0.id == id })
    }

    @Test func vehiclesInTransitOverdue() throws {
        let list = try Self.list("vehicles_in_transit_overdue", try Self.fixture())
        #expect(list.columns.map(\.name) == ["dealer_code", "vin", "model_name", "dispatched_at", "carrier", "eta", "days_overdue"])
        // 2026-10-25 08:00:00 → 2026-10-31 23:59:59: 6 d 15:59:59.
        #expect(list.rows.map(\.cells) == [["D1", "V3", "M3", "2026-10-20 08:00:00", "C-A", "2026-10-25 08:00:00", "6.67"]])
        // At the end of 2026-10-24 the ETA is still ahead.
        #expect(try Self.list("vehicles_in_transit_overdue", try Self.fixture(), period: "2026-10-01..2026-10-24").rows.isEmpty)
    }

    @Test func certificatesMissing() throws {
        let list = try Self.list("certificates_missing", try Self.fixture())
        #expect(list.rows.map(\.cells) == [
            ["D1", "V5", "M5", "2026-09-01 10:00:00", "60", "50000.00"],
            ["D1", "V6", nil, "2026-10-20 10:00:00", "11", nil],
        ])
    }

    @Test func pdiFailedOpen() throws {
        let list = try Self.list("pdi_failed_open", try Self.fixture())
        // V7: 2026-10-28 10:00:00 → 23:59:59 on the 31st = 3 d 13:59:59.
        #expect(list.rows.map(\.cells) == [["D1", "V7", "M7", "2026-10-28 10:00:00", "no", "3.58"]])
        // On 13 October V2's round was failed and open (damaged yes); V8's was too on the 15th.
        let mid = try Self.list("pdi_failed_open", try Self.fixture(), period: "2026-10-01..2026-10-15")
        #expect(mid.rows.map { $0.cells[1] } == ["V8"])
        let early = try Self.list("pdi_failed_open", try Self.fixture(), period: "2026-10-01..2026-10-13")
        #expect(early.rows.map { [$0.cells[1], $0.cells[4]] } == [["V2", "yes"]])
    }

    /// Whatever order events arrive in (chronological appends, late events, same instants),
    /// the intervals kept by the triggers equal those recomputed from all events at once.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func triggersKeepTheIntervalsOfAnyLoadOrder(seed: UInt64) throws {
        let f = try KPIFixture()
        var random = SeededRandom(state: seed)
        let types = ["ordered", "dispatched", "in_transit", "arrived", "pdi_passed", "pdi_failed", "stocked_in", "moved", "reserved",
                     "stocked_out", "delivered", "returned"]
        var events: [(String, String, String)] = []
        for vin in 0..<25 {
            var day = 1
            for _ in 0..<(3 + random.next(9)) {
                day += random.next(3)
                let type = random.next(4) == 0 ? random.pick(types) : random.pick(["dispatched", "in_transit", "arrived", "pdi_failed", "pdi_passed"])
                events.append(("V\(vin)", type, "2026-10-\(day < 10 ? "0" : "")\(min(day, 28)) \(random.pick(["08", "12"])):00:00"))
            }
        }
        // Mostly in time order, some shuffled in late.
        for (index, event) in events.enumerated() where random.next(5) > 0 || index == 0 {
            try? f.logisticsEvent("D1", event.0, event.1, event.2, damaged: Int64(random.next(2)))
        }
        for event in events.shuffled(using: &random.source) {
            try? f.logisticsEvent("D1", event.0, event.1, event.2, damaged: Int64(random.next(2)))
        }
        let read = "SELECT dealer_code, vin, kind, started_at, ended_at, flag FROM vehicle_logistics_intervals ORDER BY 1, 2, 3, 4"
        let kept = try f.database.rows(read)
        try f.database.execute("DELETE FROM vehicle_logistics_intervals")
        let migration = try #require(WarehouseSchema.migrations.first { $0.id == StandardFeeds.complaintsLogistics })
        let fills = migration.statements(for: f.database.dialect.backend).filter { $0.hasPrefix("INSERT INTO vehicle_logistics_intervals") }
        #expect(fills.count == 3)
        for statement in fills {
            try f.database.execute(statement)
        }
        #expect(kept.count > 20)
        #expect(kept == (try f.database.rows(read)))
    }

    /// Events loaded out of order and corrected later keep the intervals exact (triggers).
    @Test func intervalsFollowUpdatesAndDeletes() throws {
        let f = try Self.fixture()
        try f.database.execute("DELETE FROM vehicle_events WHERE vin = 'V3' AND event_type = 'in_transit'")
        try f.logisticsEvent("D1", "V3", "arrived", "2026-10-30 08:00:00")
        #expect(try f.figure("logistics.in_transit_units_end", "2026-10", group: "D1").value == "1")
        try f.database.execute("UPDATE vehicle_events SET event_time = '2026-11-30 08:00:00' WHERE vin = 'V3' AND event_type = 'arrived'")
        #expect(try f.figure("logistics.in_transit_units_end", "2026-10", group: "D1").value == "2")
        try f.database.execute("DELETE FROM vehicle_events WHERE vin = 'V3'")
        #expect(try f.figure("logistics.in_transit_units_end", "2026-10", group: "D1").value == "1")
        #expect(try f.database.scalar("SELECT COUNT(*) FROM vehicle_logistics_intervals WHERE vin = 'V3'").int64 == 0)
    }
}
