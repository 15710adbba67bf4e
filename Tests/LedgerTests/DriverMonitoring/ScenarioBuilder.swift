@testable import Ledger

/// Builds frame sequences for rule tests: stretches of constant state at a fixed frame rate.
final class ScenarioBuilder {
    struct Stretch {
        var frames: Int
        var zone: GazeZone = .road
        var closed = false
        var face = true
        var phone: Int8 = 0
        var speed = Double.nan
    }

    var fps: Double
    var stretches: [Stretch] = []
    var hasSpeed = false

    init(fps: Double) { self.fps = fps }

    /// Appends `seconds` (rounded to whole frames) of a state.
    @discardableResult
    func add(
        seconds: Double, zone: GazeZone = .road, closed: Bool = false, face: Bool = true, phone: Int8 = 0,
        speed: Double = .nan
    ) -> Self {
        add(frames: Int((seconds * fps).rounded()), zone: zone, closed: closed, face: face, phone: phone, speed: speed)
    }

    @discardableResult
    func add(
        frames: Int, zone: GazeZone = .road, closed: Bool = false, face: Bool = true, phone: Int8 = 0, speed: Double = .nan
    ) -> Self {
        stretches.append(Stretch(frames: frames, zone: zone, closed: closed, face: face, phone: phone, speed: speed))
        if !speed.isNaN { hasSpeed = true }
        return self
    }

    /// The frames, at times k / fps (optionally jittered and thinned by `keep`).
    func frames(id: String = "s1", jitter: (Int) -> Double = { _ in 0 }, keep: (Int) -> Bool = { _ in true }) -> SessionFrames {
        var out = SessionFrames(sessionID: id, sourceFile: "\(id).csv")
        out.hasSpeed = hasSpeed
        var k = 0
        for s in stretches {
            for _ in 0..<s.frames {
                if keep(k) {
                    let eye = s.closed ? 0.1 : 0.9
                    out.append(
                        time: Double(k) / fps + jitter(k), faceDetected: s.face, eyeLeft: eye, eyeRight: eye, zone: s.zone,
                        phoneUse: s.phone, speed: s.speed)
                }
                k += 1
            }
        }
        return out
    }

    func score(rules: MonitoringRules = MonitoringRules()) -> SessionScore {
        SessionScorer(rules: rules).score(frames())
    }
}

extension SessionScore {
    func events(_ type: MonitoringEventType) -> [MonitoringEvent] { events.filter { $0.type == type } }
}
