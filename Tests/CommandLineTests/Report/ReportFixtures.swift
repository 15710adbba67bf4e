import Foundation
import Ledger
import TestSupport

/// A small warehouse for the dms-report end-to-end tests, written directly through the
/// database layer (stored units: fen, ten-thousandths).
enum ReportFixtures {
    static func warehouse(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("dms.sqlite")
        let database = try Database(path: path)
        try WarehouseSchema.migrator.migrate(database)
        func insert(_ table: String, _ values: KeyValuePairs<String, DatabaseValue>) throws {
            let columns = values.map(\.key) + ["batch_id"]
            let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
            try database.execute(
                "INSERT INTO \"\(table)\" (\(columns.map { "\"\($0)\"" }.joined(separator: ", "))) VALUES (\(marks))",
                values.map(\.value) + [1])
        }
        try insert("dealers", ["dealer_code": "DLR001", "name": "上海浦东之星", "region": "华东", "brand": "星辰"])
        try insert("dealers", ["dealer_code": "DLR002", "name": "广州天河之星", "region": "华南", "brand": "星辰"])
        try insert("dealers", ["dealer_code": "DLR003", "name": "<b>Evil</b> & \"Sons\"", "region": "../West/东", "brand": "星辰"])
        let ros: [(String, String, String, String, String, String, Int64)] = [
            ("DLR001", "RO1", "LSVAA4182E2100001", "2026-10-02 09:00:00", "2026-10-02 16:00:00", "2026-10-02 17:00:00", 0),
            ("DLR001", "RO2", "LSVAA4182E2100001", "2026-10-20 09:00:00", "2026-10-20 15:00:00", "2026-10-20 16:00:00", 0),
            ("DLR001", "RO3", "LSVAA4182E2100002", "2026-09-10 09:00:00", "2026-09-10 12:00:00", "2026-09-10 13:00:00", 0),
            ("DLR002", "RO4", "LSVAA4182E2100003", "2026-10-05 09:00:00", "2026-10-06 09:00:00", "2026-10-06 10:00:00", 1),
            ("DLR003", "RO5", "LSVAA4182E2100004", "2025-10-05 09:00:00", "2025-10-05 11:00:00", "2025-10-05 12:00:00", 0),
        ]
        for (dealer, ro, vin, opened, completed, invoiced, flag) in ros {
            try insert("repair_orders", ["dealer_code": .text(dealer), "ro_no": .text(ro), "vin": .text(vin), "opened_at": .text(opened),
                                         "completed_at": .text(completed), "invoiced_at": .text(invoiced), "ro_type": "repair",
                                         "status": "invoiced", "comeback_flag": .integer(flag)])
            try insert("ro_labor", ["dealer_code": .text(dealer), "ro_no": .text(ro), "line_no": "1", "op_code": "OIL01",
                                    "pay_type": "customer", "technician_id": "T01", "sold_hours": 15_000, "clocked_hours": 12_000,
                                    "labor_sale": 120_000, "labor_cost": 30_000])
        }
        try insert("repair_orders", ["dealer_code": "DLR001", "ro_no": "RO9", "vin": "LSVAA4182E2100009", "opened_at": "2026-10-25 09:00:00",
                                     "promised_at": "2026-10-26 09:00:00", "ro_type": "repair", "status": "open"])
        try insert("customers", ["dealer_code": "DLR001", "customer_id": "C1", "name": "张三", "phone": "13812345678"])
        try insert("vehicles", ["vin": "LSVAA4182E2100007", "dealer_code": "DLR001", "usage": "loaner", "in_service_on": "2021-01-01",
                                "service_life_years": 6])
        try insert("fleet_bookings", ["dealer_code": "DLR001", "booking_no": "B1", "vin": "LSVAA4182E2100007", "customer_id": "C1",
                                      "checked_out_at": "2026-10-28 09:00:00", "booked_to": "2026-10-29 09:00:00", "status": "out"])
        try insert("sales_orders", ["dealer_code": "DLR002", "order_no": "SO1", "order_date": "2026-09-20", "delivered_on": "2026-10-08",
                                    "promised_delivery_date": "2026-10-10", "status": "delivered", "sale_type": "new", "order_type": "retail",
                                    "sale_price": 18_000_000, "vehicle_cost": 17_000_000, "fi_income": 300_000])
        return path
    }
}
