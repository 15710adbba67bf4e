import Testing
@testable import Ledger

/// Staff headcount and turnover (kpis.md 12), October 2026.
@Suite struct StaffKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        func employee(_ id: String, _ role: String?, hired: String?, left: String?) throws {
            try f.insert("employees", [
                "dealer_code": "D1", "employee_id": .text(id), "role": role.databaseValue, "hired_on": hired.databaseValue,
                "left_on": left.databaseValue,
            ])
        }
        try employee("E1", "technician", hired: "2020-01-01", left: nil)
        try employee("E2", "advisor", hired: "2026-10-05", left: "2026-10-20")  // hired and leaving inside P
        try employee("E3", "sales", hired: "2019-01-01", left: "2026-10-31")  // leaves on the last day
        try employee("E4", "sales", hired: "2019-01-01", left: "2026-09-30")  // left the day before P
        try employee("E5", "manager", hired: "2026-10-10", left: nil)
        try employee("E6", "technician", hired: nil, left: nil)
        try employee("E7", "parts", hired: "2018-01-01", left: "2026-11-05")
        try employee("E8", "technician", hired: "2026-10-15", left: nil)
        try employee("E9", nil, hired: "2026-11-01", left: nil)  // hired after P
        return f
    }

    @Test(arguments: [
        ("staff.headcount_end", ["5", nil, nil]),
        ("staff.headcount_end.technician", ["3", nil, nil]),
        ("staff.headcount_end.advisor", ["0", nil, nil]),
        ("staff.headcount_end.sales", ["0", nil, nil]),
        // Leavers E2, E3; headcount 4 at the end of 30 September (E1, E3, E6, E7) and 5 at the end.
        ("staff.turnover_rate", ["0.4444", "2", "4.5"]),
    ] as [(String, [String?])])
    func figures(id: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10", group: "D1").triple == expected)
    }

    @Test func aQuarterIsNotAnnualised() throws {
        // End of June: E1, E3, E4, E6, E7 = 5; end of September: 4; leaver E4.
        #expect(try Self.fixture().figure("staff.turnover_rate", "2026-Q3", group: "D1").triple == ["0.2222", "1", "4.5"])
    }
}

/// Customer complaints (kpis.md 13 and complaints_open_over_7_days), October 2026.
@Suite struct ComplaintKPITests {
    static func fixture() throws -> KPIFixture {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.dealer("D2")
        func complaint(
            _ no: String, dealer: String = "D1", opened: String?, closed: String? = nil, status: String?, satisfied: Int64? = nil,
            severity: String? = nil
        ) throws {
            try f.insert("complaints", [
                "dealer_code": .text(dealer), "complaint_no": .text(no), "opened_at": opened.databaseValue, "closed_at": closed.databaseValue,
                "status": status.databaseValue, "satisfied": satisfied.databaseValue, "severity": severity.databaseValue,
                "category": "price", "channel": "phone",
            ])
        }
        try complaint("C1", opened: "2026-10-01 09:00:00", closed: "2026-10-03 09:00:00", status: "closed", satisfied: 1)  // exactly 48 h
        try complaint("C2", opened: "2026-10-02 09:00:00", closed: "2026-10-04 09:00:01", status: "closed", satisfied: 0)
        try complaint("C3", opened: "2026-10-05 10:00:00", closed: "2026-10-06 10:00:00", status: "open", severity: "low")  // re-opened
        try complaint("C4", opened: "2026-10-10 10:00:00", status: "void", severity: "high")
        try complaint("C5", opened: "2026-09-20 08:00:00", closed: "2026-10-02 08:00:00", status: "closed")
        try complaint("C6", opened: "2026-10-25 00:00:00", status: "open", severity: "high")  // 6 d 23:59:59
        try complaint("C7", opened: "2026-10-24 23:59:59", closed: "2026-11-03 10:00:00", status: "closed")  // exactly 7 d open
        try complaint("C8", opened: "2026-10-20 08:00:00", closed: "2026-11-05 10:00:00", status: "closed", severity: "high")
        try complaint("C9", opened: "2026-10-15 08:00:00", status: "closed")  // closed without a date: not open
        try complaint("C10", opened: "2026-10-11 12:00:00", status: nil, severity: "medium")
        try complaint("K1", dealer: "D2", opened: "2026-10-03 08:00:00", closed: "2026-10-03 20:00:00", status: "closed", satisfied: 1)
        for no in ["R1", "R2", "R3"] { try f.ro("D1", no, opened: "2026-10-01 08:00:00", invoiced: "2026-10-05 08:00:00") }
        try f.ro("D1", "R4", opened: "2026-10-01 08:00:00", invoiced: "2026-10-05 08:00:00", status: "void")
        try f.ro("D2", "S1", opened: "2026-10-01 08:00:00", invoiced: "2026-10-05 08:00:00")
        return f
    }

