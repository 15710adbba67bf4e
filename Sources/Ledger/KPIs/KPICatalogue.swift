/// The KPI catalogue: every KPI `dms-report` computes, in the order of kpi.csv (kpis.md
/// section 10). A new KPI is an entry here plus its measure in the family's computation.
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
}

enum StandardKPIs {
    static let rate = KPIForm.ratio(numerator: .count, denominator: .count)

    static func count(
        _ id: String, _ title: String, _ family: KPIFamily, _ definition: String, headline: Bool = false,
        direction: KPIDirection = .neutral
    ) -> KPIDefinition {
        KPIDefinition(id, title, unit: .count, direction: direction, family: family, form: .count, headline: headline, definition: definition)
    }

    static let sales: [KPIDefinition] = [
        count("sales.new_retail_units", "New retail units", .sales,
              "Orders delivered in P (status delivered, delivered_on in P) with sale_type new and order_type retail.", headline: true,
              direction: .higherIsBetter),
        count("sales.used_retail_units", "Used retail units", .sales,
              "Orders delivered in P with sale_type used and order_type retail.", direction: .higherIsBetter),
        KPIDefinition("sales.on_time_delivery_rate", "On-time delivery rate", unit: .rate, direction: .higherIsBetter, family: .sales,
                      form: rate, headline: true,
                      definition: "Orders delivered in P (every order_type) having a promised_delivery_date: share with delivered_on ≤ promised_delivery_date."),
        KPIDefinition("sales.order_to_delivery_days_median", "Order-to-delivery days (median)", unit: .days, direction: .lowerIsBetter,
                      family: .sales, form: .percentile(percent: 50, itemScale: 1),
                      definition: "Median of delivered_on − order_date in days over orders delivered in P having an order_date."),
        KPIDefinition("sales.cancellation_rate", "Cancellation rate", unit: .rate, direction: .lowerIsBetter, family: .sales, form: rate,
                      definition: "Orders with order_date in P: share with status cancelled or rejected (the denominator includes them)."),
        KPIDefinition("sales.new_front_gross_per_unit", "New front gross per unit", unit: .money, direction: .higherIsBetter, family: .sales,
                      form: .ratio(numerator: .money, denominator: .count),
                      definition: "Σ(sale_price − vehicle_cost) ÷ units, new retail orders delivered in P (an empty price counts as 0)."),
        KPIDefinition("sales.used_front_gross_per_unit", "Used front gross per unit", unit: .money, direction: .higherIsBetter, family: .sales,
                      form: .ratio(numerator: .money, denominator: .count),
                      definition: "Σ(sale_price − vehicle_cost) ÷ units, used retail orders delivered in P."),
        KPIDefinition("sales.fi_income_per_unit", "F&I income per unit", unit: .money, direction: .higherIsBetter, family: .sales,
                      form: .ratio(numerator: .money, denominator: .count),
                      definition: "Σ fi_income of the new and used retail orders delivered in P ÷ their number."),
        KPIDefinition("sales.csi_score", "Sales CSI score", unit: .score, direction: .higherIsBetter, family: .sales,
                      form: .ratio(numerator: .score, denominator: .count),
                      definition: "Mean score (0–10) of sales surveys with survey_date in P; surveys with an empty score are left out."),
        KPIDefinition("sales.nps", "Sales NPS", unit: .rate, direction: .higherIsBetter, family: .sales, form: rate,
                      definition: "Sales surveys in P with a recommend score: (promoters, recommend ≥ 9, − detractors, recommend ≤ 6) ÷ surveys, as a fraction. Numerator = promoters − detractors."),
    ]

    static let stockDefinitionNote =
        "A stay in stock (per dealer and VIN) starts at a stocked_in and ends at the first stocked_out, delivered or returned strictly after it (or at the next stocked_in, which supersedes it); its stock cost is the stocked_in cost."

