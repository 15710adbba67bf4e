/// The KPI catalogue: every KPI `dms-report` computes, in the order of kpi.csv (kpis.md
/// section 10). A new KPI is one static entry below (id, names and definitions in both
/// languages, unit, direction, family, form), listed in its family's array, plus its measure
/// in the family's computation, which refers to the entry, never to its id string.
///
/// Finance KPIs (`finance.*`, kpis.md section 6) come from the journal; their entries live
/// in `Finance/FinanceKPIs.swift`.
public struct KPICatalogue: Sendable {
    public var definitions: [KPIDefinition]

    public init(definitions: [KPIDefinition]) { self.definitions = definitions }

    /// The definition with this id.
    public func definition(_ id: String) -> KPIDefinition? { definitions.first { $0.id == id } }

    /// The headline KPIs, in catalogue order.
    public var headlines: [KPIDefinition] { definitions.filter(\.isHeadline) }

    /// The families needed for these definitions.
    public var families: [KPIFamily] { KPIFamily.allCases.filter { family in definitions.contains { $0.family == family } } }

    /// The standard catalogue.
    public static let standard = KPICatalogue(definitions: StandardKPIs.all)
}

/// The pay types of labor and parts lines (feeds.md `pay_type`).
public enum PayType: String, Sendable, CaseIterable {
    case customer, warranty, `internal`, insurance

    var name: LocalizedText {
        switch self {
        case .customer: return LocalizedText(zh: "客户付费", en: "customer")
        case .warranty: return LocalizedText(zh: "保修", en: "warranty")
        case .internal: return LocalizedText(zh: "内部", en: "internal")
        case .insurance: return LocalizedText(zh: "保险", en: "insurance")
        }
    }
}

/// The channels of parts sales with their own gross margin.
public enum PartsChannel: String, Sendable, CaseIterable {
    case customer, warranty, `internal`, insurance, counter

    var text: LocalizedText {
        switch self {
        case .customer: return LocalizedText(zh: "客户付费工单配件行", en: "customer-pay RO lines")
        case .warranty: return LocalizedText(zh: "保修工单配件行", en: "warranty RO lines")
        case .internal: return LocalizedText(zh: "内部工单配件行", en: "internal RO lines")
        case .insurance: return LocalizedText(zh: "保险工单配件行", en: "insurance RO lines")
        case .counter: return LocalizedText(zh: "柜台销售（扣除柜台退货）", en: "counter sales net of counter returns")
        }
    }

    var shortZH: String {
        switch self {
        case .customer: return "客户付费"
        case .warranty: return "保修"
        case .internal: return "内部"
        case .insurance: return "保险"
        case .counter: return "柜台"
        }
    }
}

/// The roles with their own headcount (employees.role).
public enum StaffRole: String, Sendable, CaseIterable {
    case technician, advisor, sales

    var zh: String {
        switch self {
        case .technician: return "技师"
        case .advisor: return "服务顾问"
        case .sales: return "销售顾问"
        }
    }
}

/// The disposal methods counted apart (vehicle_disposals.method).
public enum DisposalMethod: String, Sendable, CaseIterable {
    case scrap, sale, auction
    case returnToOEM = "return_to_oem"

    var zh: String {
        switch self {
        case .scrap: return "报废"
        case .sale: return "出售"
        case .auction: return "拍卖"
        case .returnToOEM: return "退回厂家"
        }
    }
}

enum StandardKPIs {
    static let rate = KPIForm.ratio(numerator: .count, denominator: .count)
    static let laborRatePerHour = KPIForm.ratio(numerator: .money, denominator: .hours)
    static let laborMargin = KPIForm.ratio(numerator: .money, denominator: .money)

    static func count(
        _ id: String, _ title: String, _ nameZH: String, _ family: KPIFamily, _ definition: String, zh definitionZH: String,
        headline: Bool = false, direction: KPIDirection = .neutral
    ) -> KPIDefinition {
        KPIDefinition(
            id, title, nameZH, unit: .count, direction: direction, family: family, form: .count, headline: headline, definition: definition,
            zh: definitionZH)
    }

    // Each family's entries in kpi.csv order. Built from explicitly typed pieces: long `+`
    // chains of literals with implicit members make the type checker crawl.
    static let sales: [KPIDefinition] = [
        KPIDefinition.salesNewRetailUnits, KPIDefinition.salesUsedRetailUnits, KPIDefinition.salesOnTimeDeliveryRate,
        KPIDefinition.salesOrderToDeliveryDaysMedian, KPIDefinition.salesCancellationRate, KPIDefinition.salesNewFrontGrossPerUnit,
        KPIDefinition.salesUsedFrontGrossPerUnit, KPIDefinition.salesFIIncomePerUnit, KPIDefinition.salesCSIScore, KPIDefinition.salesNPS,
    ]