    @Test(arguments: [
        // Opened in P, not void: C1 C2 C3 C6 C7 C8 C9 C10 = 8, over 3 ROs closed.
        ("crm.complaints_per_100_ros", "D1", ["266.67", "8", "3"]),
        // Closed in P: C1 (48 h), C2 (48 h 1 s), C5 (288 h); median 48 h 1 s.
        ("crm.complaint_resolution_hours_median", "D1", ["48.00", nil, nil]),
        ("crm.complaints_closed_within_48h_rate", "D1", ["0.3333", "1", "3"]),
        ("crm.complaint_satisfaction_rate", "D1", ["0.5000", "1", "2"]),
        ("crm.complaints_per_100_ros", "network", ["225.00", "9", "4"]),
        ("crm.complaints_closed_within_48h_rate", "network", ["0.5000", "2", "4"]),
        ("crm.complaint_resolution_hours_median", "network", ["48.00", nil, nil]),
    ] as [(String, String, [String?])])
    func figures(id: String, group: String, expected: [String?]) throws {
        #expect(try Self.fixture().figure(id, "2026-10", by: group == "network" ? .network : .dealer, group: group).triple == expected)
    }

    @Test func openComplaintsOverSevenDaysBySeverity() throws {
        let f = try Self.fixture()
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let list = try #require(try f.engine().exceptionLists(period, dealers: ["D1", "D2"]).first { $0.id == "complaints_open_over_7_days" })
        #expect(list.columns.map(\.name) == [
            "dealer_code", "complaint_no", "opened_at", "age_days", "severity", "category", "channel", "status", "customer_id", "vin",
            "ro_no", "order_no",
        ])
        #expect(list.rows.map { $0.cells[1] } == ["C8", "C10", "C3"])
        #expect(list.rows[0].cells[3] == "11.67")  // 2026-10-20 08:00:00 → 31st 23:59:59
        #expect(list.rows[1].cells[4] == "medium")
        #expect(list.rows[1].cells[7] == nil)
    }
}

