import Foundation
import TestSupport

/// Small hand-written feeds for the end-to-end tests.
enum ImportFixtures {
    static let dealers = """
        dealer_code,name,region,sub_region,province,city,brand,opened_on,status
        DLR001,上海浦东之星,华东,沪东,上海,上海,星辰,2015-03-01,active
        DLR002,广州天河之星,华南,粤中,广东,广州,星辰,2016-07-15,active

        """

    static let repairOrders = """
        dealer_code,ro_no,vin,opened_at,promised_at,completed_at,invoiced_at,mileage_km,ro_type,status
        DLR001,RO1001,1M8GDM9AXKP042788,2026-10-02 09:00:00,2026-10-02 17:00:00,2026-10-02 16:10:00,2026-10-02 17:30:00,15000,maintenance,invoiced
        DLR001,RO1002,1M8GDM9AXKP042788,2026-10-20 10:00,2026-10-21 12:00,,,15400,repair,open
        DLR002,RO2001,,2026/10/05 08:30:00,,,,900,保养,作废

        """

    static let roLabor = """
        dealer_code,ro_no,line_no,op_code,pay_type,technician_id,sold_hours,clocked_hours,labor_sale,labor_cost
        DLR001,RO1001,1,OIL01,,T01,1.5,1.2,"1,200.00",300.00
        DLR001,RO1001,2,BRK02,S,T02,2.25,2.5,¥450.5,200
        DLR001,RO9999,1,OIL01,customer,T01,1,1,100,50

        """

    /// A labor file with one bad row in four (25 % > 5 %).
    static let roLaborMostlyBad = """
        dealer_code,ro_no,line_no,op_code,pay_type,sold_hours,labor_sale
        DLR001,RO1001,1,OIL01,customer,1.5,100.00
        DLR001,RO1001,2,OIL02,customer,1.23456,100.00
        DLR001,RO1001,3,OIL03,customer,1,100.00
        DLR001,RO1001,4,OIL04,customer,1,100.00

        """

    /// A realistic inbox: returns its folder.
    static func inbox(in directory: TemporaryDirectory, name: String = "inbox") throws -> String {
        try directory.write("\(name)/dealers.csv", dealers)
        try directory.write("\(name)/repair_orders_20261031.csv", repairOrders)
        try directory.write("\(name)/ro_labor_20261031.csv", roLabor)
        return directory.file(name)
    }

    /// `count` generated parts lines (for kill and concurrency tests).
    static func largeROParts(rows count: Int, dealer: String = "DLR001") -> String {
        var text = "dealer_code,ro_no,line_no,part_no,qty,unit_price,unit_cost,pay_type,filled_from_stock\n"
        text.reserveCapacity(count * 70)
        for i in 0..<count {
            text += "\(dealer),RO\(i / 4),\(i % 4 + 1),P\(i % 997),\(i % 5 + 1).5,\(i % 300 + 10).25,\(i % 200 + 5).10,customer,1\n"
        }
        return text
    }
}
