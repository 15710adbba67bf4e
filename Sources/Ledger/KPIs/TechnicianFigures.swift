/// One technician's figures over a period (kpis.md section 5, drill-down).
public struct TechnicianFigures: Sendable, Hashable {
    public var dealer: String
    public var technicianID: String
    /// Ten-thousandths of an hour.
    public var soldHours: Int64
    public var clockedHours: Int64
    public var hoursPresent: Int64
    /// Comebacks B closed in the period whose original RO A had this technician on a labor line.
    public var comebacks: Int64

    /// sold ÷ clocked.
    public var efficiency: String? { ExactDecimal.quotient(soldHours, over: clockedHours, places: 4) }
    /// clocked ÷ present.
    public var productivity: String? { ExactDecimal.quotient(clockedHours, over: hoursPresent, places: 4) }
    /// sold ÷ present.
    public var proficiency: String? { ExactDecimal.quotient(soldHours, over: hoursPresent, places: 4) }
}

extension KPIEngine {
    /// Per-technician figures of `dealers` for `period`, sorted by dealer and technician.
    /// Technicians are those with closed labor lines in the period or attendance as technician.
    public func technicianFigures(_ period: ReportingPeriod, dealers: Set<String>) throws -> [TechnicianFigures] {
        var figures: [String: TechnicianFigures] = [:]
        func key(_ dealer: String, _ technician: String) -> String { dealer + "\u{1F}" + technician }
        func entry(_ dealer: String, _ technician: String) -> TechnicianFigures {
            figures[key(dealer, technician)]
                ?? TechnicianFigures(dealer: dealer, technicianID: technician, soldHours: 0, clockedHours: 0, hoursPresent: 0, comebacks: 0)
        }
        for row in try database.rows(
            """
            SELECT l.dealer_code, l.technician_id, SUM(COALESCE(l.sold_hours, 0)), SUM(COALESCE(l.clocked_hours, 0))
            FROM ro_labor l JOIN repair_orders r ON r.dealer_code = l.dealer_code AND r.ro_no = l.ro_no
            WHERE \(Self.closedRO) AND l.technician_id IS NOT NULL AND l.technician_id <> ''
            GROUP BY l.dealer_code, l.technician_id ORDER BY 1, 2
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            var item = entry(row.text(0), row.text(1))
            item.soldHours += row.int(2)
            item.clockedHours += row.int(3)
            figures[key(row.text(0), row.text(1))] = item
        }
        for row in try database.rows(
            """
            SELECT a.dealer_code, a.employee_id, SUM(COALESCE(a.hours_present, 0))
            FROM attendance a JOIN employees e ON e.dealer_code = a.dealer_code AND e.employee_id = a.employee_id
            WHERE e.role = 'technician' AND a.work_date >= ? AND a.work_date < ?
            GROUP BY a.dealer_code, a.employee_id ORDER BY 1, 2
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            var item = entry(row.text(0), row.text(1))
            item.hoursPresent += row.int(2)
            figures[key(row.text(0), row.text(1))] = item
        }
        for comeback in try comebackCandidates(period).comebacks {
            guard let dealer = comeback.originalDealer, let ro = comeback.originalRoNo, dealers.contains(dealer) else { continue }
            for technician in try technicians(ofRO: dealer, ro) {
                var item = entry(dealer, technician)
                item.comebacks += 1
                figures[key(dealer, technician)] = item
            }
        }
        return figures.values.sorted { ($0.dealer, $0.technicianID) < ($1.dealer, $1.technicianID) }
    }

    /// The names of the employees of `dealers`, by `staffKey(dealer, employee)`; employees
    /// without a name are left out (the page shows their id).
    public func employeeNames(dealers: Set<String>) throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try database.rows("SELECT dealer_code, employee_id, name FROM employees WHERE name IS NOT NULL AND name <> ''", [])
        where dealers.contains(row.text(0)) {
            names[Self.staffKey(row.text(0), row.text(1))] = row.text(2)
        }
        return names
    }

    /// The key of an employee of a dealer in `employeeNames`.
    public static func staffKey(_ dealer: String, _ employee: String) -> String { dealer + "\u{1F}" + employee }
}