    static let stock: [KPIDefinition] = [
        count("stock.vehicle_units_end", "Vehicles in stock at end", .stock, "Vehicles in stock at the end of P. " + stockDefinitionNote),
        KPIDefinition("stock.vehicle_value_end", "Vehicle stock value at end", unit: .money, direction: .neutral, family: .stock,
                      form: .amount(scale: 100), definition: "Σ stock cost of the vehicles in stock at the end of P."),
        KPIDefinition("stock.vehicle_turnover", "Vehicle stock turnover", unit: .turns, direction: .higherIsBetter, family: .stock,
                      form: .turnover(scale: 100), headline: true,
                      definition: "Cost of vehicles leaving stock in P ÷ mean daily stock value over P (stock at the end of each day), × 365 ÷ days(P). A stay counts as leaving, once at its stock cost, when it ends with stocked_out or delivered dated in P (a transfer out is a leaving for that dealer)."),
        KPIDefinition("stock.vehicle_days_supply", "Vehicle days supply", unit: .days, direction: .lowerIsBetter, family: .stock,
                      form: .daysSupply(numerator: .count, denominator: .count),
                      definition: "Units in stock at the end of P ÷ (units leaving stock in P ÷ days(P)), leaving as for turnover."),
        count("stock.vehicle_aged_0_30", "Vehicles aged 0–30 days", .stock, "Units in stock at the end of P whose age (end − date of their stocked_in) is 0–30 days."),
        count("stock.vehicle_aged_31_60", "Vehicles aged 31–60 days", .stock, "Units in stock at the end of P aged 31–60 days."),
        count("stock.vehicle_aged_61_90", "Vehicles aged 61–90 days", .stock, "Units in stock at the end of P aged 61–90 days.", direction: .lowerIsBetter),
        count("stock.vehicle_aged_over_90", "Vehicles aged over 90 days", .stock, "Units in stock at the end of P aged over 90 days.", direction: .lowerIsBetter),
        KPIDefinition("stock.vehicle_aged_over_90_share", "Share of stock aged over 90 days", unit: .rate, direction: .lowerIsBetter,
                      family: .stock, form: rate, definition: "Units aged over 90 days ÷ units in stock at the end of P."),
    ]

    static let partsChannels: [(String, String)] = [
        ("customer", "customer-pay RO lines"), ("warranty", "warranty RO lines"), ("internal", "internal RO lines"),
        ("insurance", "insurance RO lines"), ("counter", "counter sales net of counter returns"),
    ]

    static let parts: [KPIDefinition] = [
        KPIDefinition("parts.inventory_value_end", "Parts inventory value at end", unit: .money, direction: .neutral, family: .parts,
                      form: .amount(scale: 1_000_000),
                      definition: "Σ on-hand value at the end of P: Σ signed qty × unit_cost of every movement up to the end of P (each movement at its own unit_cost)."),
        KPIDefinition("parts.turnover", "Parts turnover", unit: .turns, direction: .higherIsBetter, family: .parts,
                      form: .turnover(scale: 1_000_000),
                      definition: "Parts cost of sales in P (value of issue_to_ro + counter_sale − return_from_ro − counter_return movements) ÷ mean daily inventory value over P, × 365 ÷ days(P)."),
        KPIDefinition("parts.days_supply", "Parts days supply", unit: .days, direction: .lowerIsBetter, family: .parts,
                      form: .daysSupply(numerator: .lineMoney, denominator: .lineMoney),
                      definition: "Inventory value at the end of P ÷ (parts cost of sales in P ÷ days(P))."),
        KPIDefinition("parts.first_time_fill_rate", "First-time fill rate", unit: .rate, direction: .higherIsBetter, family: .parts,
                      form: rate, headline: true,
                      definition: "Requested lines filled from stock ÷ requested lines: ro_parts lines of non-void ROs opened in P plus counter_sale movements in P (lines whose filled_from_stock is empty are left out of both), plus lost_sale movements in P (requested, not filled)."),
        KPIDefinition("parts.obsolete_share", "Obsolete parts share", unit: .rate, direction: .lowerIsBetter, family: .parts,
                      form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
                      definition: "Value at the end of P of the parts (per dealer and part) with no issue_to_ro or counter_sale movement dated in [end − 364, end] and a first movement dated before end − 364, ÷ inventory value at the end of P."),
        KPIDefinition("parts.below_min_share", "Parts below minimum stock", unit: .rate, direction: .lowerIsBetter, family: .parts,
                      form: rate,
                      definition: "Parts of the dealer's part master whose min_stock is > 0: share whose on-hand quantity at the end of P (Σ signed qty of that dealer's movements of the part up to the end of P; 0 without movements) is < min_stock (equal is not below). The part master is the current one, also for the previous period and a year earlier. Numerator and denominator are counts of parts."),
        KPIDefinition("parts.gross_margin", "Parts gross margin", unit: .rate, direction: .higherIsBetter, family: .parts,
                      form: .ratio(numerator: .lineMoney, denominator: .lineMoney), headline: true,
                      definition: "(Σ sale − Σ cost) ÷ Σ sale over ro_parts closed lines in P (qty × unit_price, qty × unit_cost) plus counter sales net of counter returns in P. Numerator = gross, denominator = sales."),
    ] + partsChannels.map { channel, text in
        KPIDefinition("parts.gross_margin.\(channel)", "Parts gross margin (\(channel))", unit: .rate, direction: .higherIsBetter,
                      family: .parts, form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
                      definition: "parts.gross_margin over \(text) only.")
    } + [
        KPIDefinition("parts.sales_share", "Parts sales share", unit: .rate, direction: .higherIsBetter, family: .parts,
                      form: .ratio(numerator: .lineMoney, denominator: .lineMoney),
                      definition: "Parts sales (closed RO lines and counter sales net of returns) ÷ total sales in P = Σ sale_price and fi_income of orders delivered in P (every order_type) + labor sales of closed lines + parts sales."),
    ]

