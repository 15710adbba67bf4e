import Testing
@testable import Ledger

/// Parts: the stock ledger valued movement by movement, obsolescence at the 365-day
/// boundary, fill rate and margins by channel (October 2026).
@Suite struct PartsKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        let unit: Int64 = 10_000  // one piece in ten-thousandths
        try f.movement("D1", "M1", part: "P1", at: "2025-01-01 00:00:00", type: "opening_balance", qty: 10 * unit, cost: 1_000)
        try f.movement("D1", "M2", part: "P1", at: "2026-10-05 09:00:00", type: "issue_to_ro", qty: 2 * unit, cost: 1_000)
        try f.movement("D1", "M3", part: "P1", at: "2026-10-10 09:00:00", type: "counter_sale", qty: unit, cost: 1_000, price: 1_500, filled: 1)
        try f.movement("D1", "M4", part: "P1", at: "2026-10-12 09:00:00", type: "lost_sale", qty: unit, cost: 1_000)
        try f.movement("D1", "M5", part: "P1", at: "2026-10-15 09:00:00", type: "counter_sale", qty: unit, cost: 1_000, price: 2_000)
        try f.movement("D1", "M6", part: "P1", at: "2026-10-20 09:00:00", type: "return_from_ro", qty: unit, cost: 1_000)
        try f.movement("D1", "M7", part: "P1", at: "2026-10-25 09:00:00", type: "receipt", qty: 5 * unit, cost: 1_200)
        try f.movement("D1", "M8", part: "P1", at: "2026-10-28 09:00:00", type: "counter_return", qty: unit, cost: 1_000, price: 1_500)
        try f.movement("D1", "M9", part: "P1", at: "2026-11-01 00:00:00", type: "receipt", qty: 100 * unit, cost: 1_000)  // after the period
        // P2: last issue before end − 364 (2025-11-01): obsolete. P3: first movement on the cutoff: not.
        // P4: issued on the cutoff date: not.
        try f.movement("D1", "N1", part: "P2", at: "2025-05-01 00:00:00", type: "receipt", qty: 3 * unit, cost: 5_000)
        try f.movement("D1", "N2", part: "P2", at: "2025-10-31 23:59:59", type: "issue_to_ro", qty: unit, cost: 5_000)
        try f.movement("D1", "N3", part: "P3", at: "2025-11-01 00:00:00", type: "receipt", qty: unit, cost: 3_000)
        try f.movement("D1", "N4", part: "P4", at: "2025-01-01 00:00:00", type: "receipt", qty: 2 * unit, cost: 4_000)
        try f.movement("D1", "N5", part: "P4", at: "2025-11-01 00:00:00", type: "issue_to_ro", qty: unit, cost: 4_000)
        // RO lines: R1 opened in October, closed in November; R2 opened in September, closed in October; R3 void.
        try f.ro("D1", "R1", opened: "2026-10-02 08:00:00", invoiced: "2026-11-02 08:00:00")
        try f.part("D1", "R1", "1", filled: 1)
        try f.part("D1", "R1", "2", filled: 0)
        try f.part("D1", "R1", "3", filled: nil)
        try f.ro("D1", "R2", opened: "2026-09-30 08:00:00", invoiced: "2026-10-05 08:00:00")
        try f.part("D1", "R2", "1", qty: unit, price: 10_000, cost: 6_000, filled: 1)
        try f.labor("D1", "R2", "1", sale: 8_000)
        try f.ro("D1", "R3", opened: "2026-10-03 08:00:00", invoiced: "2026-10-03 09:00:00", status: "void")
        try f.part("D1", "R3", "1", filled: 1)
        return f
    }

    @Test(arguments: [
        ("parts.inventory_value_end", ["310.00", nil, nil]),
        ("parts.turnover", ["0.91", "20.00", "258.71"]),
        ("parts.days_supply", ["480.50", "310.00", "0.65"]),
        ("parts.first_time_fill_rate", ["0.5000", "2", "4"]),
        ("parts.obsolete_share", ["0.3226", "100.00", "310.00"]),
        ("parts.gross_margin", ["0.4167", "50.00", "120.00"]),
        ("parts.gross_margin.customer", ["0.4000", "40.00", "100.00"]),
        ("parts.gross_margin.counter", ["0.5000", "10.00", "20.00"]),
        ("parts.sales_share", ["0.6000", "120.00", "200.00"]),
    ] as [(String, [String?])])
    func figures(id: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10", group: "D1").triple == expected)
    }

    @Test func historyBeforeTheFloorIsOneOpeningBalance() throws {
        let f = try Self.fixture()
        let october = try #require(ReportingPeriod(parsing: "2026-10"))
        let earlier = try #require(ReportingPeriod(parsing: "2025-10-15..2026-10-20"))
        let floored = f.engine()
        floored.historyFloor = october.start
        let a = try floored.partials(for: october)
        let b = try floored.partials(for: earlier)  // starts before the floor: read again
        #expect(a == (try f.engine().partials(for: october)))
        #expect(b == (try f.engine().partials(for: earlier)))
        #expect(a["D1"]?["parts.turnover"] == .ratio(20 * 1_000_000, 8_020 * 1_000_000))
    }

    @Test func obsoletePartsListIsWorstFirst() throws {
        let f = try Self.fixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let list = try #require(try f.engine().exceptionLists(period, dealers: ["D1"]).first { $0.id == "obsolete_parts" })
        #expect(list.rows.map { $0.cells[1] } == ["P2"])
        #expect(list.rows.first?.cells[4] == "100.00")
    }
}

