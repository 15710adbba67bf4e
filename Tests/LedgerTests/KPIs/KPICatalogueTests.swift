import Foundation
import Testing
import TestSupport
@testable import Ledger

/// The typed catalogue: every KPI, unit, exception list and column named and defined in both
/// languages; the engine writes only catalogued KPIs; `--kpi` patterns and the families they need.
@Suite struct KPICatalogueTests {
    static func hasHan(_ text: String) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }

    static func checkBilingual(_ name: LocalizedText, _ summary: LocalizedText, _ what: String) {
        #expect(!name.en.isEmpty && !name.zh.isEmpty, "\(what): a name is missing")
        #expect(!summary.en.isEmpty && !summary.zh.isEmpty, "\(what): a definition is missing")
        #expect(hasHan(name.zh) && hasHan(summary.zh), "\(what): the Chinese name or definition has no Chinese")
        #expect(!hasHan(name.en.replacingOccurrences(of: "合格证", with: "")), "\(what): the English name is not English")
        #expect(!name.zh.contains("\n") && !summary.zh.contains("\n") && !summary.en.contains("\n"), "\(what): not one line")
    }

    @Test func everyKPIHasBothNamesAndDefinitions() {
        let definitions = KPICatalogue.standard.definitions
        for definition in definitions {
            Self.checkBilingual(definition.name, definition.summary, definition.id)
            #expect(definition.id.hasPrefix(definition.family.rawValue + "."), "\(definition.id) is not in family \(definition.family)")
        }
        // Names tell KPIs apart in tables: no two share a name in either language.
        for language in ReportLanguage.allCases {
            let names = definitions.map { $0.name[language] }
            let repeated = Dictionary(grouping: names, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            #expect(repeated.isEmpty, "\(language): \(repeated)")
        }
    }

    @Test func everyUnitListAndColumnHasBothNamesAndDefinitions() {
        for unit in KPIUnit.allCases { Self.checkBilingual(unit.name, unit.summary, "unit \(unit.rawValue)") }
        let lists = ExceptionList.Definition.standard
        #expect(Set(lists.map(\.id)).count == lists.count)
        #expect(Set(lists.map(\.query)) == Set(ExceptionList.Query.allCases), "every query fills exactly one list")
        #expect(lists.count == ExceptionList.Query.allCases.count)
        for list in lists {
            Self.checkBilingual(list.name, list.summary, list.id)
            #expect(Set(list.columns.map(\.name)).count == list.columns.count, "\(list.id): a column twice")
            for column in list.columns { Self.checkBilingual(column.label, column.summary, "\(list.id).\(column.name)") }
        }
    }

    /// A KPI the engine writes that the catalogue lacks would silently vanish from every report.
    @Test(arguments: [1, 5] as [UInt64])
    func theEngineWritesOnlyCataloguedKPIsAndMostOfThem(seed: UInt64) throws {
        let f = try ReaggregationTests.fixture(seed: seed)
        // Vehicles in stock (the fixture has none): one aged, one sold in the period.
        try f.event("D1", "VS1", "stocked_in", "2026-06-01 09:00:00", cost: 10_000_000)
        try f.event("D2", "VS2", "stocked_in", "2026-09-20 09:00:00", cost: 12_000_000)
        try f.event("D2", "VS2", "delivered", "2026-10-12 15:00:00")
        let ids = Set(KPICatalogue.standard.definitions.map(\.id))
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let partials = try f.engine().partials(for: period)
        let written = Set(partials.values.flatMap(\.keys))
        #expect(written.subtracting(ids).isEmpty, "not in the catalogue: \(written.subtracting(ids).sorted())")
        // Every family writes; nearly every KPI has a partial on this data.
        for family in KPIFamily.allCases { #expect(written.contains { $0.hasPrefix(family.rawValue + ".") }, "\(family)") }
        #expect(written.count * 10 >= ids.count * 8, "only \(written.count) of \(ids.count) KPIs written")
    }

    @Test func catalogueCSVHasTheContractColumnsAndEveryEntry() throws {
        let csv = KPICatalogueText.csv(.standard)
        #expect(csv.hasPrefix("\u{FEFF}id,family,unit,name_zh,name_en,definition_zh,definition_en\r\n"))
        let lines = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let lists = ExceptionList.Definition.standard
        let expected = KPICatalogue.standard.definitions.count + KPIUnit.allCases.count + lists.count + lists.map(\.columns.count).reduce(0, +)
        #expect(lines.count == expected)
        #expect(lines.contains { $0.hasPrefix("service.comeback_rate,service,rate,返修率,Comeback rate,") })
        #expect(lines.contains { $0.hasPrefix("exceptions.aged_vehicle_stock.vin,exception_column,,车架号,VIN,") })
        #expect(lines.contains { $0.hasPrefix("unit.per_100,unit,per_100,每百单,per 100,") })
        let text = KPICatalogueText.plain(.standard)
        #expect(text.contains("service.comeback_rate  [rate, lower is better]\n  Comeback rate: ") && text.contains("\n  返修率："))
        #expect(text.contains("exceptions/aged_vehicle_stock.csv\n  Vehicles in stock over 60 days: "))
    }

    @Test(arguments: [
        ("service.ro_closed", ["service.ro_closed"]),
        ("staff.*", ["staff.headcount_end", "staff.headcount_end.technician", "staff.headcount_end.advisor", "staff.headcount_end.sales", "staff.turnover_rate"]),
        ("service.hours_per_ro.*", ["service.hours_per_ro.customer", "service.hours_per_ro.warranty", "service.hours_per_ro.internal", "service.hours_per_ro.insurance"]),
        ("*gross_margin.?n*", ["parts.gross_margin.internal", "parts.gross_margin.insurance", "service.labor_gross_margin.internal", "service.labor_gross_margin.insurance"]),
        ("crm.*, sales.nps ,sales.nps", ["sales.nps", "crm.complaints_per_100_ros", "crm.complaint_resolution_hours_median", "crm.complaints_closed_within_48h_rate", "crm.complaint_satisfaction_rate"]),
    ])
    func patternsSelectInCatalogueOrder(list: String, ids: [String]) throws {
        #expect(try KPISelection.resolve(KPISelection.patterns(list)) == ids)
    }

    @Test func marginGlobSelectsEveryMarginAndNothingElse() throws {
        let ids = try KPISelection.resolve(["*margin*"])
        #expect(ids.count == 1 + 5 + 1 + 4 + 8)
        #expect(ids.allSatisfy { $0.contains("margin") })
        #expect(KPISelection.matches("*", "sales.nps") && !KPISelection.matches("sales.*", "service.nps"))
        #expect(!KPISelection.matches("sales.nps", "sales.npsx") && KPISelection.matches("s*s.n?s", "sales.nps"))
    }

    @Test func anUnknownPatternSuggestsTheClosest() {
        #expect(throws: KPISelection.UnknownPattern.self) { try KPISelection.resolve(["service.ro_closd"]) }
        do {
            _ = try KPISelection.resolve(["service.ro_closed", "servce.*"])
            Issue.record("servce.* selected something")
        } catch let error as KPISelection.UnknownPattern {
            #expect(error.description.contains("unknown KPI \"servce.*\"; did you mean service.*?"))
        } catch {
            Issue.record("\(error)")
        }
    }

    /// `sales.*` runs the sales family's queries only: no query of the service, parts, fleet,
    /// finance or any other family reaches the connection, and the sales rows equal the full run's.
    @Test func aFamilySelectionRunsOnlyThatFamilysQueries() throws {
        let f = try ReaggregationTests.fixture(seed: 3)
        let period = try #require(ReportingPeriod(parsing: "2026-10"))
        let selected = Set(try KPISelection.resolve(["sales.*"]))
        let builder = KPIReportBuilder(engine: f.engine())
        let before = Set(f.database.cachedSQL)
        let report = try builder.build(.init(period: period, groupBy: .dealer, kpis: selected, includesTrend: true, includesDetails: false))
        let ran = Set(f.database.cachedSQL).subtracting(before)
        let otherTables = [
            "ro_labor", "ro_parts", "repair_orders", "part_movements", "attendance", "appointments", "warranty_claims", "vehicle_stays",
            "vehicle_events", "fleet_bookings", "vehicle_disposals", "complaints", "employees", "journal", "expenses",
        ]
        for sql in ran {
            for table in otherTables { #expect(!sql.contains(" \(table)"), "a sales.* report ran: \(sql)") }
        }
        #expect(ran.contains { $0.contains("FROM sales_orders") } && ran.contains { $0.contains("FROM csi_surveys") })
        #expect(Set(report.rows.map(\.definition.id)) == selected)
        #expect(report.headlines.map(\.definition.id) == ["sales.new_retail_units", "sales.on_time_delivery_rate"])
        #expect(Set(report.trends.keys) == ["sales.new_retail_units", "sales.on_time_delivery_rate"])

        // The same rows as the full report (on a fresh connection, so nothing is shared).
        let full = try ReaggregationTests.fixture(seed: 3).report("2026-10", by: .dealer)
        #expect(report.rows == full.rows.filter { selected.contains($0.definition.id) })

        // The whole catalogue does run the other families' queries (the check above can fail).
        let all = try ReaggregationTests.fixture(seed: 3)
        _ = try KPIReportBuilder(engine: all.engine()).build(.init(period: period, includesTrend: false, includesDetails: false))
        #expect(all.database.cachedSQL.contains { $0.contains(" ro_labor") })
    }
}
