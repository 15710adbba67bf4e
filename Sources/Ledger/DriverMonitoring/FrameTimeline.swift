/// One stretch of a session with constant gaze and eye state: a frame's counted time, or
/// the missing part of an over-long frame interval (unknown gaze and eyes).
struct TimelineSegment {
    // The Doubles first and the one-byte fields together: 32 bytes a segment instead of 40,
    // for the several passes the scorer makes over a session's segments.
    var start: Double
    var end: Double
    /// km/h, NaN when unknown.
    var speed: Double
    var gaze: GazeState
    var eyes: EyeState
    var zone: GazeZone
    /// Off-road time here counts as phone use (zone phone/lap or phone_use = 1).
    var phone: Bool
    var isMissing: Bool

    init(
        start: Double, end: Double, gaze: GazeState, eyes: EyeState, zone: GazeZone, phone: Bool, speed: Double,
        isMissing: Bool
    ) {
        self.start = start
        self.end = end
        self.speed = speed
        self.gaze = gaze
        self.eyes = eyes
        self.zone = zone
        self.phone = phone
        self.isMissing = isMissing
    }

    var duration: Double { end - start }
}

/// The time base of driver-monitoring.md section 2: frames turned into contiguous,
/// time-weighted segments. Each segment is scored as a frame; a missing stretch is a frame
/// of its own with unknown gaze and eyes.
struct FrameTimeline {
    var segments: [TimelineSegment] = []
    /// The median frame interval (0 for a single frame).
    var medianInterval = 0.0
    var start = 0.0
    var end = 0.0
    var missing = 0.0

    init(frames: SessionFrames, rules: MonitoringRules) {
        let n = frames.count
        guard n > 0 else { return }
        let t = frames.time
        medianInterval = Self.median(of: t)
        start = t[0]
        end = t[n - 1] + medianInterval
        segments.reserveCapacity(n + 16)
        let maxGap = rules.maxGapSeconds
        let closedMax = rules.closedMaxOpenness
        let twiceMedian = 2 * medianInterval
        for i in 0..<n {
            let frameEnd = i + 1 < n ? t[i + 1] : end
            let raw = frameEnd - t[i]
            let counted = raw <= maxGap ? raw : min(raw, twiceMedian)
            let face = frames.faceDetected[i]
            let zone = frames.zone[i]
            let gaze: GazeState = !face || zone == .unknown ? .unknown : (zone == .road ? .on : .off)
            var eyes = EyeState.unknown
            if face && frames.hasEyeState {
                let left = frames.eyeLeft[i]
                let right = frames.eyeRight[i]
                if !left.isNaN && !right.isNaN {
                    eyes = left <= closedMax && right <= closedMax ? .closed : .open
                }
            }
            let phone = zone.isPhoneZone || frames.phoneUse[i] == 1
            let speed = frames.speed[i]
            if counted >= raw {
                if raw > 0 {
                    segments.append(
                        TimelineSegment(
                            start: t[i], end: frameEnd, gaze: gaze, eyes: eyes, zone: zone, phone: phone, speed: speed,
                            isMissing: false))
                }
            } else {
                let validEnd = t[i] + counted
                if counted > 0 {
                    segments.append(
                        TimelineSegment(
                            start: t[i], end: validEnd, gaze: gaze, eyes: eyes, zone: zone, phone: phone, speed: speed,
                            isMissing: false))
                }
                missing += frameEnd - validEnd
                segments.append(
                    TimelineSegment(
                        start: validEnd, end: frameEnd, gaze: .unknown, eyes: .unknown, zone: .unknown, phone: false,
                        speed: speed, isMissing: true))
            }
        }
    }

    /// The median of the intervals between consecutive times (mean of the middle two when even).
    static func median(of times: [Double]) -> Double {
        guard times.count > 1 else { return 0 }
        var intervals = [Double](unsafeUninitializedCapacity: times.count - 1) { buffer, initialized in
            for i in 0..<(times.count - 1) { buffer[i] = times[i + 1] - times[i] }
            initialized = times.count - 1
        }
        let k = intervals.count / 2
        let upper = select(&intervals, k)
        guard intervals.count % 2 == 0 else { return upper }
        // After selection everything before k is ≤ the k-th value: the largest of them is the (k−1)-th.
        var lower = intervals[0]
        for i in 1..<k where intervals[i] > lower { lower = intervals[i] }
        return (lower + upper) / 2
    }

    /// The `k`-th smallest value (0-based), partially reordering `values` (quickselect).
    static func select(_ values: inout [Double], _ k: Int) -> Double {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[low + (high - low) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        return values[k]
    }

    /// The index of the segment that holds time `time` (the one ending at or after it).
    func segmentIndex(at time: Double) -> Int? {
        guard !segments.isEmpty else { return nil }
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].end < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
