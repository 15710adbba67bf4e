/// The entries of the service, fleet, logistics, staff and complaint families (kpis.md
/// sections 5 and 7–13).
extension KPIDefinition {
    // MARK: service

    static let serviceROClosed = StandardKPIs.count(
        "service.ro_closed", "ROs closed", "结算工单数", .service,
        "ROs closed in P: status not void and invoiced_at (the accounting posting date) in P.",
        zh: "P 内结算的维修工单数（状态非作废，结算时间 invoiced_at 在 P 内）。", headline: true, direction: .higherIsBetter)
    static let serviceRepairCycleHoursMedian = KPIDefinition(
        "service.repair_cycle_hours_median", "Repair cycle hours (median)", "维修周期（小时，中位数）", unit: .hours,
        direction: .lowerIsBetter, family: .service, form: .percentile(percent: 50, itemScale: 3600), headline: true,
        definition: "Median of completed_at − opened_at in hours over ROs closed in P having both.",
        zh: "P 内结算工单的完工时间 − 开单时间（小时）的中位数。")
    static let serviceRepairCycleHoursP90 = KPIDefinition(
        "service.repair_cycle_hours_p90", "Repair cycle hours (90th percentile)", "维修周期（小时，90 分位）", unit: .hours,
        direction: .lowerIsBetter, family: .service, form: .percentile(percent: 90, itemScale: 3600),
        definition: "90th percentile (linear interpolation) of completed_at − opened_at in hours over ROs closed in P having both.",
        zh: "P 内结算工单的完工时间 − 开单时间（小时）的 90 分位数（线性插值）。")
    static let servicePromisedTimeMetRate = KPIDefinition(
        "service.promised_time_met_rate", "Promised time met", "承诺交车时间达成率", unit: .rate, direction: .higherIsBetter,
        family: .service, form: StandardKPIs.rate,
        definition: "ROs closed in P with promised_at and completed_at: share with completed_at ≤ promised_at.",
        zh: "P 内结算且有承诺时间和完工时间的工单中，按时完工（完工 ≤ 承诺）的比例。")
    static let serviceComebackRate = KPIDefinition(
        "service.comeback_rate", "Comeback rate", "返修率", unit: .rate, direction: .lowerIsBetter, family: .service,
        form: StandardKPIs.rate, headline: true,
        definition: "ROs closed in P with ro_type other than internal and pdi: share that are comebacks. B is a comeback when comeback_flag is true, or comeback_of_ro is set, or another non-void RO A of the same VIN (any dealer, any type) with completed_at ≤ B.opened_at ≤ completed_at + N × 24 h shares a non-empty labor op_code with B (default N = 30; --comeback-days, --comeback-match opcode|any). Grouped by B's dealer.",
        zh: "P 内结算的非内部、非 PDI 工单中属于返修的比例（返修标记、关联原工单，或同一 VIN 在 N 天内有相同工时代码的前次工单）。")
    static let serviceHoursPerRO = KPIDefinition(
        "service.hours_per_ro", "Sold hours per RO", "单车工时", unit: .hours, direction: .higherIsBetter, family: .service,
        form: .ratio(numerator: .hours, denominator: .count),
        definition: "Σ sold_hours of closed lines in P ÷ ROs closed in P (all of them, also those without labor).",
        zh: "P 内结算工时行的销售工时合计 ÷ P 内结算工单数（含无工时的工单）。")
    static let serviceHoursPerROByPay = KPIVariants(PayType.allCases) { pay in
        KPIDefinition(
            "service.hours_per_ro.\(pay.rawValue)", "Sold hours per RO (\(pay.rawValue))", "单车工时（\(pay.name.zh)）", unit: .hours,
            direction: .higherIsBetter, family: .service, form: .ratio(numerator: .hours, denominator: .count),
            definition: "Sold hours of \(pay.rawValue) labor lines closed in P ÷ ROs closed in P having a \(pay.rawValue) labor line.",
            zh: "P 内结算的\(pay.name.zh)工时行销售工时 ÷ 含\(pay.name.zh)工时行的结算工单数。")
    }
    static let serviceEffectiveLaborRate = KPIDefinition(
        "service.effective_labor_rate", "Effective labor rate", "有效工时单价", unit: .money, direction: .higherIsBetter,
        family: .service, form: StandardKPIs.laborRatePerHour, headline: true,
        definition: "Σ labor_sale ÷ Σ sold_hours, closed lines in P (money per sold hour).",
        zh: "P 内结算工时行的工时销售额 ÷ 销售工时（每销售工时金额）。")
    static let serviceEffectiveLaborRateByPay = KPIVariants(PayType.allCases) { pay in
        KPIDefinition(
            "service.effective_labor_rate.\(pay.rawValue)", "Effective labor rate (\(pay.rawValue))", "有效工时单价（\(pay.name.zh)）",
            unit: .money, direction: .higherIsBetter, family: .service, form: StandardKPIs.laborRatePerHour,
            definition: "Σ labor_sale ÷ Σ sold_hours, \(pay.rawValue) labor lines closed in P.",
            zh: "P 内结算的\(pay.name.zh)工时行：工时销售额 ÷ 销售工时。")
    }
    static let serviceLaborGrossMargin = KPIDefinition(
        "service.labor_gross_margin", "Labor gross margin", "工时毛利率", unit: .rate, direction: .higherIsBetter, family: .service,
        form: StandardKPIs.laborMargin, definition: "(Σ labor_sale − Σ labor_cost) ÷ Σ labor_sale, closed lines in P.",
        zh: "P 内结算工时行：(工时销售额 − 工时成本) ÷ 工时销售额。")
    static let serviceLaborGrossMarginByPay = KPIVariants(PayType.allCases) { pay in
        KPIDefinition(
            "service.labor_gross_margin.\(pay.rawValue)", "Labor gross margin (\(pay.rawValue))", "工时毛利率（\(pay.name.zh)）",
            unit: .rate, direction: .higherIsBetter, family: .service, form: StandardKPIs.laborMargin,
            definition: "(Σ labor_sale − Σ labor_cost) ÷ Σ labor_sale, \(pay.rawValue) labor lines closed in P.",
            zh: "P 内结算的\(pay.name.zh)工时行：(工时销售额 − 工时成本) ÷ 工时销售额。")
    }
    static let serviceTechEfficiency = KPIDefinition(
        "service.tech_efficiency", "Technician efficiency", "技师效率", unit: .rate, direction: .higherIsBetter, family: .service,
        form: .ratio(numerator: .hours, denominator: .hours),
        definition: "Σ sold_hours ÷ Σ clocked_hours, closed lines in P (flagged ÷ clocked).",
        zh: "P 内结算工时行：销售工时 ÷ 打卡工时。")
    static let serviceTechProductivity = KPIDefinition(
        "service.tech_productivity", "Technician productivity", "技师生产率", unit: .rate, direction: .higherIsBetter, family: .service,
        form: .ratio(numerator: .hours, denominator: .hours),
        definition: "Σ clocked_hours of closed lines in P ÷ Σ hours_present in P (attendance work_date in P) of employees whose role is technician.",
        zh: "P 内结算工时行的打卡工时 ÷ 技师在 P 内的出勤工时。")
    static let serviceTechProficiency = KPIDefinition(
        "service.tech_proficiency", "Technician proficiency", "技师熟练度", unit: .rate, direction: .higherIsBetter, family: .service,
        form: .ratio(numerator: .hours, denominator: .hours),
        definition: "Σ sold_hours of closed lines in P ÷ Σ hours_present in P of technicians.",
        zh: "P 内结算工时行的销售工时 ÷ 技师在 P 内的出勤工时。")
    static let serviceAppointmentShowRate = KPIDefinition(
        "service.appointment_show_rate", "Appointment show rate", "预约到店率", unit: .rate, direction: .higherIsBetter,
        family: .service, form: StandardKPIs.rate,
        definition: "Appointments with scheduled_at in P and status not cancelled: share with status arrived.",
        zh: "预约时间在 P 内且未取消的预约中，状态为已到店的比例。")
    static let serviceWarrantyFirstPassRate = KPIDefinition(
        "service.warranty_first_pass_rate", "Warranty first-pass rate", "索赔一次通过率", unit: .rate, direction: .higherIsBetter,
        family: .service, form: StandardKPIs.rate,
        definition: "Claims with decided_on in P, whatever their status (rejected included): share with status approved or paid and submission_count 1.",
        zh: "P 内有裁定的保修索赔（含被拒）中，首次提交即批准或已付款的比例。")
    static let serviceWarrantyDaysToDecisionMedian = KPIDefinition(
        "service.warranty_days_to_decision_median", "Warranty days to decision (median)", "索赔裁定天数（中位数）", unit: .days,
        direction: .lowerIsBetter, family: .service, form: .percentile(percent: 50, itemScale: 1),
        definition: "Median of decided_on − submitted_on in days over the claims decided in P having both dates.",
        zh: "P 内裁定的索赔，裁定日期 − 提交日期（天）的中位数。")
    static let serviceWarrantyRecoveryRate = KPIDefinition(
        "service.warranty_recovery_rate", "Warranty recovery rate", "索赔回收率", unit: .rate, direction: .higherIsBetter,
        family: .service, form: .ratio(numerator: .money, denominator: .money),
        definition: "Σ approved_amount ÷ Σ claimed_amount over the claims with decided_on in P, whatever their status, that have a claimed_amount. A rejected claim counts with approved 0; any other claim with an empty approved_amount is left out of both sums. Numerator and denominator are money.",
        zh: "P 内裁定的索赔：批准金额合计 ÷ 索赔金额合计（被拒按批准 0 计）。")
    static let serviceCSIScore = KPIDefinition(
        "service.csi_score", "Service CSI score", "售后满意度（CSI）", unit: .score, direction: .higherIsBetter, family: .service,
        form: .ratio(numerator: .score, denominator: .count), headline: true,
        definition: "Mean score (0–10) of service surveys with survey_date in P; surveys with an empty score are left out.",
        zh: "调查日期在 P 内的售后满意度调查的平均分（0–10），得分为空的调查不计。")
    static let serviceNPS = KPIDefinition(
        "service.nps", "Service NPS", "售后净推荐值（NPS）", unit: .rate, direction: .higherIsBetter, family: .service,
        form: StandardKPIs.rate,
        definition: "Service surveys in P with a recommend score: (promoters, recommend ≥ 9, − detractors, recommend ≤ 6) ÷ surveys, as a fraction. Numerator = promoters − detractors.",
        zh: "P 内有推荐分的售后调查：(推荐者（≥ 9）− 贬损者（≤ 6）) ÷ 调查数，以小数表示。")

