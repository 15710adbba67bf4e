/// The columns of the exception lists, each declared once with its names and meaning.
extension ExceptionList.Column {
    static let dealerCode = Self("dealer_code", "经销商代码", "Dealer code", zh: "该行所属经销商的代码。", en: "The code of the dealer the row belongs to.")
    static let vin = Self("vin", "车架号", "VIN", zh: "车辆识别代号（VIN）。", en: "The vehicle identification number.")
    static let stockedIn = Self("stocked_in", "入库时间", "Stocked in", zh: "本段在库期的入库日期或时间。", en: "The date or time the vehicle's stay in stock began.")
    static let ageDaysWhole = Self("age_days", number: true, "库龄（天）", "Age (days)", zh: "期末距入库或提交的天数。", en: "Days from the start (stocked in or submitted) to the end of the period.")
    static let ageDaysDecimal = Self("age_days", number: true, "已开天数", "Age (days)", zh: "期末距开单或受理的天数（含小数）。", en: "Days from opening to the end of the period, with decimals.")
    static let stockCost = Self("stock_cost", number: true, "库存成本", "Stock cost", zh: "车辆入库成本（元）。", en: "The vehicle's stock cost (currency units).")
    static let roNo = Self("ro_no", "工单号", "RO number", zh: "维修工单号。", en: "The repair order number.")
    static let openedAt = Self("opened_at", "开单时间", "Opened at", zh: "工单开单或投诉受理的时间。", en: "When the RO or complaint was opened.")
    static let status = Self("status", "状态", "Status", zh: "单据在源系统中的状态。", en: "The document's status in the source system.")
    static let advisorID = Self("advisor_id", "服务顾问", "Advisor", zh: "负责该工单的服务顾问编号。", en: "The id of the service advisor of the RO.")
    static let waitingParts = Self("waiting_parts", "待料", "Waiting for parts", zh: "工单是否在等待配件（yes/no）。", en: "Whether the RO waits for parts (yes/no).")
    static let promisedAt = Self("promised_at", "承诺时间", "Promised at", zh: "向客户承诺的完工时间。", en: "The completion time promised to the customer.")
    static let hoursPastPromise = Self("hours_past_promise", number: true, "超时（小时）", "Hours past promise", zh: "期末超过承诺时间的小时数。", en: "Hours from the promised time to the end of the period.")
    static let reason = Self("reason", "返修判定依据", "Reason", zh: "判为返修的依据：标记、关联工单或匹配。", en: "Why the RO is a comeback: flag, link or match.")
    static let originalDealerCode = Self("original_dealer_code", "原工单经销商", "Original dealer", zh: "原工单 A 所属经销商。", en: "The dealer of the original RO A.")
    static let originalRONo = Self("original_ro_no", "原工单号", "Original RO", zh: "原工单 A 的工单号。", en: "The number of the original RO A.")
    static let originalCompletedAt = Self("original_completed_at", "原工单完工时间", "Original completed at", zh: "原工单 A 的完工时间。", en: "When the original RO A was completed.")
    static let daysBetween = Self("days_between", number: true, "间隔天数", "Days between", zh: "原工单完工至返修开单的天数。", en: "Days from the original RO's completion to the comeback's opening.")
    static let sharedOpCodes = Self("shared_op_codes", "相同工时代码", "Shared op codes", zh: "两张工单共有的工时代码。", en: "The labor op codes both ROs share.")
    static let originalTechnicians = Self("original_technicians", "原工单技师", "Original technicians", zh: "原工单的技师编号。", en: "The technicians of the original RO.")
    static let partNo = Self("part_no", "配件号", "Part number", zh: "配件编号。", en: "The part number.")
    static let description = Self("description", "配件名称", "Description", zh: "配件主数据中的名称。", en: "The part master's description.")
    static let qtyOnHand = Self("qty_on_hand", number: true, "在库数量", "Quantity on hand", zh: "期末在库数量。", en: "The quantity on hand at the end of the period.")
    static let value = Self("value", number: true, "库存金额", "Value", zh: "期末在库金额（元）。", en: "The value on hand at the end of the period.")
    static let lastIssue = Self("last_issue", "最近出库", "Last issue", zh: "最近一次工单出库或柜台销售日期。", en: "The date of the latest issue to an RO or counter sale.")
    static let firstMovement = Self("first_movement", "首次出入库", "First movement", zh: "首次出入库日期。", en: "The date of the part's first movement.")
    static let claimNo = Self("claim_no", "索赔单号", "Claim number", zh: "保修索赔单号。", en: "The warranty claim number.")
    static let submittedOn = Self("submitted_on", "提交日期", "Submitted on", zh: "索赔提交日期。", en: "The date the claim was submitted.")
    static let claimedAmount = Self("claimed_amount", number: true, "索赔金额", "Claimed amount", zh: "申请的索赔金额（元）。", en: "The amount claimed.")
    static let orderNo = Self("order_no", "订单号", "Order number", zh: "整车销售订单号。", en: "The sales order number.")
    static let orderDate = Self("order_date", "下单日期", "Order date", zh: "订单日期。", en: "The date of the order.")
    static let promisedDeliveryDate = Self("promised_delivery_date", "承诺交车日期", "Promised delivery", zh: "向客户承诺的交车日期。", en: "The delivery date promised to the customer.")
    static let daysLate = Self("days_late", number: true, "逾期天数", "Days late", zh: "期末超过承诺交车日期的天数。", en: "Days from the promised delivery date to the end of the period.")
    static let salespersonID = Self("salesperson_id", "销售顾问", "Salesperson", zh: "订单的销售顾问编号。", en: "The id of the order's salesperson.")
    static let salePrice = Self("sale_price", number: true, "售价", "Sale price", zh: "订单成交价（元）。", en: "The order's sale price.")
    static let usage = Self("usage", "用途", "Usage", zh: "车辆用途：试驾车、代步车或公务车。", en: "The vehicle's usage: demo, loaner or fleet.")
    static let inServiceOn = Self("in_service_on", "启用日期", "In service on", zh: "车辆启用日期。", en: "The date the vehicle entered service.")
    static let serviceLifeYears = Self("service_life_years", number: true, "使用年限", "Service life (years)", zh: "规定的使用年限。", en: "The vehicle's service life in years.")
    static let endOfLife = Self("end_of_life", "到期日期", "End of life", zh: "启用日期加使用年限。", en: "In service on plus the service life.")
    static let daysToEndOfLife = Self("days_to_end_of_life", number: true, "距到期天数", "Days to end of life", zh: "期末至到期日期的天数（已过期为负）。", en: "Days from the end of the period to the end of life (negative when past).")
    static let bookingNo = Self("booking_no", "借车单号", "Booking number", zh: "借车单号。", en: "The fleet booking number.")
    static let purpose = Self("purpose", "用途说明", "Purpose", zh: "借车用途。", en: "What the vehicle was booked for.")
    static let bookedTo = Self("booked_to", "预约归还时间", "Booked to", zh: "预约的归还时间。", en: "When the vehicle was due back.")
    static let hoursOverdue = Self("hours_overdue", number: true, "逾期（小时）", "Hours overdue", zh: "期末超过预约归还时间的小时数。", en: "Hours from the due time to the end of the period.")
    static let customerPhone = Self("customer_phone", "客户电话（已脱敏）", "Customer phone (masked)", zh: "借车客户电话，中间位已隐藏。", en: "The customer's phone with its middle digits hidden.")
    static let modelName = Self("model_name", "车型", "Model", zh: "车辆主数据中的车型名称。", en: "The model name from the vehicle master.")
    static let dispatchedAt = Self("dispatched_at", "发运时间", "Dispatched at", zh: "本段运输的发运时间。", en: "When the leg was dispatched.")
    static let carrier = Self("carrier", "承运商", "Carrier", zh: "承运商名称。", en: "The carrier of the leg.")
    static let eta = Self("eta", "预计到达", "ETA", zh: "预计到达时间。", en: "The estimated time of arrival.")
    static let daysOverdue = Self("days_overdue", number: true, "逾期天数", "Days overdue", zh: "期末超过预计到达时间的天数。", en: "Days from the ETA to the end of the period.")
    static let failedAt = Self("failed_at", "PDI 不合格时间", "PDI failed at", zh: "PDI 检查不合格的时间。", en: "When the PDI failed.")
    static let damaged = Self("damaged", "质损", "Damaged", zh: "是否记录质损（yes/no）。", en: "Whether damage was recorded (yes/no).")
    static let daysOpen = Self("days_open", number: true, "未关闭天数", "Days open", zh: "PDI 不合格至期末的天数。", en: "Days from the failed PDI to the end of the period.")
    static let minStock = Self("min_stock", number: true, "最低库存", "Minimum stock", zh: "配件主数据的最低库存。", en: "The part master's minimum stock.")
    static let maxStock = Self("max_stock", number: true, "最高库存", "Maximum stock", zh: "配件主数据的最高库存。", en: "The part master's maximum stock.")
    static let suggestedOrderQty = Self("suggested_order_qty", number: true, "建议订货量", "Suggested order", zh: "补到最高库存（或最低库存）所需数量。", en: "The quantity that brings the part up to its maximum (or minimum) stock.")
    static let complaintNo = Self("complaint_no", "投诉单号", "Complaint number", zh: "投诉单号。", en: "The complaint number.")
    static let severity = Self("severity", "严重程度", "Severity", zh: "投诉严重程度：高、中、低。", en: "The complaint's severity: high, medium or low.")
    static let category = Self("category", "投诉类别", "Category", zh: "投诉类别。", en: "The complaint's category.")
    static let channel = Self("channel", "渠道", "Channel", zh: "投诉来源渠道。", en: "The channel the complaint came through.")
    static let customerID = Self("customer_id", "客户编号", "Customer id", zh: "客户编号（不含个人信息）。", en: "The customer's id (no personal data).")
    static let decidedOn = Self("decided_on", "裁定日期", "Decided on", zh: "索赔裁定日期。", en: "The date the claim was decided.")
    static let submissionCount = Self("submission_count", number: true, "提交次数", "Submissions", zh: "索赔提交的次数。", en: "How many times the claim was submitted.")
    static let rejectReason = Self("reject_reason", "拒赔原因", "Reject reason", zh: "厂家给出的拒赔原因。", en: "The reason the OEM gave for the rejection.")
}

