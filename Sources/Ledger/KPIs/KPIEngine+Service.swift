extension KPIEngine {
    func servicePartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let cycle = "CAST(ROUND(\(database.dialect.daysBetween("r.opened_at", "r.completed_at")) * 86400) AS INTEGER)"
        var closed: [String: Int64] = [:]
        for row in try database.rows(
            """
            SELECT r.dealer_code, COUNT(*),
              SUM(CASE WHEN r.promised_at IS NOT NULL AND r.completed_at IS NOT NULL THEN 1 ELSE 0 END),
              SUM(CASE WHEN r.promised_at IS NOT NULL AND r.completed_at IS NOT NULL AND r.completed_at <= r.promised_at THEN 1 ELSE 0 END)
            FROM repair_orders r WHERE \(Self.closedRO) GROUP BY r.dealer_code ORDER BY 1
            """, bounds(period))
        {
            let dealer = row.text(0)
            closed[dealer] = row.int(1)
            sink.total(dealer, .serviceROClosed, row.int(1))
            sink.ratio(dealer, .servicePromisedTimeMetRate, row.int(3), row.int(2))
        }
        var cycles: [String: [Int64]] = [:]
        for row in try database.rows(
            """
            SELECT r.dealer_code, \(cycle) FROM repair_orders r
            WHERE \(Self.closedRO) AND r.opened_at IS NOT NULL AND r.completed_at IS NOT NULL ORDER BY 1
            """, bounds(period))
        {
            cycles[row.text(0), default: []].append(row.int(1))
        }
        for (dealer, items) in cycles {
            sink.add(dealer, .serviceRepairCycleHoursMedian, .items(items))
            sink.add(dealer, .serviceRepairCycleHoursP90, .items(items))
        }

        let (counted, comebacks) = try comebackCandidates(period)
        var comebackCount: [String: Int64] = [:]
        for comeback in comebacks { comebackCount[comeback.dealer, default: 0] += 1 }
        for (dealer, count) in counted { sink.ratio(dealer, .serviceComebackRate, comebackCount[dealer] ?? 0, count) }

        for (dealer, count) in closed {
            sink.ratio(dealer, .serviceHoursPerRO, 0, count)
        }
        for row in try database.rows(
            """
            SELECT l.dealer_code, COALESCE(l.pay_type, 'customer'), SUM(COALESCE(l.sold_hours, 0)),
              SUM(COALESCE(l.clocked_hours, 0)), SUM(COALESCE(l.labor_sale, 0)), SUM(COALESCE(l.labor_cost, 0)),
              COUNT(DISTINCT l.ro_no)
            FROM ro_labor l JOIN repair_orders r ON r.dealer_code = l.dealer_code AND r.ro_no = l.ro_no
            WHERE \(Self.closedRO)
            GROUP BY l.dealer_code, COALESCE(l.pay_type, 'customer') ORDER BY 1, 2
            """, bounds(period))
        {
            let dealer = row.text(0)
            let pay = PayType(rawValue: row.text(1))
            let (sold, clocked, sale, cost) = (row.int(2), row.int(3), row.int(4), row.int(5))
            sink.ratio(dealer, .serviceHoursPerRO, sold, 0)
            if let pay { sink.ratio(dealer, .serviceHoursPerROByPay[pay], sold, row.int(6)) }
            sink.ratio(dealer, .serviceEffectiveLaborRate, sale, sold)
            if let pay { sink.ratio(dealer, .serviceEffectiveLaborRateByPay[pay], sale, sold) }
            sink.ratio(dealer, .serviceLaborGrossMargin, sale - cost, sale)
            if let pay { sink.ratio(dealer, .serviceLaborGrossMarginByPay[pay], sale - cost, sale) }
            sink.ratio(dealer, .serviceTechEfficiency, sold, clocked)
            sink.ratio(dealer, .serviceTechProductivity, clocked, 0)
            sink.ratio(dealer, .serviceTechProficiency, sold, 0)
        }
        for row in try database.rows(
            """
            SELECT a.dealer_code, SUM(COALESCE(a.hours_present, 0))
            FROM attendance a JOIN employees e ON e.dealer_code = a.dealer_code AND e.employee_id = a.employee_id
            WHERE e.role = 'technician' AND a.work_date >= ? AND a.work_date < ?
            GROUP BY a.dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .serviceTechProductivity, 0, row.int(1))
            sink.ratio(row.text(0), .serviceTechProficiency, 0, row.int(1))
        }
        for row in try database.rows(
            """
            SELECT dealer_code, COUNT(*), SUM(CASE WHEN status = 'arrived' THEN 1 ELSE 0 END) FROM appointments
            WHERE COALESCE(status, '') <> 'cancelled' AND scheduled_at >= ? AND scheduled_at < ?
            GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .serviceAppointmentShowRate, row.int(2), row.int(1))
        }
        let decisionDays = database.dialect.dayNumber("decided_on") + " - " + database.dialect.dayNumber("submitted_on")
        var decisions: [String: [Int64]] = [:]
        for row in try database.rows(
            """
            SELECT dealer_code, CASE WHEN status IN ('approved', 'paid') AND submission_count = 1 THEN 1 ELSE 0 END,
              CASE WHEN submitted_on IS NOT NULL THEN \(decisionDays) END
            FROM warranty_claims WHERE decided_on >= ? AND decided_on < ? ORDER BY dealer_code, claim_no
            """, bounds(period))
        {
            let dealer = row.text(0)
            sink.ratio(dealer, .serviceWarrantyFirstPassRate, row.int(1), 1)
            if let days = row[2].int64 { decisions[dealer, default: []].append(days) }
        }
        for (dealer, items) in decisions { sink.add(dealer, .serviceWarrantyDaysToDecisionMedian, .items(items)) }
        // Recovery: a rejected claim recovers 0 whatever its approved_amount; another claim
        // without an approved_amount is left out of both sums.
        for row in try database.rows(
            """
            SELECT dealer_code, SUM(CASE WHEN status = 'rejected' THEN 0 ELSE approved_amount END), SUM(claimed_amount)
            FROM warranty_claims WHERE decided_on >= ? AND decided_on < ? AND claimed_amount IS NOT NULL
              AND (status = 'rejected' OR approved_amount IS NOT NULL)
            GROUP BY dealer_code ORDER BY 1
            """, bounds(period))
        {
            sink.ratio(row.text(0), .serviceWarrantyRecoveryRate, row.int(1), row.int(2))
        }
        try surveyPartials(period, kind: "service", score: .serviceCSIScore, nps: .serviceNPS, into: &sink)
    }
}
