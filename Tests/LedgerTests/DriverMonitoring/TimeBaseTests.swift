import Testing

@testable import Ledger

/// Section 2 and 3.1: the time base, eye states, frame rates, jitter and dropped frames.
@Suite struct TimeBaseTests {
    @Test func shortGapsCountInFullLongOnesUpToTwiceTheMedian() {
        var frames = SessionFrames(sessionID: "g", sourceFile: "g.csv")
        let times = [0.0, 0.1, 0.2, 0.6, 0.7, 1.7, 1.8]
        for t in times { frames.append(time: t, faceDetected: true, eyeLeft: 1, eyeRight: 1, zone: .road) }
        let score = SessionScorer(rules: MonitoringRules()).score(frames)
        // Median interval 0.1: 0.4 s counts in full, 1.0 s counts 0.2 and 0.8 is missing.
        #expect(abs(score.duration - 1.9) < 1e-9)
        #expect(abs(score.missing - 0.8) < 1e-9)
        #expect(abs(score.validGaze - 1.1) < 1e-9)
    }

    @Test func eyeStates() {
        var frames = SessionFrames(sessionID: "e", sourceFile: "e.csv")
        // closed, one eye open (open), unknown (empty), face lost (unknown), P80 boundary (closed).
        let rows: [(Double, Double, Bool)] = [(0.1, 0.1, true), (0.1, 0.9, true), (.nan, 0.1, true), (0.1, 0.1, false), (0.2, 0.2, true)]
        for (k, row) in rows.enumerated() {
            frames.append(time: Double(k), faceDetected: row.2, eyeLeft: row.0, eyeRight: row.1, zone: .road)
        }
        let timeline = FrameTimeline(frames: frames, rules: MonitoringRules())
        #expect(timeline.segments.map(\.eyes) == [.closed, .open, .unknown, .unknown, .closed])
        #expect(timeline.segments.map(\.gaze) == [.on, .on, .on, .unknown, .on])
    }

    /// The same scenario at 10 and 30 fps gives the same events (all changes on 0.1 s).
    static func scenario(fps: Double) -> ScenarioBuilder {
        let b = ScenarioBuilder(fps: fps)
        b.add(seconds: 20).add(seconds: 3.5, zone: .phone).add(seconds: 8)
        b.add(seconds: 1.2, closed: true).add(seconds: 10).add(seconds: 0.2, closed: true).add(seconds: 5)
        b.add(seconds: 4.0, closed: true).add(seconds: 6).add(seconds: 11, face: false).add(seconds: 5)
        for _ in 0..<6 { b.add(seconds: 2.1, zone: .infotainment).add(seconds: 0.8) }
        b.add(seconds: 70)
        return b
    }

    static func summary(_ events: [MonitoringEvent]) -> [String] {
        events.map { "\($0.type.rawValue) \(DecimalText.fixed($0.start, 2)) \(DecimalText.fixed($0.end, 2)) \(DecimalText.fixed($0.detectedAt, 2))" }
    }

    @Test func tenAndThirtyFramesPerSecondGiveTheSameEvents() {
        let ten = Self.scenario(fps: 10).score().events
        let thirty = Self.scenario(fps: 30).score().events
        #expect(Set(ten.map(\.type)) == [.longDistraction, .phoneUse, .microsleep, .sleep, .degraded, .vats])
        #expect(Self.summary(ten) == Self.summary(thirty))
    }

    @Test func jitteredAndDroppedFramesGiveTheSameEvents() {
        let b = Self.scenario(fps: 30)
        let clean = SessionScorer(rules: MonitoringRules()).score(b.frames())
        // ±4 ms of jitter and every 17th frame dropped (never two in a row).
        let noisy = SessionScorer(rules: MonitoringRules()).score(
            b.frames(jitter: { k in Double((k * 7919) % 9 - 4) / 1000 }, keep: { k in k % 17 != 5 }))
        #expect(noisy.events.map(\.type) == clean.events.map(\.type))
        for (a, b) in zip(noisy.events, clean.events) {
            #expect(abs(a.start - b.start) < 0.05)
            #expect(abs(a.end - b.end) < 0.05, "\(a.type) \(a.start) \(a.end) vs \(b.end)")
        }
        #expect(noisy.missing == 0)
    }

    @Test func metricsOfASimpleSession() {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 10).add(seconds: 1, zone: .mirrorLeft).add(seconds: 10).add(seconds: 2.5, zone: .cluster)
        b.add(seconds: 10).add(seconds: 0.3, closed: true).add(seconds: 6.2)
        let s = b.score()
        #expect(abs(s.duration - 40) < 1e-9)
        #expect(s.offRoadGlanceCount == 2)
        #expect(abs((s.offRoadGlanceMean ?? 0) - 1.75) < 1e-9)
        #expect(abs(s.eyesOffRoad - 3.5) < 1e-9)
        #expect(s.glancesOver2sShare == 0.5)
        #expect(s.blinkCount == 1)
        #expect(abs((s.blinkMean ?? 0) - 0.3) < 1e-9)
        #expect(abs((s.blinkRatePerMinute ?? 0) - 1.5) < 1e-9)
        #expect(abs((s.perclos ?? 0) - 0.3 / 40) < 1e-9)
        #expect(s.severity == .low)
        #expect(s.events.isEmpty)
    }
}

@Suite struct MedianIntervalTests {
    @Test(arguments: [
        ([0.0, 1], 1.0), ([0.0, 1, 3], 1.5), ([0.0, 0.1, 0.2, 0.3, 5], 0.1), ([0.0, 2, 3, 7, 8, 8.5], 1.0),
    ])
    func medianOfIntervals(times: [Double], median: Double) {
        #expect(abs(FrameTimeline.median(of: times) - median) < 1e-12)
    }

    @Test func selectionMatchesSorting() {
        var state: UInt64 = 42
        for n in [1, 2, 3, 10, 101, 1000] {
            let values = (0..<n).map { _ -> Double in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double((state >> 33) % 50)
            }
            for k in [0, n / 2, n - 1] {
                var copy = values
                #expect(FrameTimeline.select(&copy, k) == values.sorted()[k])
            }
        }
    }
}
