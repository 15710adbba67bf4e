import Testing
@testable import Ledger
import TestSupport

/// Ratio of sums: a group's numerator and denominator are the sums of its dealers', and its
/// value is their quotient — never an average of dealer ratios. Checked on seeded random data.
@Suite struct ReaggregationTests {

    static func fixture(seed: UInt64) throws -> KPIFixture {
        let f = try KPIFixture()
        var random = SeededRandom(state: seed)
        let dealers = ["D1", "D2", "D3", "D4", "D5"]
        for (index, code) in dealers.enumerated() { try f.dealer(code, region: index < 2 ? "East" : "West", brand: index % 2 == 0 ? "A" : "B") }
        func stamp(_ dayOffset: Int, _ hour: Int) -> String {
            let date = LocalDate(year: 2026, month: 9, day: 1)?.shifted(by: dayOffset).description ?? "2026-09-01"
            return "\(date) \(hour < 10 ? "0" : "")\(hour):00:00"
        }
        let pays = ["customer", "warranty", "internal", "insurance"]
        for n in 0..<220 {
            let dealer = dealers[random.next(dealers.count)]
            let opened = random.next(80)
            let completed = opened + random.next(4)
            let ro = "R\(n)"
            try f.ro(dealer, ro, vin: "V\(random.next(40))", opened: stamp(opened, 8 + random.next(3)),
                     completed: random.next(10) == 0 ? nil : stamp(completed, 12 + random.next(6)),
                     invoiced: stamp(completed, 19), promised: random.next(3) == 0 ? nil : stamp(completed, 14),
                     type: random.next(8) == 0 ? "internal" : "repair", status: random.next(15) == 0 ? "void" : "invoiced",
                     flag: random.next(20) == 0 ? 1 : 0)
            for line in 0..<random.next(4) {
                try f.labor(dealer, ro, "\(line)", op: "OP\(random.next(6))", pay: pays[random.next(4)], tech: "T\(random.next(3))",
                            sold: Int64(random.next(40_000)), clocked: Int64(random.next(40_000)), sale: Int64(random.next(90_000)),
                            cost: Int64(random.next(40_000)))
                try f.part(dealer, ro, "\(line)", qty: Int64(1 + random.next(30_000)), price: Int64(random.next(20_000)),
                           cost: Int64(random.next(15_000)), pay: pays[random.next(4)], filled: Int64(random.next(2)))
            }
        }
        for n in 0..<120 {
            let dealer = dealers[random.next(dealers.count)]
            let ordered = random.next(60)
            try f.order(dealer, "O\(n)", ordered: stamp(ordered, 0).prefix(10).description,
                        delivered: stamp(ordered + random.next(30), 0).prefix(10).description,
                        promised: stamp(ordered + random.next(30), 0).prefix(10).description,
                        status: ["delivered", "delivered", "cancelled", "open"][random.next(4)], sale: random.next(3) == 0 ? "used" : "new",
                        price: Int64(random.next(30_000_000)), cost: Int64(random.next(28_000_000)), fi: Int64(random.next(500_000)))
        }
        for n in 0..<80 {
            try f.insert("csi_surveys", ["dealer_code": .text(dealers[random.next(dealers.count)]), "survey_id": .text("S\(n)"),
                                         "survey_date": .text(String(stamp(random.next(80), 0).prefix(10))),
                                         "kind": .text(random.next(2) == 0 ? "sales" : "service"),
                                         "score": .integer(Int64(random.next(100_001))), "recommend": .integer(Int64(random.next(11) * 10_000))])
        }
        return f
    }

    /// A printed decimal as an integer of ten-thousandths.
    static func units(_ text: String?) -> Int64? {
        guard let text else { return nil }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard let whole = Int64(parts[0]) else { return nil }
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        fraction += String(repeating: "0", count: max(0, 4 - fraction.count))
        let value = whole * 10_000 + (Int64(fraction.prefix(4)) ?? 0)
        return negative ? -value : value
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func groupsAreRatiosOfSums(seed: UInt64) throws {
        let f = try Self.fixture(seed: seed)
        let byDealer = try f.report("2026-10", by: .dealer)
        for by in [GroupBy.network, .region, .brand] {
            let grouped = try f.report("2026-10", by: by)
            for row in grouped.rows {
                guard case .ratio(let top, let bottom) = row.definition.form else { continue }
                let members = byDealer.rows.filter { $0.definition.id == row.definition.id && row.group.dealerCodes.contains($0.group.key) }
                #expect(members.count == row.group.dealerCodes.count)
                let numerator = members.compactMap { Self.units($0.current.numerator) }.reduce(0, +)
                let denominator = members.compactMap { Self.units($0.current.denominator) }.reduce(0, +)
                // Exact for stored units; sums of rounded line money may differ by half a cent per dealer.
                let slack = top.scale > 10_000 ? Int64(50 * members.count) : 0
                #expect(abs((Self.units(row.current.numerator) ?? .min) - numerator) <= slack, "\(row.definition.id) \(row.group.key)")
                #expect(abs((Self.units(row.current.denominator) ?? .min) - denominator) <= (bottom.scale > 10_000 ? Int64(50 * members.count) : 0))
                if denominator == 0 {
                    #expect(row.current.value == nil)
                } else {
                    let expected = Double(numerator) / Double(denominator)
                    let value = try #require(row.current.number)
                    var tolerance = 0.5
                    for _ in 0..<row.definition.unit.places { tolerance /= 10 }
                    #expect(abs(value - expected) <= tolerance + abs(expected) * 1e-4, "\(row.definition.id) \(row.group.key)")
                }
            }
        }
    }

    @Test func everyKPIAppearsForEveryGroupInCatalogueOrder() throws {
        let report = try Self.fixture(seed: 7).report("2026-10", by: .region)
        #expect(report.groups.map(\.key) == ["East", "West"])
        let ids = KPICatalogue.standard.definitions.map(\.id)
        #expect(report.rows.map(\.definition.id) == ids + ids)
    }

    @Test func previousAndYearEarlierAreThoseOfTheShiftedPeriods() throws {
        let f = try Self.fixture(seed: 4)
        let october = try f.report("2026-10", by: .network)
        let september = try f.report("2026-09", by: .network)
        for (a, b) in zip(october.rows, september.rows) { #expect(a.previous == b.current) }
        let lastYear = try f.report("2025-10", by: .network)
        for (a, b) in zip(october.rows, lastYear.rows) { #expect(a.yearEarlier == b.current) }
        #expect(october.rows.contains { $0.previous.value != nil && $0.previous.value != "0" })
    }
}
