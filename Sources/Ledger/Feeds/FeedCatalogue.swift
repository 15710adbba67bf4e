/// The catalogue of canonical feeds (feeds.md section 2): columns, types, keys and aliases.
///
/// Declarative on purpose: a new feed or column is an entry here plus a migration and a
/// test, not a new code path.
public struct FeedCatalogue: Sendable {
    public var feeds: [Feed]

    public init(feeds: [Feed]) { self.feeds = feeds }

    /// The feed called `name` (case-insensitive).
    public func feed(named name: String) -> Feed? {
        let lowered = name.lowercased()
        return feeds.first { $0.name == lowered }
    }

    /// The canonical catalogue.
    public static let standard = FeedCatalogue(feeds: StandardFeeds.all)
}

/// Header aliases shared by every feed that has the column (feeds.md 1, "Header").
enum SharedAliases {
    static let byColumn: [String: [String]] = [
        "dealer_code": ["经销商代码", "经销商编号", "服务站代码"],
        "vin": ["车架号", "VIN码", "车辆识别代号", "底盘号", "VIN"],
        "ro_no": ["工单号", "维修工单号"],
        "part_no": ["配件代码", "零件号", "配件编号"],
        "employee_id": ["员工编号"],
        "customer_id": ["客户编号", "车主编号"],
        "line_no": ["行号"],
        "brand": ["品牌"],
        "name": [],
        "city": ["城市"],
        "bin": ["库位"],
        "qty": ["数量"],
        "unit_cost": ["成本单价"],
        "pay_type": ["收费区分"],
        "status": [],
        "reference": [],
        "filled_from_stock": [],
    ]
}

/// Enumerations shared by several feeds.
enum Domains {
    static let payType = EnumDomain(
        ["customer", "warranty", "internal", "insurance"],
        aliases: [
            "自费": "customer", "客户": "customer", "c": "customer", "cust": "customer",
            "s": "warranty", "索赔": "warranty", "保修": "warranty", "w": "warranty", "warr": "warranty",
            "内部": "internal", "i": "internal", "intr": "internal",
            "保险": "insurance",
        ],
        emptyMeans: "customer")

    static let department = EnumDomain(
        ["new", "used", "service", "parts", "bodyshop", "admin"],
        aliases: [
            "新车": "new", "二手车": "used", "售后": "service", "服务": "service", "维修": "service",
            "配件": "parts", "钣喷": "bodyshop", "钣金": "bodyshop", "行政": "admin", "管理": "admin",
        ])

    /// 作废 and 红冲 mean `void` where the feed has that status, else `cancelled`.
    static func voidAliases(voidValue: String) -> [String: String] {
        ["作废": voidValue, "红冲": voidValue]
    }
}

enum StandardFeeds {
    /// A column with the shared aliases of its name added to its own.
    static func col(
        _ name: String, _ type: ColumnType, _ aliases: [String] = [], personal: Bool = false, note: String? = nil,
        addedBy: String? = nil
    ) -> Column {
        let shared = SharedAliases.byColumn[name] ?? []
        return Column(
            name, type, aliases: aliases + shared.filter { !aliases.contains($0) }, personal: personal, note: note, addedBy: addedBy)
    }

    /// The migration that added the complaints feed and the eta / freight_cost columns.
    static let complaintsLogistics = "0400-complaints-logistics"

    static let dealerRef = FeedReference(["dealer_code"], to: "dealers")

