import Testing

@testable import Ledger

/// Evaluating values against targets: both directions, the exact boundaries, n/a, and which
/// override a group takes (docs/targets.md).
@Suite struct TrafficLightTests {
    static func d(_ text: String) -> TargetDecimal { TargetDecimal(text) ?? TargetDecimal(mantissa: -999_999, places: 0) }

    static let higher = KPIThreshold(target: d("0.95"), amber: d("0.05"))
    static let lower = KPIThreshold(target: d("0.03"), amber: d("0.01"))

    @Test(arguments: [
        ("0.9600", TrafficLight.green), ("0.9500", .green), ("0.95", .green), ("0.9499", .amber), ("0.9000", .amber),
        ("0.8999", .red), ("0", .red), ("1.2000", .green),
    ])
    func higherIsBetter(value: String, expected: TrafficLight) {
        #expect(Self.higher.light(of: Self.d(value), direction: .higherIsBetter) == expected)
    }

    @Test(arguments: [
        ("0.0200", TrafficLight.green), ("0.0300", .green), ("0.0301", .amber), ("0.0400", .amber), ("0.0401", .red), ("-0.01", .green),
    ])
    func lowerIsBetter(value: String, expected: TrafficLight) {
        #expect(Self.lower.light(of: Self.d(value), direction: .lowerIsBetter) == expected)
    }

    @Test func aZeroBandIsGreenOrRed() {
        let threshold = KPIThreshold(target: Self.d("300"), amber: Self.d("0"))
        #expect(threshold.light(of: Self.d("300.00"), direction: .higherIsBetter) == .green)
        #expect(threshold.light(of: Self.d("299.99"), direction: .higherIsBetter) == .red)
        #expect(threshold.light(of: Self.d("300.01"), direction: .lowerIsBetter) == .red)
    }

    @Test func neutralAndNAHaveNoLight() throws {
        #expect(Self.higher.light(of: Self.d("1"), direction: .neutral) == nil)
        let definition = try #require(KPICatalogue.standard.definition("service.comeback_rate"))
        let targets = KPITargets(fileName: "t.toml", rules: [KPITargetRule(definition: definition, threshold: Self.lower)])
        let dealer = Dealer(code: "D1", name: "D1", region: "East", brand: "A")
        #expect(targets.light(of: nil, kpi: definition, dealers: [dealer]) == nil)
        #expect(targets.light(of: "0.0250", kpi: definition, dealers: [dealer]) == .green)
        let other = try #require(KPICatalogue.standard.definition("service.csi_score"))
        #expect(targets.light(of: "1.00", kpi: other, dealers: [dealer]) == nil)
    }

    struct Choice: Equatable {
        var threshold: KPIThreshold
        var scope: KPITargetRule.Scope
        init(_ threshold: KPIThreshold, _ scope: KPITargetRule.Scope) {
            self.threshold = threshold
            self.scope = scope
        }
    }

    static func chosen(_ rule: KPITargetRule, _ dealers: [Dealer]) -> Choice {
        let (threshold, scope) = rule.threshold(for: dealers)
        return Choice(threshold, scope)
    }

    @Test func aGroupTakesItsRegionThenItsBrandThenTheKPIsTarget() throws {
        let definition = try #require(KPICatalogue.standard.definition("service.comeback_rate"))
        let east = KPIThreshold(target: Self.d("0.02"), amber: Self.d("0.01"))
        let brandA = KPIThreshold(target: Self.d("0.025"), amber: Self.d("0"))
        let rule = KPITargetRule(definition: definition, threshold: Self.lower, regions: [("East", east)], brands: [("A", brandA)])
        let eastA = Dealer(code: "D1", name: "", region: "East", brand: "A")
        let westA = Dealer(code: "D2", name: "", region: "West", brand: "A")
        let westB = Dealer(code: "D3", name: "", region: "West", brand: "B")
        let eastB = Dealer(code: "D4", name: "", region: "East", brand: "B")
        // A dealer in an overridden region and brand: the region wins.
        #expect(Self.chosen(rule, [eastA]) == Self.Choice(east, .region("East")))
        #expect(Self.chosen(rule, [westA]) == Self.Choice(brandA, .brand("A")))
        #expect(Self.chosen(rule, [westB]) == Self.Choice(Self.lower, .all))
        // A region row (all its dealers in East), a brand row (all A, two regions), the network.
        #expect(Self.chosen(rule, [eastA, eastB]) == Self.Choice(east, .region("East")))
        #expect(Self.chosen(rule, [eastA, westA]) == Self.Choice(brandA, .brand("A")))
        #expect(Self.chosen(rule, [eastA, westA, westB, eastB]) == Self.Choice(Self.lower, .all))
        #expect(Self.chosen(rule, []) == Self.Choice(Self.lower, .all))
        let targets = KPITargets(fileName: "t.toml", rules: [rule])
        #expect(targets.light(of: "0.0250", kpi: definition, dealers: [westB]) == .green)
        #expect(targets.light(of: "0.0250", kpi: definition, dealers: [eastA]) == .amber)
        #expect(targets.light(of: "0.0251", kpi: definition, dealers: [westA]) == .red)
    }

    @Test func conditionsAreShownInTheReportsUnit() throws {
        let rate = try #require(KPICatalogue.standard.definition("service.comeback_rate"))
        let c = KPITargets.conditions(KPIThreshold(target: Self.d("0.025"), amber: Self.d("0.01")), rate)
        #expect(c.green == "≤ 2.5%" && c.amber == "2.5% – 3.5%" && c.red == "> 3.5%")
        let money = try #require(KPICatalogue.standard.definition("service.effective_labor_rate"))
        let m = KPITargets.conditions(KPIThreshold(target: Self.d("1500"), amber: Self.d("0")), money)
        #expect(m.green == "≥ 1,500" && m.amber == "—" && m.red == "< 1,500")
    }
}