/// Fleet vehicles: activity, utilisation hours clipped to the period, overdue returns,
/// maintenance cost and end of life with 29 February.
@Suite struct FleetKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        for (vin, usage, inService, life) in [
            ("F1", "demo", "2020-10-31", 6), ("F2", "loaner", "2024-02-29", 3), ("F3", "fleet", "2020-01-01", 5),
            ("F4", "demo", "2019-01-01", 5), ("F5", "retail", "2015-01-01", 1), ("F6", "demo", "2026-11-05", 1),
        ] as [(String, String, String, Int64)] {
            try f.insert("vehicles", ["vin": .text(vin), "dealer_code": "D1", "usage": .text(usage), "in_service_on": .text(inService),
                                      "service_life_years": .integer(life)])
        }
        try f.insert("vehicle_disposals", ["dealer_code": "D1", "vin": "F3", "disposed_on": "2026-09-30"])
        try f.insert("vehicle_disposals", ["dealer_code": "D1", "vin": "F4", "disposed_on": "2026-10-15"])
        for (no, vin, out, back, to, status) in [
            ("B1", "F1", "2026-09-30 12:00:00", "2026-10-01 12:00:00", "2026-10-01 10:00:00", "returned"),
            ("B2", "F2", "2026-10-10 08:00:00", "2026-10-12 08:00:00", "2026-10-11 08:00:00", "returned"),
            ("B3", "F1", "2026-10-31 12:00:00", nil, "2026-10-31 18:00:00", "out"),
            ("B4", "F2", "2026-10-05 08:00:00", "2026-10-06 08:00:00", "2026-10-05 09:00:00", "cancelled"),
            ("B5", "F4", "2026-10-30 00:00:00", "2026-11-01 00:00:00", "2026-10-31 00:00:00", "returned"),
            ("B6", "F1", "2026-10-20 08:00:00", "2026-10-20 10:00:00", "2026-10-20 10:00:00", "returned"),
        ] as [(String, String, String, String?, String, String)] {
            try f.insert("fleet_bookings", ["dealer_code": "D1", "booking_no": .text(no), "vin": .text(vin), "checked_out_at": .text(out),
                                            "returned_at": back.databaseValue, "booked_to": .text(to), "status": .text(status)])
        }
        try f.ro("D1", "M1", vin: "F1", opened: "2026-10-09 08:00:00", invoiced: "2026-10-10 08:00:00", type: "internal")
        try f.labor("D1", "M1", "1", pay: "internal", sale: 20_000)
        try f.labor("D1", "M1", "2", pay: "customer", sale: 10_000)
        try f.part("D1", "M1", "1", qty: 20_000, price: 3_000, pay: "internal")
        try f.ro("D1", "M2", vin: "F5", opened: "2026-10-09 08:00:00", invoiced: "2026-10-10 08:00:00", type: "internal")
        try f.labor("D1", "M2", "1", pay: "internal", sale: 5_000)
        return f
    }

    @Test(arguments: [
        ("2026-10", "fleet.vehicles", ["3", nil, nil]),
        ("2026-10", "fleet.utilization", ["0.0547", "122.0000", "2232"]),
        ("2026-10", "fleet.overdue_return_rate", ["0.6667", "2", "3"]),
        ("2026-10", "fleet.maintenance_cost", ["260.00", nil, nil]),
        ("2026-10", "fleet.due_for_scrapping", ["1", nil, nil]),
        ("2026-11", "fleet.due_for_scrapping", ["2", nil, nil]),  // 2024-02-29 + 3 years = 2027-02-28 = end + 90
    ] as [(String, String, [String?])])
    func figures(period: String, id: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, period, group: "D1").triple == expected)
    }
}
