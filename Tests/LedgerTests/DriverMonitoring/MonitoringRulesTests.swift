import Testing

@testable import Ledger

@Suite struct MonitoringRulesTests {
    @Test func printedDefaultsReadBackAsTheDefaults() throws {
        let text = MonitoringRules().tomlText
        #expect(text.contains("[long_distraction]\nmin_duration_s = 3.0"))
        #expect(text.contains("[drowsy]\nwindow_s = 60.0"))
        #expect(try MonitoringRules(toml: text) == MonitoringRules())
    }

    @Test func partialFilesOverrideOnlyWhatTheyName() throws {
        let rules = try MonitoringRules(toml: "[vats]\noff_time_s = 8\n[drowsy]\nperclos = 0.2\n")
        var expected = MonitoringRules()
        expected.vatsOffSeconds = 8
        expected.drowsyPerclos = 0.2
        #expect(rules == expected)
    }

    @Test(arguments: [
        ("[vats]\nof_time_s = 8\n", "unknown setting vats.of_time_s (known: window_s, off_time_s, reset_on_road_s, min_speed_kmh)"),
        ("[vat]\noff_time_s = 8\n", "unknown section [vat]"),
        ("[vats]\noff_time_s = \"ten\"\n", "vats.off_time_s must be a non-negative number"),
        ("[microsleep]\nmin_duration_s = 4\n", "microsleep.min_duration_s must not exceed max_duration_s"),
    ])
    func badSettingsAreRejected(text: String, message: String) {
        do {
            _ = try MonitoringRules(toml: text, file: "r.toml")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.hasPrefix(message))
        }
    }

    @Test func syntaxErrorsCarryTheLine() {
        do {
            _ = try MonitoringRules(toml: "[vats]\noff_time_s = = 3\n", file: "r.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 14)
            #expect(error.description.hasPrefix("r.toml:2:14: TOML syntax error: "))
        }
    }

    @Test func thresholdsComeFromTheRules() {
        var rules = MonitoringRules()
        rules.longDistractionSeconds = 2.0
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 2.5, zone: .cluster).add(seconds: 5)
        #expect(b.score(rules: rules).events(.longDistraction).count == 1)
        #expect(b.score().events(.longDistraction).isEmpty)
    }
}
