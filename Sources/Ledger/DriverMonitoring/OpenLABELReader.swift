import Foundation

/// Reads ASAM OpenLABEL JSON as published with the DMD driver monitoring dataset
/// (driver-monitoring.md section 1.2) into frames.
///
/// The whole file is parsed with `JSONSerialization`: OpenLABEL files hold one session
/// each (a few MB for DMD), so memory is bounded by the largest file, not the batch.
public struct OpenLABELReader: Sendable {
    /// Frames per second, when frames carry no `frame_properties.timestamp`.
    public var fps: Double
    public var diagnosticLimit: Int

    public init(fps: Double = 29.76, diagnosticLimit: Int = 20) {
        self.fps = fps
        self.diagnosticLimit = diagnosticLimit
    }

    /// What an action label sets on the frames of its intervals.
    enum Label: Equatable {
        case zone(GazeZone, specific: Bool)
        case eyes(Double)
        case phone
        case yawning
    }

    /// The label for an action type, or nil when it is not one the scorer uses.
    static func label(for type: String) -> Label? {
        let parts = type.split(separator: "/", maxSplits: 1).map { $0.lowercased() }
        guard parts.count == 2 else { return nil }
        let value = parts[1]
        switch parts[0] {
        case "gaze_on_road":
            switch value {
            case "looking_road": return .zone(.road, specific: false)
            case "not_looking_road": return .zone(.other, specific: false)
            default: return nil
            }
        case "gaze_zone":
            switch value {
            case "front", "front_right": return .zone(.road, specific: true)
            case "left_mirror": return .zone(.mirrorLeft, specific: true)
            case "center_mirror": return .zone(.mirrorCenter, specific: true)
            case "right_mirror": return .zone(.mirrorRight, specific: true)
            case "left": return .zone(.windowLeft, specific: true)
            case "right": return .zone(.windowRight, specific: true)
            case "infotainment": return .zone(.infotainment, specific: true)
            case "steering_wheel": return .zone(.cluster, specific: true)
            case "not_valid": return .zone(.unknown, specific: true)
            default: return nil
            }
        case "eyes_state":
            switch value {
            case "close": return .eyes(0)
            case "open": return .eyes(1)
            case "opening", "closing": return .eyes(0.5)
            case "undefined": return .eyes(.nan)
            default: return nil
            }
        case "driver_actions":
            return value.hasPrefix("texting") || value.hasPrefix("phonecall") ? .phone : nil
        case "yawning":
            return .yawning
        default:
            return nil
        }
    }