    static let laborRatePerHour = KPIForm.ratio(numerator: .money, denominator: .hours)
    static let laborMargin = KPIForm.ratio(numerator: .money, denominator: .money)

    static let service: [KPIDefinition] = [
        count("service.ro_closed", "ROs closed", .service,
              "ROs closed in P: status not void and invoiced_at (the accounting posting date) in P.", headline: true,
              direction: .higherIsBetter),
        KPIDefinition("service.repair_cycle_hours_median", "Repair cycle hours (median)", unit: .hours, direction: .lowerIsBetter,
                      family: .service, form: .percentile(percent: 50, itemScale: 3600), headline: true,
                      definition: "Median of completed_at − opened_at in hours over ROs closed in P having both."),
        KPIDefinition("service.repair_cycle_hours_p90", "Repair cycle hours (90th percentile)", unit: .hours, direction: .lowerIsBetter,
                      family: .service, form: .percentile(percent: 90, itemScale: 3600),
                      definition: "90th percentile (linear interpolation) of completed_at − opened_at in hours over ROs closed in P having both."),
        KPIDefinition("service.promised_time_met_rate", "Promised time met", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: rate, definition: "ROs closed in P with promised_at and completed_at: share with completed_at ≤ promised_at."),
        KPIDefinition("service.comeback_rate", "Comeback rate", unit: .rate, direction: .lowerIsBetter, family: .service, form: rate,
                      headline: true,
                      definition: "ROs closed in P with ro_type other than internal and pdi: share that are comebacks. B is a comeback when comeback_flag is true, or comeback_of_ro is set, or another non-void RO A of the same VIN (any dealer, any type) with completed_at ≤ B.opened_at ≤ completed_at + N × 24 h shares a non-empty labor op_code with B (default N = 30; --comeback-days, --comeback-match opcode|any). Grouped by B's dealer."),
        KPIDefinition("service.hours_per_ro", "Sold hours per RO", unit: .hours, direction: .higherIsBetter, family: .service,
                      form: .ratio(numerator: .hours, denominator: .count),
                      definition: "Σ sold_hours of closed lines in P ÷ ROs closed in P (all of them, also those without labor)."),
    ] + PayType.allCases.map { pay in
        KPIDefinition("service.hours_per_ro.\(pay.rawValue)", "Sold hours per RO (\(pay.rawValue))", unit: .hours, direction: .higherIsBetter,
                      family: .service, form: .ratio(numerator: .hours, denominator: .count),
                      definition: "Sold hours of \(pay.rawValue) labor lines closed in P ÷ ROs closed in P having a \(pay.rawValue) labor line.")
    } + [
        KPIDefinition("service.effective_labor_rate", "Effective labor rate", unit: .money, direction: .higherIsBetter, family: .service,
                      form: laborRatePerHour, headline: true, definition: "Σ labor_sale ÷ Σ sold_hours, closed lines in P (money per sold hour)."),
    ] + PayType.allCases.map { pay in
        KPIDefinition("service.effective_labor_rate.\(pay.rawValue)", "Effective labor rate (\(pay.rawValue))", unit: .money,
                      direction: .higherIsBetter, family: .service, form: laborRatePerHour,
                      definition: "Σ labor_sale ÷ Σ sold_hours, \(pay.rawValue) labor lines closed in P.")
    } + [
        KPIDefinition("service.labor_gross_margin", "Labor gross margin", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: laborMargin, definition: "(Σ labor_sale − Σ labor_cost) ÷ Σ labor_sale, closed lines in P."),
    ] + PayType.allCases.map { pay in
        KPIDefinition("service.labor_gross_margin.\(pay.rawValue)", "Labor gross margin (\(pay.rawValue))", unit: .rate,
                      direction: .higherIsBetter, family: .service, form: laborMargin,
                      definition: "(Σ labor_sale − Σ labor_cost) ÷ Σ labor_sale, \(pay.rawValue) labor lines closed in P.")
    } + [
        KPIDefinition("service.tech_efficiency", "Technician efficiency", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: .ratio(numerator: .hours, denominator: .hours),
                      definition: "Σ sold_hours ÷ Σ clocked_hours, closed lines in P (flagged ÷ clocked)."),
        KPIDefinition("service.tech_productivity", "Technician productivity", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: .ratio(numerator: .hours, denominator: .hours),
                      definition: "Σ clocked_hours of closed lines in P ÷ Σ hours_present in P (attendance work_date in P) of employees whose role is technician."),
        KPIDefinition("service.tech_proficiency", "Technician proficiency", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: .ratio(numerator: .hours, denominator: .hours),
                      definition: "Σ sold_hours of closed lines in P ÷ Σ hours_present in P of technicians."),
        KPIDefinition("service.appointment_show_rate", "Appointment show rate", unit: .rate, direction: .higherIsBetter, family: .service,
                      form: rate, definition: "Appointments with scheduled_at in P and status not cancelled: share with status arrived."),
        KPIDefinition("service.warranty_first_pass_rate", "Warranty first-pass rate", unit: .rate, direction: .higherIsBetter,
                      family: .service, form: rate,
                      definition: "Claims with decided_on in P, whatever their status (rejected included): share with status approved or paid and submission_count 1."),
        KPIDefinition("service.warranty_days_to_decision_median", "Warranty days to decision (median)", unit: .days,
                      direction: .lowerIsBetter, family: .service, form: .percentile(percent: 50, itemScale: 1),
                      definition: "Median of decided_on − submitted_on in days over the claims decided in P having both dates."),
        KPIDefinition("service.warranty_recovery_rate", "Warranty recovery rate", unit: .rate, direction: .higherIsBetter,
                      family: .service, form: .ratio(numerator: .money, denominator: .money),
                      definition: "Σ approved_amount ÷ Σ claimed_amount over the claims with decided_on in P, whatever their status, that have a claimed_amount. A rejected claim counts with approved 0; any other claim with an empty approved_amount is left out of both sums. Numerator and denominator are money."),
        KPIDefinition("service.csi_score", "Service CSI score", unit: .score, direction: .higherIsBetter, family: .service,
                      form: .ratio(numerator: .score, denominator: .count), headline: true,
                      definition: "Mean score (0–10) of service surveys with survey_date in P; surveys with an empty score are left out."),
        KPIDefinition("service.nps", "Service NPS", unit: .rate, direction: .higherIsBetter, family: .service, form: rate,
                      definition: "Service surveys in P with a recommend score: (promoters, recommend ≥ 9, − detractors, recommend ≤ 6) ÷ surveys, as a fraction. Numerator = promoters − detractors."),
    ]

