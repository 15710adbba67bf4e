import Testing
@testable import Ledger
import TestSupport

/// Ratio of sums: a group's numerator and denominator are the sums of its dealers', and its
/// value is their quotient — never an average of dealer ratios. Checked on seeded random data.
@Suite struct ReaggregationTests {

    static func fixture(seed: UInt64) throws -> KPIFixture {
        let f = try KPIFixture()
        var random = SeededRandom(state: seed)
        let dealers = ["D1", "D2", "D3", "D4", "D5"]
        for (index, code) in dealers.enumerated() { try f.dealer(code, region: index < 2 ? "East" : "West", brand: index % 2 == 0 ? "A" : "B") }
        func stamp(_ dayOffset: Int, _ hour: Int) -> String {
            let date = LocalDate(year: 2026, month: 9, day: 1)?.shifted(by: dayOffset).description ?? "2026-09-01"
            return "\(date) \(hour < 10 ? "0" : "")\(hour):00:00"
        }
        let pays = ["customer", "warranty", "internal", "insurance"]
        for n in 0..<220 {
            let dealer = dealers[random.next(dealers.count)]
            let opened = random.next(80)
            let completed = opened + random.next(4)
            let ro = "R\(n)"
            try f.ro(dealer, ro, vin: "V\(random.next(40))", opened: stamp(opened, 8 + random.next(3)),
                     completed: random.next(10) == 0 ? nil : stamp(completed, 12 + random.next(6)),
                     invoiced: stamp(completed, 19), promised: random.next(3) == 0 ? nil : stamp(completed, 14),
                     type: random.next(8) == 0 ? "internal" : "repair", status: random.next(15) == 0 ? "void" : "invoiced",
                     flag: random.next(20) == 0 ? 1 : 0)
            for line in 0..<random.next(4) {
                try f.labor(dealer, ro, "\(line)", op: "OP\(random.next(6))", pay: pays[random.next(4)], tech: "T\(random.next(3))",
                            sold: Int64(random.next(40_000)), clocked: Int64(random.next(40_000)), sale: Int64(random.next(90_000)),
                            cost: Int64(random.next(40_000)))
                try f.part(dealer, ro, "\(line)", qty: Int64(1 + random.next(30_000)), price: Int64(random.next(20_000)),
                           cost: Int64(random.next(15_000)), pay: pays[random.next(4)], filled: Int64(random.next(2)))
            }
        }
        for n in 0..<120 {
            let dealer = dealers[random.next(dealers.count)]
            let ordered = random.next(60)
            try f.order(dealer, "O\(n)", ordered: stamp(ordered, 0).prefix(10).description,
                        delivered: stamp(ordered + random.next(30), 0).prefix(10).description,
                        promised: stamp(ordered + random.next(30), 0).prefix(10).description,
                        status: ["delivered", "delivered", "cancelled", "open"][random.next(4)], sale: random.next(3) == 0 ? "used" : "new",
                        price: Int64(random.next(30_000_000)), cost: Int64(random.next(28_000_000)), fi: Int64(random.next(500_000)))
        }
        for n in 0..<80 {
            try f.insert("csi_surveys", ["dealer_code": .text(dealers[random.next(dealers.count)]), "survey_id": .text("S\(n)"),
                                         "survey_date": .text(String(stamp(random.next(80), 0).prefix(10))),
                                         "kind": .text(random.next(2) == 0 ? "sales" : "service"),
                                         "score": .integer(Int64(random.next(100_001))), "recommend": .integer(Int64(random.next(11) * 10_000))])
        }
        try operations(f, dealers: dealers, &random, stamp: stamp)
        return f
    }