    // MARK: fleet

    static let fleetVehicles = StandardKPIs.count(
        "fleet.vehicles", "Fleet vehicles", "公务车辆数", .fleet,
        "Fleet vehicles active in P: vehicles.usage demo, loaner or fleet, no disposal dated before the start of P, in_service_on empty or ≤ end of P; grouped by vehicles.dealer_code.",
        zh: "P 内在用的试驾车、代步车和公务车数（P 开始前未处置，启用日期为空或不晚于期末）。")
    static let fleetUtilization = KPIDefinition(
        "fleet.utilization", "Fleet utilisation", "公务车使用率", unit: .rate, direction: .higherIsBetter, family: .fleet,
        form: .ratio(numerator: .seconds, denominator: KPIComponent(.hours, scale: 1, places: 0)),
        definition: "Σ hours checked out within P (overlap of [checked_out_at, returned_at or end of P] with P; bookings not cancelled) ÷ (fleet vehicles × 24 × days(P)).",
        zh: "P 内借出小时数合计 ÷（车辆数 × 24 × P 的天数）。")
    static let fleetOverdueReturnRate = KPIDefinition(
        "fleet.overdue_return_rate", "Overdue return rate", "逾期还车率", unit: .rate, direction: .lowerIsBetter, family: .fleet,
        form: StandardKPIs.rate, definition: "Bookings (not cancelled) returned in P: share with returned_at > booked_to.",
        zh: "P 内归还的借车单（未取消）中，归还时间晚于预约截止时间的比例。")
    static let fleetKmPerBooking = KPIDefinition(
        "fleet.km_per_booking", "Kilometres per booking", "单次借车里程", unit: .km, direction: .neutral, family: .fleet,
        form: .ratio(numerator: .km, denominator: .count),
        definition: "Σ (km_in − km_out) ÷ bookings, over the bookings returned in P (not cancelled; grouped by the booking's dealer) having both km_out and km_in with km_in ≥ km_out (a km_in below km_out is an entry error and the booking is left out; equal gives 0 km).",
        zh: "P 内归还的借车单：Σ(还车里程 − 出车里程) ÷ 借车单数（里程倒挂的单据不计）。")
    static let fleetMaintenanceCost = KPIDefinition(
        "fleet.maintenance_cost", "Fleet maintenance cost", "公务车维修费用", unit: .money, direction: .lowerIsBetter, family: .fleet,
        form: .amount(scale: 1_000_000),
        definition: "Σ labor_sale + parts sale (qty × unit_price) of internal-pay lines on ROs closed in P of vehicles whose usage is demo, loaner or fleet; grouped by the RO's dealer.",
        zh: "P 内结算的试驾车、代步车、公务车工单中内部付费工时与配件销售额合计。")
    static let fleetDueForScrapping = StandardKPIs.count(
        "fleet.due_for_scrapping", "Fleet vehicles due for scrapping", "待报废公务车数", .fleet,
        "Fleet vehicles with in_service_on + service_life_years (calendar years; 29 Feb → 28 Feb) ≤ end of P + 90 days and no disposal on or before the end of P.",
        zh: "启用日期 + 使用年限 ≤ 期末 + 90 天且期末前未处置的公务车数。", direction: .lowerIsBetter)
    static let fleetDisposals = StandardKPIs.count(
        "fleet.disposals", "Disposals", "车辆处置数", .fleet,
        "vehicle_disposals rows with disposed_on in P, whatever the vehicle's usage, grouped by the disposal row's dealer_code (an empty method counts in the total only).",
        zh: "处置日期在 P 内的车辆处置记录数（不论车辆用途）。")
    static let fleetDisposalsByMethod = KPIVariants(DisposalMethod.allCases) { method in
        StandardKPIs.count(
            "fleet.disposals.\(method.rawValue)", "Disposals (\(method.rawValue))", "车辆处置数（\(method.zh)）", .fleet,
            "fleet.disposals with method \(method.rawValue).", zh: "处置方式为\(method.zh)的车辆处置数。")
    }
    static let fleetDisposalProceeds = KPIDefinition(
        "fleet.disposal_proceeds", "Disposal proceeds", "车辆处置收入", unit: .money, direction: .higherIsBetter, family: .fleet,
        form: .amount(scale: 100), definition: "Σ proceeds of the disposals of fleet.disposals (an empty proceeds adds nothing).",
        zh: "P 内车辆处置收入合计。")

