/// Scores one session: the time base, glances, every event rule and the session metrics of
/// driver-monitoring.md sections 2–3 (section 3.1 is followed to the letter).
public struct SessionScorer: Sendable {
    public var rules: MonitoringRules
    /// Number of bins in the report timeline.
    public var timelineBins: Int

    public init(rules: MonitoringRules, timelineBins: Int = 480) {
        self.rules = rules
        self.timelineBins = max(1, timelineBins)
    }

    /// A maximal run of segments with the same state.
    struct Run {
        var first: Int
        var last: Int
        var start: Double
        var end: Double
        var duration: Double { end - start }
    }

    /// Scores `frames` (at least one frame).
    public func score(_ frames: SessionFrames) -> SessionScore {
        let timeline = FrameTimeline(frames: frames, rules: rules)
        let segments = timeline.segments
        let slack = rules.comparisonSlack
        var events: [MonitoringEvent] = []
        let id = frames.sessionID
        let gated = frames.hasSpeed

        func passesSpeed(_ type: MonitoringEventType, at time: Double) -> Bool {
            guard gated, let index = timeline.segmentIndex(at: time) else { return true }
            let speed = segments[index].speed
            return speed.isNaN || speed >= rules.minimumSpeed(for: type)
        }
        func raise(_ type: MonitoringEventType, _ start: Double, _ end: Double, _ detectedAt: Double, _ details: String) {
            if passesSpeed(type, at: detectedAt) {
                events.append(MonitoringEvent(sessionID: id, type: type, start: start, end: end, detectedAt: detectedAt, details: details))
            }
        }

        // Totals and runs, in one pass.
        var validGaze = 0.0
        var validEye = 0.0
        var closedTotal = 0.0
        var gazeRuns: [(GazeState, Run)] = []
        var eyeRuns: [(EyeState, Run)] = []
        for (index, segment) in segments.enumerated() {
            let d = segment.duration
            if segment.gaze != .unknown { validGaze += d }
            if segment.eyes != .unknown { validEye += d }
            if segment.eyes == .closed { closedTotal += d }
            if let last = gazeRuns.last, last.0 == segment.gaze {
                gazeRuns[gazeRuns.count - 1].1.last = index
                gazeRuns[gazeRuns.count - 1].1.end = segment.end
            } else {
                gazeRuns.append((segment.gaze, Run(first: index, last: index, start: segment.start, end: segment.end)))
            }
            if let last = eyeRuns.last, last.0 == segment.eyes {
                eyeRuns[eyeRuns.count - 1].1.last = index
                eyeRuns[eyeRuns.count - 1].1.end = segment.end
            } else {
                eyeRuns.append((segment.eyes, Run(first: index, last: index, start: segment.start, end: segment.end)))
            }
        }

        // Glances: long distraction, unresponsive (gaze), degraded, phone use.
        var offGlances: [Double] = []
        for (state, run) in gazeRuns {
            let d = run.duration
            switch state {
            case .off:
                offGlances.append(d)
                if d >= rules.longDistractionSeconds - slack {
                    let (phoneShare, zoneText) = offShares(segments, run.first...run.last)
                    let detected = run.start + rules.longDistractionSeconds
                    raise(.longDistraction, run.start, run.end, detected, "off road \(DecimalText.fixed(d, 2)) s; \(zoneText)")
                    if phoneShare >= rules.phoneMinShare - slack {
                        raise(.phoneUse, run.start, run.end, detected, "phone share \(DecimalText.fixed(phoneShare, 2)) of long_distraction")
                    }
                }
                if d >= rules.unresponsiveSeconds - slack {
                    raise(.unresponsive, run.start, run.end, run.start + rules.unresponsiveSeconds, "gaze off road \(DecimalText.fixed(d, 2)) s")
                }
            case .unknown:
                if d >= rules.degradedSeconds - slack {
                    let missing = segments[run.first...run.last].reduce(0.0) { $0 + ($1.isMissing ? $1.duration : 0) }
                    raise(.degraded, run.start, run.end, run.start + rules.degradedSeconds,
                        "gaze unknown \(DecimalText.fixed(d, 2)) s (missing \(DecimalText.fixed(missing, 2)) s)")
                }
            case .on:
                break
            }
        }

        // Eye closures: blinks, microsleep, sleep, unresponsive.
        var blinks: [Double] = []
        if frames.hasEyeState {
            for (state, run) in eyeRuns where state == .closed {
                let d = run.duration
                if d < rules.microsleepMinSeconds - slack {
                    blinks.append(d)
                    continue
                }
                let text = "eyes closed \(DecimalText.fixed(d, 2)) s"
                if d <= rules.microsleepMaxSeconds + slack {
                    raise(.microsleep, run.start, run.end, run.end, text)
                }
                if d > rules.sleepSeconds + slack {
                    raise(.sleep, run.start, run.end, run.start + rules.sleepSeconds, text)
                }
                if d >= rules.unresponsiveSeconds - slack {
                    raise(.unresponsive, run.start, run.end, run.start + rules.unresponsiveSeconds, text)
                }
            }
        }

        detectVATS(segments, raise: raise)
        var perclosMax: Double?
        if frames.hasEyeState {
            perclosMax = detectDrowsiness(segments, start: timeline.start, gated: gated, raise: raise)
        }

        events.sort(by: MonitoringEvent.outputOrder)
        let offCount = offGlances.count
        let offTotal = offGlances.reduce(0, +)
        let duration = timeline.end - timeline.start
        return SessionScore(
            sessionID: id, sourceFile: frames.sourceFile, driverID: frames.driverID, vin: frames.vin,
            start: timeline.start, duration: duration, validGaze: validGaze, validEye: validEye, missing: timeline.missing,
            perclos: frames.hasEyeState && validEye > 0 ? closedTotal / validEye : nil,
            perclosMax60: perclosMax,
            blinkCount: frames.hasEyeState ? blinks.count : nil,
            blinkRatePerMinute: frames.hasEyeState && validEye > 0 ? Double(blinks.count) / (validEye / 60) : nil,
            blinkMean: blinks.isEmpty ? nil : blinks.reduce(0, +) / Double(blinks.count),
            offRoadGlanceCount: offCount,
            offRoadGlanceMean: offCount > 0 ? offTotal / Double(offCount) : nil,
            offRoadGlanceMax: offGlances.max(),
            eyesOffRoad: offTotal,
            glancesOver2sShare: offCount > 0
                ? Double(offGlances.filter { $0 > rules.longGlanceSeconds + slack }.count) / Double(offCount) : nil,
            events: events, hasEyeState: frames.hasEyeState, speedGated: gated,
            timeline: makeTimeline(segments, start: timeline.start, end: timeline.end))
    }

