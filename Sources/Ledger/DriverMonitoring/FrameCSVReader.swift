#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads frame CSV files (driver-monitoring.md section 1.1 and 3.1), streaming, with
/// rejected rows reported by line number.
public struct FrameCSVReader: Sendable {
    /// Frames per second for files that give `frame_index` instead of `t_s`.
    public var fps: Double?
    /// Rejected rows printed per file before the rest are summarised.
    public var diagnosticLimit: Int

    public init(fps: Double? = nil, diagnosticLimit: Int = 20) {
        self.fps = fps
        self.diagnosticLimit = diagnosticLimit
    }

    static let required = ["face_detected", "eye_open_l", "eye_open_r", "gaze_zone"]
    static let known: Set<String> = [
        "session_id", "t_s", "frame_index", "face_detected", "eye_open_l", "eye_open_r", "gaze_zone", "phone_use",
        "yawning", "speed_kmh", "driver_id", "vin",
    ]

    /// Reads the file at `path` (named `path` in messages).
    public func read(path: String) throws -> MonitoringFileContents {
        try read(source: FileByteSource(path: path), file: path)
    }

    private struct Columns {
        var session = -1, time = -1, frameIndex = -1, face = -1, left = -1, right = -1, zone = -1
        var phone = -1, yawn = -1, speed = -1, driver = -1, vin = -1
    }

    private struct Builder {
        var frames: SessionFrames
        var lastTime = -Double.infinity
        var conflictWarned = false
    }

