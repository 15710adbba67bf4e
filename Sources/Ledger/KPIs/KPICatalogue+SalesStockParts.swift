/// The entries of the sales, stock and parts families (kpis.md sections 2–4).
extension KPIDefinition {
    // MARK: sales

    static let salesNewRetailUnits = StandardKPIs.count(
        "sales.new_retail_units", "New retail units", "新车零售台数", .sales,
        "Orders delivered in P (status delivered, delivered_on in P) with sale_type new and order_type retail.",
        zh: "P 内交车（状态 delivered，delivered_on 在 P 内）、sale_type 为新车且 order_type 为零售的订单数。", headline: true,
        direction: .higherIsBetter)
    static let salesUsedRetailUnits = StandardKPIs.count(
        "sales.used_retail_units", "Used retail units", "二手车零售台数", .sales,
        "Orders delivered in P with sale_type used and order_type retail.",
        zh: "P 内交车、sale_type 为二手车且 order_type 为零售的订单数。", direction: .higherIsBetter)
    static let salesOnTimeDeliveryRate = KPIDefinition(
        "sales.on_time_delivery_rate", "On-time delivery rate", "准时交车率", unit: .rate, direction: .higherIsBetter, family: .sales,
        form: StandardKPIs.rate, headline: true,
        definition: "Orders delivered in P (every order_type) having a promised_delivery_date: share with delivered_on ≤ promised_delivery_date.",
        zh: "P 内交车且有承诺交车日期的订单（所有订单类型）中，delivered_on ≤ promised_delivery_date 的比例。")
    static let salesOrderToDeliveryDaysMedian = KPIDefinition(
        "sales.order_to_delivery_days_median", "Order-to-delivery days (median)", "订单至交车天数（中位数）", unit: .days,
        direction: .lowerIsBetter, family: .sales, form: .percentile(percent: 50, itemScale: 1),
        definition: "Median of delivered_on − order_date in days over orders delivered in P having an order_date.",
        zh: "P 内交车且有下单日期的订单，delivered_on − order_date（天）的中位数。")
    static let salesCancellationRate = KPIDefinition(
        "sales.cancellation_rate", "Cancellation rate", "订单取消率", unit: .rate, direction: .lowerIsBetter, family: .sales,
        form: StandardKPIs.rate,
        definition: "Orders with order_date in P: share with status cancelled or rejected (the denominator includes them).",
        zh: "下单日期在 P 内的订单中，状态为取消或拒绝的比例（分母包含这些订单）。")
    static let salesNewFrontGrossPerUnit = KPIDefinition(
        "sales.new_front_gross_per_unit", "New front gross per unit", "新车单车前端毛利", unit: .money, direction: .higherIsBetter,
        family: .sales, form: .ratio(numerator: .money, denominator: .count),
        definition: "Σ(sale_price − vehicle_cost) ÷ units, new retail orders delivered in P (an empty price counts as 0).",
        zh: "P 内交车的新车零售订单：Σ(售价 − 车辆成本) ÷ 台数（售价为空按 0 计）。")
    static let salesUsedFrontGrossPerUnit = KPIDefinition(
        "sales.used_front_gross_per_unit", "Used front gross per unit", "二手车单车前端毛利", unit: .money, direction: .higherIsBetter,
        family: .sales, form: .ratio(numerator: .money, denominator: .count),
        definition: "Σ(sale_price − vehicle_cost) ÷ units, used retail orders delivered in P.",
        zh: "P 内交车的二手车零售订单：Σ(售价 − 车辆成本) ÷ 台数。")
    static let salesFIIncomePerUnit = KPIDefinition(
        "sales.fi_income_per_unit", "F&I income per unit", "单车金融保险收入", unit: .money, direction: .higherIsBetter, family: .sales,
        form: .ratio(numerator: .money, denominator: .count),
        definition: "Σ fi_income of the new and used retail orders delivered in P ÷ their number.",
        zh: "P 内交车的新车与二手车零售订单的金融保险收入合计 ÷ 订单数。")
    static let salesCSIScore = KPIDefinition(
        "sales.csi_score", "Sales CSI score", "销售满意度（CSI）", unit: .score, direction: .higherIsBetter, family: .sales,
        form: .ratio(numerator: .score, denominator: .count),
        definition: "Mean score (0–10) of sales surveys with survey_date in P; surveys with an empty score are left out.",
        zh: "调查日期在 P 内的销售满意度调查的平均分（0–10），得分为空的调查不计。")
    static let salesNPS = KPIDefinition(
        "sales.nps", "Sales NPS", "销售净推荐值（NPS）", unit: .rate, direction: .higherIsBetter, family: .sales, form: StandardKPIs.rate,
        definition: "Sales surveys in P with a recommend score: (promoters, recommend ≥ 9, − detractors, recommend ≤ 6) ÷ surveys, as a fraction. Numerator = promoters − detractors.",
        zh: "P 内有推荐分的销售调查：(推荐者（≥ 9）− 贬损者（≤ 6）) ÷ 调查数，以小数表示。")