    static let all: [Feed] = [
        Feed(
            "dealers", "OEM dealer master (also arrives as XML DealerMaster)", key: ["dealer_code"],
            columns: [
                col("dealer_code", .text),
                col("name", .text, ["经销商名称"]),
                col("region", .text, ["大区"]),
                col("sub_region", .text, ["小区"]),
                col("province", .text, ["省份"]),
                col("city", .text),
                col("brand", .text),
                col("opened_on", .date, ["开业日期"]),
                col("status", .enumeration(EnumDomain(["active", "closed"], aliases: ["营业": "active", "正常": "active", "关闭": "closed", "停业": "closed"]))),
            ]),
        Feed(
            "employees", "Dealer staff", key: ["dealer_code", "employee_id"],
            columns: [
                col("dealer_code", .text),
                col("employee_id", .text),
                col("name", .text, ["姓名"], personal: true),
                col("role", .enumeration(EnumDomain(
                    ["technician", "advisor", "sales", "parts", "manager", "other"],
                    aliases: ["技师": "technician", "维修技师": "technician", "服务顾问": "advisor", "销售顾问": "sales",
                              "配件员": "parts", "经理": "manager", "其他": "other"])), ["岗位"]),
                col("hired_on", .date, ["入职日期"]),
                col("left_on", .date, ["离职日期"]),
            ],
            references: [dealerRef]),
        Feed(
            "attendance", "Hours present per employee and day", key: ["dealer_code", "employee_id", "work_date"],
            columns: [
                col("dealer_code", .text),
                col("employee_id", .text),
                col("work_date", .date, ["出勤日期"]),
                col("hours_present", .decimal, ["出勤工时"]),
            ],
            references: [dealerRef, FeedReference(["dealer_code", "employee_id"], to: "employees")]),
        Feed(
            "customers", "Customers (personal data: never in reports that leave the dealer group)",
            key: ["dealer_code", "customer_id"],
            columns: [
                col("dealer_code", .text),
                col("customer_id", .text),
                col("name", .text, ["客户名称", "车主"], personal: true),
                col("phone", .text, ["手机", "电话"], personal: true),
                col("city", .text),
                col("kind", .enumeration(EnumDomain(["person", "company"], aliases: ["个人": "person", "私人": "person", "单位": "company", "公司": "company", "企业": "company"])), ["车主性质"]),
            ],
            references: [dealerRef]),
        Feed(
            "vehicles", "One row per VIN", key: ["vin"],
            columns: [
                col("vin", .vin),
                col("brand", .text),
                col("series", .text, ["车系"]),
                col("model_code", .text, ["车型代码"]),
                col("model_name", .text, ["车型"]),
                col("model_year", .integer, ["年款"]),
                col("color", .text, ["车身颜色", "外饰颜色"]),
                col("engine_no", .text, ["发动机号"]),
                col("plate", .text, ["车牌号"]),
                col("production_date", .date, ["生产日期"]),
                col("certificate_no", .text, ["合格证号"]),
                col("in_service_on", .date, ["购车日期", "开票日期"], note: "first registration"),
                col("new_used", .enumeration(EnumDomain(["new", "used"], aliases: ["新车": "new", "二手车": "used", "二手": "used"]))),
                col("usage", .enumeration(EnumDomain(["retail", "demo", "loaner", "fleet"], aliases: ["零售": "retail", "试驾车": "demo", "展车": "demo", "代步车": "loaner", "车队": "fleet"])), ["用途"]),
                col("owner_customer_id", .text),
                col("dealer_code", .text),
                col("service_life_years", .integer, ["使用年限"]),
                col("status", .enumeration(EnumDomain(["active", "scrapped", "stolen"], aliases: ["正常": "active", "报废": "scrapped", "被盗": "stolen"]))),
            ]),
        Feed(
            "vehicle_events", "Vehicle logistics and stock events (OEM shipment → dealer stock → delivery)",
            key: ["dealer_code", "vin", "event_type", "event_time"],
            columns: [
                col("dealer_code", .text),
                col("vin", .vin),
                col("event_type", .enumeration(EnumDomain(
                    ["ordered", "dispatched", "in_transit", "arrived", "pdi_passed", "pdi_failed", "stocked_in",
                     "moved", "reserved", "stocked_out", "delivered", "returned"],
                    aliases: ["下单": "ordered", "发车": "dispatched", "起运": "dispatched", "在途": "in_transit",
                              "到库": "arrived", "验收合格": "pdi_passed", "验收不合格": "pdi_failed", "入库": "stocked_in",
                              "移库": "moved", "配车": "reserved", "出库": "stocked_out", "交车": "delivered", "退回": "returned"]))),
                col("event_time", .dateTime, ["发生时间"]),
                col("cost", .money, ["采购价格"], note: "vehicle cost at stock-in"),
                col("warehouse", .text, ["仓库"]),
                col("bin", .text),
                col("certificate_received", .boolean, ["是否有合格证"]),
                col("damaged", .boolean, ["质损状态"]),
                col("carrier", .text, ["承运商名称"]),
                col("reference", .text, ["单据号"]),
                col("eta", .dateTime, ["预计到达时间"], note: "expected arrival (dispatched / in_transit events)", addedBy: complaintsLogistics),
                col("freight_cost", .money, ["运费"], note: "freight of the shipment (dispatched events)", addedBy: complaintsLogistics),
            ],
            references: [dealerRef]),
        Feed(
            "sales_orders", "Vehicle sales orders (deals)", key: ["dealer_code", "order_no"],
            columns: [
                col("dealer_code", .text),
                col("order_no", .text, ["销售订单号"]),
                col("order_date", .date, ["下单日期"]),
                col("customer_id", .text),
                col("vin", .vin),
                col("sale_type", .enumeration(EnumDomain(["new", "used"], aliases: ["是": "used", "否": "new", "新车": "new", "二手车": "used"])), ["是否二手车"]),
                col("order_type", .enumeration(EnumDomain(["retail", "fleet", "wholesale", "demo"], aliases: ["零售": "retail", "大客户": "fleet", "集团": "fleet", "批发": "wholesale", "试驾车": "demo"])), ["订单类型"]),
                col("status", .enumeration(EnumDomain(
                    ["open", "delivered", "cancelled", "rejected"],
                    aliases: Domains.voidAliases(voidValue: "cancelled").merging(["未交车": "open", "已交车": "delivered", "已取消": "cancelled", "取消": "cancelled", "驳回": "rejected"]) { a, _ in a })), ["订单状态"]),
                col("list_price", .money, ["指导价"]),
                col("discount", .money, ["优惠"]),
                col("sale_price", .money, ["实际售价"]),
                col("vehicle_cost", .money, ["成本价"]),
                col("fi_income", .money, ["金融保险收入"]),
                col("promised_delivery_date", .date, ["预计交车日期", "预交车时间"]),
                col("delivered_on", .date, ["交车日期"]),
                col("cancelled_on", .date),
                col("salesperson_id", .text, ["销售顾问"]),
            ],
            references: [dealerRef]),
        Feed(
            "appointments", "Service appointments", key: ["dealer_code", "appointment_no"],
            columns: [
                col("dealer_code", .text),
                col("appointment_no", .text, ["预约单号"]),
                col("vin", .vin),
                col("created_at", .dateTime),
                col("scheduled_at", .dateTime, ["预约到店时间"]),
                col("arrived_at", .dateTime, ["到店时间"]),
                col("status", .enumeration(EnumDomain(
                    ["booked", "arrived", "no_show", "cancelled"],
                    aliases: Domains.voidAliases(voidValue: "cancelled").merging(["已预约": "booked", "已到店": "arrived", "未到店": "no_show", "爽约": "no_show", "已取消": "cancelled"]) { a, _ in a }))),
                col("ro_no", .text),
            ],
            references: [dealerRef]),
        Feed(
            "repair_orders", "Repair orders (工单)", key: ["dealer_code", "ro_no"],
            columns: [
                col("dealer_code", .text),
                col("ro_no", .text),
                col("vin", .vin),
                col("opened_at", .dateTime, ["开单时间"]),
                col("promised_at", .dateTime, ["预交车时间"]),
                col("completed_at", .dateTime, ["竣工时间"]),
                col("invoiced_at", .dateTime, ["结算时间"]),
                col("delivered_at", .dateTime, ["交车时间"]),
                col("mileage_km", .integer, ["进厂里程"]),
                col("ro_type", .enumeration(EnumDomain(
                    ["maintenance", "repair", "bodyshop", "warranty", "pdi", "recall", "internal"],
                    aliases: ["保养": "maintenance", "定期保养": "maintenance", "首保": "maintenance", "维修": "repair",
                              "一般维修": "repair", "返工": "repair", "钣喷": "bodyshop", "钣金": "bodyshop", "事故车": "bodyshop",
                              "索赔": "warranty", "保修": "warranty", "售前检查": "pdi", "召回": "recall", "内部": "internal"])),
                    ["工单类型", "维修类型"]),
                col("status", .enumeration(EnumDomain(
                    ["open", "completed", "invoiced", "void"],
                    aliases: Domains.voidAliases(voidValue: "void").merging(["在修": "open", "未结算": "open", "竣工": "completed", "已竣工": "completed", "已结算": "invoiced", "结算": "invoiced"]) { a, _ in a })),
                    ["工单状态"]),
                col("advisor_id", .text, ["服务顾问"]),
                col("comeback_flag", .boolean, ["返工"], note: "the source says this RO is a comeback"),
                col("comeback_of_ro", .text, note: "the original RO, when the source knows it"),
                col("complaint", .text, ["故障描述"]),
                col("waiting_parts", .boolean, ["是否待料"]),
            ],
            references: [dealerRef]),
        Feed(
            "ro_labor", "Labor lines of repair orders", key: ["dealer_code", "ro_no", "line_no"],
            columns: [
                col("dealer_code", .text),
                col("ro_no", .text),
                col("line_no", .text),
                col("op_code", .text, ["维修项目代码"]),
                col("description", .text, ["维修项目名称"]),
                col("pay_type", .enumeration(Domains.payType)),
                col("technician_id", .text, ["维修技师"]),
                col("sold_hours", .decimal, ["标准工时"], note: "flagged / flat-rate hours"),
                col("clocked_hours", .decimal, ["实际工时", "派工工时"]),
                col("labor_sale", .money, ["工时费"]),
                col("labor_cost", .money, ["工时成本"]),
            ],
            replacesLinesOf: ["dealer_code", "ro_no"],
            references: [FeedReference(["dealer_code", "ro_no"], to: "repair_orders")]),
        Feed(
            "ro_parts", "Parts lines of repair orders", key: ["dealer_code", "ro_no", "line_no"],
            columns: [
                col("dealer_code", .text),
                col("ro_no", .text),
                col("line_no", .text),
                col("part_no", .text),
                col("qty", .decimal, note: "may be negative (credit lines)"),
                col("unit_price", .money, ["销售单价"]),
                col("unit_cost", .money),
                col("pay_type", .enumeration(Domains.payType)),
                col("filled_from_stock", .boolean, note: "是否缺件 is the inverse; map it with a profile"),
            ],
            replacesLinesOf: ["dealer_code", "ro_no"],
            references: [FeedReference(["dealer_code", "ro_no"], to: "repair_orders")]),
        Feed(
            "parts", "Part master per dealer", key: ["dealer_code", "part_no"],
            columns: [
                col("dealer_code", .text),
                col("part_no", .text),
                col("description", .text, ["配件名称"]),
                col("category", .text, ["配件类别"]),
                col("unit", .text, ["单位"]),
                col("list_price", .money, ["建议销售价"]),
                col("standard_cost", .money),
                col("min_stock", .decimal, ["最小库存"]),
                col("max_stock", .decimal, ["最大库存"]),
                col("bin", .text),
            ],
            references: [dealerRef]),
        Feed(
            "part_movements", "Parts stock ledger", key: ["dealer_code", "movement_no", "line_no"],
            columns: [
                col("dealer_code", .text),
                col("movement_no", .text, ["单据号码"]),
                col("line_no", .text),
                col("part_no", .text),
                col("moved_at", .dateTime, ["发生日期"]),
                col("movement_type", .enumeration(EnumDomain(
                    ["opening_balance", "receipt", "receipt_reversal", "issue_to_ro", "return_from_ro", "counter_sale",
                     "counter_return", "transfer_in", "transfer_out", "stocktake_gain", "stocktake_loss", "relocation", "lost_sale"],
                    aliases: ["期初": "opening_balance", "采购入库": "receipt", "采购退货": "receipt_reversal", "维修发料": "issue_to_ro",
                              "维修退料": "return_from_ro", "配件销售": "counter_sale", "销售退货": "counter_return",
                              "调拨入库": "transfer_in", "调拨出库": "transfer_out", "配件报溢": "stocktake_gain",
                              "配件报损": "stocktake_loss", "配件移库": "relocation", "缺件": "lost_sale"])),
                    ["进出类型"]),
                col("qty", .decimal, note: "positive; the direction comes from movement_type"),
                col("unit_cost", .money),
                col("unit_price", .money, ["不含税单价"]),
                col("reference", .text, note: "RO / PO / invoice number"),
                col("bin_from", .text),
                col("bin_to", .text),
                col("filled_from_stock", .boolean, note: "counter sales"),
            ],
            references: [dealerRef]),
        Feed(
            "warranty_claims", "Warranty claims to the OEM", key: ["dealer_code", "claim_no"],
            columns: [
                col("dealer_code", .text),
                col("claim_no", .text, ["索赔单号"]),
                col("ro_no", .text),
                col("vin", .vin),
                col("submitted_on", .date, ["提报日期"]),
                col("status", .enumeration(EnumDomain(
                    ["submitted", "approved", "partially_approved", "rejected", "paid"],
                    aliases: ["已提报": "submitted", "待审核": "submitted", "审核通过": "approved", "已批准": "approved",
                              "部分批准": "partially_approved", "驳回": "rejected", "已驳回": "rejected", "已结算": "paid", "已支付": "paid"])),
                    ["索赔状态"]),
                col("claimed_amount", .money, ["索赔金额"]),
                col("approved_amount", .money, ["批准金额"]),
                col("decided_on", .date, ["审核日期"]),
                col("submission_count", .integer, ["提报次数"], note: "1 = first submission"),
                col("reject_reason", .text, ["驳回原因"]),
            ],
            references: [dealerRef]),
        Feed(
            "csi_surveys", "Customer satisfaction surveys", key: ["dealer_code", "survey_id"],
            columns: [
                col("dealer_code", .text),
                col("survey_id", .text),
                col("survey_date", .date, ["回访日期"]),
                col("kind", .enumeration(EnumDomain(["sales", "service"], aliases: ["销售": "sales", "售后": "service", "服务": "service"]))),
                col("ref_no", .text, note: "order or RO"),
                col("score", .score, ["满意度"]),
                col("recommend", .score, ["推荐意愿"], note: "0–10, for NPS"),
            ],
            references: [dealerRef]),
        Feed(
            "complaints", "Customer complaints (客户投诉, CRM)", key: ["dealer_code", "complaint_no"],
            columns: [
                col("dealer_code", .text),
                col("complaint_no", .text, ["投诉单号"]),
                col("customer_id", .text),
                col("vin", .vin),
                col("ro_no", .text, note: "the repair order complained about, if any"),
                col("order_no", .text, ["销售订单号"], note: "the sales order complained about, if any"),
                col("opened_at", .dateTime, ["投诉时间"]),
                col("channel", .enumeration(EnumDomain(
                    ["phone", "wechat", "store", "oem_hotline", "online"],
                    aliases: ["电话": "phone", "微信": "wechat", "到店": "store", "门店": "store", "厂家热线": "oem_hotline",
                              "网络": "online", "线上": "online"])), ["投诉渠道"]),
                col("category", .enumeration(EnumDomain(
                    ["service_quality", "repair_quality", "sales_process", "price", "parts_availability", "attitude", "other"],
                    aliases: ["服务质量": "service_quality", "维修质量": "repair_quality", "销售流程": "sales_process", "价格": "price",
                              "配件供应": "parts_availability", "服务态度": "attitude", "其他": "other"])), ["投诉类别"]),
                col("severity", .enumeration(EnumDomain(
                    ["low", "medium", "high"],
                    aliases: ["低": "low", "一般": "low", "中": "medium", "较重": "medium", "高": "high", "严重": "high"])), ["严重程度"]),
                col("closed_at", .dateTime, ["结案时间"]),
                col("status", .enumeration(EnumDomain(
                    ["open", "closed", "void"],
                    aliases: Domains.voidAliases(voidValue: "void").merging(["处理中": "open", "未结案": "open", "已结案": "closed", "结案": "closed"]) { a, _ in a })),
                    ["处理状态"]),
                col("satisfied", .boolean, ["客户是否满意"], note: "the customer's answer when the complaint was closed"),
            ],
            references: [dealerRef], addedBy: complaintsLogistics),
        Feed(
            "fleet_bookings", "Bookings of the dealer's demo, loaner and courtesy vehicles",
            key: ["dealer_code", "booking_no"],
            columns: [
                col("dealer_code", .text),
                col("booking_no", .text, ["预约单号"]),
                col("vin", .vin),
                col("purpose", .enumeration(EnumDomain(["test_drive", "loaner", "internal", "maintenance"], aliases: ["试驾": "test_drive", "代步": "loaner", "内部": "internal", "保养": "maintenance"])), ["用途"]),
                col("booked_from", .dateTime, ["预约开始"]),
                col("booked_to", .dateTime, ["预约结束"]),
                col("checked_out_at", .dateTime, ["借出时间"]),
                col("returned_at", .dateTime, ["归还时间"]),
                col("km_out", .integer),
                col("km_in", .integer),
                col("customer_id", .text),
                col("status", .enumeration(EnumDomain(
                    ["booked", "out", "returned", "cancelled"],
                    aliases: Domains.voidAliases(voidValue: "cancelled").merging(["已预约": "booked", "借出": "out", "已借出": "out", "已归还": "returned", "已取消": "cancelled"]) { a, _ in a }))),
            ],
            references: [dealerRef]),
        Feed(
            "vehicle_disposals", "Scrapping (报废) and other disposals", key: ["dealer_code", "vin"],
            columns: [
                col("dealer_code", .text),
                col("vin", .vin),
                col("disposed_on", .date, ["报废日期"]),
                col("method", .enumeration(EnumDomain(["scrap", "sale", "auction", "return_to_oem"], aliases: ["报废": "scrap", "出售": "sale", "拍卖": "auction", "退回厂家": "return_to_oem"])), ["报废方式"]),
                col("proceeds", .money, ["残值"]),
                col("certificate_no", .text, ["报废证明编号"]),
                col("approved_by", .text, ["审批人"]),
            ],
            references: [dealerRef]),
        Feed(
            "expenses", "General-ledger expense postings", key: ["dealer_code", "entry_no"],
            columns: [
                col("dealer_code", .text),
                col("entry_no", .text),
                col("posting_date", .date, ["记账日期"]),
                col("account", .text, ["科目"]),
                col("department", .enumeration(Domains.department), ["部门"]),
                col("category", .enumeration(EnumDomain(["variable", "personnel", "semi_fixed", "fixed"], aliases: ["变动费用": "variable", "人员费用": "personnel", "半固定费用": "semi_fixed", "固定费用": "fixed"])), ["费用类别"]),
                col("amount", .money, ["金额"]),
            ],
            references: [dealerRef]),
    ]
}