    /// Random logistics events, staff, complaints, bookings, claims and parts kept to a
    /// minimum (kpis.md 4, 5, 7, 11–13), so that the new ratios re-aggregate too.
    static func operations(_ f: KPIFixture, dealers: [String], _ random: inout SeededRandom, stamp: (Int, Int) -> String) throws {
        for n in 0..<60 {
            let dealer = dealers[random.next(dealers.count)]
            let vin = "LV\(n)"
            let dispatched = random.next(70)
            let eta = dispatched + 2 + random.next(4)
            try f.insert("vehicle_events", [
                "dealer_code": .text(dealer), "vin": .text(vin), "event_type": "dispatched", "event_time": .text(stamp(dispatched, 8)),
                "eta": .text(stamp(eta, random.next(2) == 0 ? 0 : 18)),
                "freight_cost": random.next(4) == 0 ? .null : .integer(Int64(random.next(300_000))),
            ])
            guard random.next(5) > 0 else { continue }
            let arrived = dispatched + 1 + random.next(6)
            try f.insert("vehicle_events", [
                "dealer_code": .text(dealer), "vin": .text(vin), "event_type": "arrived", "event_time": .text(stamp(arrived, 6 + random.next(14))),
                "damaged": random.next(3) == 0 ? .null : .integer(Int64(random.next(6) == 0 ? 1 : 0)),
            ])
            for round in 0..<random.next(3) {
                try f.insert("vehicle_events", [
                    "dealer_code": .text(dealer), "vin": .text(vin), "event_type": random.next(3) == 0 ? "pdi_failed" : "pdi_passed",
                    "event_time": .text(stamp(arrived + 1 + round, 10)),
                ])
            }
        }
        for n in 0..<50 {
            let hired = random.next(4) == 0 ? nil : stamp(-400 + random.next(480), 0).prefix(10).description
            let left = random.next(3) == 0 ? stamp(random.next(80), 0).prefix(10).description : nil
            try f.insert("employees", [
                "dealer_code": .text(dealers[random.next(dealers.count)]), "employee_id": .text("E\(n)"),
                "role": .text(["technician", "advisor", "sales", "parts"][random.next(4)]), "hired_on": hired.databaseValue,
                "left_on": left.databaseValue,
            ])
        }
        for n in 0..<90 {
            let opened = random.next(80)
            try f.insert("complaints", [
                "dealer_code": .text(dealers[random.next(dealers.count)]), "complaint_no": .text("C\(n)"),
                "opened_at": .text(stamp(opened, 9)), "closed_at": random.next(5) == 0 ? .null : .text(stamp(opened + random.next(4), 9 + random.next(12))),
                "status": .text(["open", "closed", "closed", "closed", "void"][random.next(5)]),
                "satisfied": random.next(4) == 0 ? .null : .integer(Int64(random.next(2))),
            ])
        }
        for n in 0..<60 {
            let returned = random.next(80)
            let kmOut = random.next(50_000)
            try f.insert("fleet_bookings", [
                "dealer_code": .text(dealers[random.next(dealers.count)]), "booking_no": .text("B\(n)"),
                "checked_out_at": .text(stamp(returned - 1, 9)), "returned_at": .text(stamp(returned, 17)), "status": "returned",
                "km_out": .integer(Int64(kmOut)), "km_in": random.next(6) == 0 ? .null : .integer(Int64(kmOut - 50 + random.next(400))),
            ])
        }
        for n in 0..<60 {
            let claimed = random.next(5) == 0 ? nil : Int64(random.next(500_000))
            try f.insert("warranty_claims", [
                "dealer_code": .text(dealers[random.next(dealers.count)]), "claim_no": .text("W\(n)"),
                "status": .text(["approved", "partially_approved", "rejected", "paid", "submitted"][random.next(5)]),
                "claimed_amount": claimed.databaseValue,
                "approved_amount": random.next(4) == 0 ? .null : .integer(Int64(random.next(400_000))),
                "decided_on": .text(stamp(random.next(80), 0).prefix(10).description),
            ])
        }
        for (index, dealer) in dealers.enumerated() {
            for part in 0..<8 {
                let partNo = "M\(index)-\(part)"
                try f.insert("parts", [
                    "dealer_code": .text(dealer), "part_no": .text(partNo),
                    "min_stock": random.next(4) == 0 ? .null : .integer(Int64(random.next(5) * 10_000)),
                    "max_stock": .integer(Int64(random.next(12) * 10_000)),
                ])
                if random.next(3) > 0 {
                    try f.movement(dealer, "MV\(index)-\(part)", part: partNo, at: stamp(random.next(40), 9), type: "receipt",
                                   qty: Int64(random.next(8) * 10_000), cost: 1_000)
                }
            }
        }
    }

