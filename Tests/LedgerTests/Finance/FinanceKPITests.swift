import Foundation
import Testing
import TestSupport
@testable import FeedGenerator
@testable import Ledger

@Suite("Finance KPIs")
struct FinanceKPITests {
    @Test("the finance ids are those of kpis.md section 10, in that order, between service and fleet")
    func catalogueOrder() {
        let departments = ["new", "used", "f_and_i", "service", "parts", "bodyshop", "admin"]
        var expected: [String] = []
        for base in ["sales", "cost_of_sales", "gross", "gross_margin"] {
            expected += ["finance.\(base)"] + departments.map { "finance.\(base).\($0)" }
        }
        expected += ["finance.expenses"] + ["new", "used", "service", "parts", "bodyshop", "admin"].map { "finance.expenses.\($0)" }
        expected += ["variable", "personnel", "semi_fixed", "fixed"].map { "finance.expenses.\($0)" }
        expected += ["finance.operating_profit", "finance.absorption_rate"]
        let ids = KPICatalogue.standard.definitions.map(\.id)
        #expect(ids.filter { $0.hasPrefix("finance.") } == expected)
        let first = ids.firstIndex(of: "finance.sales") ?? 0
        #expect(ids[first - 1] == "service.nps")
        #expect(ids[first + expected.count] == "fleet.vehicles")
    }

    @Test("finance KPIs per dealer and as ratios of sums over a region", arguments: [
        ("finance.sales", GroupBy.dealer, "D1", ["1250.00", nil, nil]),
        ("finance.gross.new", .dealer, "D1", ["200.00", nil, nil]),
        ("finance.gross_margin.new", .dealer, "D1", ["0.1667", "200.00", "1200.00"]),
        ("finance.gross_margin.used", .dealer, "D1", [nil, "0.00", "0.00"]),
        ("finance.sales.f_and_i", .dealer, "D1", ["50.00", nil, nil]),
        ("finance.sales.service", .dealer, "D2", ["400.00", nil, nil]),
        ("finance.cost_of_sales.service", .dealer, "D2", ["100.00", nil, nil]),
        ("finance.gross_margin.service", .region, "East", ["0.7500", "300.00", "400.00"]),
        ("finance.gross_margin", .region, "East", ["0.3329", "556.00", "1670.00"]),
        ("finance.expenses", .dealer, "D1", ["150.00", nil, nil]),
        ("finance.expenses.variable", .dealer, "D1", ["50.00", nil, nil]),
        ("finance.expenses.admin", .dealer, "D1", ["100.00", nil, nil]),
        ("finance.operating_profit", .region, "East", ["406.00", nil, nil]),
        ("finance.absorption_rate", .dealer, "D1", ["0.0000", "0.00", "100.00"]),
        ("finance.absorption_rate", .dealer, "D2", [nil, "306.00", "0.00"]),
        ("finance.absorption_rate", .region, "East", ["3.0600", "306.00", "100.00"]),
    ] as [(String, GroupBy, String, [String?])])
    func figures(id: String, by: GroupBy, group: String, expected: [String?]) throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.dealer("D2")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 100_000, cost: 80_000, fi: 5_000)
        try f.order("D1", "SO2", delivered: "2026-10-06", type: "fleet", price: 20_000, cost: 20_000)
        try f.ro("D2", "RO1", invoiced: "2026-10-02 17:00:00")
        try f.labor("D2", "RO1", "1", sale: 40_000, cost: 10_000)
        try f.part("D2", "RO1", "1", qty: 20_000, price: 1_000, cost: 700)
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E1", "posting_date": "2026-10-31", "account": "a",
                                  "department": "admin", "category": "fixed", "amount": 10_000])
        try f.insert("expenses", ["dealer_code": "D1", "entry_no": "E2", "posting_date": "2026-10-20", "account": "b",
                                  "department": "new", "category": "variable", "amount": 5_000])
        #expect(try f.figure(id, "2026-10", by: by, group: group).triple == expected)
    }

    @Test("finance rows carry the previous period and a year earlier")
    func comparisons() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.order("D1", "SO1", delivered: "2026-10-05", price: 100_000, cost: 80_000)
        try f.order("D1", "SO2", delivered: "2026-09-05", price: 50_000, cost: 40_000)
        try f.order("D1", "SO3", delivered: "2025-10-05", price: 10_000, cost: 5_000)
        let report = try f.report("2026-10")
        let row = try #require(report.rows.first { $0.definition.id == "finance.gross" })
        #expect([row.current.value, row.previous.value, row.yearEarlier.value] == ["200.00", "100.00", "50.00"])
    }
}