/// The exception lists of kpis.md section 8, in the order they are written.
extension ExceptionList.Definition {
    static let agedVehicleStock = Self(
        "aged_vehicle_stock", .agedVehicleStock, "库龄超 60 天车辆", "Vehicles in stock over 60 days",
        zh: "期末在库且库龄（期末 − 入库日期）超过 60 天；库龄最长的在前。",
        en: "In stock at the end of the period, age (end − stocked_in date) over 60 days; oldest first.",
        columns: [.dealerCode, .vin, .stockedIn, .ageDaysWhole, .stockCost])
    static let openROsOver3Days = Self(
        "open_ros_over_3_days", .openROsOver3Days, "在修超 3 天工单", "Repair orders open over 3 days",
        zh: "非作废、期末前开单且期末未结算、已开超过 72 小时的工单；最久的在前。",
        en: "Not void, opened before the end of the period and not invoiced by then, open for more than 72 hours; oldest first.",
        columns: [.dealerCode, .roNo, .openedAt, .ageDaysDecimal, .status, .advisorID, .waitingParts])
    static let rosPastPromise = Self(
        "ros_past_promise", .rosPastPromise, "超过承诺时间未完工工单", "Repair orders past their promised time",
        zh: "非作废、期末未完工且承诺时间早于期末的工单；超时最长的在前。",
        en: "Not void, not completed by the end of the period, promised_at before it; longest overdue first.",
        columns: [.dealerCode, .roNo, .openedAt, .promisedAt, .hoursPastPromise, .advisorID])
    static let comebackLog = Self(
        "comeback_log", .comebackLog, "返修明细", "Comebacks",
        zh: "P 内结算且属于返修的工单及其原工单 A；间隔最短的在前。",
        en: "ROs closed in the period that are comebacks (flag, comeback_of_ro or a matching earlier RO), with the original RO A; quickest comeback first.",
        columns: [.dealerCode, .roNo, .vin, .openedAt, .reason, .originalDealerCode, .originalRONo, .originalCompletedAt, .daysBetween,
                  .sharedOpCodes, .originalTechnicians])
    static let obsoleteParts = Self(
        "obsolete_parts", .obsoleteParts, "呆滞配件", "Obsolete parts",
        zh: "期末有库存、近 365 天无出库或柜台销售且首次出入库早于此的配件；金额最大的在前。",
        en: "On hand at the end of the period, no issue or counter sale in the last 365 days, first movement before that; largest value first.",
        columns: [.dealerCode, .partNo, .description, .qtyOnHand, .value, .lastIssue, .firstMovement])
    static let warrantyClaimsPendingOver30Days = Self(
        "warranty_claims_pending_over_30_days", .warrantyClaimsPendingOver30Days, "待裁定超 30 天索赔", "Warranty claims pending over 30 days",
        zh: "期末已提交未裁定且提交超过 30 天的索赔；最久的在前。",
        en: "Submitted and not decided by the end of the period, submitted more than 30 days before it; oldest first.",
        columns: [.dealerCode, .claimNo, .roNo, .submittedOn, .ageDaysWhole, .claimedAmount])
    static let ordersPastPromisedDelivery = Self(
        "orders_past_promised_delivery", .ordersPastPromisedDelivery, "超过承诺交车日期订单", "Orders past their promised delivery date",
        zh: "未取消、未拒绝、期末未交车且承诺交车日期早于期末的订单；逾期最久的在前。",
        en: "Not cancelled or rejected, not delivered by the end of the period, promised_delivery_date before it; most late first.",
        columns: [.dealerCode, .orderNo, .orderDate, .promisedDeliveryDate, .daysLate, .salespersonID, .salePrice])
    static let fleetDueForScrapping = Self(
        "fleet_due_for_scrapping", .fleetDueForScrapping, "待报废公务车", "Fleet vehicles due for scrapping",
        zh: "使用年限在期末后 90 天内到期且未处置的试驾车、代步车、公务车；最早到期的在前。",
        en: "Demo, loaner or fleet vehicles whose service life ends by the end of the period + 90 days, not disposed; earliest end of life first.",
        columns: [.dealerCode, .vin, .usage, .inServiceOn, .serviceLifeYears, .endOfLife, .daysToEndOfLife])
    static let fleetOverdueReturns = Self(
        "fleet_overdue_returns", .fleetOverdueReturns, "逾期未还公务车", "Fleet vehicles not returned on time",
        zh: "已借出、期末未归还且预约归还时间早于期末的借车单；逾期最久的在前。电话已脱敏。",
        en: "Checked out, not returned by the end of the period, booked_to before it; longest overdue first. Phones masked.",
        columns: [.dealerCode, .bookingNo, .vin, .purpose, .bookedTo, .hoursOverdue, .customerPhone])
    static let vehiclesInTransitOverdue = Self(
        "vehicles_in_transit_overdue", .vehiclesInTransitOverdue, "超过预计到达时间的在途车辆", "Vehicles in transit past their ETA",
        zh: "期末在途且预计到达时间早于期末的车辆；预计到达最早的在前。",
        en: "In transit at the end of the period with the leg's ETA before it; earliest ETA first.",
        columns: [.dealerCode, .vin, .modelName, .dispatchedAt, .carrier, .eta, .daysOverdue])
    static let certificatesMissing = Self(
        "certificates_missing", .certificatesMissing, "缺合格证在库车辆", "Vehicles in stock without certificate (合格证)",
        zh: "期末在库、未收到合格证且车辆主数据无合格证号的车辆；库存最久的在前。",
        en: "In stock at the end of the period, no certificate_received up to then and no certificate_no in the vehicle master; oldest stock first.",
        columns: [.dealerCode, .vin, .modelName, .stockedIn, .ageDaysWhole, .stockCost])
    static let pdiFailedOpen = Self(
        "pdi_failed_open", .pdiFailedOpen, "PDI 不合格未关闭车辆", "Vehicles with a failed PDI still open",
        zh: "截至期末最近一次 PDI 或轮次结束事件为 PDI 不合格的车辆；未关闭最久的在前。",
        en: "The vehicle's latest PDI or round-ending event (arrived, stocked_out, delivered, returned) up to the end of the period is pdi_failed; longest open first.",
        columns: [.dealerCode, .vin, .modelName, .failedAt, .damaged, .daysOpen])
    static let partsBelowMin = Self(
        "parts_below_min", .partsBelowMin, "低于最低库存配件", "Parts below minimum stock",
        zh: "最低库存 > 0 且期末在库数量低于最低库存的配件，附建议订货量；缺口最大的在前。",
        en: "Parts of the part master with min_stock > 0 whose quantity on hand at the end of the period is below it; suggested order up to max_stock (or min_stock); emptiest first.",
        columns: [.dealerCode, .partNo, .description, .qtyOnHand, .minStock, .maxStock, .suggestedOrderQty])
    static let complaintsOpenOver7Days = Self(
        "complaints_open_over_7_days", .complaintsOpenOver7Days, "未结案超 7 天投诉", "Complaints open over 7 days",
        zh: "期末未结案（非作废）且受理超过 7 × 24 小时的投诉；严重程度高的在前，其次受理最早的。",
        en: "Open at the end of the period (not void, not closed by then) and opened more than 7 × 24 h before it; high severity first, then oldest.",
        columns: [.dealerCode, .complaintNo, .openedAt, .ageDaysDecimal, .severity, .category, .channel, .status, .customerID, .vin, .roNo,
                  .orderNo])
    static let warrantyRejections = Self(
        "warranty_rejections", .warrantyRejections, "本期被拒索赔", "Warranty claims rejected in the period",
        zh: "P 内裁定且状态为拒赔的索赔；索赔金额最大的在前。",
        en: "Claims with status rejected and decided_on in the period; largest claimed amount first.",
        columns: [.dealerCode, .claimNo, .roNo, .vin, .submittedOn, .decidedOn, .submissionCount, .claimedAmount, .rejectReason])

    /// Every list, in the order of the files and the HTML.
    public static let standard: [Self] = [
        agedVehicleStock, openROsOver3Days, rosPastPromise, comebackLog, obsoleteParts, warrantyClaimsPendingOver30Days,
        ordersPastPromisedDelivery, fleetDueForScrapping, fleetOverdueReturns, vehiclesInTransitOverdue, certificatesMissing, pdiFailedOpen,
        partsBelowMin, complaintsOpenOver7Days, warrantyRejections,
    ]
}
