import Testing
@testable import Ledger

/// Parts below minimum (kpis.md 4, parts_below_min), warranty recovery and rejections,
/// fleet kilometres and disposals (kpis.md 5, 7, 8.1), October 2026.
@Suite struct ReplenishmentWarrantyFleetTests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.dealer("D2")
        let unit: Int64 = 10_000
        func part(_ no: String, min: Int64?, max: Int64?, dealer: String = "D1") throws {
            try f.insert("parts", [
                "dealer_code": .text(dealer), "part_no": .text(no), "description": .text("Part \(no)"), "min_stock": min.databaseValue,
                "max_stock": max.databaseValue,
            ])
        }
        try part("P1", min: 5 * unit, max: 20 * unit)
        try part("P2", min: 5 * unit, max: nil)  // exactly at minimum
        try part("P3", min: 4 * unit, max: 3 * unit)  // max below min: order up to min
        try part("P4", min: 0, max: 10 * unit)  // not kept to a minimum
        try part("P5", min: nil, max: nil)
        try part("P6", min: 2 * unit, max: nil)  // no movements: 0 on hand
        try part("Q1", min: unit, max: nil, dealer: "D2")
        try f.movement("D1", "M1", part: "P1", at: "2026-10-01 08:00:00", type: "receipt", qty: 3 * unit, cost: 100)
        try f.movement("D1", "M2", part: "P1", at: "2026-10-02 08:00:00", type: "issue_to_ro", qty: unit, cost: 100)
        try f.movement("D1", "M3", part: "P1", at: "2026-11-01 08:00:00", type: "receipt", qty: 100 * unit, cost: 100)
        try f.movement("D1", "M4", part: "P2", at: "2026-09-01 08:00:00", type: "receipt", qty: 5 * unit, cost: 100)
        try f.movement("D1", "M5", part: "P3", at: "2026-09-01 08:00:00", type: "receipt", qty: unit, cost: 100)
        try f.movement("D2", "M6", part: "Q1", at: "2026-09-01 08:00:00", type: "receipt", qty: 2 * unit, cost: 100)

        func claim(_ no: String, status: String, claimed: Int64?, approved: Int64?, decided: String = "2026-10-05", reason: String? = nil) throws {
            try f.insert("warranty_claims", [
                "dealer_code": "D1", "claim_no": .text(no), "status": .text(status), "claimed_amount": claimed.databaseValue,
                "approved_amount": approved.databaseValue, "submitted_on": "2026-09-01", "decided_on": .text(decided),
                "submission_count": 1, "reject_reason": reason.databaseValue,
            ])
        }
        try claim("W1", status: "approved", claimed: 100_000, approved: 80_000)
        try claim("W2", status: "rejected", claimed: 50_000, approved: 50_000, reason: "no fault found")
        try claim("W3", status: "partially_approved", claimed: 30_000, approved: nil)
        try claim("W4", status: "paid", claimed: nil, approved: 10_000)
        try claim("W5", status: "rejected", claimed: nil, approved: nil)
        try claim("W6", status: "rejected", claimed: 200_000, approved: nil, reason: "=cmd")
        try claim("W7", status: "rejected", claimed: 900_000, approved: nil, decided: "2026-09-30")

        func booking(_ no: String, out: Int64?, back: Int64?, status: String = "returned") throws {
            try f.insert("fleet_bookings", [
                "dealer_code": "D1", "booking_no": .text(no), "checked_out_at": "2026-10-01 08:00:00",
                "returned_at": "2026-10-02 08:00:00", "km_out": out.databaseValue, "km_in": back.databaseValue, "status": .text(status),
            ])
        }
        try booking("B1", out: 1_000, back: 1_250)
        try booking("B2", out: 500, back: 400)  // km_in below km_out: left out
        try booking("B3", out: 100, back: 100)  // 0 km counts
        try booking("B4", out: 0, back: 1_000, status: "cancelled")
        try booking("B5", out: 100, back: nil)

        func disposal(_ vin: String, on: String, method: String?, proceeds: Int64?) throws {
            try f.insert("vehicle_disposals", [
                "dealer_code": "D1", "vin": .text(vin), "disposed_on": .text(on), "method": method.databaseValue,
                "proceeds": proceeds.databaseValue,
            ])
        }
        try disposal("VD1", on: "2026-10-05", method: "scrap", proceeds: 100_000)
        try disposal("VD2", on: "2026-10-06", method: "sale", proceeds: nil)
        try disposal("VD3", on: "2026-10-07", method: nil, proceeds: 50_000)
        try disposal("VD4", on: "2026-09-30", method: "auction", proceeds: 70_000)
        return f
    }

    @Test(arguments: [
        ("parts.below_min_share", "D1", ["0.7500", "3", "4"]),
        ("parts.below_min_share", "network", ["0.6000", "3", "5"]),
        ("service.warranty_recovery_rate", "D1", ["0.2286", "800.00", "3500.00"]),
        ("fleet.km_per_booking", "D1", ["125.00", "250", "2"]),
        ("fleet.disposals", "D1", ["3", nil, nil]),
        ("fleet.disposals.scrap", "D1", ["1", nil, nil]),
        ("fleet.disposals.sale", "D1", ["1", nil, nil]),
        ("fleet.disposals.auction", "D1", ["0", nil, nil]),
        ("fleet.disposals.return_to_oem", "D1", ["0", nil, nil]),
        ("fleet.disposal_proceeds", "D1", ["1500.00", nil, nil]),
    ] as [(String, String, [String?])])
    func figures(id: String, group: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10", by: group == "network" ? .network : .dealer, group: group).triple == expected)
    }

    @Test func previousPeriodUsesTheCurrentPartMaster() throws {
        let report = try Self.fixture().report("2026-10")
        let row = try #require(report.rows.first { $0.definition.id == "parts.below_min_share" && $0.group.key == "D1" })
        // End of September: P1 0, P2 5 (at minimum), P3 1, P6 0.
        #expect(row.previous.value == "0.7500")
        let disposals = try #require(report.rows.first { $0.definition.id == "fleet.disposals.auction" && $0.group.key == "D1" })
        #expect(disposals.previous.value == "1")
    }

    static func list(_ id: String) throws -> ExceptionList {
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        return try #require(try Self.fixture().engine().exceptionLists(period, dealers: ["D1", "D2"]).first { $0.id == id })
    }

    @Test func partsBelowMinimumEmptiestFirst() throws {
        let list = try Self.list("parts_below_min")
        #expect(list.columns.map(\.name) == ["dealer_code", "part_no", "description", "qty_on_hand", "min_stock", "max_stock", "suggested_order_qty"])
        #expect(list.rows.map(\.cells) == [
            ["D1", "P6", "Part P6", "0.0000", "2.0000", nil, "2.0000"],
            ["D1", "P3", "Part P3", "1.0000", "4.0000", "3.0000", "3.0000"],
            ["D1", "P1", "Part P1", "2.0000", "5.0000", "20.0000", "18.0000"],
        ])
    }

    @Test func warrantyRejectionsLargestFirst() throws {
        let list = try Self.list("warranty_rejections")
        #expect(list.rows.map { $0.cells[1] } == ["W6", "W2", "W5"])
        #expect(list.rows[0].cells == ["D1", "W6", nil, nil, "2026-09-01", "2026-10-05", "1", "2000.00", "=cmd"])
        #expect(KPITables.exceptionCSV(list).contains(",'=cmd\r\n"))
    }
}
