import Testing
@testable import Ledger

/// Service KPIs against a hand-computed fixture (October 2026): period boundaries, a void
/// RO, a 30-day and a 31-day comeback, a cross-dealer comeback, empty op codes, several pay
/// types on one RO, zero denominators and a dealer missing from the master.
@Suite struct ServiceKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1", region: "East")
        try f.dealer("D2", region: "West")
        // D1
        try f.ro("D1", "R1", vin: "VINA", opened: "2026-09-28 08:00:00", completed: "2026-10-01 10:00:00",
                 invoiced: "2026-10-01 11:00:00", promised: "2026-10-01 12:00:00")
        try f.labor("D1", "R1", "1", op: "OP1", pay: "customer", tech: "T1", sold: 15_000, clocked: 20_000, sale: 30_000, cost: 10_000)
        try f.labor("D1", "R1", "2", op: "OP2", pay: "warranty", tech: "T2", sold: 10_000, clocked: 10_000, sale: 20_000, cost: 8_000)
        try f.part("D1", "R1", "1", qty: 20_000, price: 5_000, cost: 3_000, pay: "customer", filled: 1)
        try f.part("D1", "R1", "2", qty: 10_000, price: 10_000, cost: 7_000, pay: "warranty", filled: 0)
        // Exactly 30 × 24 h after R1's completion, invoiced at the last second of the period.
        try f.ro("D1", "R2", vin: "VINA", opened: "2026-10-31 10:00:00", completed: "2026-10-31 15:00:00",
                 invoiced: "2026-10-31 23:59:59", promised: "2026-10-31 14:00:00")
        try f.labor("D1", "R2", "1", op: "OP1", pay: "customer", tech: "T1", sold: 10_000, clocked: 10_000, sale: 15_000, cost: 5_000)
        try f.ro("D1", "R3", vin: "VINB", opened: "2026-10-05 09:00:00", completed: "2026-10-31 09:00:00", invoiced: "2026-11-01 00:00:00")
        try f.labor("D1", "R3", "1")
        try f.ro("D1", "R4", vin: "VINA", opened: "2026-10-09 09:00:00", completed: "2026-10-09 10:00:00",
                 invoiced: "2026-10-10 10:00:00", status: "void")
        try f.labor("D1", "R4", "1", op: "OP1")
        try f.ro("D1", "R5", vin: "VINC", opened: "2026-10-02 08:00:00", completed: "2026-10-02 12:00:00",
                 invoiced: "2026-10-02 13:00:00", type: "internal")
        try f.ro("D1", "R6", vin: "VIND", opened: "2026-10-20 08:00:00", invoiced: "2026-10-20 09:00:00", flag: 1)
        try f.ro("D1", "R8", vin: "VINE", opened: "2026-09-14 08:00:00", completed: "2026-09-15 08:00:00", invoiced: "2026-09-15 09:00:00")
        try f.labor("D1", "R8", "1", op: "OP9", tech: "T1", sold: 0, clocked: 0, sale: 0, cost: 0)
        // D2
        try f.ro("D2", "R7", vin: "VINE", opened: "2026-10-15 08:00:00", completed: "2026-10-15 17:00:00", invoiced: "2026-10-15 18:00:00")
        try f.labor("D2", "R7", "1", op: "OP9", tech: "T5")
        try f.ro("D2", "R10", vin: "VINF", opened: "2026-09-15 07:00:00", completed: "2026-09-15 08:00:00", invoiced: "2026-09-15 09:00:00")
        try f.labor("D2", "R10", "1", op: "OP7", tech: "T5")
        try f.ro("D2", "R9", vin: "VINF", opened: "2026-10-16 08:00:00", completed: "2026-10-16 10:00:00", invoiced: "2026-10-16 11:00:00")
        try f.labor("D2", "R9", "1", op: "OP7", tech: "T5")
        try f.ro("D2", "R12", vin: "VING", opened: "2026-10-10 08:00:00", completed: "2026-10-10 09:00:00", invoiced: "2026-10-10 10:00:00")
        try f.labor("D2", "R12", "1", op: "", tech: "T5")
        try f.ro("D2", "R11", vin: "VING", opened: "2026-10-20 08:00:00", completed: "2026-10-20 09:00:00", invoiced: "2026-10-20 10:00:00")
        try f.labor("D2", "R11", "1", op: "", tech: "T5")
        // A dealer missing from the master: in no group, not even the network.
        try f.ro("X9", "R20", vin: "VINH", opened: "2026-10-05 08:00:00", completed: "2026-10-05 09:00:00",
                 invoiced: "2026-10-05 10:00:00", flag: 1)
        try f.labor("X9", "R20", "1", sold: 990_000)
        // Attendance: technicians T1 (16 h in October, 8 h in September), T2 (4 h); an advisor.
        for (id, role) in [("T1", "technician"), ("T2", "technician"), ("A1", "advisor")] {
            try f.insert("employees", ["dealer_code": "D1", "employee_id": .text(id), "role": .text(role)])
        }
        for (id, date, hours) in [("T1", "2026-10-01", 80_000), ("T1", "2026-10-31", 80_000), ("T1", "2026-09-30", 80_000),
                                  ("T2", "2026-10-15", 40_000), ("A1", "2026-10-01", 80_000)] as [(String, String, Int64)] {
            try f.insert("attendance", ["dealer_code": "D1", "employee_id": .text(id), "work_date": .text(date), "hours_present": .integer(hours)])
        }
        return f
    }

    @Test(arguments: [
        ("service.ro_closed", "D1", ["4", nil, nil]),
        ("service.ro_closed", "D2", ["4", nil, nil]),
        ("service.repair_cycle_hours_median", "D1", ["5.00", nil, nil]),
        ("service.repair_cycle_hours_p90", "D1", ["60.20", nil, nil]),
        ("service.promised_time_met_rate", "D1", ["0.5000", "1", "2"]),
        ("service.promised_time_met_rate", "D2", [nil, "0", "0"]),
        ("service.comeback_rate", "D1", ["0.6667", "2", "3"]),
        ("service.comeback_rate", "D2", ["0.2500", "1", "4"]),
        ("service.hours_per_ro", "D1", ["0.88", "3.5000", "4"]),
        ("service.hours_per_ro.customer", "D1", ["1.25", "2.5000", "2"]),
        ("service.hours_per_ro.warranty", "D1", ["1.00", "1.0000", "1"]),
        ("service.hours_per_ro.internal", "D1", [nil, "0.0000", "0"]),
        ("service.effective_labor_rate", "D1", ["185.71", "650.00", "3.5000"]),
        ("service.effective_labor_rate.customer", "D1", ["180.00", "450.00", "2.5000"]),
        ("service.labor_gross_margin", "D1", ["0.6462", "420.00", "650.00"]),
        ("service.labor_gross_margin.warranty", "D1", ["0.6000", "120.00", "200.00"]),
        ("service.labor_gross_margin.insurance", "D1", [nil, "0.00", "0.00"]),
        ("service.tech_efficiency", "D1", ["0.8750", "3.5000", "4.0000"]),
        ("service.tech_productivity", "D1", ["0.2000", "4.0000", "20.0000"]),
        ("service.tech_proficiency", "D1", ["0.1750", "3.5000", "20.0000"]),
        ("parts.gross_margin", "D1", ["0.3500", "70.00", "200.00"]),
        ("parts.gross_margin.customer", "D1", ["0.4000", "40.00", "100.00"]),
        ("parts.gross_margin.warranty", "D1", ["0.3000", "30.00", "100.00"]),
        ("parts.gross_margin.insurance", "D1", [nil, "0.00", "0.00"]),
    ] as [(String, String, [String?])])
    func dealerFigures(id: String, dealer: String, expected: [String?]) throws {
        let f = try Self.fixture()
        #expect(try f.figure(id, "2026-10", group: dealer).triple == expected)
    }

    @Test(arguments: [
        ("service.ro_closed", ["8", nil, nil]),
        ("service.comeback_rate", ["0.4286", "3", "7"]),
        ("service.repair_cycle_hours_median", ["4.00", nil, nil]),
        ("service.repair_cycle_hours_p90", ["35.00", nil, nil]),
    ] as [(String, [String?])])
    func networkPoolsKnownDealersOnly(id: String, expected: [String?]) throws {
        let f = try Self.fixture()
        #expect(try f.figure(id, "2026-10", by: .network, group: "network").triple == expected)
    }

    @Test(arguments: [
        (30, ComebackMatch.opcode, "D2", "0.2500"),
        (31, .opcode, "D2", "0.5000"),  // R9 came back 31 days after R10
        (30, .any, "D2", "0.5000"),  // R11 after R12 with no op code in common
        (29, .opcode, "D1", "0.3333"),  // only R6's flag is left
    ] as [(Int, ComebackMatch, String, String)])
    func comebackOptionsChangeTheRule(days: Int, match: ComebackMatch, dealer: String, expected: String) throws {
        let f = try Self.fixture()
        let options = KPIOptions(comebackDays: days, comebackMatch: match)
        #expect(try f.figure("service.comeback_rate", "2026-10", group: dealer, options: options).value == expected)
    }

    @Test func comebackLogAndTechnicians() throws {
        let f = try Self.fixture()
        let engine = f.engine()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let log = try #require(try engine.exceptionLists(period, dealers: ["D1", "D2"]).first { $0.id == "comeback_log" })
        // Quickest first: R2 and R7 both came back after 30 days; R6 (flag only) last.
        #expect(log.rows.map { $0.cells[1] } == ["R2", "R7", "R6"])
        #expect(log.rows[1].cells[5] == "D1")  // cross-dealer: R7 at D2 came back from D1's R8
        #expect(log.rows[1].cells[6] == "R8")
        #expect(log.rows[0].cells[9] == "OP1")
        #expect(log.rows[0].cells[10] == "T1 T2")
        let techs = try engine.technicianFigures(period, dealers: ["D1"])
        #expect(techs.map(\.technicianID) == ["T1", "T2"])
        #expect(techs[0].soldHours == 25_000 && techs[0].clockedHours == 30_000 && techs[0].hoursPresent == 160_000)
        #expect(techs[0].efficiency == "0.8333")
        #expect(techs[0].comebacks == 2)
        #expect(techs[1].comebacks == 1)
    }
}
