import Foundation
import Testing
import TestSupport
@testable import Ledger

/// The complaints feed and eta / freight_cost on vehicle_events, loaded through the importer
/// (feeds.md 2: canonical and Chinese headers, value aliases, GB18030).
@Suite struct ComplaintsFeedTests {
    static func load(_ files: [(String, [UInt8])]) throws -> (Database, [FileSummary]) {
        let directory = try TemporaryDirectory("complaints-feed")
        let database = try Database(path: directory.file("dms.sqlite"))
        try WarehouseSchema.migrator.migrate(database)
        var paths: [String] = []
        for (name, bytes) in files { paths.append(try directory.write(name, bytes: bytes)) }
        let importer = try Importer(database: database, options: ImportOptions(), clock: FixedClock(seconds: 1_800_000_000)) { _ in }
        return (database, try importer.load(paths: paths))
    }

    @Test func canonicalCSV() throws {
        let csv = """
            dealer_code,complaint_no,customer_id,vin,ro_no,order_no,opened_at,channel,category,severity,closed_at,status,satisfied
            D1,C1,CU1,,RO1,,2026-10-01 09:00,wechat,repair_quality,high,2026-10-03T09:00:00+08:00,closed,yes
            D1,C2,,,,SO1,2026-10-02,oem_hotline,price,LOW,,OPEN,

            """
        let (database, summaries) = try Self.load([("complaints_D1.csv", Array(csv.utf8))])
        #expect(summaries.map(\.outcome) == [.loaded], "\(summaries)")
        let rows = try database.rows(
            "SELECT complaint_no, opened_at, channel, category, severity, closed_at, status, satisfied, ro_no, order_no FROM complaints ORDER BY 1")
        #expect(rows.map { $0.values.map(\.string) } == [
            ["C1", "2026-10-01 09:00:00", "wechat", "repair_quality", "high", "2026-10-03 09:00:00", "closed", "1", "RO1", nil],
            ["C2", "2026-10-02 00:00:00", "oem_hotline", "price", "low", nil, "open", nil, nil, "SO1"],
        ])
        #expect(try database.scalar("SELECT typeof(satisfied) FROM complaints WHERE complaint_no = 'C1'").string == "integer")
    }

    @Test func chineseHeadersAndValuesInGB18030() throws {
        let csv = """
            经销商代码,投诉单号,客户编号,车架号,工单号,销售订单号,投诉时间,投诉渠道,投诉类别,严重程度,结案时间,处理状态,客户是否满意
            D1,TS001,CU9,,RO7,,2026年10月05日,微信,维修质量,严重,2026-10-06 10:00:00,已结案,是
            D1,TS002,,,,,2026/10/06 08:30,厂家热线,服务态度,一般,,处理中,
            D1,TS003,,,,,2026-10-07 08:30,门店,价格,较重,,作废,否

            """
        let bytes = gb18030Encoded(csv)
        #expect(String(bytes: bytes, encoding: .utf8) == nil)  // really GB18030, not UTF-8
        let (database, summaries) = try Self.load([("complaints_D1_gbk.csv", bytes)])
        #expect(summaries.map(\.outcome) == [.loaded], "\(summaries)")
        let rows = try database.rows("SELECT complaint_no, opened_at, channel, category, severity, status, satisfied FROM complaints ORDER BY 1")
        #expect(rows.map { $0.values.map { $0.string ?? $0.int64.map(String.init) } } == [
            ["TS001", "2026-10-05 00:00:00", "wechat", "repair_quality", "high", "closed", "1"],
            ["TS002", "2026-10-06 08:30:00", "oem_hotline", "attitude", "low", "open", nil],
            ["TS003", "2026-10-07 08:30:00", "store", "price", "medium", "void", "0"],
        ])
    }

    @Test func anUnknownSeverityRejectsTheRow() throws {
        let csv = "dealer_code,complaint_no,opened_at,severity\nD1,C1,2026-10-01,urgent\nD1,C2,2026-10-01,high\n"
        var options = ImportOptions()
        options.maxRejectRate = 1
        let directory = try TemporaryDirectory("complaints-reject")
        let database = try Database(path: directory.file("dms.sqlite"))
        try WarehouseSchema.migrator.migrate(database)
        let path = try directory.write("complaints.csv", csv)
        let summaries = try Importer(database: database, options: options, clock: FixedClock(seconds: 1_800_000_000)) { _ in }.load(paths: [path])
        #expect(summaries.first?.rejected == 1)
        #expect(try database.scalar("SELECT group_concat(complaint_no) FROM complaints").string == "C2")
    }

    /// eta (a bare date is 00:00:00) and freight_cost from CSV, by canonical and Chinese names.
    @Test func etaAndFreightFromCSV() throws {
        let csv = """
            经销商代码,车架号,event_type,发生时间,预计到达时间,运费,承运商名称
            D1,LSVAM4183RN100000,发车,2026-10-01 08:00:00,2026-10-05,"¥1,850.50",安吉物流
            D1,LSVAM4183RN100000,在途,2026-10-02 08:00:00,2026-10-06 12:00,,

            """
        let (database, summaries) = try Self.load([("vehicle_events_D1.csv", Array(csv.utf8))])
        #expect(summaries.map(\.outcome) == [.loaded], "\(summaries)")
        let rows = try database.rows("SELECT event_type, eta, freight_cost FROM vehicle_events ORDER BY event_time")
        #expect(rows.map { [$0[0].string, $0[1].string, $0[2].int64.map(String.init)] } == [
            ["dispatched", "2026-10-05 00:00:00", "185050"],
            ["in_transit", "2026-10-06 12:00:00", nil],
        ])
    }
}