    // MARK: logistics

    static let logisticsInTransitUnitsEnd = StandardKPIs.count(
        "logistics.in_transit_units_end", "Vehicles in transit at end", "期末在途车辆数", .logistics,
        "Vehicles (per dealer and VIN) in transit at the end of P: the latest event up to then, leaving out ordered and reserved, is dispatched or in_transit. Events at one instant sort in the order of the event_type list.",
        zh: "P 期末最新物流事件为已发运或在途的车辆数。")
    static let logisticsTransitDaysMedian = KPIDefinition(
        "logistics.transit_days_median", "Transit days (median)", "在途天数（中位数）", unit: .days, direction: .lowerIsBetter,
        family: .logistics, form: .percentile(percent: 50, itemScale: 86_400),
        definition: "Median over the arrivals in P whose leg has a dispatch of arrived event_time − the leg's latest dispatched event_time, in days (seconds ÷ 86 400). The leg of an arrived event is the vehicle's events after its previous arrived.",
        zh: "P 内到店车辆自发运至到店的天数中位数。")
    static let logisticsLateArrivalRate = KPIDefinition(
        "logistics.late_arrival_rate", "Late arrival rate", "延迟到店率", unit: .rate, direction: .lowerIsBetter, family: .logistics,
        form: StandardKPIs.rate,
        definition: "Arrivals in P whose leg has an ETA (the eta of its latest dispatched or in_transit event with one): share with event_time > ETA (arriving exactly at the ETA is on time; a bare-date ETA means 00:00:00).",
        zh: "P 内有预计到达时间的到店车辆中，晚于预计到达时间到店的比例。")
    static let logisticsTransportDamageRate = KPIDefinition(
        "logistics.transport_damage_rate", "Transport damage rate", "质损率", unit: .rate, direction: .lowerIsBetter, family: .logistics,
        form: StandardKPIs.rate,
        definition: "Arrivals in P: share whose arrived event has damaged true (质损率). An empty damaged counts as not damaged; damage recorded on other events does not count.",
        zh: "P 内到店车辆中，到店时记录质损的比例。")
    static let logisticsPDIFirstPassRate = KPIDefinition(
        "logistics.pdi_first_pass_rate", "PDI first-pass rate", "PDI 一次合格率", unit: .rate, direction: .higherIsBetter,
        family: .logistics, form: StandardKPIs.rate,
        definition: "PDI rounds whose first event is in P: share whose first event is pdi_passed. Rounds are split by the vehicle's arrived, stocked_out, delivered and returned events; a round that fails and then passes counts as not passed.",
        zh: "首次事件在 P 内的 PDI 检查轮次中，首次即检查合格的比例。")
    static let logisticsCertificateMissingUnitsEnd = StandardKPIs.count(
        "logistics.certificate_missing_units_end", "Vehicles in stock without certificate", "期末缺合格证在库车辆数", .logistics,
        "Vehicles in stock at the end of P with no sign of the certificate of conformity (合格证): no event of that dealer and VIN up to the end of P has certificate_received true, and vehicles.certificate_no (current master) is empty.",
        zh: "P 期末在库但未收到合格证、车辆主数据也无合格证号的车辆数。", direction: .lowerIsBetter)
    static let logisticsFreightCostPerUnit = KPIDefinition(
        "logistics.freight_cost_per_unit", "Freight cost per unit", "单车运费", unit: .money, direction: .lowerIsBetter,
        family: .logistics, form: .ratio(numerator: .money, denominator: .count),
        definition: "Σ freight_cost ÷ their number over the dispatched events in P whose freight_cost is not empty (0 counts).",
        zh: "P 内有运费的发运事件：运费合计 ÷ 事件数。")