    static let fleet: [KPIDefinition] = [
        count("fleet.vehicles", "Fleet vehicles", .fleet,
              "Fleet vehicles active in P: vehicles.usage demo, loaner or fleet, no disposal dated before the start of P, in_service_on empty or ≤ end of P; grouped by vehicles.dealer_code."),
        KPIDefinition("fleet.utilization", "Fleet utilisation", unit: .rate, direction: .higherIsBetter, family: .fleet,
                      form: .ratio(numerator: .seconds, denominator: KPIComponent(.hours, scale: 1, places: 0)),
                      definition: "Σ hours checked out within P (overlap of [checked_out_at, returned_at or end of P] with P; bookings not cancelled) ÷ (fleet vehicles × 24 × days(P))."),
        KPIDefinition("fleet.overdue_return_rate", "Overdue return rate", unit: .rate, direction: .lowerIsBetter, family: .fleet,
                      form: rate, definition: "Bookings (not cancelled) returned in P: share with returned_at > booked_to."),
        KPIDefinition("fleet.km_per_booking", "Kilometres per booking", unit: .km, direction: .neutral, family: .fleet,
                      form: .ratio(numerator: .km, denominator: .count),
                      definition: "Σ (km_in − km_out) ÷ bookings, over the bookings returned in P (not cancelled; grouped by the booking's dealer) having both km_out and km_in with km_in ≥ km_out (a km_in below km_out is an entry error and the booking is left out; equal gives 0 km)."),
        KPIDefinition("fleet.maintenance_cost", "Fleet maintenance cost", unit: .money, direction: .lowerIsBetter, family: .fleet,
                      form: .amount(scale: 1_000_000),
                      definition: "Σ labor_sale + parts sale (qty × unit_price) of internal-pay lines on ROs closed in P of vehicles whose usage is demo, loaner or fleet; grouped by the RO's dealer."),
        count("fleet.due_for_scrapping", "Fleet vehicles due for scrapping", .fleet,
              "Fleet vehicles with in_service_on + service_life_years (calendar years; 29 Feb → 28 Feb) ≤ end of P + 90 days and no disposal on or before the end of P.", direction: .lowerIsBetter),
        count("fleet.disposals", "Disposals", .fleet,
              "vehicle_disposals rows with disposed_on in P, whatever the vehicle's usage, grouped by the disposal row's dealer_code (an empty method counts in the total only)."),
    ] + disposalMethods.map { method in
        count("fleet.disposals.\(method)", "Disposals (\(method))", .fleet, "fleet.disposals with method \(method).")
    } + [
        KPIDefinition("fleet.disposal_proceeds", "Disposal proceeds", unit: .money, direction: .higherIsBetter, family: .fleet,
                      form: .amount(scale: 100), definition: "Σ proceeds of the disposals of fleet.disposals (an empty proceeds adds nothing)."),
    ]

