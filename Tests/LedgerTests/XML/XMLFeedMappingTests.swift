import Testing
@testable import Ledger

/// feeds.md 4: detection by root element, and each document's mapping to canonical rows.
@Suite struct XMLFeedMappingTests {
    static func rows(_ sample: String, options: XMLFeedOptions = XMLFeedOptions()) throws -> [SourceRow] {
        try XMLTestFiles.rows(XMLFeeds.rowSource(path: XMLTestFiles.sample("samples/xml/" + sample), options: options))
    }

    @Test(arguments: [
        ("oem_dealer_master.xml", XMLFeedKind.dealerMaster),
        ("oem_vehicle_shipments.xml", .vehicleShipments),
        ("oem_warranty_decisions.xml", .warrantyDecisions),
        ("oem_parts_price_list.xml", .partsPriceList),
        ("star_process_repair_order.xml", .starRepairOrders),
        ("star_process_repair_order_soap.xml", .starRepairOrders),
        ("reynolds_era_sro.xml", .reynoldsRepairOrders),
    ])
    func samplesAreDetected(sample: String, kind: XMLFeedKind) throws {
        #expect(try XMLFeeds.detect(path: XMLTestFiles.sample("samples/xml/" + sample)) == kind)
    }

    @Test(arguments: [
        "oem_dealer_master.xml", "oem_vehicle_shipments.xml", "oem_warranty_decisions.xml", "oem_parts_price_list.xml",
        "star_process_repair_order.xml", "star_process_repair_order_soap.xml", "reynolds_era_sro.xml",
    ])
    func everySampleRowUsesCanonicalColumns(sample: String) throws {
        let rows = try Self.rows(sample)
        #expect(!rows.isEmpty)
        for row in rows {
            let feed = try #require(FeedCatalogue.standard.feed(named: row.feed))
            for column in row.values.keys {
                #expect(feed.column(named: column) != nil, "\(row.feed).\(column)")
            }
            for key in feed.key {
                #expect(row.values[key]?.isEmpty == false, "\(sample) \(row.feed) line \(row.line) lacks \(key)")
            }
        }
    }