    /// Reads the file at `path`.
    public func read(path: String) throws -> MonitoringFileContents {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let missing = (error as NSError).code == NSFileReadNoSuchFileError
            throw InputError(kind: missing ? .missing : .unreadable, path: path, reason: missing ? "no such file" : "cannot be read")
        }
        return try read(data: data, file: path)
    }

    /// Reads OpenLABEL JSON from `data`; `file` names it in messages and is the session id.
    public func read(data: Data, file: String) throws -> MonitoringFileContents {
        var log = DiagnosticCollector(file: file, limit: diagnosticLimit)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw MonitoringFileError(file: file, "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "parse error"))")
        }
        // Older DMD releases use VCD 4, the predecessor of OpenLABEL: the same layout under "vcd".
        guard let top = root as? [String: Any], let label = (top["openlabel"] ?? top["vcd"]) as? [String: Any] else {
            throw MonitoringFileError(file: file, "not an OpenLABEL file: no top-level \"openlabel\" (or VCD \"vcd\") object")
        }
        guard let framesObject = label["frames"] as? [String: Any], !framesObject.isEmpty else {
            throw MonitoringFileError(file: file, "no frames: \"openlabel.frames\" is missing or empty")
        }
        var numbers: [Int] = []
        numbers.reserveCapacity(framesObject.count)
        for key in framesObject.keys {
            guard let number = Int(key), number >= 0 else {
                throw MonitoringFileError(file: file, "frame key \"\(key)\" is not a frame number")
            }
            numbers.append(number)
        }
        numbers.sort()
        let firstFrame = numbers[0]
        let lastFrame = numbers[numbers.count - 1]
        let span = lastFrame - firstFrame + 1
        guard span <= max(1_000_000, 64 * numbers.count) else {
            throw MonitoringFileError(file: file, "frame numbers \(firstFrame)–\(lastFrame) are too sparse for \(numbers.count) frames")
        }
        // Per frame number (offset from the first): labels from the actions.
        var zone = [GazeZone?](repeating: nil, count: span)
        var zoneSpecific = [Bool](repeating: false, count: span)
        var eyes = [Double?](repeating: nil, count: span)
        var phone = [Int8](repeating: 0, count: span)
        var yawn = [Int8](repeating: 0, count: span)
        var hasEyes = false
        var unmapped: Set<String> = []

        let actions = label["actions"] as? [String: Any] ?? [:]
        for uid in actions.keys.sorted(by: Self.numericOrder) {
            guard let action = actions[uid] as? [String: Any] else { continue }
            let type = (action["type"] as? String) ?? (action["name"] as? String) ?? ""
            guard let mapped = Self.label(for: type) else {
                let group = type.split(separator: "/").first.map(String.init) ?? type
                if ["gaze_zone", "gaze_on_road", "eyes_state"].contains(group) { unmapped.insert(type) }
                continue
            }
            if case .eyes = mapped { hasEyes = true }
            for interval in action["frame_intervals"] as? [[String: Any]] ?? [] {
                guard let from = Self.integer(interval["frame_start"]), let to = Self.integer(interval["frame_end"]), from <= to else {
                    log.warning("action \(uid) (\(type)): frame interval without valid frame_start/frame_end ignored")
                    continue
                }
                var lower = from
                var upper = to
                if upper > lastFrame || lower < firstFrame {
                    log.warning(
                        "action \(uid) (\(type)): interval \(from)–\(to) runs outside the frames \(firstFrame)–\(lastFrame); clamped")
                    lower = max(lower, firstFrame)
                    upper = min(upper, lastFrame)
                }
                guard lower <= upper else { continue }
                for frame in lower...upper {
                    let i = frame - firstFrame
                    switch mapped {
                    case .zone(let z, let specific):
                        if specific || !zoneSpecific[i] {
                            zone[i] = z
                            zoneSpecific[i] = specific
                        }
                    case .eyes(let value): eyes[i] = value
                    case .phone: phone[i] = 1
                    case .yawning: yawn[i] = 1
                    }
                }
            }
        }
        if !unmapped.isEmpty {
            log.warning("unknown label\(unmapped.count > 1 ? "s" : "") \(unmapped.sorted().map { "\"\($0)\"" }.joined(separator: ", ")) read as unknown")
        }

        var frames = SessionFrames(sessionID: baseName(file), sourceFile: file)
        frames.hasEyeState = hasEyes
        frames.driverID = Self.driverName(label["objects"])
        frames.reserve(numbers.count)
        var lastTime = -Double.infinity
        for number in numbers {
            let properties = (framesObject[String(number)] as? [String: Any])?["frame_properties"] as? [String: Any]
            var t = Double(number) / fps
            if let stamp = properties?["timestamp"] {
                if let value = Self.seconds(stamp) {
                    t = value
                } else {
                    log.reject(line: nil, "frame \(number): timestamp is not a number of seconds")
                    continue
                }
            }
            guard t > lastTime else {
                log.reject(line: nil, "frame \(number): time \(DecimalText.shortest(t)) s is not after the previous frame")
                continue
            }
            lastTime = t
            let i = number - firstFrame
            let occluded = Self.isOccluded(properties)
            let eye = eyes[i] ?? .nan
            frames.append(
                time: t, faceDetected: !occluded, eyeLeft: eye, eyeRight: eye, zone: zone[i] ?? .unknown, phoneUse: phone[i],
                yawning: yawn[i])
        }
        if frames.count == 0 { throw MonitoringFileError(file: file, "no frames could be read") }
        if !hasEyes { log.warning("no eyes_state labels: eye metrics are not available") }
        return MonitoringFileContents(sessions: [frames], diagnostics: log.finish(), rejectedRows: log.rejected)
    }

    static func numericOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): return x < y
        default: return a < b
        }
    }

    static func integer(_ value: Any?) -> Int? {
        if let number = value as? Int { return number }
        if let number = value as? NSNumber { return Int(exactly: number.doubleValue) }
        if let text = value as? String { return Int(text) }
        return nil
    }

    static func seconds(_ value: Any) -> Double? {
        if let number = value as? Double, number.isFinite { return number }
        if let number = value as? Int { return Double(number) }
        if let number = value as? NSNumber, number.doubleValue.isFinite { return number.doubleValue }
        if let text = value as? String, let number = Double(text), number.isFinite { return number }
        return nil
    }

    /// `frame_properties.streams.face_camera.stream_properties.occlusion`: true, 1, or `{"val": true}`.
    static func isOccluded(_ properties: [String: Any]?) -> Bool {
        guard let streams = properties?["streams"] as? [String: Any],
            let face = streams["face_camera"] as? [String: Any],
            let streamProperties = face["stream_properties"] as? [String: Any],
            let occlusion = streamProperties["occlusion"]
        else { return false }
        func truthy(_ value: Any?) -> Bool {
            if let flag = value as? Bool { return flag }
            if let number = value as? NSNumber { return number.boolValue }
            if let text = value as? String { return ["true", "1", "yes"].contains(text.lowercased()) }
            return false
        }
        if let object = occlusion as? [String: Any] { return truthy(object["val"]) }
        return truthy(occlusion)
    }

    /// The name of the object of type "driver", if any (DMD stores the subject id there).
    static func driverName(_ objects: Any?) -> String? {
        guard let objects = objects as? [String: Any] else { return nil }
        for uid in objects.keys.sorted(by: numericOrder) {
            if let object = objects[uid] as? [String: Any], (object["type"] as? String) == "driver",
                let name = object["name"] as? String, !name.isEmpty
            {
                return name
            }
        }
        return nil
    }
}
