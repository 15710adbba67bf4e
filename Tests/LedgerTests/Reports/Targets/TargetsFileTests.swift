import Testing

@testable import Ledger

/// Reading targets files (docs/targets.md): a good file, then each error with its line.
@Suite struct TargetsFileTests {
    static let good = """
        # demo targets
        [kpi."service.comeback_rate"]
        target = 0.03
        amber = 0.01

        [kpi."service.comeback_rate".region."华东"]
        target = 0.025

        [kpi."service.comeback_rate".brand."星驰"]
        amber = 0.005

        [kpi."service.csi_score"]
        target = 9
        brand."星驰" = { target = 9.3, amber = 0.2 }
        """

    static func parse(_ text: String, regions: Set<String>? = ["华东", "华南"], brands: Set<String>? = ["星驰", "澜海"]) throws(TargetsError)
        -> KPITargets
    {
        try KPITargets(toml: Array(text.utf8), file: "conf/targets.toml", regions: regions, brands: brands)
    }

    static func decimal(_ text: String) -> TargetDecimal {
        TargetDecimal(text) ?? TargetDecimal(mantissa: -999, places: 0)
    }

    @Test func readsTargetsBandsAndOverrides() throws {
        let targets = try Self.parse(Self.good)
        #expect(targets.fileName == "targets.toml")
        #expect(targets.order == ["service.comeback_rate", "service.csi_score"])
        let comeback = try #require(targets.rules["service.comeback_rate"])
        #expect(comeback.threshold == KPIThreshold(target: Self.decimal("0.03"), amber: Self.decimal("0.01")))
        // What an override leaves out comes from the KPI's own target and band.
        #expect(comeback.regions["华东"] == KPIThreshold(target: Self.decimal("0.025"), amber: Self.decimal("0.01")))
        #expect(comeback.brands["星驰"] == KPIThreshold(target: Self.decimal("0.03"), amber: Self.decimal("0.005")))
        let csi = try #require(targets.rules["service.csi_score"])
        // No amber: green or red only.
        #expect(csi.threshold == KPIThreshold(target: Self.decimal("9"), amber: Self.decimal("0")))
        #expect(csi.brands["星驰"] == KPIThreshold(target: Self.decimal("9.3"), amber: Self.decimal("0.2")))
        #expect(targets.thresholds.count == 5)
    }

