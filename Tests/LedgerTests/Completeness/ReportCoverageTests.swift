import Testing
@testable import Ledger

@Suite struct ReportCoverageTests {
    static let october = ReportingPeriod(parsing: "2026-10")!

    @Test func completePartialAndNoneAsOfTheEndOfThePeriod() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-10-31 09:00:00")  // through the last day
        try f.ro("D2", "R1", opened: "2026-10-25 09:00:00")  // 6 days before the end: partial
        try f.ro("D4", "R1", opened: "2026-09-20 09:00:00")  // expected, nothing dated in October: none
        let coverage = try Completeness(database: f.database).coverage(
            of: Self.october, dealers: ["D1", "D2", "D4", "D5"], lateAfterDays: 2, today: LocalDate(year: 2026, month: 11, day: 10))
        #expect(coverage.dealers["D1"]?.status == .complete)
        #expect(coverage.dealers["D2"]?.status == .partial)
        #expect(coverage.dealers["D2"]?.lateFeeds.map(\.feed) == ["repair_orders"])
        #expect(coverage.dealers["D4"]?.status == CoverageStatus.none)
        #expect(coverage.dealers["D5"]?.status == CoverageStatus.none)
        // A group is the worst of its dealers.
        #expect(coverage.status(of: ["D1"]) == .complete)
        #expect(coverage.status(of: ["D1", "D2"]) == .partial)
        #expect(coverage.status(of: ["D1", "D2", "D4"]) == CoverageStatus.none)
        #expect(coverage.status(of: []) == CoverageStatus.none)
        // The tolerance is an option.
        let lenient = try Completeness(database: f.database).coverage(of: Self.october, dealers: ["D2"], lateAfterDays: 6, today: nil)
        #expect(lenient.dealers["D2"]?.status == .complete)
    }

    @Test func aPeriodNotEndedIsPartial() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-10-31 09:00:00")
        let completeness = Completeness(database: f.database)
        let during = try completeness.coverage(of: Self.october, dealers: ["D1"], lateAfterDays: 2, today: LocalDate(year: 2026, month: 10, day: 31))
        #expect(during.dealers["D1"]?.status == .partial && during.dealers["D1"]?.periodOpen == true)
        let after = try completeness.coverage(of: Self.october, dealers: ["D1"], lateAfterDays: 2, today: LocalDate(year: 2026, month: 11, day: 1))
        #expect(after.dealers["D1"]?.status == .complete)
    }

    @Test func aYearSeesActivityBeforeItsLastNinetyDays() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2026-03-01 09:00:00")
        let year = ReportingPeriod(parsing: "2026")!
        let coverage = try Completeness(database: f.database).coverage(of: year, dealers: ["D1", "D2"], lateAfterDays: 2, today: nil)
        #expect(coverage.dealers["D1"]?.status == .complete, "active in the year, nothing expected at its end")
        #expect(coverage.dealers["D2"]?.status == CoverageStatus.none)
    }

    @Test func noActivityInThePeriodSaysWhereTheDataIs() throws {
        let f = try CompletenessFixture()
        try f.ro("D1", "R1", opened: "2025-07-01 09:00:00", invoiced: "2026-10-31 10:00:00")
        try f.sale("D2", "S1", ordered: "2026-11-05")
        let completeness = Completeness(database: f.database)
        let before = ReportingPeriod(parsing: "2019-10")!
        do {
            try completeness.requireActivity(in: before, dealers: ["D1", "D2"])
            Issue.record("expected NoActivityError")
        } catch let error as NoActivityError {
            #expect(error.span?.first == LocalDate(year: 2025, month: 7, day: 1))
            #expect(error.span?.last == LocalDate(year: 2026, month: 11, day: 5))
            #expect(error.description.contains("2019-10") && error.description.contains("begins 2025-07-01 and ends 2026-11-05"))
        }
        try completeness.requireActivity(in: Self.october, dealers: ["D1", "D2"])
        #expect(throws: NoActivityError.self) { try completeness.requireActivity(in: Self.october, dealers: ["D4"]) }
    }
}