    // MARK: staff

    static let staffHeadcountEnd = StandardKPIs.count(
        "staff.headcount_end", "Headcount at end", "期末在职人数", .staff,
        "Employees with hired_on empty or ≤ the last day of P and left_on empty or > it (left_on is the last day of employment); grouped by the employee's dealer_code.",
        zh: "P 最后一天在职的员工数（入职日期为空或不晚于该日，离职日期为空或晚于该日）。")
    static let staffHeadcountEndByRole = KPIVariants(StaffRole.allCases) { role in
        StandardKPIs.count(
            "staff.headcount_end.\(role.rawValue)", "Headcount at end (\(role.rawValue))", "期末在职人数（\(role.zh)）", .staff,
            "staff.headcount_end of employees whose current role is \(role.rawValue).", zh: "当前岗位为\(role.zh)的期末在职人数。")
    }
    static let staffTurnoverRate = KPIDefinition(
        "staff.turnover_rate", "Staff turnover rate", "员工流失率", unit: .rate, direction: .lowerIsBetter, family: .staff,
        form: .ratio(numerator: .count, denominator: .halfCount),
        definition: "Employees with left_on in P ÷ mean headcount, mean = (headcount at the end of the day before P + headcount at the end of P) ÷ 2. Not annualised: compare only periods of the same kind. An employee hired and leaving inside P is a leaver and in neither headcount.",
        zh: "P 内离职人数 ÷ 平均在职人数（期初与期末在职人数的平均），未年化。")

