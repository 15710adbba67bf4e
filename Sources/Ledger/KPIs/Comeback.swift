/// A comeback: RO B closed in the period, with the earlier RO A it came back from when known.
public struct Comeback: Sendable, Hashable {
    public var dealer: String
    public var roNo: String
    public var vin: String
    public var openedAt: String
    /// Why B is a comeback: `flag`, `comeback_of_ro` or `match`.
    public var reason: String
    public var originalDealer: String?
    public var originalRoNo: String?
    public var originalCompletedAt: String?

    /// Whole days from A's completion to B's opening, when A is known.
    public var daysBetween: Int? {
        guard let a = originalCompletedAt.flatMap(WallClockSeconds.seconds), let b = WallClockSeconds.seconds(openedAt) else { return nil }
        return Int((b - a) / 86_400)
    }
}

extension KPIEngine {
    /// ROs closed in `period` that count for the comeback rate (ro_type not internal or pdi),
    /// each with the RO A it came back from (nil when it is not a comeback).
    ///
    /// A is, in order: comeback_of_ro at B's dealer when that RO exists; else the matching RO
    /// with the latest completed_at (ties: dealer, RO number).
    func comebackCandidates(_ period: ReportingPeriod) throws -> (counted: [String: Int64], comebacks: [Comeback]) {
        if let cached = history.comebacks[period] { return cached }
        let match: String
        switch options.comebackMatch {
        case .opcode:
            match = """
                AND EXISTS (SELECT 1 FROM ro_labor la JOIN ro_labor lb ON lb.op_code = la.op_code
                  WHERE la.dealer_code = a.dealer_code AND la.ro_no = a.ro_no
                    AND lb.dealer_code = b.dealer_code AND lb.ro_no = b.ro_no
                    AND la.op_code IS NOT NULL AND la.op_code <> '')
                """
        case .any:
            match = ""
        }
        let window = database.dialect.addHours("a.completed_at", "?")
        // The same condition turned around, so that the VIN index reads only the window, not
        // every earlier visit of the vehicle.
        let earliest = database.dialect.addHours("b.opened_at", "-?")
        let rows = try database.rows(
            """
            SELECT b.dealer_code, b.ro_no, COALESCE(b.vin, ''), COALESCE(b.opened_at, ''), COALESCE(b.comeback_flag, 0),
              COALESCE(b.comeback_of_ro, ''), a.dealer_code, a.ro_no, a.completed_at,
              (SELECT o.completed_at FROM repair_orders o WHERE o.dealer_code = b.dealer_code AND o.ro_no = b.comeback_of_ro)
            FROM repair_orders b
            LEFT JOIN repair_orders a ON a.vin = b.vin AND b.vin <> ''
              AND NOT (a.dealer_code = b.dealer_code AND a.ro_no = b.ro_no)
              AND COALESCE(a.status, '') <> 'void' AND a.completed_at IS NOT NULL
              AND a.completed_at <= b.opened_at AND b.opened_at <= \(window)
              AND a.completed_at >= \(earliest)
              \(match)
            WHERE COALESCE(b.status, '') <> 'void' AND b.invoiced_at >= ? AND b.invoiced_at < ?
              AND COALESCE(b.ro_type, '') NOT IN ('internal', 'pdi')
            ORDER BY b.dealer_code, b.ro_no, a.completed_at DESC, a.dealer_code DESC, a.ro_no DESC
            """, [.integer(Int64(options.comebackDays) * 24), .integer(Int64(options.comebackDays) * 24)] + bounds(period))
        var counted: [String: Int64] = [:]
        var comebacks: [Comeback] = []
        var previous: (String, String)?
        for row in rows {
            let key = (row.text(0), row.text(1))
            if let previous, previous == key { continue }  // first row = latest A
            previous = key
            counted[key.0, default: 0] += 1
            let flagged = row.int(4) == 1
            let ofRO = row.text(5)
            let matched = !row[7].isNull
            guard flagged || !ofRO.isEmpty || matched else { continue }
            var comeback = Comeback(
                dealer: key.0, roNo: key.1, vin: row.text(2), openedAt: row.text(3),
                reason: !ofRO.isEmpty ? "comeback_of_ro" : flagged ? "flag" : "match")
            if !ofRO.isEmpty, !row[9].isNull {
                comeback.originalDealer = key.0
                comeback.originalRoNo = ofRO
                comeback.originalCompletedAt = row[9].string
            } else if !ofRO.isEmpty {
                comeback.originalDealer = key.0
                comeback.originalRoNo = ofRO
            } else if matched {
                comeback.originalDealer = row.text(6)
                comeback.originalRoNo = row.text(7)
                comeback.originalCompletedAt = row[8].string
            }
            comebacks.append(comeback)
        }
        history.comebacks[period] = (counted, comebacks)
        return (counted, comebacks)
    }

    /// The technicians on A's labor lines (distinct, sorted).
    func technicians(ofRO dealer: String, _ roNo: String) throws -> [String] {
        try database.rows(
            """
            SELECT DISTINCT technician_id FROM ro_labor
            WHERE dealer_code = ? AND ro_no = ? AND technician_id IS NOT NULL AND technician_id <> '' ORDER BY 1
            """, [.text(dealer), .text(roNo)]
        ).map { $0.text(0) }
    }

    /// Op codes present on both ROs (sorted).
    func sharedOpCodes(_ a: (String, String), _ b: (String, String)) throws -> [String] {
        try database.rows(
            """
            SELECT DISTINCT la.op_code FROM ro_labor la JOIN ro_labor lb ON lb.op_code = la.op_code
            WHERE la.dealer_code = ? AND la.ro_no = ? AND lb.dealer_code = ? AND lb.ro_no = ? AND la.op_code <> '' ORDER BY 1
            """, [.text(a.0), .text(a.1), .text(b.0), .text(b.1)]
        ).map { $0.text(0) }
    }
}