    @Test func dealerMaster() throws {
        let rows = try Self.rows("oem_dealer_master.xml")
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.feed == "dealers" })
        #expect(rows[0].values == [
            "dealer_code": "DLR001", "name": "杭州宝利澜海汽车销售服务有限公司", "region": "华东", "sub_region": "华东一区",
            "province": "浙江省", "city": "杭州市", "brand": "澜海", "opened_on": "2016-01-15", "status": "active",
        ])
        #expect(rows[0].line == 5)
        #expect(rows[0].column == 3)
        #expect(rows[5].values["status"] == "closed")
    }

    @Test func vehicleShipmentsGiveAVehicleAndTwoEvents() throws {
        let rows = try Self.rows("oem_vehicle_shipments.xml")
        #expect(rows.map(\.feed) == Array(repeating: ["vehicles", "vehicle_events", "vehicle_events"], count: 3).flatMap { $0 })
        #expect(rows[0].values == [
            "vin": "LSVAM4183RN100000", "dealer_code": "DLR001", "brand": "Aurora", "series": "A6",
            "model_code": "A6L-20T-LUX", "model_name": "A6L 2.0T 豪华型", "model_year": "2025", "color": "珍珠白",
            "certificate_no": "WDK2026112600418", "new_used": "new",
        ])
        #expect(rows[1].values == [
            "dealer_code": "DLR001", "vin": "LSVAM4183RN100000", "event_type": "dispatched",
            "event_time": "2026-11-26T09:30:00+08:00", "carrier": "安吉物流", "cost": "236800.00",
            "reference": "SHP-20261126-0041", "eta": "2026-11-28T18:00:00+08:00", "freight_cost": "1850.00",
        ])
        #expect(rows[2].values["event_type"] == "in_transit")
        // The ETA on both events, the freight on the dispatch only (it counts once).
        #expect(rows[2].values["eta"] == "2026-11-28T18:00:00+08:00")
        #expect(rows[2].values["freight_cost"] == nil)
        #expect(rows[2].values["event_time"] == "2026-11-26T09:30:00+08:00")
        #expect(rows[1].raw.contains("freight_cost=\"1850.00\""))
    }

    @Test func warrantyDecisions() throws {
        let rows = try Self.rows("oem_warranty_decisions.xml")
        #expect(rows.count == 3)
        #expect(rows[1].values == [
            "claim_no": "WC-DLR001-2026-00321", "dealer_code": "DLR001", "status": "partially_approved",
            "approved_amount": "540.00", "decided_on": "2026-11-25", "reject_reason": "工时超出标准工时，按标准工时 1.2 小时结算",
        ])
    }

    @Test func partsPriceListTakesTheDealerFromTheRootOrTheOption() throws {
        let rows = try Self.rows("oem_parts_price_list.xml", options: XMLFeedOptions(dealerCode: "DLR999"))
        #expect(rows.count == 4)
        #expect(rows[0].values == [
            "dealer_code": "DLR001", "part_no": "06L115562B", "description": "机油滤清器", "list_price": "98.00",
            "standard_cost": "61.50",
        ])
        let list = """
            <PartsPriceList xmlns="urn:ledger-dms:oem:1"><Part><part_no>P1</part_no><list_price currencyID="CNY">1.00</list_price></Part></PartsPriceList>
            """
        let withOption = try XMLTestFiles.rows(xml: list, options: XMLFeedOptions(dealerCode: "DLR002"))
        #expect(withOption.map { $0.values["dealer_code"] } == ["DLR002"])
        #expect {
            try XMLTestFiles.rows(xml: list)
        } throws: { error in
            (error as? FeedFileError)?.message.contains("--dealer CODE") == true
        }
    }

    @Test func unknownOEMElementsAreWarnedOnce() throws {
        let document = """
            <DealerMaster xmlns="urn:ledger-dms:oem:1">
              <Dealer><dealer_code>D1</dealer_code><fax>1</fax></Dealer>
              <Dealer><dealer_code>D2</dealer_code><fax>2</fax></Dealer>
              <Note>x</Note>
            </DealerMaster>
            """
        let source = try XMLFeeds.rowSource(path: XMLTestFiles.write(document))
        let rows = try XMLTestFiles.rows(source)
        #expect(rows.map { $0.values } == [["dealer_code": "D1"], ["dealer_code": "D2"]])
        #expect(source.warnings.count == 2)
        #expect(source.warnings.first?.message.contains("<fax>") == true)
        #expect(source.warnings.first?.line == 2)
    }

    @Test func starBareDocument() throws {
        let rows = try Self.rows("star_process_repair_order.xml")
        #expect(rows.map(\.feed) == [
            "repair_orders", "ro_labor", "ro_labor", "ro_parts", "ro_parts", "ro_parts",
            "repair_orders", "ro_labor", "ro_parts",
        ])
        #expect(rows[0].values == [
            "dealer_code": "DLR002", "ro_no": "RO2611260031", "vin": "LFV3A28K6RN123757",
            "opened_at": "2026-11-26T08:42:00+08:00", "promised_at": "2026-11-26T17:00:00+08:00",
            "completed_at": "2026-11-26T15:20:00+08:00", "invoiced_at": "2026-11-26T16:05:00+08:00",
            "mileage_km": "30412", "status": "invoiced", "advisor_id": "SA-0207", "comeback_flag": "false",
        ])
        #expect(rows[1].values == [
            "dealer_code": "DLR002", "ro_no": "RO2611260031", "line_no": "1", "op_code": "LOF30K",
            "description": "30000公里常规保养", "pay_type": "customer", "sold_hours": "1.2", "clocked_hours": "1.05",
            "technician_id": "T-1108", "labor_sale": "360.00", "labor_cost": "144.00",
        ])
        #expect(rows[3].values == [
            "dealer_code": "DLR002", "ro_no": "RO2611260031", "line_no": "1-1", "part_no": "06L115562B", "qty": "1",
            "unit_price": "98.00", "unit_cost": "61.50", "pay_type": "customer",
        ])
        #expect(rows[4].values["qty"] == "5.5")
        #expect(rows[5].values["line_no"] == "2-1")
        #expect(rows[6].values["status"] == "open")
        #expect(rows[6].values["comeback_flag"] == "true")
        #expect(rows[8].values["pay_type"] == "warranty")
        #expect(rows[8].values["unit_price"] == "865.00")
    }

    @Test func starInSOAPEnvelopeConvertsMiles() throws {
        let rows = try Self.rows("star_process_repair_order_soap.xml")
        #expect(rows.map(\.feed) == ["repair_orders", "ro_labor", "ro_labor", "ro_parts"])
        #expect(rows[0].values["dealer_code"] == "DLR004")
        #expect(rows[0].values["ro_no"] == "BJ-RO-88213")
        // 24870 mi × 1.609344 = 40024.385… km
        #expect(rows[0].values["mileage_km"] == "40024")
        #expect(rows[0].values["status"] == "invoiced")
        #expect(rows[0].values["comeback_flag"] == nil)
        #expect(rows[2].values["pay_type"] == "internal")
        #expect(rows[3].values == [
            "dealer_code": "DLR004", "ro_no": "BJ-RO-88213", "line_no": "B-1", "part_no": "4M0819439A", "qty": "1",
            "unit_price": "236.00", "unit_cost": "148.60", "pay_type": "internal",
        ])
    }

    @Test func starSeveralDocumentsPerFileKeepTheirDealers() throws {
        func document(_ dealer: String, _ ro: String) -> String {
            """
            <s:ProcessRepairOrder xmlns:s="http://www.starstandard.org/STAR/5"><s:ApplicationArea><s:Sender><s:DealerNumberID>\(dealer)</s:DealerNumberID></s:Sender></s:ApplicationArea>
            <s:ProcessRepairOrderDataArea><s:RepairOrder><s:RepairOrderHeader><s:DocumentIdentificationGroup><s:DocumentIdentification><s:DocumentID>\(ro)</s:DocumentID></s:DocumentIdentification></s:DocumentIdentificationGroup></s:RepairOrderHeader></s:RepairOrder></s:ProcessRepairOrderDataArea></s:ProcessRepairOrder>
            """
        }
        let envelope = """
            <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>
            \(document("DLR001", "A1"))
            \(document("DLR002", "B1"))
            </e:Body></e:Envelope>
            """
        let rows = try XMLTestFiles.rows(xml: envelope)
        #expect(rows.map { $0.values } == [["dealer_code": "DLR001", "ro_no": "A1"], ["dealer_code": "DLR002", "ro_no": "B1"]])
        #expect(rows.map(\.line) == [3, 5])
    }

    /// Records built in the parser's callbacks and records built from events (the fallback
    /// when a reader was already read from) give the same rows, through any chunk size:
    /// mixed content joins its text runs, `&amp;` in attributes is one `&`, places match.
    @Test(arguments: [16, 64 << 10])
    func starRecordsFromCallbacksEqualRecordsFromEvents(chunkSize: Int) throws {
        let xml = """
            <e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>
            <s:ProcessRepairOrder xmlns:s="http://www.starstandard.org/STAR/5"><s:ApplicationArea><s:Sender><s:DealerNumberID> DLR009 </s:DealerNumberID></s:Sender></s:ApplicationArea>
            <s:ProcessRepairOrderDataArea><s:RepairOrder>
              <s:RepairOrderHeader><s:DocumentIdentificationGroup><s:DocumentIdentification><s:DocumentID>R&amp;1</s:DocumentID></s:DocumentIdentification></s:DocumentIdentificationGroup>
                <s:InDistanceMeasure unitCode="S&amp;MI">100</s:InDistanceMeasure>
                <s:RepairOrderStatus><s:StatusCode>Closed</s:StatusCode></s:RepairOrderStatus></s:RepairOrderHeader>
              <s:Job><s:JobNumberString>A</s:JobNumberString><s:OperationName>Brake <s:b>pads</s:b> front <!-- c --> left</s:OperationName>
                <s:Pricing><s:Price><s:ChargeAmount>10.00</s:ChargeAmount><s:PriceCode>Retail</s:PriceCode></s:Price>
                  <s:Price><s:ChargeAmount>6.00</s:ChargeAmount><s:PriceDescription>Dealer COST</s:PriceDescription></s:Price></s:Pricing>
                <s:ServiceParts><s:ItemID>P1</s:ItemID><s:ItemQuantity>2</s:ItemQuantity></s:ServiceParts></s:Job>
            </s:RepairOrder></s:ProcessRepairOrderDataArea></s:ProcessRepairOrder>
            </e:Body></e:Envelope>
            """
        func rows(afterFirstEvent: Bool) throws -> [SourceRow] {
            let reader = XMLStreamReader(source: MemoryByteSource(Array(xml.utf8), chunkLimit: 7), file: "t.xml", chunkSize: chunkSize)
            // Reading the envelope's start first makes the mapper fall back to events.
            if afterFirstEvent { _ = try reader.next() }
            return try XMLTestFiles.rows(XMLFeeds.rowSource(reader: reader, kind: .starRepairOrders))
        }
        let fromCallbacks = try rows(afterFirstEvent: false)
        let fromEvents = try rows(afterFirstEvent: true)
        #expect(fromCallbacks == fromEvents)
        #expect(fromCallbacks.map(\.feed) == ["repair_orders", "ro_labor", "ro_parts"])
        #expect(fromCallbacks.first?.values["dealer_code"] == "DLR009")
        #expect(fromCallbacks.first?.values["ro_no"] == "R&1")
        #expect(fromCallbacks.first?.raw.contains("InDistanceMeasure=\"100 S&MI\"") == true)
        #expect(fromCallbacks.first?.values["status"] == "invoiced")
        #expect(fromCallbacks.dropFirst().first?.values["description"] == "Brake  front  left")
        #expect(fromCallbacks.dropFirst().first?.values["labor_sale"] == "10.00")
        #expect(fromCallbacks.dropFirst().first?.values["labor_cost"] == "6.00")
        #expect(fromCallbacks.last?.values["line_no"] == "A-1")
        #expect(fromCallbacks.map(\.line) == [3, 7, 10])
    }

    @Test func reynoldsSRO() throws {
        let rows = try Self.rows("reynolds_era_sro.xml")
        #expect(rows.map(\.feed) == [
            "repair_orders", "ro_labor", "ro_labor", "ro_parts", "ro_parts",
            "repair_orders", "ro_labor", "ro_parts",
        ])
        #expect(rows[0].values == [
            "dealer_code": "DLR005", "ro_no": "561204", "vin": "LHGCV1658RN139595",
            "opened_at": "2026-11-24 08:17:00", "promised_at": "2026-11-24 16:30:00", "invoiced_at": "2026-11-25",
            "mileage_km": "29371", "advisor_id": "412", "status": "invoiced", "ro_type": "repair",
        ])
        #expect(rows[1].values == [
            "dealer_code": "DLR005", "ro_no": "561204", "line_no": "1", "op_code": "03LOFZ",
            "description": "LUBE OIL FILTER SYNTHETIC", "pay_type": "customer", "labor_sale": "160.00",
            "labor_cost": "58.00", "sold_hours": "0.40", "technician_id": "7721",
        ])
        // A start tag spread over three lines is placed at its `<`.
        #expect(rows.prefix(3).map(\.line) == [21, 25, 29])
        #expect(rows.prefix(3).map(\.column) == [7, 9, 9])
        #expect(rows[2].values["sold_hours"] == "2.40")
        #expect(rows[2].values["technician_id"] == "7734")
        #expect(rows[2].values["pay_type"] == "warranty")
        #expect(rows[3].values == [
            "dealer_code": "DLR005", "ro_no": "561204", "line_no": "1-Cust", "part_no": "15400-PLM-A02", "qty": "1",
            "unit_price": "212.00", "unit_cost": "131.40", "pay_type": "customer",
        ])
        // Job 2: the Warr amounts make a line, the all-zero Cust amounts do not.
        #expect(rows[4].values["line_no"] == "2-Warr")
        #expect(rows[4].values["unit_price"] == "986.00")
        // Second RO: body shop, no FinalPostDate (CustInvoiceDate used), siblings of OpCodeLaborInfo.
        #expect(rows[5].values["ro_type"] == "bodyshop")
        #expect(rows[5].values["invoiced_at"] == "2026-11-26")
        #expect(rows[6].values["sold_hours"] == "3.50")
        #expect(rows[6].values["technician_id"] == "8810")
        #expect(rows[6].values["labor_sale"] == "1650.00")
        // No PartDetail: the part number is the job's op code.
        #expect(rows[7].values["part_no"] == "BDYRPR")
        // Comments (with a phone number) are never loaded.
        #expect(!rows.contains { $0.raw.contains("139****") || $0.raw.contains("CUSTOMER CALLED") })
    }

    @Test func missingDealerIsWarnedAndTakenFromTheOption() throws {
        let document = """
            <rey_X xmlns="http://www.starstandards.org/STAR"><ApplicationArea><Sender><Task>SRO</Task></Sender></ApplicationArea>
            <RepairOrder><RoRecord><Rogen RoNo="9" RoStatus="F"/></RoRecord></RepairOrder></rey_X>
            """
        let path = XMLTestFiles.write(document)
        let bare = try XMLFeeds.rowSource(path: path)
        #expect(try XMLTestFiles.rows(bare).map { $0.values } == [["ro_no": "9", "status": "invoiced"]])
        #expect(bare.warnings.map(\.message).contains { $0.contains("no --dealer") })
        let withOption = try XMLFeeds.rowSource(path: path, options: XMLFeedOptions(dealerCode: "DLR006"))
        #expect(try XMLTestFiles.rows(withOption).map { $0.values["dealer_code"] } == ["DLR006"])
        #expect(withOption.warnings.isEmpty)
    }

    @Test func reynoldsOtherTasksAreRefused() throws {
        let document = """
            <rey_Foo xmlns="http://www.starstandards.org/STAR"><ApplicationArea><Sender><Task>CUST</Task></Sender></ApplicationArea>
            <RepairOrder><RoRecord><Rogen RoNo="1"/></RoRecord></RepairOrder></rey_Foo>
            """
        #expect {
            try XMLTestFiles.rows(xml: document)
        } throws: { error in
            (error as? FeedFileError)?.message.contains("Task \"CUST\" is not supported") == true
        }
    }

    @Test func rowLinesAreRightBeyondLine65535() throws {
        let padding = String(repeating: "<!-- padding -->\n", count: 70_000)
        let document = """
            <DealerMaster xmlns="urn:ledger-dms:oem:1">
            \(padding)  <Dealer><dealer_code>D1</dealer_code></Dealer>
            </DealerMaster>
            """
        let rows = try XMLTestFiles.rows(xml: document)
        #expect(rows.map(\.line) == [70_002])
        #expect(rows.map(\.column) == [3])
    }

    @Test func entitiesAndCharacterReferencesAreDecoded() throws {
        let document = """
            <DealerMaster xmlns="urn:ledger-dms:oem:1"><Dealer><dealer_code>D1</dealer_code>\
            <name>A &amp; B &lt;&#x4E2D;&#22269;&gt; <![CDATA[x<y]]></name></Dealer></DealerMaster>
            """
        let rows = try XMLTestFiles.rows(xml: document)
        #expect(rows.first?.values["name"] == "A & B <中国> x<y")
    }

    @Test func gb18030DeclaredDocumentsAreDecoded() throws {
        // "<?xml version="1.0" encoding="GB18030"?><DealerMaster …><Dealer><name>华东</name>…" in GB18030.
        let head = Array("<?xml version=\"1.0\" encoding=\"GB18030\"?>\n<DealerMaster xmlns=\"urn:ledger-dms:oem:1\"><Dealer><dealer_code>D1</dealer_code><region>".utf8)
        let tail = Array("</region></Dealer></DealerMaster>".utf8)
        let path = XMLTestFiles.write(head + [0xBB, 0xAA, 0xB6, 0xAB] + tail)
        let rows = try XMLTestFiles.rows(XMLFeeds.rowSource(path: path))
        #expect(rows.first?.values["region"] == "华东")
    }

    @Test(arguments: [
        ("11/24/2026", "08:17:00", "2026-11-24 08:17:00"),
        ("1/2/2026", "8:05", "2026-01-02 08:05:00"),
        ("11/24/2026", nil, "2026-11-24"),
        ("2026-11-24", "08:00:00", "2026-11-24 08:00:00"),
        ("13/45/2026", "08:00:00", "13/45/2026 08:00:00"),
    ] as [(String, String?, String)])
    func reynoldsDates(date: String, time: String?, expected: String) {
        #expect(XMLValueText.dateTime(usDate: date, time: time) == expected)
    }

    @Test(arguments: [
        ("18250", "29371"), ("0", "0"), ("1", "2"), ("24870.5", "40025"), ("abc", "abc"), ("-1", "-2"),
    ])
    func milesToKilometres(miles: String, km: String) {
        #expect(XMLValueText.kilometres(fromMiles: miles) == km)
    }

    @Test(arguments: [
        ("12345", "kilometer", "12345"), ("12345.5", "km", "12346"), ("100", "SMI", "161"), ("100", "furlong", "100 furlong"),
        ("100", nil, "100"),
    ] as [(String, String?, String)])
    func distances(value: String, unit: String?, expected: String) {
        #expect(XMLValueText.kilometres(value, unit: unit) == expected)
    }

    @Test func decimalSums() {
        #expect(XMLValueText.sum(["1.80", "0.6"]) == "2.40")
        #expect(XMLValueText.sum(["0.00", "986"]) == "986.00")
        #expect(XMLValueText.sum(["-1.5", "1"]) == "-0.5")
        #expect(XMLValueText.sum([nil, ""]) == nil)
        #expect(XMLValueText.sum(["1", "x2"]) == "x2")
    }
}
