import Testing
@testable import Ledger

@Suite struct ReportingPeriodTests {
    @Test(arguments: [
        ("2026-10", "2026-10-01", "2026-10-31", 31, "2026-09-01", "2026-09-30", "2025-10-01", "2025-10-31"),
        ("2026-Q3", "2026-07-01", "2026-09-30", 92, "2026-04-01", "2026-06-30", "2025-07-01", "2025-09-30"),
        ("2026", "2026-01-01", "2026-12-31", 365, "2025-01-01", "2025-12-31", "2025-01-01", "2025-12-31"),
        ("2026-10-01..2026-10-15", "2026-10-01", "2026-10-15", 15, "2026-09-16", "2026-09-30", "2025-10-01", "2025-10-15"),
        ("2028-02", "2028-02-01", "2028-02-29", 29, "2028-01-01", "2028-01-31", "2027-02-01", "2027-02-28"),
        ("2028-02-29..2028-03-01", "2028-02-29", "2028-03-01", 2, "2028-02-27", "2028-02-28", "2027-02-28", "2027-03-01"),
        ("2026-03", "2026-03-01", "2026-03-31", 31, "2026-02-01", "2026-02-28", "2025-03-01", "2025-03-31"),
    ])
    func parsesAndCompares(
        text: String, start: String, end: String, days: Int, prevStart: String, prevEnd: String, yoyStart: String, yoyEnd: String
    ) throws {
        let period = try #require(ReportingPeriod(parsing: text))
        #expect(period.start.description == start)
        #expect(period.end.description == end)
        #expect(period.days == days)
        #expect([period.previous.start.description, period.previous.end.description] == [prevStart, prevEnd])
        #expect([period.yearEarlier.start.description, period.yearEarlier.end.description] == [yoyStart, yoyEnd])
        #expect(period.description == text)
    }

    @Test(arguments: ["2026-13", "2026-Q5", "26-10", "2026-10-15..2026-10-01", "2026-02-30..2026-03-01", "", "2026-1", "abcd"])
    func rejectsBadPeriods(text: String) {
        #expect(ReportingPeriod(parsing: text) == nil)
    }

    @Test func trailingMonthsEndWithThePeriod() throws {
        let months = try #require(ReportingPeriod(parsing: "2026-10")).trailingMonths
        #expect(months.count == 13)
        #expect(months.first?.description == "2025-10")
        #expect(months.last?.description == "2026-10")
    }

    @Test func dayNumbersRoundTrip() throws {
        for number in stride(from: -700_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: number).dayNumber == number)
        }
        #expect(LocalDate("1970-01-01")?.dayNumber == 0)
        #expect(LocalDate("2024-02-29")?.adding(years: 1).description == "2025-02-28")
    }
}

@Suite struct ExactDecimalTests {
    @Test(arguments: [
        (1, 1, 20_000, 4, "0.0000"),  // 0.00005: tie → even
        (3, 1, 20_000, 4, "0.0002"),  // 0.00015: tie → even (up)
        (16, 1, 17, 4, "0.9412"),
        (-1, 1, 8, 2, "-0.12"),  // -0.125 → -0.12
        (-3, 1, 8, 2, "-0.38"),  // -0.375 → -0.38
        (5, 1, 2, 0, "2"),  // 2.5 → 2
        (7, 1, 2, 0, "4"),  // 3.5 → 4
        (12_345, 1, 100, 2, "123.45"),
        (1, 365, 3, 2, "121.67"),
        (-1, 1, 1_000, 2, "0.00"),  // rounds to zero: no "-0.00"
    ] as [(Int64, Int64, Int64, Int, String)])
    func roundsHalfEven(numerator: Int64, multiplier: Int64, divisor: Int64, places: Int, expected: String) {
        #expect(ExactDecimal.quotient(numerator, times: multiplier, over: divisor, places: places) == expected)
    }

    @Test func zeroDenominatorIsNull() {
        #expect(ExactDecimal.quotient(0, over: 0, places: 4) == nil)
        #expect(ExactDecimal.quotient(5, over: 0, places: 4) == nil)
    }

    @Test(arguments: [
        ([1, 2, 3, 4], 50, "2.50"), ([1, 2, 3, 4], 90, "3.70"), ([7], 90, "7.00"),
        (Array(1...10), 90, "9.10"), ([10, 1, 5], 50, "5.00"), ([1, 2], 50, "1.50"),
    ] as [([Int64], Int, String)])
    func percentilesInterpolateLinearly(items: [Int64], percent: Int, expected: String) {
        #expect(KPIDefinition.percentile(items, percent: percent, scale: 1, places: 2) == expected)
    }
}