    /// Phone share of the off time in `range`, and the dominant off zone as text.
    private func offShares(_ segments: [TimelineSegment], _ range: ClosedRange<Int>) -> (Double, String) {
        var byZone = [Double](repeating: 0, count: GazeZone.allCases.count)
        var off = 0.0
        var phone = 0.0
        for segment in segments[range] where segment.gaze == .off {
            let d = segment.duration
            off += d
            if segment.phone { phone += d }
            byZone[Int(segment.zone.rawValue)] += d
        }
        var best = 0
        for i in byZone.indices where byZone[i] > byZone[best] { best = i }
        let zone = GazeZone(rawValue: UInt8(best)) ?? .other
        let share = off > 0 ? byZone[best] / off : 0
        return (off > 0 ? phone / off : 0, "mostly \(zone.name) (\(DecimalText.fixed(share * 100, 0)) %)")
    }

    /// VATS: off time accumulated since the last reset, within the trailing window.
    private func detectVATS(
        _ segments: [TimelineSegment], raise: (MonitoringEventType, Double, Double, Double, String) -> Void
    ) {
        let slack = rules.comparisonSlack
        var queue: [(start: Double, end: Double, phone: Bool)] = []
        var head = 0
        var offSum = 0.0
        var phoneSum = 0.0
        var onSince: Double? = nil
        func clear() {
            queue.removeAll(keepingCapacity: true)
            head = 0
            offSum = 0
            phoneSum = 0
        }
        for segment in segments {
            let d = segment.duration
            let t = segment.end
            switch segment.gaze {
            case .off:
                queue.append((segment.start, t, segment.phone))
                offSum += d
                if segment.phone { phoneSum += d }
                onSince = nil
            case .on:
                if onSince == nil { onSince = segment.start }
                if let since = onSince, t - since >= rules.vatsResetOnSeconds - slack, head < queue.count { clear() }
            case .unknown:
                onSince = nil
            }
            guard head < queue.count else { continue }
            let windowStart = t - rules.vatsWindowSeconds
            while head < queue.count && queue[head].end <= windowStart {
                let gone = queue[head].end - queue[head].start
                offSum -= gone
                if queue[head].phone { phoneSum -= gone }
                head += 1
            }
            if head > 4096 {
                queue.removeFirst(head)
                head = 0
            }
            guard head < queue.count else {
                offSum = 0
                phoneSum = 0
                continue
            }
            let first = queue[head]
            let cut = max(0, windowStart - first.start)
            let windowOff = offSum - cut
            if windowOff >= rules.vatsOffSeconds - slack {
                let phoneOff = phoneSum - (first.phone ? cut : 0)
                let share = windowOff > 0 ? phoneOff / windowOff : 0
                raise(.vats, first.start, t, t,
                    "off road \(DecimalText.fixed(windowOff, 2)) s within \(DecimalText.fixed(rules.vatsWindowSeconds, 0)) s")
                if share >= rules.phoneMinShare - slack {
                    raise(.phoneUse, first.start, t, t, "phone share \(DecimalText.fixed(share, 2)) of vats")
                }
                clear()
            }
        }
    }