    /// A printed decimal as an integer of ten-thousandths.
    static func units(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, 4 - fraction.count))
        let value = whole * 10_000 + (Int64(fraction.prefix(4)) ?? 0)
        return negative ? -value : value
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func groupsAreRatiosOfSums(seed: UInt64) throws {
        let f = try Self.fixture(seed: seed)
        let byDealer = try f.report("2026-10", by: .dealer)
        for by in [GroupBy.network, .region, .brand] {
            let grouped = try f.report("2026-10", by: by)
            for row in grouped.rows {
                if case .perHundred = row.definition.form {
                    let members = byDealer.rows.filter { $0.definition.id == row.definition.id && row.group.dealerCodes.contains($0.group.key) }
                    let numerator = members.compactMap { $0.current.numerator.flatMap { Int64($0) } }.reduce(0, +)
                    let denominator = members.compactMap { $0.current.denominator.flatMap { Int64($0) } }.reduce(0, +)
                    #expect(row.current.numerator == String(numerator) && row.current.denominator == String(denominator))
                    #expect(row.current.value == ExactDecimal.quotient(numerator, times: 100, over: denominator, places: 2))
                    continue
                }
                guard case .ratio(let top, let bottom) = row.definition.form else { continue }
                let members = byDealer.rows.filter { $0.definition.id == row.definition.id && row.group.dealerCodes.contains($0.group.key) }
                #expect(members.count == row.group.dealerCodes.count)
                let numerator = members.compactMap { Self.units($0.current.numerator) }.reduce(0, +)
                let denominator = members.compactMap { Self.units($0.current.denominator) }.reduce(0, +)
                // Exact for stored units; sums of rounded line money may differ by half a cent per dealer.
                let slack = top.scale > 10_000 ? Int64(50 * members.count) : 0
                #expect(abs((Self.units(row.current.numerator) ?? .min) - numerator) <= slack, "\(row.definition.id) \(row.group.key)")
                #expect(abs((Self.units(row.current.denominator) ?? .min) - denominator) <= (bottom.scale > 10_000 ? Int64(50 * members.count) : 0))
                if denominator == 0 {
                    #expect(row.current.value == nil)
                } else {
                    let expected = Double(numerator) / Double(denominator)
                    let value = try #require(row.current.number)
                    var tolerance = 0.5
                    for _ in 0..<row.definition.unit.places { tolerance /= 10 }
                    #expect(abs(value - expected) <= tolerance + abs(expected) * 1e-4, "\(row.definition.id) \(row.group.key)")
                }
            }
        }
    }

    /// The new ratios have data in every grouping (so the test above checks something).
    @Test func theNewRatiosHaveDataToReaggregate() throws {
        let report = try Self.fixture(seed: 1).report("2026-10", by: .network)
        for id in [
            "logistics.late_arrival_rate", "logistics.transport_damage_rate", "logistics.pdi_first_pass_rate", "logistics.freight_cost_per_unit",
            "staff.turnover_rate", "crm.complaints_per_100_ros", "crm.complaints_closed_within_48h_rate", "crm.complaint_satisfaction_rate",
            "fleet.km_per_booking", "service.warranty_recovery_rate", "parts.below_min_share",
        ] {
            let row = try #require(report.rows.first { $0.definition.id == id })
            #expect(row.current.value != nil, "\(id) has no value")
        }
    }

    @Test func everyKPIAppearsForEveryGroupInCatalogueOrder() throws {
        let report = try Self.fixture(seed: 7).report("2026-10", by: .region)
        #expect(report.groups.map(\.key) == ["East", "West"])
        let ids = KPICatalogue.standard.definitions.map(\.id)
        #expect(report.rows.map(\.definition.id) == ids + ids)
    }

    @Test func previousAndYearEarlierAreThoseOfTheShiftedPeriods() throws {
        let f = try Self.fixture(seed: 4)
        let october = try f.report("2026-10", by: .network)
        let september = try f.report("2026-09", by: .network)
        for (a, b) in zip(october.rows, september.rows) { #expect(a.previous == b.current) }
        let lastYear = try f.report("2025-10", by: .network)
        for (a, b) in zip(october.rows, lastYear.rows) { #expect(a.yearEarlier == b.current) }
        #expect(october.rows.contains { $0.previous.value != nil && $0.previous.value != "0" })
    }
}
