/// kpi.csv, technicians.csv and exceptions/<list>.csv (cli.md): UTF-8 with BOM, CRLF,
/// numbers as numbers, text cells guarded against formulas by `CSVWriter`.
public enum KPITables {
    /// The byte order mark Excel needs to read UTF-8 Chinese text.
    public static let byteOrderMark = "\u{FEFF}"

    /// The header of kpi.csv, in the contract's order.
    public static let kpiHeader = [
        "period_start", "period_end", "group_by", "group_key", "group_name", "kpi", "value", "numerator", "denominator",
        "unit", "value_prev", "value_yoy", "coverage",
    ]

    static func number(_ text: String?) -> CSVWriter.Cell { text.map { .number($0) } ?? .empty }

    /// kpi.csv of a report.
    public static func kpiCSV(_ report: KPIReport) -> String { kpiCSV([report]) }

    /// kpi.csv of several reports of one period, one header: each report's rows with its own
    /// `group_by` and coverage (a bundle's dealers, then its region and the network).
    public static func kpiCSV(_ reports: [KPIReport]) -> String {
        let writer = CSVWriter()
        var out = byteOrderMark + writer.line(kpiHeader)
        for report in reports {
            for row in report.rows {
                out += writer.line([
                    .text(report.period.start.description), .text(report.period.end.description), .text(report.groupBy.rawValue),
                    .text(row.group.key), .text(row.group.name), .text(row.definition.id), number(row.current.value),
                    number(row.current.numerator), number(row.current.denominator), .text(row.definition.unit.rawValue),
                    number(row.previous.value), number(row.yearEarlier.value), .text(report.coverage(of: row.group).rawValue),
                ])
            }
        }
        return out
    }

    /// technicians.csv: per-technician efficiency, productivity, proficiency and comebacks.
    public static func techniciansCSV(_ report: KPIReport) -> String {
        let writer = CSVWriter()
        var out = byteOrderMark + writer.line([
            "period_start", "period_end", "dealer_code", "dealer_name", "technician_id", "sold_hours", "clocked_hours",
            "hours_present", "efficiency", "productivity", "proficiency", "comebacks",
        ])
        let names = Dictionary(report.dealers.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        for tech in report.technicians {
            out += writer.line([
                .text(report.period.start.description), .text(report.period.end.description), .text(tech.dealer),
                .text(names[tech.dealer] ?? ""), .text(tech.technicianID), number(hours(tech.soldHours)),
                number(hours(tech.clockedHours)), number(hours(tech.hoursPresent)), number(tech.efficiency),
                number(tech.productivity), number(tech.proficiency), .number(String(tech.comebacks)),
            ])
        }
        return out
    }

    /// salespeople.csv (kpis.md 14): per dealer and salesperson, empty id first.
    public static func salespeopleCSV(_ report: KPIReport) -> String {
        let writer = CSVWriter()
        var out = byteOrderMark + writer.line([
            "period_start", "period_end", "dealer_code", "dealer_name", "salesperson_id", "retail_units", "front_gross",
            "promised_deliveries", "on_time_deliveries", "on_time_delivery_rate", "orders", "cancellations",
        ])
        let names = dealerNames(report)
        for person in report.salespeople {
            out += writer.line([
                .text(report.period.start.description), .text(report.period.end.description), .text(person.dealer),
                .text(names[person.dealer] ?? ""), .text(person.salespersonID), .number(String(person.retailUnits)),
                number(ExactDecimal.quotient(person.frontGross, over: 100, places: 2)), .number(String(person.promisedDeliveries)),
                .number(String(person.onTimeDeliveries)), number(person.onTimeDeliveryRate), .number(String(person.orders)),
                .number(String(person.cancellations)),
            ])
        }
        return out
    }

    /// advisors.csv (kpis.md 14): per dealer and service advisor, empty id first.
    public static func advisorsCSV(_ report: KPIReport) -> String {
        let writer = CSVWriter()
        var out = byteOrderMark + writer.line([
            "period_start", "period_end", "dealer_code", "dealer_name", "advisor_id", "ro_closed", "labor_sales", "sold_hours",
            "hours_per_ro", "comeback_base", "comebacks", "comeback_rate", "csi_surveys", "csi_score",
        ])
        let names = dealerNames(report)
        for advisor in report.advisors {
            out += writer.line([
                .text(report.period.start.description), .text(report.period.end.description), .text(advisor.dealer),
                .text(names[advisor.dealer] ?? ""), .text(advisor.advisorID), .number(String(advisor.roClosed)),
                number(ExactDecimal.quotient(advisor.laborSales, over: 100, places: 2)), number(hours(advisor.soldHours)),
                number(advisor.hoursPerRO), .number(String(advisor.comebackBase)), .number(String(advisor.comebacks)),
                number(advisor.comebackRate), .number(String(advisor.csiSurveys)), number(advisor.csiScore),
            ])
        }
        return out
    }

    static func dealerNames(_ report: KPIReport) -> [String: String] {
        Dictionary(report.dealers.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func hours(_ tenThousandths: Int64) -> String? { ExactDecimal.quotient(tenThousandths, over: 10_000, places: 4) }

    /// One exception list as CSV.
    public static func exceptionCSV(_ list: ExceptionList) -> String {
        let writer = CSVWriter()
        var out = byteOrderMark + writer.line(list.columns.map(\.name))
        for row in list.rows {
            out += writer.line(zip(list.columns, row.cells).map { column, cell in
                guard let cell else { return .empty }
                return column.isNumber ? .number(cell) : .text(cell)
            })
        }
        return out
    }
}