    static let errors: [(String, String, String)] = [
        ("syntax", "[kpi.\"service.comeback_rate\"]\ntarget = \n", "conf/targets.toml:2:"),
        (
            "unknown KPI with a suggestion", "[kpi.\"service.comback_rate\"]\ntarget = 0.03\n",
            "conf/targets.toml:1: unknown KPI \"service.comback_rate\": did you mean service.comeback_rate?"
        ),
        ("neutral KPI", "\n[kpi.\"stock.vehicle_value_end\"]\ntarget = 100\n", "conf/targets.toml:2: stock.vehicle_value_end (Vehicle stock value at end) has no better direction"),
        ("no target", "[kpi.\"service.csi_score\"]\namber = 0.5\n", "conf/targets.toml:1: kpi.\"service.csi_score\" has no target"),
        (
            "a string target", "[kpi.\"service.comeback_rate\"]\ntarget = \"3%\"\n",
            "conf/targets.toml:2: target of service.comeback_rate must be a number in kpi.csv's unit (a rate as a fraction: 0.03 for 3 %), found a string"
        ),
        ("a boolean band", "[kpi.\"service.csi_score\"]\ntarget = 9\namber = true\n", "conf/targets.toml:3: amber of service.csi_score must be a number"),
        ("a negative band", "[kpi.\"service.csi_score\"]\ntarget = 9\n\namber = -0.5\n", "conf/targets.toml:4: amber of service.csi_score is negative (-0.5)"),
        ("not finite", "[kpi.\"service.csi_score\"]\ntarget = inf\n", "conf/targets.toml:2: target of service.csi_score must be a finite number"),
        ("too many decimals", "[kpi.\"service.csi_score\"]\ntarget = 9.0000000000001\n", "conf/targets.toml:2: target of service.csi_score must be a finite number with at most 12 decimals"),
        (
            "misspelt key", "[kpi.\"service.csi_score\"]\ntarget = 9\nambre = 1\n",
            "conf/targets.toml:3: kpi.\"service.csi_score\": unknown key ambre: did you mean amber?"
        ),
        (
            "unknown region", "[kpi.\"service.csi_score\"]\ntarget = 9\n[kpi.\"service.csi_score\".region.\"华中\"]\ntarget = 8\n",
            "conf/targets.toml:3: kpi.\"service.csi_score\".region: no dealer in the dealer master has region \"华中\"; did you mean 华东 or 华南?"
        ),
        (
            "unknown brand", "[kpi.\"service.csi_score\"]\ntarget = 9\nbrand.Zeta = { target = 8 }\n",
            "conf/targets.toml:3: kpi.\"service.csi_score\".brand: no dealer in the dealer master has brand Zeta"
        ),
        (
            "empty override", "[kpi.\"service.csi_score\"]\ntarget = 9\n[kpi.\"service.csi_score\".region.\"华东\"]\n",
            "conf/targets.toml:3: kpi.\"service.csi_score\".region.\"华东\" sets neither target nor amber"
        ),
        (
            "unknown key in an override", "[kpi.\"service.csi_score\"]\ntarget = 9\nregion.\"华东\" = { goal = 8 }\n",
            "conf/targets.toml:3: kpi.\"service.csi_score\".region.\"华东\": unknown key goal (allowed: target, amber)"
        ),
        ("override not a table", "[kpi.\"service.csi_score\"]\ntarget = 9\nregion = 8\n", "conf/targets.toml:3: kpi.\"service.csi_score\".region must be a table of regions, found an integer"),
        ("unknown top-level key", "title = \"x\"\n", "conf/targets.toml:1: unknown key title"),
        ("empty file", "# nothing\n", "conf/targets.toml: no targets"),
        ("duplicate key", "[kpi.\"service.csi_score\"]\ntarget = 9\ntarget = 8\n", "conf/targets.toml:3:1: TOML syntax error: duplicate key target"),
        (
            "table defined twice", "[kpi.\"service.csi_score\"]\ntarget = 9\n[kpi.\"service.csi_score\"]\ntarget = 8\n",
            "conf/targets.toml:3:6: TOML syntax error: table [kpi.\"service.csi_score\"] is defined more than once"
        ),
        ("kpi not a table", "kpi = 1\n", "conf/targets.toml:1: kpi must be a table of KPI ids, found an integer"),
    ]

    @Test(arguments: errors)
    func rejectsWithTheLineAndTheFix(name: String, text: String, expected: String) {
        do {
            _ = try Self.parse(text)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(name): \(error.description)")
        }
    }

    @Test func regionsAndBrandsAreNotCheckedWithoutADealerMaster() throws {
        let targets = try Self.parse("[kpi.\"service.csi_score\"]\ntarget = 9\nregion.\"新区\" = { target = 8 }\n", regions: nil, brands: nil)
        #expect(targets.rules["service.csi_score"]?.regions["新区"] != nil)
    }

    @Test func aMissingFileIsATargetsError() {
        #expect(throws: TargetsError.self) { _ = try KPITargets.load(path: "/nonexistent/targets.toml") }
    }

    @Test(arguments: [
        ("0.03", 3, 2), ("0.0300", 3, 2), ("-12", -12, 0), ("1234.50", 12345, 1), ("3e-05", 3, 5), ("1.5e+3", 1500, 0), ("+7", 7, 0),
    ])
    func decimalsAreExact(text: String, mantissa: Int64, places: Int) {
        #expect(TargetDecimal(text) == TargetDecimal(mantissa: mantissa, places: places))
        #expect(TargetDecimal(text)?.mantissa == mantissa && TargetDecimal(text)?.places == places)
    }

    @Test func floatsAreTheDecimalsTheyWereWrittenAs() {
        // 0.1 + 0.2 != 0.3 in binary; the targets compare as written.
        #expect(TargetDecimal(0.3) == TargetDecimal("0.3"))
        #expect(TargetDecimal(0.1)!.adding(TargetDecimal(0.2)!) == TargetDecimal("0.3"))
        #expect(TargetDecimal(Double.nan) == nil && TargetDecimal(Double.infinity) == nil)
        #expect(TargetDecimal("abc") == nil && TargetDecimal("1.2.3") == nil && TargetDecimal("") == nil && TargetDecimal("-") == nil)
        #expect(TargetDecimal("0.0312")! < TargetDecimal("0.04")!)
        #expect(TargetDecimal("-0.5")! < TargetDecimal("0")!)
    }
}