    // MARK: stock

    static let stockDefinitionNote =
        "A stay in stock (per dealer and VIN) starts at a stocked_in and ends at the first stocked_out, delivered or returned strictly after it (or at the next stocked_in, which supersedes it); its stock cost is the stocked_in cost."

    static let stockVehicleUnitsEnd = StandardKPIs.count(
        "stock.vehicle_units_end", "Vehicles in stock at end", "期末整车库存台数", .stock,
        "Vehicles in stock at the end of P. " + stockDefinitionNote,
        zh: "P 期末在库的车辆数（每经销商每 VIN 的一段在库期，自入库起至其后首次出库、交车或退回为止）。")
    static let stockVehicleValueEnd = KPIDefinition(
        "stock.vehicle_value_end", "Vehicle stock value at end", "期末整车库存金额", unit: .money, direction: .neutral, family: .stock,
        form: .amount(scale: 100), definition: "Σ stock cost of the vehicles in stock at the end of P.",
        zh: "P 期末在库车辆的库存成本合计。")
    static let stockVehicleTurnover = KPIDefinition(
        "stock.vehicle_turnover", "Vehicle stock turnover", "整车库存周转率", unit: .turns, direction: .higherIsBetter, family: .stock,
        form: .turnover(scale: 100), headline: true,
        definition: "Cost of vehicles leaving stock in P ÷ mean daily stock value over P (stock at the end of each day), × 365 ÷ days(P). A stay counts as leaving, once at its stock cost, when it ends with stocked_out or delivered dated in P (a transfer out is a leaving for that dealer).",
        zh: "P 内出库车辆成本 ÷ P 内日均库存金额 × 365 ÷ P 的天数（年化周转次数）。")
    static let stockVehicleDaysSupply = KPIDefinition(
        "stock.vehicle_days_supply", "Vehicle days supply", "整车库存天数", unit: .days, direction: .lowerIsBetter, family: .stock,
        form: .daysSupply(numerator: .count, denominator: .count),
        definition: "Units in stock at the end of P ÷ (units leaving stock in P ÷ days(P)), leaving as for turnover.",
        zh: "P 期末在库台数 ÷（P 内出库台数 ÷ P 的天数）。")
    static let stockVehicleAged0To30 = StandardKPIs.count(
        "stock.vehicle_aged_0_30", "Vehicles aged 0–30 days", "库龄 0–30 天车辆数", .stock,
        "Units in stock at the end of P whose age (end − date of their stocked_in) is 0–30 days.",
        zh: "P 期末在库、库龄（期末 − 入库日期）为 0–30 天的台数。")
    static let stockVehicleAged31To60 = StandardKPIs.count(
        "stock.vehicle_aged_31_60", "Vehicles aged 31–60 days", "库龄 31–60 天车辆数", .stock,
        "Units in stock at the end of P aged 31–60 days.", zh: "P 期末在库、库龄为 31–60 天的台数。")
    static let stockVehicleAged61To90 = StandardKPIs.count(
        "stock.vehicle_aged_61_90", "Vehicles aged 61–90 days", "库龄 61–90 天车辆数", .stock,
        "Units in stock at the end of P aged 61–90 days.", zh: "P 期末在库、库龄为 61–90 天的台数。", direction: .lowerIsBetter)
    static let stockVehicleAgedOver90 = StandardKPIs.count(
        "stock.vehicle_aged_over_90", "Vehicles aged over 90 days", "库龄超 90 天车辆数", .stock,
        "Units in stock at the end of P aged over 90 days.", zh: "P 期末在库、库龄超过 90 天的台数。", direction: .lowerIsBetter)
    static let stockVehicleAgedOver90Share = KPIDefinition(
        "stock.vehicle_aged_over_90_share", "Share of stock aged over 90 days", "超 90 天库龄车辆占比", unit: .rate,
        direction: .lowerIsBetter, family: .stock, form: StandardKPIs.rate,
        definition: "Units aged over 90 days ÷ units in stock at the end of P.", zh: "库龄超过 90 天的台数 ÷ P 期末在库台数。")

    // MARK: parts

