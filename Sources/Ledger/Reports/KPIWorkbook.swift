/// kpi.xlsx and exceptions.xlsx (cli.md, `--format xlsx`): the report as a workbook an
/// analyst opens in Excel or WPS — a wide sheet per group level, the long format of kpi.csv,
/// the exception lists and the KPI definitions.
public enum KPIWorkbook {
    /// The workbook of `report` (its `--by` level) and of `coarser` reports of the same period
    /// (e.g. region and network beside dealer), each as one wide sheet: a row per group, a
    /// column per KPI in catalogue order, numbers formatted by unit (percent for rates,
    /// `#,##0.00` for money, `#,##0` for counts, `0.00` otherwise), empty where n/a. Then
    /// `kpi`: the rows of kpi.csv exactly; one sheet per exception list; `definitions`.
    /// With `coarserInLongSheet` the `kpi` sheet also holds the coarser reports' rows (a
    /// bundle, whose kpi.csv holds its region and network rows too). Sheet names, ids and the
    /// `kpi` sheet stay canonical; the wide sheets' and the exception sheets' headers and the
    /// names and definitions are in `language`. With `targets` (docs/targets.md) the wide
    /// sheets' values are filled green, amber or red with their symbol, and a `targets` sheet
    /// states the rule and every threshold.
    public static func render(
        _ report: KPIReport, coarser: [KPIReport] = [], coarserInLongSheet: Bool = false, language: ReportLanguage = .zh,
        targets: KPITargets? = nil
    ) throws -> [UInt8] {
        var sheets = ([report] + coarser).map { wideSheet($0, language: language, targets: targets) }
        sheets.append(longSheet(coarserInLongSheet ? [report] + coarser : [report]))
        sheets += report.exceptions.map { exceptionSheet($0, language: language) }
        sheets.append(definitionsSheet(report, language: language))
        if let targets {
            // The thresholds of the KPIs the workbook holds (all of them, or those of `--kpi`).
            sheets.append(targetsSheet(targets.restricted(to: Set(([report] + coarser).flatMap { $0.rows.map(\.definition.id) })), language: language))
        }
        return try WorkbookWriter.write(sheets)
    }

    /// exceptions.xlsx: one sheet per exception list, headers in `language`.
    public static func exceptions(_ lists: [ExceptionList], language: ReportLanguage = .zh) throws -> [UInt8] {
        try WorkbookWriter.write(
            lists.isEmpty
                ? [WorkbookSheet(name: "exceptions", header: ["list"], rows: [])] : lists.map { exceptionSheet($0, language: language) })
    }

    public static func format(of unit: KPIUnit) -> WorkbookNumberFormat {
        switch unit {
        case .count: return .integer
        case .money: return .money
        case .rate: return .percent
        case .hours, .days, .turns, .score, .km, .per100: return .decimal
        }
    }

    static func cell(_ value: String?, _ format: WorkbookNumberFormat) -> WorkbookCell {
        value.map { .number($0, format) } ?? .empty
    }

