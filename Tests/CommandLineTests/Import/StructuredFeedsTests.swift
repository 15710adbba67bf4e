import Foundation
import Testing
import Ledger
import TestSupport

/// XML documents and profiled exports through the real `dms-import`: same batches,
/// upserts, rejects and exit codes as canonical CSV.
@Suite struct StructuredFeedsTests {
    let directory: TemporaryDirectory
    let warehouse: String

    init() throws {
        directory = try TemporaryDirectory("structured")
        warehouse = directory.file("w.sqlite")
    }

    func load(_ arguments: [String]) throws -> ToolResult {
        try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects")] + arguments)
    }

    @Test func theXMLSamplesLoadIntoTheCanonicalTables() throws {
        let result = try load([Tools.repositoryRoot + "/samples/xml"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(result.stdout.contains("oem_dealer_master.xml: feed=dealers read=6 inserted=6"))
        #expect(result.stdout.contains("oem_vehicle_shipments.xml: feed=vehicles+vehicle_events read=9 inserted=9"))
        #expect(result.stdout.contains("reynolds_era_sro.xml: feed=repair_orders+ro_labor+ro_parts read=8 inserted=8"))
        #expect(result.stdout.contains("star_process_repair_order.xml: feed=repair_orders+ro_labor+ro_parts read=9 inserted=9"))
        #expect(result.stdout.contains("total: files=7 read=43 inserted=43"))
        let database = try Database(path: warehouse)
        #expect(try database.scalar("SELECT COUNT(*) FROM vehicle_events WHERE event_type IN ('dispatched', 'in_transit')").int64 == 6)
        // Reloading the same bytes loads nothing; forcing it changes nothing.
        let again = try load(["--force", Tools.repositoryRoot + "/samples/xml"])
        #expect(again.stdout.contains("total: files=7 read=43 inserted=0 updated=0 unchanged=43"))
    }

    @Test func aWarrantyDecisionUpdatesOnlyTheDecisionColumns() throws {
        try directory.write(
            "in/warranty_claims_1.csv",
            "dealer_code,claim_no,ro_no,vin,submitted_on,status,claimed_amount,submission_count\nDLR001,WC1,RO1,1M8GDM9AXKP042788,2026-10-01,submitted,1000.00,1\n")
        try directory.write(
            "in/z_decisions.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <WarrantyDecisions xmlns="urn:ledger-dms:oem:1">
              <Decision><claim_no>WC1</claim_no><dealer_code>DLR001</dealer_code><status>approved</status>
                <approved_amount currencyID="CNY">900.50</approved_amount><decided_on>2026-10-09</decided_on></Decision>
            </WarrantyDecisions>
            """)
        let result = try load([directory.file("in")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let row = try Database(path: warehouse).rows(
            "SELECT status, approved_amount, decided_on, claimed_amount, submitted_on, ro_no FROM warranty_claims")
        #expect(row.first?.values == ["approved", .integer(90050), "2026-10-09", .integer(100000), "2026-10-01", "RO1"])
    }

    @Test(arguments: [
        ("billion_laughs.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
            <DealerMaster xmlns="urn:ledger-dms:oem:1"><Dealer><dealer_code>&lol3;</dealer_code></Dealer></DealerMaster>
            """),
        ("external_entity.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <DealerMaster xmlns="urn:ledger-dms:oem:1"><Dealer><dealer_code>&x;</dealer_code></Dealer></DealerMaster>
            """),
        ("truncated.xml", "<?xml version=\"1.0\"?>\n<DealerMaster xmlns=\"urn:ledger-dms:oem:1\"><Dealer><dealer_code>D1</dealer_code></Dealer><Dealer><dealer_co"),
        ("bare_ampersand.xml", "<DealerMaster xmlns=\"urn:ledger-dms:oem:1\"><Dealer><dealer_code>D1</dealer_code><name>A & B</name></Dealer></DealerMaster>"),
        ("wrong_root.xml", "<Invoices><Invoice/></Invoices>"),
    ])
    func hostileXMLFailsTheFileWithExit65(name: String, text: String) throws {
        try directory.write("in/" + name, text)
        let result = try load([directory.file("in")])
        #expect(result.status == 65)
        #expect(result.stdout.contains("outcome=failed"))
        #expect(result.stderr.contains("\(name):"))
        #expect(result.stderr.contains("error:"))
        #expect(try WarehouseDigest.count("dealers", in: warehouse) == 0)
        #expect(!result.stderr.contains("root:"), "no file content may leak into messages")
    }

    @Test func theShippedProfilesLoadTheirSamples() throws {
        let result = try load(["--profile", Tools.repositoryRoot + "/profiles", Tools.repositoryRoot + "/samples/profiles"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("RO_DLR001_20261126.txt: feed=repair_orders read=3 inserted=3"))
        #expect(result.stdout.contains("ROLABOR_DLR001_20261126.txt: feed=ro_labor read=3 inserted=3"))
        #expect(result.stdout.contains("ROPART_DLR001_20261126.txt: feed=ro_parts read=3 inserted=3"))
        #expect(result.stdout.contains("PARTS_LEDGER_DLR003_202611.csv: feed=part_movements read=6 inserted=6"))
        #expect(result.stdout.contains("工单导出_DLR001_20261027.xlsx: feed=repair_orders read=3 inserted=3"))
        let database = try Database(path: warehouse)
        // Dictionary codes became canonical values; 返工 is a comeback.
        let types = try database.rows("SELECT ro_type, status, comeback_flag FROM repair_orders ORDER BY ro_no").map(\.values)
        #expect(types.count == 6)  // 3 from the text interface, 3 from the Yonyou Excel export
        #expect(types.allSatisfy { ["maintenance", "repair", "bodyshop", "warranty", "pdi", "recall", "internal"].contains($0[0].string ?? "") })
        #expect(types.contains { $0[2] == .integer(1) })
    }

    @Test func aTrailerThatDisagreesFailsTheFile() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: Tools.repositoryRoot + "/samples/profiles/RO_DLR001_20261126.txt"))
        var bytes = Array(original)
        // TRL|3 → TRL|4
        if let index = bytes.lastIndex(of: UInt8(ascii: "3")) { bytes[index] = UInt8(ascii: "4") }
        try directory.write("in/RO_DLR001_20261127.txt", bytes: bytes)
        let result = try load(["--profile", Tools.repositoryRoot + "/profiles", directory.file("in")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("the trailer declares 4 records but the file holds 3"))
        #expect(try WarehouseDigest.count("repair_orders", in: warehouse) == 0)
    }

    @Test func aProfileErrorNamesTheFileAndTheKey() throws {
        try directory.write("p/bad.toml", "name = \"bad\"\nfeed = \"repair_orders\"\nheader_row = \"x\"\n")
        let result = try load(["--profile", directory.file("p/bad.toml"), directory.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("bad.toml"))
        #expect(result.stderr.contains("header_row"))
    }
}