    // MARK: complaints

    static let crmComplaintsPer100ROs = KPIDefinition(
        "crm.complaints_per_100_ros", "Complaints per 100 ROs", "百单投诉数", unit: .per100, direction: .lowerIsBetter, family: .crm,
        form: .perHundred,
        definition: "Complaints opened in P (status not void) ÷ ROs closed in P × 100. Numerator the complaints, denominator the ROs.",
        zh: "P 内受理的投诉（非作废）÷ P 内结算工单数 × 100。")
    static let crmComplaintResolutionHoursMedian = KPIDefinition(
        "crm.complaint_resolution_hours_median", "Complaint resolution hours (median)", "投诉处理时长（小时，中位数）", unit: .hours,
        direction: .lowerIsBetter, family: .crm, form: .percentile(percent: 50, itemScale: 3600),
        definition: "Median of closed_at − opened_at in hours over the complaints closed in P (status closed, closed_at in P) that have an opened_at.",
        zh: "P 内结案投诉的结案时间 − 受理时间（小时）的中位数。")
    static let crmComplaintsClosedWithin48hRate = KPIDefinition(
        "crm.complaints_closed_within_48h_rate", "Complaints closed within 48 h", "48 小时投诉结案率", unit: .rate,
        direction: .higherIsBetter, family: .crm, form: StandardKPIs.rate,
        definition: "Complaints closed in P that have an opened_at: share with closed_at − opened_at ≤ 48 h (exactly 48 h is within). A re-opened complaint (status open) is not closed.",
        zh: "P 内结案的投诉中，自受理起 48 小时内（含）结案的比例。")
    static let crmComplaintSatisfactionRate = KPIDefinition(
        "crm.complaint_satisfaction_rate", "Complaint satisfaction rate", "投诉处理满意率", unit: .rate, direction: .higherIsBetter,
        family: .crm, form: StandardKPIs.rate,
        definition: "Complaints closed in P whose satisfied is not empty: share with satisfied true.",
        zh: "P 内结案且有满意度回访结果的投诉中，客户满意的比例。")
}