/// Salespeople and advisors (kpis.md 14).
@Suite struct PeopleFiguresTests {
    @Test func salespeopleAddUpToTheDealersKPIs() throws {
        let f = try KPIFixture()
        try f.dealer("D1", name: "=Dealer")
        try f.order("D1", "O1", ordered: "2026-09-20", delivered: "2026-10-05", promised: "2026-10-06", price: 20_000_000, cost: 18_000_000)
        try f.order("D1", "O2", ordered: "2026-10-01", delivered: "2026-10-10", promised: "2026-10-08", sale: "used", price: 10_000, cost: 8_000)
        try f.order("D1", "O3", delivered: "2026-10-12", promised: "2026-10-12", type: "fleet")
        try f.order("D1", "O4", ordered: "2026-10-02", delivered: "2026-10-15")
        try f.order("D1", "O5", ordered: "2026-10-03", status: "cancelled")
        try f.order("D1", "O6", ordered: "2026-10-04", status: "open")
        for (no, person) in [("O1", "S1"), ("O2", "S1"), ("O3", "S2"), ("O5", "S2"), ("O6", "S3")] {
            try f.database.execute("UPDATE sales_orders SET salesperson_id = ? WHERE order_no = ?", [.text(person), .text(no)])
        }
        let report = try KPIReportBuilder(engine: f.engine()).build(.init(period: try #require(ReportingPeriod(parsing: "2026-10")), includesTrend: false))
        let csv = KPITables.salespeopleCSV(report)
        #expect(csv == KPITables.byteOrderMark + [
            "period_start,period_end,dealer_code,dealer_name,salesperson_id,retail_units,front_gross,promised_deliveries,on_time_deliveries,on_time_delivery_rate,orders,cancellations",
            "2026-10-01,2026-10-31,D1,'=Dealer,,1,0.00,0,0,,1,0",
            "2026-10-01,2026-10-31,D1,'=Dealer,S1,2,20020.00,2,1,0.5000,1,0",
            "2026-10-01,2026-10-31,D1,'=Dealer,S2,0,0.00,1,1,1.0000,1,1",
            "2026-10-01,2026-10-31,D1,'=Dealer,S3,0,0.00,0,0,,1,0",
        ].map { $0 + "\r\n" }.joined())
        let retail = report.salespeople.map(\.retailUnits).reduce(0, +)
        let units = report.rows.filter { $0.group.key == "D1" && ["sales.new_retail_units", "sales.used_retail_units"].contains($0.definition.id) }
        #expect(String(retail) == String(units.compactMap { $0.current.value.flatMap { Int64($0) } }.reduce(0, +)))
    }

    @Test func advisors() throws {
        let f = try KPIFixture()
        try f.dealer("D1")
        try f.ro("D1", "R1", vin: "VA", opened: "2026-10-01 08:00:00", invoiced: "2026-10-02 08:00:00")
        try f.labor("D1", "R1", "1", sold: 15_000, sale: 10_000)
        try f.ro("D1", "R2", vin: "VB", opened: "2026-10-01 08:00:00", invoiced: "2026-10-02 08:00:00", type: "internal")
        try f.labor("D1", "R2", "1", sold: 5_000, sale: 5_000)
        try f.ro("D1", "R3", vin: "VC", opened: "2026-10-03 08:00:00", invoiced: "2026-10-04 08:00:00", flag: 1)
        try f.ro("D1", "R4", vin: "VD", opened: "2026-10-03 08:00:00", invoiced: "2026-10-04 08:00:00")
        try f.ro("D1", "R9", vin: "VE", opened: "2025-01-03 08:00:00", invoiced: "2025-01-04 08:00:00")
        for (no, advisor) in [("R1", "A1"), ("R2", "A1"), ("R9", "A1"), ("R3", "A2")] {
            try f.database.execute("UPDATE repair_orders SET advisor_id = ? WHERE ro_no = ?", [.text(advisor), .text(no)])
        }
        func survey(_ id: String, kind: String, ref: String, score: Int64?) throws {
            try f.insert("csi_surveys", [
                "dealer_code": "D1", "survey_id": .text(id), "survey_date": "2026-10-10", "kind": .text(kind), "ref_no": .text(ref),
                "score": score.databaseValue,
            ])
        }
        try survey("S1", kind: "service", ref: "R1", score: 90_000)
        try survey("S2", kind: "service", ref: "R9", score: 70_000)  // an RO of another period counts
        try survey("S3", kind: "service", ref: "R1", score: nil)
        try survey("S4", kind: "sales", ref: "R1", score: 10_000)
        let report = try KPIReportBuilder(engine: f.engine()).build(.init(period: try #require(ReportingPeriod(parsing: "2026-10")), includesTrend: false))
        let lines = KPITables.advisorsCSV(report).split(separator: "\r\n").map(String.init)
        #expect(lines.dropFirst() == [
            "2026-10-01,2026-10-31,D1,Dealer D1,,1,0.00,0.0000,0.00,1,0,0.0000,0,",
            "2026-10-01,2026-10-31,D1,Dealer D1,A1,2,150.00,2.0000,1.00,1,0,0.0000,2,8.00",
            "2026-10-01,2026-10-31,D1,Dealer D1,A2,1,0.00,0.0000,0.00,1,1,1.0000,0,",
        ])
    }
}