    /// Reads CSV from `source`; `file` names it in messages and is the default session id.
    public func read(source: any ByteSource, file: String) throws -> MonitoringFileContents {
        let reader = CSVReader(source: source)
        var log = DiagnosticCollector(file: file, limit: diagnosticLimit)
        guard try reader.next() else { throw MonitoringFileError(file: file, line: 1, "empty file: expected a header row") }
        let header = reader.lossyFields().map { $0.trimmingASCIISpaces().lowercased() }
        var c = Columns()
        func index(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
        c.session = index("session_id"); c.time = index("t_s"); c.frameIndex = index("frame_index")
        c.face = index("face_detected"); c.left = index("eye_open_l"); c.right = index("eye_open_r")
        c.zone = index("gaze_zone"); c.phone = index("phone_use"); c.yawn = index("yawning")
        c.speed = index("speed_kmh"); c.driver = index("driver_id"); c.vin = index("vin")
        var missing = Self.required.filter { !header.contains($0) }
        var frameRate: Double? = nil
        if c.time < 0 {
            if c.frameIndex < 0 {
                missing.insert("t_s", at: 0)
            } else if let fps, fps > 0 {
                frameRate = fps
            } else {
                throw MonitoringFileError(file: file, line: reader.line, "column \"frame_index\" needs --fps (the file has no \"t_s\" column)")
            }
        }
        if !missing.isEmpty {
            throw MonitoringFileError(
                file: file, line: reader.line,
                "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) (found: \(header.joined(separator: ",")))")
        }
        let unknown = header.filter { !Self.known.contains($0) }
        if !unknown.isEmpty {
            log.warning(line: reader.line, "ignoring unknown column\(unknown.count > 1 ? "s" : "") \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let width = header.count
        let defaultID = baseName(file)
        // The session being read is held outside `builders` so that its arrays stay uniquely
        // referenced (appends without copies); others are parked in `builders`.
        var builders: [Builder] = []
        var active = Builder(frames: SessionFrames(sessionID: "", sourceFile: file))
        var activeIndex = -1
        var lastKey: [UInt8] = []
        var byKey: [[UInt8]: Int] = [:]
        func activate(_ index: Int) {
            if activeIndex >= 0 { swap(&active, &builders[activeIndex]) }
            swap(&active, &builders[index])
            activeIndex = index
        }

        while try reader.next() {
            let line = reader.line
            if let problem = reader.problem {
                log.reject(line: line, problem)
                continue
            }
            guard reader.count == width else {
                log.reject(line: line, "expected \(width) fields, found \(reader.count)")
                continue
            }
            // Session: the common case (same as the previous row) costs one memcmp.
            if c.session >= 0 {
                let same = reader.withField(c.session) { bytes in
                    activeIndex >= 0 && bytes.count == lastKey.count
                        && lastKey.withUnsafeBytes { key in
                            guard let a = key.baseAddress, let b = bytes.baseAddress else { return bytes.isEmpty }
                            return memcmp(a, b, bytes.count) == 0
                        }
                }
                if !same {
                    let key = reader.withField(c.session) { Array($0) }
                    if let existing = byKey[key] {
                        activate(existing)
                    } else {
                        let id = String(decoding: key, as: UTF8.self).trimmingASCIISpaces()
                        builders.append(Builder(frames: newFrames(id.isEmpty ? defaultID : id, file, hasSpeed: c.speed >= 0)))
                        byKey[key] = builders.count - 1
                        activate(builders.count - 1)
                    }
                    lastKey = key
                }
            } else if activeIndex < 0 {
                builders.append(Builder(frames: newFrames(defaultID, file, hasSpeed: c.speed >= 0)))
                activate(0)
            }

            let t: Double
            if let frameRate {
                guard let index = reader.withField(c.frameIndex, DecimalText.parse), index >= 0, index == index.rounded() else {
                    log.reject(line: line, "frame_index \(quoted(reader, c.frameIndex)) is not a whole number")
                    continue
                }
                t = index / frameRate
            } else {
                guard let value = reader.withField(c.time, DecimalText.parse) else {
                    log.reject(line: line, "t_s \(quoted(reader, c.time)) is not a number of seconds")
                    continue
                }
                t = value
            }
            guard t > active.lastTime else {
                log.reject(
                    line: line,
                    "time \(DecimalText.shortest(t)) s is not after the previous accepted row (\(DecimalText.shortest(active.lastTime)) s) of session \"\(active.frames.sessionID)\"")
                continue
            }
            guard let face = reader.withField(c.face, Self.flag), face >= 0 else {
                log.reject(line: line, "face_detected \(quoted(reader, c.face)) must be 0 or 1")
                continue
            }
            guard let left = reader.withField(c.left, Self.openness) else {
                log.reject(line: line, "eye_open_l \(quoted(reader, c.left)) must be empty or a number from 0")
                continue
            }
            guard let right = reader.withField(c.right, Self.openness) else {
                log.reject(line: line, "eye_open_r \(quoted(reader, c.right)) must be empty or a number from 0")
                continue
            }
            guard let zone = reader.withField(c.zone, { GazeZone.parse(Self.trimmed($0)) }) else {
                log.reject(
                    line: line,
                    "unknown gaze_zone \(quoted(reader, c.zone)) (expected one of \(GazeZone.allCases.map(\.name).joined(separator: ", ")))")
                continue
            }
            var phone: Int8 = -1
            if c.phone >= 0 {
                guard let value = reader.withField(c.phone, Self.flag) else {
                    log.reject(line: line, "phone_use \(quoted(reader, c.phone)) must be 0, 1 or empty")
                    continue
                }
                phone = value
            }
            var yawn: Int8 = -1
            if c.yawn >= 0 {
                guard let value = reader.withField(c.yawn, Self.flag) else {
                    log.reject(line: line, "yawning \(quoted(reader, c.yawn)) must be 0, 1 or empty")
                    continue
                }
                yawn = value
            }
            var speed = Double.nan
            if c.speed >= 0 {
                guard let value = reader.withField(c.speed, Self.optionalNumber) else {
                    log.reject(line: line, "speed_kmh \(quoted(reader, c.speed)) must be empty or a number")
                    continue
                }
                speed = value
            }
            if c.driver >= 0 { constant(\.driverID, "driver_id", c.driver, reader, &active, line, &log) }
            if c.vin >= 0 { constant(\.vin, "vin", c.vin, reader, &active, line, &log) }
            active.lastTime = t
            active.frames.append(
                time: t, faceDetected: face == 1, eyeLeft: left, eyeRight: right, zone: zone, phoneUse: phone, yawning: yawn,
                speed: speed)
        }
        if activeIndex >= 0 { swap(&active, &builders[activeIndex]) }
        let sessions = builders.map(\.frames).filter { $0.count > 0 }
        if sessions.isEmpty {
            throw MonitoringFileError(file: file, "no frames could be read (\(log.rejected) rows rejected)")
        }
        return MonitoringFileContents(sessions: sessions, diagnostics: log.finish(), rejectedRows: log.rejected)
    }

    private func newFrames(_ id: String, _ file: String, hasSpeed: Bool) -> SessionFrames {
        var frames = SessionFrames(sessionID: id, sourceFile: file)
        frames.hasSpeed = hasSpeed
        frames.reserve(4096)
        return frames
    }

    private func constant(
        _ path: WritableKeyPath<SessionFrames, String?>, _ name: String, _ column: Int, _ reader: CSVReader,
        _ builder: inout Builder, _ line: Int, _ log: inout DiagnosticCollector
    ) {
        let matches = reader.withField(column) { bytes -> Bool in
            let trimmed = Self.trimmed(bytes)
            if trimmed.isEmpty { return true }
            guard let existing = builder.frames[keyPath: path] else { return false }
            return existing.utf8.elementsEqual(trimmed)
        }
        if matches { return }
        let value = reader.string(column)?.trimmingASCIISpaces() ?? ""
        if builder.frames[keyPath: path] == nil {
            builder.frames[keyPath: path] = value
        } else if !builder.conflictWarned {
            builder.conflictWarned = true
            log.warning(
                line: line,
                "\(name) changes within session \"\(builder.frames.sessionID)\" (\"\(value)\"); keeping \"\(builder.frames[keyPath: path] ?? "")\"")
        }
    }

    private func quoted(_ reader: CSVReader, _ column: Int) -> String {
        "\"" + reader.withField(column) { String(decoding: $0, as: UTF8.self) } + "\""
    }

    @inline(__always)
    static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = bytes.count
        while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
        while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        if start == 0 && end == bytes.count { return bytes }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// 1, 0, or -1 for empty; nil for anything else.
    @inline(__always)
    static func flag(_ raw: UnsafeRawBufferPointer) -> Int8? {
        let bytes = trimmed(raw)
        if bytes.isEmpty { return -1 }
        guard bytes.count == 1 else { return nil }
        switch bytes[0] {
        case 0x30: return 0
        case 0x31: return 1
        default: return nil
        }
    }

    /// NaN for empty, the value when a number ≥ 0, nil otherwise.
    @inline(__always)
    static func openness(_ raw: UnsafeRawBufferPointer) -> Double? {
        let bytes = trimmed(raw)
        if bytes.isEmpty { return .nan }
        guard let value = DecimalText.parse(bytes), value >= 0 else { return nil }
        return value
    }

    @inline(__always)
    static func optionalNumber(_ raw: UnsafeRawBufferPointer) -> Double? {
        let bytes = trimmed(raw)
        if bytes.isEmpty { return .nan }
        return DecimalText.parse(bytes)
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
