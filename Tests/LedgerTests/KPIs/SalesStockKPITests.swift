import Testing
@testable import Ledger

/// Sales, surveys, appointments and warranty KPIs against hand-computed figures (October 2026).
@Suite struct SalesKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        let yuan: Int64 = 100
        try f.order("D1", "O1", ordered: "2026-09-21", delivered: "2026-10-01", promised: "2026-10-01", price: 200_000 * yuan, cost: 180_000 * yuan, fi: 5_000 * yuan)
        try f.order("D1", "O2", ordered: "2026-10-01", delivered: "2026-10-31", promised: "2026-10-30", price: 150_000 * yuan, cost: 140_000 * yuan)
        try f.order("D1", "O3", ordered: "2026-10-10", delivered: "2026-10-15", sale: "used", price: 80_000 * yuan, cost: 85_000 * yuan, fi: 1_000 * yuan)
        try f.order("D1", "O4", ordered: "2026-10-01", delivered: "2026-10-20", promised: "2026-10-25", type: "fleet", price: 1, cost: 1, fi: 999)
        try f.order("D1", "O5", ordered: "2026-09-01", delivered: "2026-09-30", price: 9, cost: 1)
        try f.order("D1", "O6", ordered: "2026-10-15", delivered: "2026-11-01", price: 9, cost: 1)
        try f.order("D1", "O7", ordered: "2026-10-05")  // delivered without delivered_on: never delivered
        try f.order("D1", "O8", ordered: "2026-10-03", status: "cancelled")
        try f.order("D1", "O9", ordered: "2026-10-31", status: "rejected")
        try f.order("D1", "O10", ordered: "2026-10-12", status: "open")
        try f.order("D1", "O11", ordered: "2026-10-02", delivered: "2026-10-10", status: "cancelled")
        for (id, date, kind, score, recommend) in [
            ("S1", "2026-10-01", "sales", 95_000, 100_000), ("S2", "2026-10-31", "sales", 80_000, 60_000),
            ("S3", "2026-10-10", "sales", nil, 90_000), ("S4", "2026-10-11", "sales", 70_000, nil),
            ("S5", "2026-11-01", "sales", 0, 0), ("S6", "2026-10-05", "service", 30_000, 0),
        ] as [(String, String, String, Int64?, Int64?)] {
            try f.insert("csi_surveys", ["dealer_code": "D1", "survey_id": .text(id), "survey_date": .text(date), "kind": .text(kind),
                                         "score": score.databaseValue, "recommend": recommend.databaseValue])
        }
        for (id, at, status) in [("A1", "2026-10-01 09:00:00", "arrived"), ("A2", "2026-10-31 23:00:00", "no_show"),
                                 ("A3", "2026-10-05 09:00:00", "cancelled"), ("A4", "2026-10-06 09:00:00", "booked"),
                                 ("A5", "2026-11-01 00:00:00", "arrived")] {
            try f.insert("appointments", ["dealer_code": "D1", "appointment_no": .text(id), "scheduled_at": .text(at), "status": .text(status)])
        }
        for (id, submitted, decided, status, count) in [
            ("C1", "2026-10-01", "2026-10-11", "approved", 1), ("C2", "2026-09-01", "2026-10-15", "paid", 2),
            ("C3", "2026-10-05", "2026-10-06", "rejected", 1), ("C4", "2026-10-01", "2026-10-31", "partially_approved", 1),
            ("C5", "2026-10-01", "2026-11-01", "approved", 1),
        ] as [(String, String, String, String, Int64)] {
            try f.insert("warranty_claims", ["dealer_code": "D1", "claim_no": .text(id), "submitted_on": .text(submitted),
                                             "decided_on": .text(decided), "status": .text(status), "submission_count": .integer(count)])
        }
        return f
    }

    @Test(arguments: [
        ("sales.new_retail_units", ["2", nil, nil]),
        ("sales.used_retail_units", ["1", nil, nil]),
        ("sales.on_time_delivery_rate", ["0.6667", "2", "3"]),
        ("sales.order_to_delivery_days_median", ["14.50", nil, nil]),
        ("sales.cancellation_rate", ["0.3333", "3", "9"]),
        ("sales.new_front_gross_per_unit", ["15000.00", "30000.00", "2"]),
        ("sales.used_front_gross_per_unit", ["-5000.00", "-5000.00", "1"]),
        ("sales.fi_income_per_unit", ["2000.00", "6000.00", "3"]),
        ("sales.csi_score", ["8.17", "24.5000", "3"]),
        ("sales.nps", ["0.3333", "1", "3"]),
        ("service.csi_score", ["3.00", "3.0000", "1"]),
        ("service.nps", ["-1.0000", "-1", "1"]),
        ("service.appointment_show_rate", ["0.3333", "1", "3"]),
        ("service.warranty_first_pass_rate", ["0.2500", "1", "4"]),
        ("service.warranty_days_to_decision_median", ["20.00", nil, nil]),
    ] as [(String, [String?])])
    func figures(id: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10", group: "D1").triple == expected)
    }
}