    /// Drowsiness: PERCLOS P80 over the trailing window at every segment end. Returns the
    /// worst PERCLOS of the qualifying windows.
    private func detectDrowsiness(
        _ segments: [TimelineSegment], start sessionStart: Double, gated: Bool,
        raise: (MonitoringEventType, Double, Double, Double, String) -> Void
    ) -> Double? {
        let n = segments.count
        guard n > 0 else { return nil }
        let slack = rules.comparisonSlack
        // Prefix sums of closed and valid eye time at segment starts.
        let closed = [Double](unsafeUninitializedCapacity: n + 1) { closed, initialized in
            var sum = 0.0
            closed[0] = 0
            for i in 0..<n {
                if segments[i].eyes == .closed { sum += segments[i].duration }
                closed[i + 1] = sum
            }
            initialized = n + 1
        }
        let valid = [Double](unsafeUninitializedCapacity: n + 1) { valid, initialized in
            var sum = 0.0
            valid[0] = 0
            for i in 0..<n {
                if segments[i].eyes != .unknown { sum += segments[i].duration }
                valid[i + 1] = sum
            }
            initialized = n + 1
        }
        let window = rules.drowsyWindowSeconds
        let needValid = rules.drowsyMinValidShare * window
        var worst: Double? = nil
        var j = 0
        var runStart: Double? = nil
        var runEnd = 0.0
        var runWorst = 0.0
        for k in 0..<n {
            let t = segments[k].end
            let windowStart = max(t - window, sessionStart)
            while j < k && segments[j].end <= windowStart { j += 1 }
            // Portion of segment j before the window start does not count.
            let before = max(0, windowStart - segments[j].start)
            let closedIn = closed[k + 1] - closed[j] - (segments[j].eyes == .closed ? before : 0)
            let validIn = valid[k + 1] - valid[j] - (segments[j].eyes != .unknown ? before : 0)
            var holds = false
            var perclos = 0.0
            if validIn >= needValid - slack && validIn > 0 {
                perclos = closedIn / validIn
                worst = max(worst ?? perclos, perclos)
                if perclos >= rules.drowsyPerclos - slack {
                    let speed = segments[k].speed
                    holds = !gated || speed.isNaN || speed >= rules.drowsyMinSpeed
                }
            }
            if holds {
                if runStart == nil {
                    runStart = t
                    runWorst = perclos
                }
                runWorst = max(runWorst, perclos)
                runEnd = t
            } else if let s = runStart {
                raise(.drowsy, s, runEnd, s, "PERCLOS up to \(DecimalText.fixed(runWorst, 3)) over \(DecimalText.fixed(window, 0)) s")
                runStart = nil
            }
        }
        if let s = runStart {
            raise(.drowsy, s, runEnd, s, "PERCLOS up to \(DecimalText.fixed(runWorst, 3)) over \(DecimalText.fixed(window, 0)) s")
        }
        return worst
    }

    private func makeTimeline(_ segments: [TimelineSegment], start: Double, end: Double) -> SessionTimeline {
        let bins = timelineBins
        let span = end - start
        guard span > 0 else { return SessionTimeline(start: start, end: end, gaze: [], eyes: []) }
        var gazeTime = [Double](repeating: 0, count: bins * 3)
        var eyeTime = [Double](repeating: 0, count: bins * 3)
        let width = span / Double(bins)
        for segment in segments {
            var a = segment.start
            while a < segment.end {
                let bin = min(bins - 1, max(0, Int((a - start) / width)))
                let binEnd = bin == bins - 1 ? segment.end : min(segment.end, start + Double(bin + 1) * width)
                let d = max(0, binEnd - a)
                gazeTime[bin * 3 + Int(segment.gaze.rawValue)] += d
                eyeTime[bin * 3 + Int(segment.eyes.rawValue)] += d
                if binEnd <= a { break }
                a = binEnd
            }
        }
        func dominant(_ times: [Double], _ bin: Int) -> UInt8 {
            var best = 0
            for s in 1..<3 where times[bin * 3 + s] > times[bin * 3 + best] { best = s }
            return UInt8(best)
        }
        return SessionTimeline(
            start: start, end: end,
            gaze: (0..<bins).map { GazeState(rawValue: dominant(gazeTime, $0)) ?? .unknown },
            eyes: (0..<bins).map { EyeState(rawValue: dominant(eyeTime, $0)) ?? .unknown })
    }
}
