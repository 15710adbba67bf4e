import Foundation
import Testing

@testable import Ledger

/// The driver-monitoring page: its palette, legend, file names, and the evaluation lanes.
@Suite struct MonitoringPageTests {
    // MARK: Palette

    /// sRGB hex → linear RGB.
    static func linear(_ hex: String) -> [Double] {
        let digits = Array(hex.dropFirst())
        return stride(from: 0, to: 6, by: 2).map { index in
            let c = Double(Int(String(digits[index..<index + 2]), radix: 16) ?? 0) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
    }

    /// Colour-vision-deficiency simulation matrices in linear RGB (Machado, Oliveira and
    /// Fernandes 2009, severity 1.0), and normal vision.
    static let visions: [(String, [[Double]])] = [
        ("normal", [[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
        ("protanopia", [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]),
        ("deuteranopia", [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]),
        ("tritanopia", [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]),
    ]

    /// CIELAB (D65) of a linear RGB colour.
    static func lab(_ rgb: [Double]) -> [Double] {
        let (r, g, b) = (rgb[0], rgb[1], rgb[2])
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }

    /// The smallest CIE76 colour difference of two colours over normal vision and the three
    /// dichromacies.
    static func worstDifference(_ a: String, _ b: String) -> Double {
        visions.map { _, matrix in
            func simulate(_ rgb: [Double]) -> [Double] {
                matrix.map { row in min(1, max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])) }
            }
            let (p, q) = (lab(simulate(linear(a))), lab(simulate(linear(b))))
            return sqrt(zip(p, q).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
        }.min() ?? 0
    }

    @Test func noTwoEventTypesOrStatesAreConfusableForColourBlindReaders() {
        var colours: [(String, String)] = MonitoringEventType.allCases.map { ($0.rawValue, MonitoringPalette.colour(of: $0)) }
        colours += [("gaze off road", MonitoringPalette.offRoad), ("eyes closed", MonitoringPalette.eyesClosed),
                    ("unknown", MonitoringPalette.unknown), ("on road / open", MonitoringPalette.attentive)]
        #expect(Set(colours.map(\.1)).count == colours.count)
        for i in colours.indices {
            for j in colours.indices where j > i {
                let difference = Self.worstDifference(colours[i].1, colours[j].1)
                // The attentive white and the unknown grey differ in lightness only, which no
                // dichromacy changes; every other pair must differ clearly in all four visions.
                let least = (colours[i].0, colours[j].0) == ("unknown", "on road / open") ? 10.0 : 20.0
                #expect(difference >= least, "\(colours[i].0) and \(colours[j].0) differ by only ΔE \(difference)")
            }
        }
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    static func luminance(_ hex: String) -> Double {
        let c = linear(hex)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    }

    @Test func severityBadgesAreDistinctAndReadable() {
        let colours = Severity.allCases.map { ($0, MonitoringPalette.colour(of: $0)) }
        for i in colours.indices {
            let (a, b) = (Self.luminance(colours[i].1), Self.luminance(MonitoringPalette.textColour(on: colours[i].0)))
            let contrast = (max(a, b) + 0.05) / (min(a, b) + 0.05)
            #expect(contrast >= 4.5, "the label on the \(colours[i].0) badge has contrast \(contrast)")
            for j in colours.indices where j > i {
                #expect(Self.worstDifference(colours[i].1, colours[j].1) >= 20, "\(colours[i].0) and \(colours[j].0) are confusable")
            }
        }
    }

    @Test func worstDifferenceCatchesTheConfusionsItIsFor() {
        // Green and red badges merge for deuteranopes; the page's former blues (microsleep,
        // sleep) were near-identical for everyone.
        #expect(Self.worstDifference("#117733", "#CC3311") < 20)
        #expect(Self.worstDifference("#1565C0", "#0D47A1") < 20)
        #expect(Self.worstDifference("#000000", "#FFFFFF") > 90)
    }

    // MARK: Page

    func session(_ id: String, file: String) -> SessionScore {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 4, zone: .phone).add(seconds: 5)
        var frames = b.frames(id: id)
        frames.sourceFile = file
        return SessionScorer(rules: MonitoringRules()).score(frames)
    }

    @Test func legendKeepsEachSwatchWithItsLabel() throws {
        let html = MonitoringReport(sessions: [session("a", file: "/x/a.csv")], rules: MonitoringRules()).html
        let legend = try #require(html.components(separatedBy: "<div class=\"legend\">").dropFirst().first?.components(separatedBy: "</div>").first)
        let items = legend.components(separatedBy: "<span class=\"item\">").dropFirst()
        #expect(items.count == MonitoringEventType.allCases.count + 4)
        for item in items { #expect(item.hasPrefix("<span class=\"swatch\" style=\"background:#")) }
        for type in MonitoringEventType.allCases {
            #expect(items.contains { $0.contains("background:\(MonitoringPalette.colour(of: type))\"></span>\(type.rawValue)</span>") })
        }
        #expect(ReportStyle.css.contains(".legend .item { white-space: nowrap;"))
    }

    @Test func pagesShowFileNamesRelativeToTheirCommonFolder() {
        let report = MonitoringReport(
            sessions: [session("a", file: "/home/ops/fleet/night1/a.csv"), session("b", file: "/home/ops/fleet/night2/b.json")],
            rules: MonitoringRules())
        let html = report.html
        #expect(!html.contains("/home/ops"))
        #expect(html.contains("file night1/a.csv"))
        #expect(html.contains("file night2/b.json"))
        let single = MonitoringReport(sessions: [session("c", file: "/tmp/in/c.csv")], rules: MonitoringRules()).html
        #expect(!single.contains("/tmp/in"))
        #expect(single.contains("file c.csv"))
        #expect(DisplayPath.relative(["a.csv", "sub/b.csv"]) == ["a.csv": "a.csv", "sub/b.csv": "sub/b.csv"])
    }

    @Test func bothPagesUseTheSharedStylesheet() throws {
        let dms = MonitoringReport(sessions: [session("a", file: "a.csv")], rules: MonitoringRules()).html
        #expect(dms.contains("<style>\n\(ReportStyle.css)\n</style>"))
    }

    @Test func evaluationDrawsATruthLaneUnderEachDetectorLaneWithOutcomes() throws {
        let s = session("s1", file: "a.csv")
        func event(_ type: MonitoringEventType, _ start: Double, _ end: Double, detectedAt: Double? = nil) -> MonitoringEvent {
            MonitoringEvent(sessionID: "s1", type: type, start: start, end: end, detectedAt: detectedAt ?? start)
        }
        // phone_use: one hit (latency +0.5 s), one false alarm; vats: one miss only.
        let detections = [event(.phoneUse, 5, 9, detectedAt: 5.5), event(.phoneUse, 11, 12)]
        let truth = [event(.phoneUse, 5, 9), event(.vats, 1, 3)]
        let evaluator = DetectionEvaluator(tolerance: 0.5)
        let matching = evaluator.matchAll(detections: detections, truth: truth)
        let rows = evaluator.evaluate(matching, monitoredSeconds: s.validGaze)
        #expect(rows == evaluator.evaluate(detections: detections, truth: truth, monitoredSeconds: s.validGaze))
        let html = MonitoringReport(sessions: [s], rules: MonitoringRules(), evaluation: rows, evaluationSource: "test", matching: matching).html

        func count(_ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }
        let all = try #require(rows.last)
        #expect(count("data-outcome=\"tp\"") == all.truePositives)
        #expect(count("data-outcome=\"fp\"") == all.falsePositives)
        #expect(count("data-outcome=\"miss\"") == all.falseNegatives)
        #expect(count("data-outcome=\"detected\"") == all.truePositives)
        #expect((all.truePositives, all.falsePositives, all.falseNegatives) == (1, 1, 1))
        // Each type's truth lane comes right under its detector lane.
        for type in ["phone_use", "vats"] {
            let detector = try #require(html.range(of: ">\(type) · detected<"))
            let truthLane = try #require(html.range(of: ">\(type) · truth<"))
            #expect(detector.upperBound < truthLane.lowerBound)
            #expect(!html[detector.upperBound..<truthLane.lowerBound].contains("· detected<"))
        }
        #expect(html.contains("latency 0.50 s"))
        #expect(html.contains("negative when it came before"))
        // A scoring report (no evaluation) draws event lanes, no truth lanes.
        let plain = MonitoringReport(sessions: [s], rules: MonitoringRules()).html
        #expect(!plain.contains("· truth<") && !plain.contains("data-outcome"))
        #expect(plain.contains(">phone_use</text>"))
    }
}