    static let stock: [KPIDefinition] = [
        KPIDefinition.stockVehicleUnitsEnd, KPIDefinition.stockVehicleValueEnd, KPIDefinition.stockVehicleTurnover,
        KPIDefinition.stockVehicleDaysSupply, KPIDefinition.stockVehicleAged0To30, KPIDefinition.stockVehicleAged31To60,
        KPIDefinition.stockVehicleAged61To90, KPIDefinition.stockVehicleAgedOver90, KPIDefinition.stockVehicleAgedOver90Share,
    ]

    static let parts: [KPIDefinition] = joined([
        [
            KPIDefinition.partsInventoryValueEnd, KPIDefinition.partsTurnover, KPIDefinition.partsDaysSupply,
            KPIDefinition.partsFirstTimeFillRate, KPIDefinition.partsObsoleteShare, KPIDefinition.partsBelowMinShare,
            KPIDefinition.partsGrossMargin,
        ],
        KPIDefinition.partsGrossMarginByChannel.definitions,
        [KPIDefinition.partsSalesShare],
    ])

    static let service: [KPIDefinition] = joined([
        [
            KPIDefinition.serviceROClosed, KPIDefinition.serviceRepairCycleHoursMedian, KPIDefinition.serviceRepairCycleHoursP90,
            KPIDefinition.servicePromisedTimeMetRate, KPIDefinition.serviceComebackRate, KPIDefinition.serviceHoursPerRO,
        ],
        KPIDefinition.serviceHoursPerROByPay.definitions,
        [KPIDefinition.serviceEffectiveLaborRate],
        KPIDefinition.serviceEffectiveLaborRateByPay.definitions,
        [KPIDefinition.serviceLaborGrossMargin],
        KPIDefinition.serviceLaborGrossMarginByPay.definitions,
        [
            KPIDefinition.serviceTechEfficiency, KPIDefinition.serviceTechProductivity, KPIDefinition.serviceTechProficiency,
            KPIDefinition.serviceAppointmentShowRate, KPIDefinition.serviceWarrantyFirstPassRate,
            KPIDefinition.serviceWarrantyDaysToDecisionMedian, KPIDefinition.serviceWarrantyRecoveryRate, KPIDefinition.serviceCSIScore,
            KPIDefinition.serviceNPS,
        ],
    ])

    static let fleet: [KPIDefinition] = joined([
        [
            KPIDefinition.fleetVehicles, KPIDefinition.fleetUtilization, KPIDefinition.fleetOverdueReturnRate,
            KPIDefinition.fleetKmPerBooking, KPIDefinition.fleetMaintenanceCost, KPIDefinition.fleetDueForScrapping,
            KPIDefinition.fleetDisposals,
        ],
        KPIDefinition.fleetDisposalsByMethod.definitions,
        [KPIDefinition.fleetDisposalProceeds],
    ])

    static let logistics: [KPIDefinition] = [
        KPIDefinition.logisticsInTransitUnitsEnd, KPIDefinition.logisticsTransitDaysMedian, KPIDefinition.logisticsLateArrivalRate,
        KPIDefinition.logisticsTransportDamageRate, KPIDefinition.logisticsPDIFirstPassRate,
        KPIDefinition.logisticsCertificateMissingUnitsEnd, KPIDefinition.logisticsFreightCostPerUnit,
    ]

    static let staff: [KPIDefinition] = joined([
        [KPIDefinition.staffHeadcountEnd], KPIDefinition.staffHeadcountEndByRole.definitions, [KPIDefinition.staffTurnoverRate],
    ])

    static let crm: [KPIDefinition] = [
        KPIDefinition.crmComplaintsPer100ROs, KPIDefinition.crmComplaintResolutionHoursMedian,
        KPIDefinition.crmComplaintsClosedWithin48hRate, KPIDefinition.crmComplaintSatisfactionRate,
    ]

    static func joined(_ pieces: [[KPIDefinition]]) -> [KPIDefinition] { pieces.flatMap { $0 } }

    static let all: [KPIDefinition] = joined([sales, stock, parts, service, finance, fleet, logistics, staff, crm])
}
