extension KPIEngine {
    func salesPartials(_ period: ReportingPeriod, into sink: inout PartialSink) throws {
        let delivered = "status = 'delivered' AND delivered_on >= ? AND delivered_on < ?"
        for row in try database.rows(
            """
            SELECT dealer_code,
              SUM(CASE WHEN sale_type = 'new' AND order_type = 'retail' THEN 1 ELSE 0 END),
              SUM(CASE WHEN sale_type = 'used' AND order_type = 'retail' THEN 1 ELSE 0 END),
              SUM(CASE WHEN promised_delivery_date IS NOT NULL THEN 1 ELSE 0 END),
              SUM(CASE WHEN promised_delivery_date IS NOT NULL AND delivered_on <= promised_delivery_date THEN 1 ELSE 0 END),
              SUM(CASE WHEN sale_type = 'new' AND order_type = 'retail' THEN COALESCE(sale_price, 0) - COALESCE(vehicle_cost, 0) ELSE 0 END),
              SUM(CASE WHEN sale_type = 'used' AND order_type = 'retail' THEN COALESCE(sale_price, 0) - COALESCE(vehicle_cost, 0) ELSE 0 END),
              SUM(CASE WHEN sale_type IN ('new', 'used') AND order_type = 'retail' THEN COALESCE(fi_income, 0) ELSE 0 END)
            FROM sales_orders WHERE \(delivered)
            GROUP BY dealer_code ORDER BY dealer_code
            """, bounds(period))
        {
            let dealer = row.text(0)
            sink.total(dealer, .salesNewRetailUnits, row.int(1))
            sink.total(dealer, .salesUsedRetailUnits, row.int(2))
            sink.ratio(dealer, .salesOnTimeDeliveryRate, row.int(4), row.int(3))
            sink.ratio(dealer, .salesNewFrontGrossPerUnit, row.int(5), row.int(1))
            sink.ratio(dealer, .salesUsedFrontGrossPerUnit, row.int(6), row.int(2))
            sink.ratio(dealer, .salesFIIncomePerUnit, row.int(7), row.int(1) + row.int(2))
        }
        let days = database.dialect.dayNumber("delivered_on") + " - " + database.dialect.dayNumber("order_date")
        var items: [String: [Int64]] = [:]
        for row in try database.rows(
            "SELECT dealer_code, \(days) FROM sales_orders WHERE \(delivered) AND order_date IS NOT NULL ORDER BY dealer_code",
            bounds(period))
        {
            items[row.text(0), default: []].append(row.int(1))
        }
        for (dealer, list) in items { sink.add(dealer, .salesOrderToDeliveryDaysMedian, .items(list)) }

        for row in try database.rows(
            """
            SELECT dealer_code, COUNT(*), SUM(CASE WHEN status IN ('cancelled', 'rejected') THEN 1 ELSE 0 END)
            FROM sales_orders WHERE order_date >= ? AND order_date < ? GROUP BY dealer_code ORDER BY dealer_code
            """, bounds(period))
        {
            sink.ratio(row.text(0), .salesCancellationRate, row.int(2), row.int(1))
        }
        try surveyPartials(period, kind: "sales", score: .salesCSIScore, nps: .salesNPS, into: &sink)
    }

    /// CSI mean score and NPS of one survey kind (`sales.csi_score`, `sales.nps`, `service.*`).
    func surveyPartials(
        _ period: ReportingPeriod, kind: String, score: KPIDefinition, nps: KPIDefinition, into sink: inout PartialSink
    ) throws {
        for row in try database.rows(
            """
            SELECT dealer_code, SUM(score), COUNT(score), COUNT(recommend),
              SUM(CASE WHEN recommend >= 90000 THEN 1 ELSE 0 END), SUM(CASE WHEN recommend <= 60000 THEN 1 ELSE 0 END)
            FROM csi_surveys WHERE kind = ? AND survey_date >= ? AND survey_date < ?
            GROUP BY dealer_code ORDER BY dealer_code
            """, [.text(kind)] + bounds(period))
        {
            let dealer = row.text(0)
            sink.ratio(dealer, score, row.int(1), row.int(2))
            sink.ratio(dealer, nps, row.int(4) - row.int(5), row.int(3))
        }
    }
}
