import Foundation
import Ledger

/// A deterministic generator of realistic recorded driver-monitoring sessions, with the
/// ground truth of what was planted in them (samples, tests and the benchmark).
///
/// Everything follows from the plan and its seed: the same plan always gives the same bytes.
public struct SessionGenerator: Sendable {
    /// What a generated session contains.
    public enum Scenario: String, Sendable, CaseIterable {
        /// Attentive driving: mirror and cluster checks, normal blinks.
        case clean
        /// A drowsy second half: long blinks, microsleeps and one sleep episode.
        case drowsy
        /// Phone use: long glances to the phone or lap, and bursts of short texting glances.
        case phone
        /// All of the above at random places (benchmark sets).
        case mixed
    }

    /// One session to generate.
    public struct Plan: Sendable {
        public var sessionID: String
        public var scenario: Scenario
        public var seconds: Double
        public var fps: Double
        public var seed: UInt64
        public var withSpeed = true
        /// Whether frame CSV rows carry the `session_id` column (else the file name is the id).
        public var withSessionColumn = true
        public var driverID: String?
        public var vin: String?
        /// Timestamp jitter, ± seconds.
        public var jitter = 0.0
        /// Probability that a frame is dropped.
        public var dropRate = 0.0

        public init(sessionID: String, scenario: Scenario, seconds: Double, fps: Double, seed: UInt64) {
            self.sessionID = sessionID
            self.scenario = scenario
            self.seconds = seconds
            self.fps = fps
            self.seed = seed
        }
    }

    /// A stretch of planted behaviour.
    struct Episode {
        var start: Double
        var end: Double
        var zone: GazeZone
        var phone: Bool
    }

    /// The planted timeline of a session.
    struct Script {
        var glances: [Episode] = []
        var closures: [(start: Double, end: Double)] = []
        var faceLost: [(start: Double, end: Double)] = []
        var drowsyFrom = Double.infinity
        var drowsyTo = Double.infinity
        var truth: [MonitoringEvent] = []
    }

    public init() {}