/// Vehicle stock: stays, leavings, ages and daily balances (October 2026, 31 days).
@Suite struct StockKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.dealer("D2", region: "West")
        let k: Int64 = 100_000  // 1 000.00 in fen
        try f.event("D1", "V1", "stocked_in", "2026-06-01 10:00:00", cost: 100 * k)
        try f.event("D1", "V1", "reserved", "2026-10-02 10:00:00")
        try f.event("D1", "V2", "stocked_in", "2026-09-15 10:00:00", cost: 50 * k)
        try f.event("D1", "V2", "delivered", "2026-10-10 15:00:00")
        try f.event("D1", "V3", "stocked_in", "2026-10-05 10:00:00", cost: 60 * k)
        try f.event("D1", "V3", "stocked_out", "2026-10-31 09:00:00")  // a transfer to D2
        try f.event("D2", "V3", "stocked_in", "2026-10-31 10:00:00", cost: 60 * k)
        try f.event("D1", "V4", "stocked_in", "2026-10-20 08:00:00", cost: 70 * k)
        try f.event("D1", "V5", "stocked_in", "2026-08-31 08:00:00", cost: 40 * k)
        try f.event("D1", "V5", "returned", "2026-10-12 08:00:00")
        try f.event("D1", "V6", "stocked_in", "2026-09-01 08:00:00", cost: 30 * k)  // 60 days old at the end
        try f.event("D1", "V7", "stocked_in", "2026-08-02 08:00:00", cost: 20 * k)  // 90 days old
        try f.event("D1", "V9", "stocked_in", "2026-07-01 08:00:00", cost: 25 * k)
        try f.event("D1", "V9", "stocked_out", "2026-07-20 08:00:00")
        try f.event("D1", "V9", "stocked_in", "2026-10-25 08:00:00", cost: 26 * k)
        try f.event("X9", "V8", "stocked_in", "2026-10-01 08:00:00", cost: 99 * k)  // unknown dealer
        return f
    }

    @Test(arguments: [
        ("stock.vehicle_units_end", "D1", ["5", nil, nil]),
        ("stock.vehicle_value_end", "D1", ["246000.00", nil, nil]),
        ("stock.vehicle_aged_0_30", "D1", ["2", nil, nil]),
        ("stock.vehicle_aged_31_60", "D1", ["1", nil, nil]),
        ("stock.vehicle_aged_61_90", "D1", ["1", nil, nil]),
        ("stock.vehicle_aged_over_90", "D1", ["1", nil, nil]),
        ("stock.vehicle_aged_over_90_share", "D1", ["0.2000", "1", "5"]),
        ("stock.vehicle_turnover", "D1", ["4.94", "110000.00", "262000.00"]),
        ("stock.vehicle_days_supply", "D1", ["77.50", "5", "0.06"]),
        ("stock.vehicle_units_end", "D2", ["1", nil, nil]),
        ("stock.vehicle_turnover", "D2", ["0.00", "0.00", "1935.48"]),
        ("stock.vehicle_days_supply", "D2", [nil, "1", "0.00"]),
        ("stock.vehicle_units_end", "network", ["6", nil, nil]),
    ] as [(String, String, [String?])])
    func figures(id: String, group: String, expected: [String?]) throws {
        let by: GroupBy = group == "network" ? .network : .dealer
        #expect(try Self.fixture().figure(id, "2026-10", by: by, group: group).triple == expected)
    }

    /// A 15-day range: days(P) = 15 in the mean daily value, the annualisation and the days supply.
    @Test(arguments: [
        ("stock.vehicle_turnover", ["4.80", "50000.00", "253333.33"]),
        ("stock.vehicle_days_supply", ["60.00", "4", "0.07"]),
        ("stock.vehicle_units_end", ["4", nil, nil]),
        ("stock.vehicle_aged_over_90", ["1", nil, nil]),
        ("stock.vehicle_aged_0_30", ["1", nil, nil]),
    ] as [(String, [String?])])
    func rangePeriod(id: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10-01..2026-10-15", group: "D1").triple == expected)
    }
}
