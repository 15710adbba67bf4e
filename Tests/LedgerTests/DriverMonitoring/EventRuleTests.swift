import Testing

@testable import Ledger

/// Every threshold of section 3, exactly at it and one frame on either side.
@Suite struct EventRuleTests {
    @Test(arguments: [(10.0, -1, 0), (10.0, 0, 1), (10.0, 1, 1), (30.0, -1, 0), (30.0, 0, 1), (30.0, 1, 1)])
    func longDistractionAtThreeSeconds(fps: Double, extraFrames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: fps)
        b.add(seconds: 10)
        b.add(frames: Int(3 * fps) + extraFrames, zone: .infotainment)
        b.add(seconds: 10)
        let events = b.score().events(.longDistraction)
        #expect(events.count == expected)
        if let event = events.first {
            #expect(abs(event.start - 10) < 1e-9)
            #expect(abs(event.detectedAt - 13) < 1e-9)
            #expect(abs(event.duration - (3 + Double(extraFrames) / fps)) < 1e-9)
        }
    }

    @Test func mirrorsAndClusterAreOffRoad() {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(seconds: 1.5, zone: .mirrorLeft).add(seconds: 2, zone: .cluster).add(seconds: 5)
        let score = b.score()
        #expect(score.offRoadGlanceCount == 1)
        #expect(abs((score.offRoadGlanceMax ?? 0) - 3.5) < 1e-9)
        #expect(score.events(.longDistraction).count == 1)
    }

    /// Off 6 s, on for X, off 5 s: a reset needs X ≥ 2.0 s of continuous on-road gaze.
    @Test(arguments: [(-1, 1), (0, 0), (1, 0)])
    func vatsResetAtTwoSeconds(extraFrames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5)
        b.add(seconds: 6, zone: .infotainment)
        b.add(frames: 60 + extraFrames)
        b.add(seconds: 5, zone: .infotainment)
        b.add(seconds: 20)
        let events = b.score().events(.vats)
        #expect(events.count == expected)
        if let event = events.first {
            // Counted from the first off frame; fires when 10 s of off time are reached.
            #expect(abs(event.start - 5) < 1e-9)
            let secondOff = 11 + Double(60 + extraFrames) / 30
            #expect(abs(event.detectedAt - (secondOff + 4)) < 1e-6)
            #expect(event.end == event.detectedAt)
        }
    }

    @Test func vatsCountsOnlyTheTrailingWindowAndRestartsAfterFiring() {
        let b = ScenarioBuilder(fps: 10)
        // Short glances (2 s off, 1 s on) never reset; 10 s of off time within 30 s fires.
        for _ in 0..<12 { b.add(seconds: 2, zone: .phone).add(seconds: 1) }
        b.add(seconds: 10)
        let events = b.score().events(.vats)
        // 2 s per 3 s: the 5th glance completes 10 s at t = 14.0; restart, the 10th at t = 29.0.
        #expect(events.map(\.detectedAt).map { ($0 * 10).rounded() / 10 } == [14, 29])
        #expect(events.map(\.start).map { ($0 * 10).rounded() / 10 } == [0, 15])
        let phone = b.score().events(.phoneUse)
        #expect(phone.count == 2)
    }

    @Test func vatsWindowCountsTheEdgeProRata() {
        let b = ScenarioBuilder(fps: 10)
        // 6 s off, 1.5 s on (no reset), unknown 20 s (neither off nor on), then off.
        b.add(seconds: 6, zone: .lap).add(seconds: 1.5).add(seconds: 20, face: false).add(seconds: 6, zone: .lap).add(seconds: 5)
        // At t = 27.5 + x the window starts at x − 2.5: first glance contributes 8.5 − x... fires when
        // (6 − (x − 2.5)) + x ≥ 10 → never (8.5 constant < 10) until the first glance leaves the window.
        #expect(b.score().events(.vats).isEmpty)
    }

    @Test(arguments: [(14, 0, 1), (15, 1, 0), (16, 1, 0)])
    func microsleepAtHalfASecond(frames: Int, microsleeps: Int, blinks: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(frames: frames, closed: true).add(seconds: 5)
        let score = b.score()
        #expect(score.events(.microsleep).count == microsleeps)
        #expect(score.blinkCount == blinks)
    }

    @Test(arguments: [(89, 1, 0), (90, 1, 0), (91, 0, 1)])
    func sleepLongerThanThreeSeconds(frames: Int, microsleeps: Int, sleeps: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(frames: frames, closed: true).add(seconds: 5)
        let score = b.score()
        #expect(score.events(.microsleep).count == microsleeps)
        #expect(score.events(.sleep).count == sleeps)
        if let sleep = score.events(.sleep).first { #expect(abs(sleep.detectedAt - 8) < 1e-9) }
        if let micro = score.events(.microsleep).first { #expect(micro.detectedAt == micro.end) }
    }

    @Test(arguments: [(179, 0), (180, 1), (181, 1)])
    func unresponsiveAtSixSecondsClosed(frames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(frames: frames, closed: true).add(seconds: 5)
        let score = b.score()
        #expect(score.events(.unresponsive).count == expected)
        #expect(score.events(.sleep).count == 1)
        if let event = score.events(.unresponsive).first { #expect(abs(event.detectedAt - 11) < 1e-9) }
    }

    @Test(arguments: [(179, 0), (180, 1), (181, 1)])
    func unresponsiveAtSixSecondsOffRoad(frames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(frames: frames, zone: .passenger).add(seconds: 5)
        #expect(b.score().events(.unresponsive).count == expected)
    }

    @Test func oneEpisodeRaisesSeveralIndependentEvents() {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(seconds: 10.5, zone: .phone).add(seconds: 5)
        let types = b.score().events.map(\.type)
        #expect(types.sorted() == [.longDistraction, .vats, .phoneUse, .phoneUse, .unresponsive])
    }

    /// Open 51 s, closed 9 s ± 1 frame, open 60 s: PERCLOS over [0, 60] is exactly 0.15.
    @Test(arguments: [(-1, 0), (0, 1), (1, 1)])
    func drowsyAtPerclosFifteenPercent(extraFrames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(frames: 1530 - extraFrames).add(frames: 270 + extraFrames, closed: true).add(seconds: 60)
        let score = b.score()
        let drowsy = score.events(.drowsy)
        #expect(drowsy.count == expected)
        if let event = drowsy.first {
            // Exactly at T = 60 s; with one more closed frame the window since the start already holds one frame earlier.
            #expect(abs(event.start - (60 - Double(extraFrames) / 30)) < 1e-9)
            #expect(event.detectedAt == event.start)
            // Holds while the whole closure stays in the trailing 60 s.
            #expect(abs(event.end - (60 + 51 - Double(extraFrames) / 30)) < 0.04)
        }
        #expect(abs((score.perclosMax60 ?? 0) - (270 + Double(extraFrames)) / 1800) < 1e-9)
    }

    @Test func drowsyNeedsHalfTheWindowOfValidEyeTime() {
        let b = ScenarioBuilder(fps: 10)
        // 29.9 s of valid eye time (a third of it closed), then the face is lost.
        b.add(seconds: 20).add(seconds: 9.9, closed: true).add(seconds: 60, face: false)
        let score = b.score()
        #expect(score.events(.drowsy).isEmpty)
        #expect(score.perclosMax60 == nil)
        let c = ScenarioBuilder(fps: 10)
        c.add(seconds: 20).add(seconds: 10, closed: true).add(seconds: 60, face: false)
        #expect(c.score().events(.drowsy).count == 1)
    }

    @Test(arguments: [(40.0, 0, "applied"), (60.0, 1, "applied")])
    func drowsyIsSpeedGated(speed: Double, expected: Int, gating: String) {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 50, speed: speed).add(seconds: 10, closed: true, speed: speed).add(seconds: 30, speed: speed)
        let score = b.score()
        #expect(score.events(.drowsy).count == expected)
        #expect(score.events(.sleep).count == 1)  // other rules default to 0 km/h
        #expect(MonitoringTables.cells(of: score).last == .text(gating))
    }

    @Test(arguments: [(299, 0), (300, 1), (301, 1)])
    func degradedAtTenSeconds(frames: Int, expected: Int) {
        let b = ScenarioBuilder(fps: 30)
        b.add(seconds: 5).add(frames: frames, face: false).add(seconds: 5)
        let events = b.score().events(.degraded)
        #expect(events.count == expected)
        if let event = events.first { #expect(abs(event.detectedAt - 15) < 1e-9) }
    }

    @Test func degradedFromMissingTime() {
        // A 12 s hole in the timestamps: 2 × median counts, the rest is missing (unknown) time.
        var frames = SessionFrames(sessionID: "hole", sourceFile: "hole.csv")
        for k in 0..<100 { frames.append(time: Double(k) / 10, faceDetected: true, eyeLeft: 1, eyeRight: 1, zone: .road) }
        for k in 0..<100 { frames.append(time: 21.9 + Double(k) / 10, faceDetected: true, eyeLeft: 1, eyeRight: 1, zone: .road) }
        let score = SessionScorer(rules: MonitoringRules()).score(frames)
        #expect(abs(score.missing - 11.8) < 1e-9)
        #expect(abs(score.duration - 31.9) < 1e-9)
        #expect(abs(score.validGaze - 20.1) < 1e-9)
        #expect(score.events(.degraded).count == 1)
        #expect(score.eventsPerHour == 0)
    }

    /// A 4 s glance, `lapSeconds` of it on the lap: phone use needs ≥ 50 % of the off time.
    @Test(arguments: [(1.9, 0), (2.0, 1), (2.1, 1)])
    func phoneUseNeedsHalfTheOffTime(lapSeconds: Double, expected: Int) {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 4 - lapSeconds, zone: .infotainment).add(seconds: lapSeconds, zone: .lap).add(seconds: 5)
        let score = b.score()
        #expect(score.events(.longDistraction).count == 1)
        #expect(score.events(.phoneUse).count == expected)
    }

    @Test func phoneUseFlagCountsInAnyZone() {
        let b = ScenarioBuilder(fps: 10)
        b.add(seconds: 5).add(seconds: 4, zone: .passenger, phone: 1).add(seconds: 5)
        let phone = b.score().events(.phoneUse)
        #expect(phone.count == 1)
        #expect(phone.first?.start == 5)
    }
}