    static func wideSheet(_ report: KPIReport, language: ReportLanguage, targets: KPITargets? = nil) -> WorkbookSheet {
        var definitions: [KPIDefinition] = []
        var seen = Set<String>()
        for row in report.rows where seen.insert(row.definition.id).inserted { definitions.append(row.definition) }
        let column = Dictionary(uniqueKeysWithValues: definitions.enumerated().map { ($1.id, $0) })
        var rows: [[WorkbookCell]] = []
        var index: [String: Int] = [:]
        var members: [[Dealer]] = []
        let dealers = Dictionary(report.dealers.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        for group in report.groups {
            index[group.key] = rows.count
            rows.append([.text(group.key), .text(group.name)] + [WorkbookCell](repeating: .empty, count: definitions.count))
            members.append(targets == nil ? [] : group.dealerCodes.compactMap { dealers[$0] })
        }
        for row in report.rows {
            guard let r = index[row.group.key], let c = column[row.definition.id] else { continue }
            let format = format(of: row.definition.unit)
            if let value = row.current.value, let light = targets?.light(of: value, kpi: row.definition, dealers: members[r]) {
                rows[r][c + 2] = .lit(value, format, light)
            } else {
                rows[r][c + 2] = cell(row.current.value, format)
            }
        }
        return WorkbookSheet(
            name: report.groupBy.rawValue, header: keyHeader(report.groupBy, language) + definitions.map { $0.name[language] }, rows: rows,
            frozenColumns: 2)
    }

    /// The first two columns of a wide sheet: the group's key and name.
    static func keyHeader(_ level: GroupBy, _ language: ReportLanguage) -> [String] {
        switch (level, language) {
        case (.dealer, .en): return ["dealer_code", "name"]
        case (_, .en): return [level.rawValue, "name"]
        case (.dealer, .zh): return ["经销商代码", "经销商名称"]
        case (.region, .zh): return ["区域", "名称"]
        case (.brand, .zh): return ["品牌", "名称"]
        case (.network, .zh): return ["全网", "名称"]
        }
    }

    /// The columns of kpi.csv that hold text (everything else is a number where it is one).
    static let textColumns: Set<String> = ["period_start", "period_end", "group_by", "group_key", "group_name", "kpi", "unit", "coverage"]

    /// The long sheet, made from kpi.csv itself so that it always has its columns and rows
    /// (whatever columns kpi.csv gains): text columns as text (group keys keep leading
    /// zeros), plain decimals as numbers.
    static func longSheet(_ reports: [KPIReport]) -> WorkbookSheet {
        let csv = Array(KPITables.kpiCSV(reports).utf8.dropFirst(KPITables.byteOrderMark.utf8.count))
        let reader = CSVReader(source: MemoryByteSource(csv))
        var header: [String] = []
        var rows: [[WorkbookCell]] = []
        var isText: [Bool] = []
        // An in-memory CSV we wrote ourselves: reading it cannot fail.
        while (try? reader.next()) == true {
            let fields = reader.lossyFields()
            if header.isEmpty {
                header = fields
                isText = fields.map { textColumns.contains($0) }
                continue
            }
            rows.append(fields.enumerated().map { index, field in
                if field.isEmpty { return .empty }
                let text = index < isText.count ? isText[index] : true
                return !text && WorkbookWriter.isDecimal(field) ? .number(field, .general) : .text(unneutralised(field))
            })
        }
        return WorkbookSheet(name: "kpi", header: header, rows: rows)
    }

    /// kpi.csv guards formula-like text with a leading `'` (`CSVWriter.neutralised`); a
    /// workbook's inline strings never run, so the sheet shows the text as it is.
    static func unneutralised(_ field: String) -> String {
        let scalars = Array(field.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[0] == "'", "=+-@\t\r".unicodeScalars.contains(scalars[1]) else { return field }
        return String(field.dropFirst())
    }

    static func exceptionSheet(_ list: ExceptionList, language: ReportLanguage) -> WorkbookSheet {
        let rows: [[WorkbookCell]] = list.rows.map { row in
            zip(list.columns, row.cells).map { column, value in
                guard let value else { return .empty }
                return column.isNumber ? .number(value, .general) : .text(value)
            }
        }
        return WorkbookSheet(name: list.id, header: list.columns.map { $0.label[language] }, rows: rows, frozenColumns: 1)
    }

    /// The names sheet: every KPI with its name, unit and definition in `language`.
    static func definitionsSheet(_ report: KPIReport, language: ReportLanguage) -> WorkbookSheet {
        let rows: [[WorkbookCell]] = report.catalogue.definitions.map { definition in
            [
                .text(definition.id), .text(definition.name[language]), .text(definition.unit.rawValue),
                .text(definition.direction.rawValue), .text(definition.family.rawValue), .text(definition.summary[language]),
            ]
        }
        let header =
            language == .zh
            ? ["kpi", "名称", "单位", "方向", "类别", "定义"] : ["kpi", "title", "unit", "direction", "family", "definition"]
        return WorkbookSheet(name: "definitions", header: header, rows: rows, frozenColumns: 1)
    }

    /// The `targets` sheet: every threshold of the targets file (the KPI's own, then its
    /// overrides) with the conditions of each light, and the rule below.
    static func targetsSheet(_ targets: KPITargets, language: ReportLanguage) -> WorkbookSheet {
        var rows: [[WorkbookCell]] = targets.thresholds.map { definition, scope, threshold in
            let (green, amber, red) = KPITargets.conditions(threshold, definition)
            return [
                .text(definition.id), .text(definition.name[language]), .text(definition.direction.rawValue),
                .text(KPITargets.scopeName(scope, language)), .number(threshold.target.description, .general),
                .number(threshold.amber.description, .general), .text(green), .text(amber), .text(red),
            ]
        }
        rows.append([])
        rows.append([.text(targets.rule(language))])
        let header =
            language == .zh
            ? ["kpi", "名称", "方向", "适用范围", "目标", "黄区宽度", "● 绿", "▲ 黄", "■ 红"]
            : ["kpi", "title", "direction", "scope", "target", "amber band", "● green", "▲ amber", "■ red"]
        return WorkbookSheet(name: "targets", header: header, rows: rows, frozenColumns: 1)
    }
}