    static let partsInventoryValueEnd = KPIDefinition(
        "parts.inventory_value_end", "Parts inventory value at end", "期末配件库存金额", unit: .money, direction: .neutral, family: .parts,
        form: .amount(scale: 1_000_000),
        definition: "Σ on-hand value at the end of P: Σ signed qty × unit_cost of every movement up to the end of P (each movement at its own unit_cost).",
        zh: "P 期末配件在库金额：截至期末每笔出入库的带符号数量 × 单位成本之和。")
    static let partsTurnover = KPIDefinition(
        "parts.turnover", "Parts turnover", "配件库存周转率", unit: .turns, direction: .higherIsBetter, family: .parts,
        form: .turnover(scale: 1_000_000),
        definition: "Parts cost of sales in P (value of issue_to_ro + counter_sale − return_from_ro − counter_return movements) ÷ mean daily inventory value over P, × 365 ÷ days(P).",
        zh: "P 内配件销售成本 ÷ P 内日均配件库存金额 × 365 ÷ P 的天数（年化周转次数）。")
    static let partsDaysSupply = KPIDefinition(
        "parts.days_supply", "Parts days supply", "配件库存天数", unit: .days, direction: .lowerIsBetter, family: .parts,
        form: .daysSupply(numerator: .lineMoney, denominator: .lineMoney),
        definition: "Inventory value at the end of P ÷ (parts cost of sales in P ÷ days(P)).",
        zh: "P 期末配件库存金额 ÷（P 内配件销售成本 ÷ P 的天数）。")
    static let partsFirstTimeFillRate = KPIDefinition(
        "parts.first_time_fill_rate", "First-time fill rate", "配件一次满足率", unit: .rate, direction: .higherIsBetter, family: .parts,
        form: StandardKPIs.rate, headline: true,
        definition: "Requested lines filled from stock ÷ requested lines: ro_parts lines of non-void ROs opened in P plus counter_sale movements in P (lines whose filled_from_stock is empty are left out of both), plus lost_sale movements in P (requested, not filled).",
        zh: "由现有库存满足的需求行 ÷ 需求行（P 内开单工单的配件行、柜台销售及缺货流失）。")
    static let partsObsoleteShare = KPIDefinition(
        "parts.obsolete_share", "Obsolete parts share", "呆滞配件占比", unit: .rate, direction: .lowerIsBetter, family: .parts,
        form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
        definition: "Value at the end of P of the parts (per dealer and part) with no issue_to_ro or counter_sale movement dated in [end − 364, end] and a first movement dated before end − 364, ÷ inventory value at the end of P.",
        zh: "期末前 365 天内无工单出库或柜台销售、且首次出入库早于此的配件的期末金额 ÷ 期末配件库存金额。")
    static let partsBelowMinShare = KPIDefinition(
        "parts.below_min_share", "Parts below minimum stock", "低于最低库存配件占比", unit: .rate, direction: .lowerIsBetter,
        family: .parts, form: StandardKPIs.rate,
        definition: "Parts of the dealer's part master whose min_stock is > 0: share whose on-hand quantity at the end of P (Σ signed qty of that dealer's movements of the part up to the end of P; 0 without movements) is < min_stock (equal is not below). The part master is the current one, also for the previous period and a year earlier. Numerator and denominator are counts of parts.",
        zh: "配件主数据中最低库存 > 0 的配件里，期末在库数量低于最低库存的比例。")
    static let partsGrossMargin = KPIDefinition(
        "parts.gross_margin", "Parts gross margin", "配件毛利率", unit: .rate, direction: .higherIsBetter, family: .parts,
        form: .ratio(numerator: .lineMoney, denominator: .lineMoney), headline: true,
        definition: "(Σ sale − Σ cost) ÷ Σ sale over ro_parts closed lines in P (qty × unit_price, qty × unit_cost) plus counter sales net of counter returns in P. Numerator = gross, denominator = sales.",
        zh: "(配件销售额 − 配件成本) ÷ 配件销售额，含 P 内结算工单配件行及扣除退货的柜台销售。")
    static let partsGrossMarginByChannel = KPIVariants(PartsChannel.allCases) { channel in
        KPIDefinition(
            "parts.gross_margin.\(channel.rawValue)", "Parts gross margin (\(channel.rawValue))", "配件毛利率（\(channel.shortZH)）",
            unit: .rate, direction: .higherIsBetter, family: .parts, form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
            definition: "parts.gross_margin over \(channel.text.en) only.", zh: "仅计\(channel.text.zh)的配件毛利率。")
    }
    static let partsSalesShare = KPIDefinition(
        "parts.sales_share", "Parts sales share", "配件销售占比", unit: .rate, direction: .higherIsBetter, family: .parts,
        form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
        definition: "Parts sales (closed RO lines and counter sales net of returns) ÷ total sales in P = Σ sale_price and fi_income of orders delivered in P (every order_type) + labor sales of closed lines + parts sales.",
        zh: "配件销售额 ÷ P 内总销售额（整车售价、金融保险收入、工时销售额与配件销售额之和）。")
}
