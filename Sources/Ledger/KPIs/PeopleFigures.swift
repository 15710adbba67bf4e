/// One salesperson's figures over a period (kpis.md 14, `salespeople.csv`). An empty id is
/// the orders that name nobody, so that a dealer's rows add up to its KPIs.
public struct SalespersonFigures: Sendable, Hashable {
    public var dealer: String
    public var salespersonID: String
    /// Retail orders (new and used) delivered in the period.
    public var retailUnits: Int64 = 0
    /// Σ (sale_price − vehicle_cost) of those, minor units.
    public var frontGross: Int64 = 0
    /// Orders delivered in the period (every order_type) with a promised_delivery_date.
    public var promisedDeliveries: Int64 = 0
    public var onTimeDeliveries: Int64 = 0
    /// Orders with order_date in the period, whatever their status.
    public var orders: Int64 = 0
    public var cancellations: Int64 = 0

    public var onTimeDeliveryRate: String? { ExactDecimal.quotient(onTimeDeliveries, over: promisedDeliveries, places: 4) }
}

/// One service advisor's figures over a period (kpis.md 14, `advisors.csv`).
public struct AdvisorFigures: Sendable, Hashable {
    public var dealer: String
    public var advisorID: String
    public var roClosed: Int64 = 0
    /// Σ labor_sale of the closed ROs' labor lines, minor units.
    public var laborSales: Int64 = 0
    /// Ten-thousandths of an hour.
    public var soldHours: Int64 = 0
    public var comebackBase: Int64 = 0
    public var comebacks: Int64 = 0
    public var csiSurveys: Int64 = 0
    /// Σ score of those surveys, ten-thousandths.
    public var csiScoreSum: Int64 = 0

    /// sold_hours ÷ ro_closed, 2 decimals.
    public var hoursPerRO: String? { ExactDecimal.quotient(soldHours, over: roClosed * 10_000, places: 2) }
    public var comebackRate: String? { ExactDecimal.quotient(comebacks, over: comebackBase, places: 4) }
    public var csiScore: String? { ExactDecimal.quotient(csiScoreSum, over: csiSurveys * 10_000, places: 2) }
}

extension KPIEngine {
    /// Per-salesperson figures of `dealers` for `period`, by dealer and id (empty id first).
    public func salespersonFigures(_ period: ReportingPeriod, dealers: Set<String>) throws -> [SalespersonFigures] {
        var figures: [String: SalespersonFigures] = [:]
        func update(_ dealer: String, _ id: String, _ change: (inout SalespersonFigures) -> Void) {
            var item = figures[dealer + "\u{1F}" + id] ?? SalespersonFigures(dealer: dealer, salespersonID: id)
            change(&item)
            figures[dealer + "\u{1F}" + id] = item
        }
        for row in try database.rows(
            """
            SELECT dealer_code, COALESCE(salesperson_id, ''),
              SUM(CASE WHEN order_type = 'retail' AND sale_type IN ('new', 'used') THEN 1 ELSE 0 END),
              SUM(CASE WHEN order_type = 'retail' AND sale_type IN ('new', 'used')
                THEN COALESCE(sale_price, 0) - COALESCE(vehicle_cost, 0) ELSE 0 END),
              SUM(CASE WHEN promised_delivery_date IS NOT NULL THEN 1 ELSE 0 END),
              SUM(CASE WHEN promised_delivery_date IS NOT NULL AND delivered_on <= promised_delivery_date THEN 1 ELSE 0 END)
            FROM sales_orders WHERE status = 'delivered' AND delivered_on >= ? AND delivered_on < ?
            GROUP BY dealer_code, COALESCE(salesperson_id, '') ORDER BY 1, 2
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            update(row.text(0), row.text(1)) {
                $0.retailUnits += row.int(2)
                $0.frontGross += row.int(3)
                $0.promisedDeliveries += row.int(4)
                $0.onTimeDeliveries += row.int(5)
            }
        }
        for row in try database.rows(
            """
            SELECT dealer_code, COALESCE(salesperson_id, ''), COUNT(*),
              SUM(CASE WHEN status IN ('cancelled', 'rejected') THEN 1 ELSE 0 END)
            FROM sales_orders WHERE order_date >= ? AND order_date < ?
            GROUP BY dealer_code, COALESCE(salesperson_id, '') ORDER BY 1, 2
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            update(row.text(0), row.text(1)) {
                $0.orders += row.int(2)
                $0.cancellations += row.int(3)
            }
        }
        return figures.values.sorted { ($0.dealer, $0.salespersonID) < ($1.dealer, $1.salespersonID) }
    }

    /// Per-advisor figures of `dealers` for `period`, by dealer and id (empty id first).
    public func advisorFigures(_ period: ReportingPeriod, dealers: Set<String>) throws -> [AdvisorFigures] {
        var figures: [String: AdvisorFigures] = [:]
        func update(_ dealer: String, _ id: String, _ change: (inout AdvisorFigures) -> Void) {
            var item = figures[dealer + "\u{1F}" + id] ?? AdvisorFigures(dealer: dealer, advisorID: id)
            change(&item)
            figures[dealer + "\u{1F}" + id] = item
        }
        let comebacks = Set(try comebackCandidates(period).comebacks.map { $0.dealer + "\u{1F}" + $0.roNo })
        for row in try database.rows(
            """
            SELECT r.dealer_code, COALESCE(r.advisor_id, ''), r.ro_no, COALESCE(r.ro_type, ''),
              COALESCE((SELECT SUM(COALESCE(l.labor_sale, 0)) FROM ro_labor l WHERE l.dealer_code = r.dealer_code AND l.ro_no = r.ro_no), 0),
              COALESCE((SELECT SUM(COALESCE(l.sold_hours, 0)) FROM ro_labor l WHERE l.dealer_code = r.dealer_code AND l.ro_no = r.ro_no), 0)
            FROM repair_orders r WHERE \(Self.closedRO) ORDER BY 1, 2, 3
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            let counted = !["internal", "pdi"].contains(row.text(3))
            let isComeback = comebacks.contains(row.text(0) + "\u{1F}" + row.text(2))
            update(row.text(0), row.text(1)) {
                $0.roClosed += 1
                $0.laborSales += row.int(4)
                $0.soldHours += row.int(5)
                if counted { $0.comebackBase += 1 }
                if counted && isComeback { $0.comebacks += 1 }
            }
        }
        for row in try database.rows(
            """
            SELECT s.dealer_code, COALESCE(r.advisor_id, ''), COUNT(*), SUM(s.score)
            FROM csi_surveys s JOIN repair_orders r ON r.dealer_code = s.dealer_code AND r.ro_no = s.ref_no
            WHERE s.kind = 'service' AND s.score IS NOT NULL AND s.survey_date >= ? AND s.survey_date < ?
            GROUP BY s.dealer_code, COALESCE(r.advisor_id, '') ORDER BY 1, 2
            """, bounds(period))
        where dealers.contains(row.text(0)) {
            update(row.text(0), row.text(1)) {
                $0.csiSurveys += row.int(2)
                $0.csiScoreSum += row.int(3)
            }
        }
        return figures.values.sorted { ($0.dealer, $0.advisorID) < ($1.dealer, $1.advisorID) }
    }
}