    static let disposalMethods = ["scrap", "sale", "auction", "return_to_oem"]

    static let logistics: [KPIDefinition] = [
        count("logistics.in_transit_units_end", "Vehicles in transit at end", .logistics,
              "Vehicles (per dealer and VIN) in transit at the end of P: the latest event up to then, leaving out ordered and reserved, is dispatched or in_transit. Events at one instant sort in the order of the event_type list."),
        KPIDefinition("logistics.transit_days_median", "Transit days (median)", unit: .days, direction: .lowerIsBetter, family: .logistics,
                      form: .percentile(percent: 50, itemScale: 86_400),
                      definition: "Median over the arrivals in P whose leg has a dispatch of arrived event_time − the leg's latest dispatched event_time, in days (seconds ÷ 86 400). The leg of an arrived event is the vehicle's events after its previous arrived."),
        KPIDefinition("logistics.late_arrival_rate", "Late arrival rate", unit: .rate, direction: .lowerIsBetter, family: .logistics, form: rate,
                      definition: "Arrivals in P whose leg has an ETA (the eta of its latest dispatched or in_transit event with one): share with event_time > ETA (arriving exactly at the ETA is on time; a bare-date ETA means 00:00:00)."),
        KPIDefinition("logistics.transport_damage_rate", "Transport damage rate", unit: .rate, direction: .lowerIsBetter, family: .logistics,
                      form: rate,
                      definition: "Arrivals in P: share whose arrived event has damaged true (质损率). An empty damaged counts as not damaged; damage recorded on other events does not count."),
        KPIDefinition("logistics.pdi_first_pass_rate", "PDI first-pass rate", unit: .rate, direction: .higherIsBetter, family: .logistics,
                      form: rate,
                      definition: "PDI rounds whose first event is in P: share whose first event is pdi_passed. Rounds are split by the vehicle's arrived, stocked_out, delivered and returned events; a round that fails and then passes counts as not passed."),
        count("logistics.certificate_missing_units_end", "Vehicles in stock without certificate", .logistics,
              "Vehicles in stock at the end of P with no sign of the certificate of conformity (合格证): no event of that dealer and VIN up to the end of P has certificate_received true, and vehicles.certificate_no (current master) is empty.",
              direction: .lowerIsBetter),
        KPIDefinition("logistics.freight_cost_per_unit", "Freight cost per unit", unit: .money, direction: .lowerIsBetter, family: .logistics,
                      form: .ratio(numerator: .money, denominator: .count),
                      definition: "Σ freight_cost ÷ their number over the dispatched events in P whose freight_cost is not empty (0 counts)."),
    ]

