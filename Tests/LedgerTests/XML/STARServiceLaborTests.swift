import Testing
@testable import Ledger

/// STAR 5.14 repair orders as a real DMS integration writes them (structure taken from a
/// published STAR 5.14.4 ProcessRepairOrder generator; all values here are made up): labor
/// amounts, hours and technician inside `Job/ServiceLabor`, an empty `ServiceTechnicianParty`
/// on the job, the same `JobNumberString` "00" on every job, and part prices sent as an
/// `ExtendedAmount` plus a `PartCost`.
@Suite struct STARServiceLaborTests {
    static let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ProcessRepairOrder xmlns="http://www.starstandard.org/STAR/5" releaseID="5.14.4">
          <ApplicationArea><Sender><DealerNumberID>DLR305</DealerNumberID><TaskID>New</TaskID></Sender></ApplicationArea>
          <ProcessRepairOrderDataArea><Process/>
            <RepairOrder>
              <RepairOrderHeader>
                <DocumentIdentificationGroup><DocumentIdentification><DocumentID>W40077</DocumentID></DocumentIdentification></DocumentIdentificationGroup>
                <InDistanceMeasure unitCode="mile">1000</InDistanceMeasure>
                <Price><ChargeAmount currencyID="USD">1417.40</ChargeAmount><PriceCode>Total</PriceCode></Price>
                <RepairOrderStatus><StatusText>Invoiced</StatusText></RepairOrderStatus>
              </RepairOrderHeader>
              <Job>
                <JobNumberString>00</JobNumberString>
                <OperationID>C</OperationID>
                <OperationName>Operation</OperationName>
                <ServiceTechnicianParty/>
                <ServiceParts>
                  <ItemIdDescription>AIR DRYER CARTRIDGE</ItemIdDescription>
                  <ItemQuantity>2</ItemQuantity>
                  <Pricing>
                    <Price><ChargeAmount currencyID="USD">193.80</ChargeAmount><PriceCode>ExtendedAmount</PriceCode></Price>
                    <Price><ChargeAmount currencyID="USD">61.25</ChargeAmount><PriceCode>PartCost</PriceCode></Price>
                  </Pricing>
                  <ItemIdentificationGroup><ItemIdentification><ItemID>AD-5521</ItemID></ItemIdentification></ItemIdentificationGroup>
                  <SoldByParty><SpecifiedPerson><ID schemeID="local">PTS2</ID></SpecifiedPerson></SoldByParty>
                </ServiceParts>
                <ServiceLabor>
                  <WorkshopCode>SHOP</WorkshopCode>
                  <LaborOperationID>AIRDRY</LaborOperationID>
                  <LaborOperationDescription>REPLACE AIR DRYER CARTRIDGE</LaborOperationDescription>
                  <Pricing><Price><PriceCode>Labor</PriceCode><ChargeAmount currencyID="USD">247.50</ChargeAmount></Price></Pricing>
                  <LaborActualHoursNumeric>1.5</LaborActualHoursNumeric>
                  <ServiceTechnicianParty><SpecifiedPerson><ID schemeID="local">4471</ID></SpecifiedPerson></ServiceTechnicianParty>
                  <Sublet>
                    <Pricing><Price><PriceCode>Miscellaneous</PriceCode><ChargeAmount currencyID="USD">12.00</ChargeAmount></Price></Pricing>
                    <SubletCode>Sublet</SubletCode>
                  </Sublet>
                </ServiceLabor>
              </Job>
              <Job>
                <JobNumberString>00</JobNumberString>
                <ServiceTechnicianParty/>
                <ServiceLabor>
                  <LaborOperationID>7712-04</LaborOperationID>
                  <LaborOperationDescription>EGR VALVE REPLACE</LaborOperationDescription>
                  <Pricing><Price><PriceCode>Labor</PriceCode><ChargeAmount currencyID="USD">964.10</ChargeAmount></Price></Pricing>
                  <LaborActualHoursNumeric>5.2</LaborActualHoursNumeric>
                  <ServiceTechnicianParty><SpecifiedPerson><ID schemeID="local">4502</ID></SpecifiedPerson></ServiceTechnicianParty>
                </ServiceLabor>
              </Job>
            </RepairOrder>
          </ProcessRepairOrderDataArea>
        </ProcessRepairOrder>
        """

    @Test func laborInServiceLaborRepeatedJobNumbersAndExtendedPartAmounts() throws {
        let source = try XMLFeeds.rowSource(path: XMLTestFiles.write(Self.document))
        let rows = try XMLTestFiles.rows(source)
        #expect(rows.map(\.feed) == ["repair_orders", "ro_labor", "ro_labor", "ro_parts"])
        #expect(rows[0].values == [
            "dealer_code": "DLR305", "ro_no": "W40077", "mileage_km": "1609", "status": "invoiced",
        ])
        // Both jobs survive (numbered by position, not both "00"); labor from ServiceLabor,
        // without the sublet's 12.00; the technician from ServiceLabor, not the empty party.
        #expect(rows[1].values == [
            "dealer_code": "DLR305", "ro_no": "W40077", "line_no": "1", "op_code": "C", "description": "Operation",
            "clocked_hours": "1.5", "technician_id": "4471", "labor_sale": "247.50",
        ])
        // Without OperationID / OperationName, the ServiceLabor's operation is taken.
        #expect(rows[2].values == [
            "dealer_code": "DLR305", "ro_no": "W40077", "line_no": "2", "op_code": "7712-04", "description": "EGR VALVE REPLACE",
            "clocked_hours": "5.2", "technician_id": "4502", "labor_sale": "964.10",
        ])
        // 193.80 for 2 → 96.90 each; PartCost is a unit cost.
        #expect(rows[3].values == [
            "dealer_code": "DLR305", "ro_no": "W40077", "line_no": "1-1", "part_no": "AD-5521", "qty": "2",
            "unit_price": "96.90", "unit_cost": "61.25",
        ])
        #expect(source.warnings.map(\.message).filter { $0.contains("JobNumberString repeats") }.count == 1)
    }

    /// Distinct job numbers are kept; a repeat renumbers only its own repair order.
    @Test func distinctJobNumbersAreKept() throws {
        func order(_ ro: String, _ numbers: [String]) -> String {
            let jobs = numbers.map { "<Job><JobNumberString>\($0)</JobNumberString><OperationID>X</OperationID></Job>" }.joined()
            return """
                <RepairOrder><RepairOrderHeader><DocumentIdentificationGroup><DocumentIdentification><DocumentID>\(ro)</DocumentID>\
                </DocumentIdentification></DocumentIdentificationGroup></RepairOrderHeader>\(jobs)</RepairOrder>
                """
        }
        let xml = """
            <ProcessRepairOrder xmlns="http://www.starstandard.org/STAR/5"><ApplicationArea><Sender><DealerNumberID>D1</DealerNumberID></Sender></ApplicationArea>
            <ProcessRepairOrderDataArea>\(order("A", ["A", "B"]))\(order("B", ["7", "7", "9"]))\(order("C", ["3", ""]))</ProcessRepairOrderDataArea></ProcessRepairOrder>
            """
        let rows = try XMLTestFiles.rows(xml: xml).filter { $0.feed == "ro_labor" }
        #expect(rows.map { "\($0.values["ro_no"] ?? "")/\($0.values["line_no"] ?? "")" } == ["A/A", "A/B", "B/1", "B/2", "B/3", "C/3", "C/2"])
    }

    /// Several ServiceLabor elements in one job: amounts and hours are summed.
    @Test func severalServiceLaborsAreSummed() throws {
        func labor(_ amount: String, _ hours: String) -> String {
            "<ServiceLabor><Pricing><Price><PriceCode>Labor</PriceCode><ChargeAmount>\(amount)</ChargeAmount></Price>"
                + "<Price><PriceCode>LaborCost</PriceCode><ChargeAmount>1.00</ChargeAmount></Price></Pricing>"
                + "<LaborActualHoursNumeric>\(hours)</LaborActualHoursNumeric><LaborAllowanceHoursNumeric>1</LaborAllowanceHoursNumeric></ServiceLabor>"
        }
        let xml = """
            <ProcessRepairOrder xmlns="http://www.starstandard.org/STAR/5"><ApplicationArea><Sender><DealerNumberID>D1</DealerNumberID></Sender></ApplicationArea>
            <ProcessRepairOrderDataArea><RepairOrder><RepairOrderHeader><DocumentIdentificationGroup><DocumentIdentification><DocumentID>R</DocumentID>\
            </DocumentIdentification></DocumentIdentificationGroup></RepairOrderHeader>
            <Job><JobNumberString>1</JobNumberString>\(labor("100.00", "1.5"))\(labor("20.50", "0.25"))</Job></RepairOrder></ProcessRepairOrderDataArea></ProcessRepairOrder>
            """
        let rows = try XMLTestFiles.rows(xml: xml).filter { $0.feed == "ro_labor" }
        #expect(rows.count == 1)
        #expect(rows.first?.values["labor_sale"] == "120.50")
        #expect(rows.first?.values["labor_cost"] == "2.00")
        #expect(rows.first?.values["clocked_hours"] == "1.75")
        #expect(rows.first?.values["sold_hours"] == "2")
    }

    @Test(arguments: [
        ("193.80", "2", "96.90"),
        ("100.00", "3", "33.33"),
        ("100", "3", "33.33"),
        ("200.00", "3", "66.67"),
        ("0.05", "2", "0.03"),
        ("-0.05", "2", "-0.03"),
        ("-10.00", "4", "-2.50"),
        ("10.00", "2.5", "4.00"),
        ("7.125", "1", "7.125"),
        ("12.50", "1.000", "12.50"),
        ("12.50", "0", "12.50"),
        ("12.50", "-5", "-2.50"),
        ("x12", "2", "x12"),
        ("12.50", "two", "12.50"),
    ] as [(String, String, String)])
    func unitPriceOfAnExtendedAmount(extended: String, quantity: String, expected: String) {
        #expect(XMLValueText.unitPrice(extended: extended, quantity: quantity) == expected)
    }

    @Test func unitPriceWithoutAQuantityIsTheExtendedAmount() {
        #expect(XMLValueText.unitPrice(extended: "12.50", quantity: nil) == "12.50")
    }

    @Test(arguments: [("ExtendedAmount", true), ("extended_amount", true), ("Extended Amount", true), ("Extended", false), ("Retail", false)])
    func extendedAmountCodes(code: String, expected: Bool) {
        #expect(XMLValueText.isExtendedAmount(code) == expected)
    }
}