    /// Draws from the project's seeded generator (`SplitMix64`).
    struct Random {
        var source: SplitMix64
        init(state: UInt64) { source = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { source.next() }
        mutating func uniform(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * Double(next() >> 11) / Double(1 << 53)
        }
        mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// Rounds to 0.1 s so that the planted truth is exact at any frame rate.
    static func tenth(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    func script(_ plan: Plan) -> Script {
        var random = Random(state: plan.seed)
        var s = Script()
        let id = plan.sessionID
        let d = plan.seconds
        let checks: [GazeZone] = [.mirrorLeft, .mirrorRight, .mirrorCenter, .cluster, .cluster, .infotainment]
        var phoneWindows: [(Double, Double)] = []
        var drowsyWindows: [(Double, Double)] = []
        switch plan.scenario {
        case .clean: break
        case .phone: phoneWindows = [(d * 0.25, d * 0.75)]
        case .drowsy: drowsyWindows = [(d * 0.5, d - 5)]
        case .mixed:
            var t = 120.0
            while t < d - 200 {
                if random.chance(0.5) { phoneWindows.append((t, t + 90)) } else { drowsyWindows.append((t, t + 150)) }
                t += random.uniform(300, 700)
            }
        }
        if let first = drowsyWindows.first {
            s.drowsyFrom = first.0
            s.drowsyTo = first.1
        }
        func inside(_ windows: [(Double, Double)], _ t: Double) -> (Double, Double)? { windows.first { t >= $0.0 && t < $0.1 } }

        // Gaze: ordinary checks, and phone episodes inside the phone windows.
        var t = Self.tenth(random.uniform(3, 8))
        while t < d - 8 {
            if let window = inside(phoneWindows, t) {
                if random.chance(0.5) {
                    let length = Self.tenth(random.uniform(3.6, 5.5))
                    let zone: GazeZone = random.chance(0.7) ? .phone : .lap
                    s.glances.append(Episode(start: t, end: t + length, zone: zone, phone: true))
                    s.truth.append(MonitoringEvent(sessionID: id, type: .longDistraction, start: t, end: t + length, detectedAt: t + 3))
                    s.truth.append(MonitoringEvent(sessionID: id, type: .phoneUse, start: t, end: t + length, detectedAt: t + 3))
                    t += length
                } else {
                    // Texting: short glances down with brief looks back at the road.
                    let burstStart = t
                    var offTime = 0.0
                    for _ in 0..<7 {
                        let length = Self.tenth(random.uniform(1.6, 2.4))
                        s.glances.append(Episode(start: t, end: t + length, zone: .phone, phone: true))
                        offTime += length
                        t += length + Self.tenth(random.uniform(0.6, 1.2))
                    }
                    if offTime >= 10 {
                        s.truth.append(MonitoringEvent(sessionID: id, type: .vats, start: burstStart, end: t, detectedAt: t))
                        s.truth.append(MonitoringEvent(sessionID: id, type: .phoneUse, start: burstStart, end: t, detectedAt: t))
                    }
                }
                t = min(window.1, t) + Self.tenth(random.uniform(4, 9))
                continue
            }
            let length = Self.tenth(random.uniform(0.4, 1.6))
            s.glances.append(Episode(start: t, end: t + length, zone: random.pick(checks), phone: false))
            t += length + Self.tenth(random.uniform(5, 14))
        }
        // Eyes: blinks everywhere; longer and more frequent blinks and microsleeps when drowsy.
        var sleepPlanted = false
        t = Self.tenth(random.uniform(1, 3))
        while t < d - 6 {
            if let window = inside(drowsyWindows, t) {
                if !sleepPlanted && t > (window.0 + window.1) / 2 {
                    sleepPlanted = true
                    s.closures.append((t, t + 4.0))
                    s.truth.append(MonitoringEvent(sessionID: id, type: .sleep, start: t, end: t + 4, detectedAt: t + 3))
                    t += 4 + 2
                    continue
                }
                if random.chance(0.06) {
                    let length = Self.tenth(random.uniform(0.8, 2.4))
                    s.closures.append((t, t + length))
                    s.truth.append(MonitoringEvent(sessionID: id, type: .microsleep, start: t, end: t + length, detectedAt: t + length))
                    t += length + Self.tenth(random.uniform(1.0, 2.0))
                } else {
                    let length = Self.tenth(random.uniform(0.3, 0.4))
                    s.closures.append((t, t + length))
                    t += length + Self.tenth(random.uniform(1.0, 1.8))
                }
                continue
            }
            s.closures.append((t, t + 0.2))
            t += 0.2 + Self.tenth(random.uniform(2.5, 5.5))
        }
        for window in drowsyWindows {
            s.truth.append(MonitoringEvent(sessionID: id, type: .drowsy, start: window.0 + 30, end: window.1, detectedAt: window.0 + 30))
        }
        // The face is lost now and then (a hand in front of the camera, a sharp head turn).
        t = random.uniform(60, 240)
        while t < d - 10 {
            let start = Self.tenth(t)
            s.faceLost.append((start, start + Self.tenth(random.uniform(0.5, 2.0))))
            t += random.uniform(180, 420)
        }
        s.truth.sort(by: MonitoringEvent.outputOrder)
        return s
    }

    /// The planted ground truth (truth CSV rows).
    public func truth(_ plan: Plan) -> [MonitoringEvent] { script(plan).truth }

    /// Ground truth as a truth-format CSV (`session_id,type,start_s,end_s`).
    public static func truthCSV(_ events: [MonitoringEvent]) -> String {
        let writer = CSVWriter()
        var out = writer.line(["session_id", "type", "start_s", "end_s"])
        for e in events.sorted(by: MonitoringEvent.outputOrder) {
            out += writer.line([.text(e.sessionID), .text(e.type.rawValue), .number(DecimalText.fixed(e.start, 3)), .number(DecimalText.fixed(e.end, 3))])
        }
        return out
    }

    /// One generated frame.
    struct Frame {
        var index: Int
        var time: Double
        var face: Bool
        var zone: GazeZone
        var phone: Bool
        var left: Double
        var right: Double
        var speed: Double
    }

    /// Calls `body` with every frame of the session, in time order.
    func frames(_ plan: Plan, _ body: (Frame) -> Void) {
        let s = script(plan)
        var random = Random(state: plan.seed ^ 0xA5A5_A5A5_5A5A_5A5A)
        let count = Int((plan.seconds * plan.fps).rounded())
        var g = 0
        var c = 0
        var f = 0
        var lastTime = -Double.infinity
        for k in 0..<count {
            let nominal = Double(k) / plan.fps
            let jitter = plan.jitter > 0 ? random.uniform(-plan.jitter, plan.jitter) : 0
            let dropped = plan.dropRate > 0 && k > 0 && random.chance(plan.dropRate)
            // State is sampled at the nominal time: jitter moves the timestamp, not the scene.
            while g < s.glances.count && s.glances[g].end <= nominal + 1e-9 { g += 1 }
            while c < s.closures.count && s.closures[c].end <= nominal + 1e-9 { c += 1 }
            while f < s.faceLost.count && s.faceLost[f].end <= nominal + 1e-9 { f += 1 }
            let glance = g < s.glances.count && s.glances[g].start <= nominal + 1e-9 ? s.glances[g] : nil
            let closed = c < s.closures.count && s.closures[c].start <= nominal + 1e-9
            let lost = f < s.faceLost.count && s.faceLost[f].start <= nominal + 1e-9
            let drowsy = nominal >= s.drowsyFrom && nominal < s.drowsyTo
            let openLow = drowsy ? 0.55 : 0.8
            let left = closed ? random.uniform(0.02, 0.15) : random.uniform(openLow, 1.0)
            let right = closed ? random.uniform(0.02, 0.15) : random.uniform(openLow, 1.0)
            let speed = min(nominal * 4, 80 + 15 * sin(nominal / 97)) + random.uniform(-1, 1)
            if dropped { continue }
            let time = max(nominal + jitter, lastTime + 0.001)
            lastTime = time
            body(Frame(index: k, time: time, face: !lost, zone: glance?.zone ?? .road, phone: glance?.phone ?? false,
                left: left, right: right, speed: max(0, speed)))
        }
    }

    /// The session as a frame CSV (section 1.1), written in chunks to `write`.
    public func frameCSV(_ plan: Plan, write: (String) -> Void) {
        var header = (plan.withSessionColumn ? "session_id," : "") + "t_s,face_detected,eye_open_l,eye_open_r,gaze_zone,phone_use"
        if plan.withSpeed { header += ",speed_kmh" }
        if plan.driverID != nil { header += ",driver_id" }
        if plan.vin != nil { header += ",vin" }
        var chunk = header + "\n"
        let id = plan.withSessionColumn ? plan.sessionID + "," : ""
        let suffix = (plan.driverID.map { "," + $0 } ?? "") + (plan.vin.map { "," + $0 } ?? "")
        let timeDigits = plan.jitter > 0 ? 4 : 3
        frames(plan) { frame in
            chunk += id + DecimalText.fixed(frame.time, timeDigits) + (frame.face ? ",1," : ",0,")
            if frame.face {
                chunk += DecimalText.fixed(frame.left, 2) + "," + DecimalText.fixed(frame.right, 2) + "," + frame.zone.name
            } else {
                chunk += ",,unknown"
            }
            chunk += frame.phone ? ",1" : ",0"
            if plan.withSpeed { chunk += "," + DecimalText.fixed(frame.speed, 1) }
            chunk += suffix + "\n"
            if chunk.utf8.count > 1 << 16 {
                write(chunk)
                chunk = ""
            }
        }
        write(chunk)
    }

    /// The session as one frame CSV string.
    public func frameCSV(_ plan: Plan) -> String {
        var out = ""
        frameCSV(plan) { out += $0 }
        return out
    }

    /// The session as DMD-style OpenLABEL JSON (section 1.2). `gazeZones` writes `gaze_zone/*`
    /// labels (else `gaze_on_road/*`); `eyes` writes `eyes_state/*` labels.
    public func openLABEL(_ plan: Plan, gazeZones: Bool, eyes: Bool) -> String {
        var labels: [String: [(Int, Int)]] = [:]
        var order: [String] = []
        var open: [String: Int] = [:]
        var occluded: [Int] = []
        var last = -1
        func mark(_ label: String?, _ group: String, _ frame: Int) {
            for (name, start) in open where name.hasPrefix(group + "/") && name != label {
                labels[name, default: []].append((start, frame - 1))
                open[name] = nil
            }
            if let label, open[label] == nil {
                open[label] = frame
                if labels[label] == nil {
                    labels[label] = []
                    order.append(label)
                }
            }
        }
        frames(plan) { frame in
            last = frame.index
            if !frame.face { occluded.append(frame.index) }
            let gaze: String?
            if !frame.face {
                gaze = nil
            } else if gazeZones {
                switch frame.zone {
                case .road: gaze = "gaze_zone/front"
                case .mirrorLeft: gaze = "gaze_zone/left_mirror"
                case .mirrorCenter: gaze = "gaze_zone/center_mirror"
                case .mirrorRight: gaze = "gaze_zone/right_mirror"
                case .windowLeft: gaze = "gaze_zone/left"
                case .windowRight: gaze = "gaze_zone/right"
                case .infotainment, .phone, .lap: gaze = "gaze_zone/infotainment"
                default: gaze = "gaze_zone/steering_wheel"
                }
            } else {
                gaze = frame.zone == .road ? "gaze_on_road/looking_road" : "gaze_on_road/not_looking_road"
            }
            mark(gaze, gazeZones ? "gaze_zone" : "gaze_on_road", frame.index)
            mark(frame.phone ? "driver_actions/texting_right" : "driver_actions/safe_drive", "driver_actions", frame.index)
            if eyes {
                let state: String? = !frame.face ? nil : (frame.left <= 0.2 && frame.right <= 0.2 ? "eyes_state/close" : "eyes_state/open")
                mark(state, "eyes_state", frame.index)
            }
        }
        for (name, start) in open { labels[name, default: []].append((start, last)) }
        var out = "{\n  \"openlabel\": {\n    \"metadata\": {\"schema_version\": \"1.0.0\", \"name\": \(JSONText.quoted(plan.sessionID))},\n"
        out += "    \"objects\": {\"0\": {\"name\": \(JSONText.quoted(plan.driverID ?? "driver")), \"type\": \"driver\"}},\n"
        out += "    \"streams\": {\"face_camera\": {\"type\": \"camera\", \"uri\": \"\", \"description\": \"Frontal face looking camera\"}},\n"
        out += "    \"actions\": {\n"
        out += order.enumerated().map { uid, name in
            let intervals = (labels[name] ?? []).sorted { $0.0 < $1.0 }
                .map { "{\"frame_start\": \($0.0), \"frame_end\": \($0.1)}" }.joined(separator: ", ")
            return "      \"\(uid)\": {\"name\": \"\", \"type\": \(JSONText.quoted(name)), \"frame_intervals\": [\(intervals)]}"
        }.joined(separator: ",\n")
        out += "\n    },\n    \"frames\": {\n"
        let occludedSet = Set(occluded)
        var frameLines: [String] = []
        frames(plan) { frame in
            if occludedSet.contains(frame.index) {
                frameLines.append(
                    "      \"\(frame.index)\": {\"frame_properties\": {\"streams\": {\"face_camera\": {\"stream_properties\": {\"occlusion\": {\"val\": true, \"annotated\": \"manual\"}}}}}}")
            } else {
                frameLines.append("      \"\(frame.index)\": {}")
            }
        }
        out += frameLines.joined(separator: ",\n")
        out += "\n    },\n    \"frame_intervals\": [{\"frame_start\": 0, \"frame_end\": \(max(0, last))}]\n  }\n}\n"
        return out
    }
}

extension SessionGenerator {
    /// A generated file: a path relative to the output folder and its contents.
    public struct GeneratedFile: Sendable {
        public var path: String
        public var contents: String
    }

    /// The committed sample set of `samples/dms/`: frame CSV and OpenLABEL sessions (clean,
    /// drowsy, phone use) and their ground truth.
    public func sampleSet() -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        var truth: [MonitoringEvent] = []
        func csv(_ id: String, _ scenario: Scenario, seconds: Double, fps: Double, seed: UInt64, speed: Bool = true,
            jitter: Double = 0, drop: Double = 0, driver: String, vin: String) {
            var plan = Plan(sessionID: id, scenario: scenario, seconds: seconds, fps: fps, seed: seed)
            plan.withSpeed = speed
            plan.jitter = jitter
            plan.dropRate = drop
            plan.driverID = driver
            plan.vin = vin
            files.append(GeneratedFile(path: "sessions/\(id).csv", contents: frameCSV(plan)))
            truth += self.truth(plan)
        }
        csv("fleet-clean-01", .clean, seconds: 300, fps: 30, seed: 11, driver: "D-1001", vin: "LSVAU2180N2183294")
        csv("fleet-drowsy-02", .drowsy, seconds: 600, fps: 30, seed: 22, driver: "D-1002", vin: "LFV3A23C8K3049671")
        csv("fleet-phone-03", .phone, seconds: 600, fps: 10, seed: 33, speed: false, jitter: 0.004, drop: 0.02,
            driver: "D-1003", vin: "LGBH52E05LY123456")
        var label = Plan(sessionID: "dmd-drowsy-04", scenario: .drowsy, seconds: 420, fps: 29.76, seed: 44)
        label.driverID = "subject-4"
        files.append(GeneratedFile(path: "sessions/dmd-drowsy-04.json", contents: openLABEL(label, gazeZones: true, eyes: true)))
        truth += self.truth(label)
        var phone = Plan(sessionID: "dmd-phone-05", scenario: .phone, seconds: 300, fps: 29.76, seed: 55)
        phone.driverID = "subject-5"
        files.append(GeneratedFile(path: "sessions/dmd-phone-05.json", contents: openLABEL(phone, gazeZones: false, eyes: false)))
        truth += self.truth(phone).filter { !$0.type.needsEyes }
        files.append(GeneratedFile(path: "truth.csv", contents: Self.truthCSV(truth)))
        return files
    }

    /// Session `index` of a benchmark set: `mixed` scenario with a speed column, one session per
    /// file named after it (no `session_id` column).
    public func benchPlan(_ index: Int, minutes: Double, fps: Double) -> Plan {
        var plan = Plan(
            sessionID: "bench-\(String(1000 + index).suffix(4))", scenario: .mixed, seconds: minutes * 60, fps: fps,
            seed: UInt64(7919 &* (index + 1)))
        plan.withSpeed = true
        plan.withSessionColumn = false
        return plan
    }
}