    static let staffRoles = ["technician", "advisor", "sales"]

    static let staff: [KPIDefinition] = [
        count("staff.headcount_end", "Headcount at end", .staff,
              "Employees with hired_on empty or ≤ the last day of P and left_on empty or > it (left_on is the last day of employment); grouped by the employee's dealer_code."),
    ] + staffRoles.map { role in
        count("staff.headcount_end.\(role)", "Headcount at end (\(role))", .staff, "staff.headcount_end of employees whose current role is \(role).")
    } + [
        KPIDefinition("staff.turnover_rate", "Staff turnover rate", unit: .rate, direction: .lowerIsBetter, family: .staff,
                      form: .ratio(numerator: .count, denominator: .halfCount),
                      definition: "Employees with left_on in P ÷ mean headcount, mean = (headcount at the end of the day before P + headcount at the end of P) ÷ 2. Not annualised: compare only periods of the same kind. An employee hired and leaving inside P is a leaver and in neither headcount."),
    ]

    static let crm: [KPIDefinition] = [
        KPIDefinition("crm.complaints_per_100_ros", "Complaints per 100 ROs", unit: .per100, direction: .lowerIsBetter, family: .crm,
                      form: .perHundred,
                      definition: "Complaints opened in P (status not void) ÷ ROs closed in P × 100. Numerator the complaints, denominator the ROs."),
        KPIDefinition("crm.complaint_resolution_hours_median", "Complaint resolution hours (median)", unit: .hours,
                      direction: .lowerIsBetter, family: .crm, form: .percentile(percent: 50, itemScale: 3600),
                      definition: "Median of closed_at − opened_at in hours over the complaints closed in P (status closed, closed_at in P) that have an opened_at."),
        KPIDefinition("crm.complaints_closed_within_48h_rate", "Complaints closed within 48 h", unit: .rate, direction: .higherIsBetter,
                      family: .crm, form: rate,
                      definition: "Complaints closed in P that have an opened_at: share with closed_at − opened_at ≤ 48 h (exactly 48 h is within). A re-opened complaint (status open) is not closed."),
        KPIDefinition("crm.complaint_satisfaction_rate", "Complaint satisfaction rate", unit: .rate, direction: .higherIsBetter,
                      family: .crm, form: rate,
                      definition: "Complaints closed in P whose satisfied is not empty: share with satisfied true."),
    ]

    static let all: [KPIDefinition] = sales + stock + parts + service + finance + fleet + logistics + staff + crm
}
