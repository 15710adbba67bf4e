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

    /// Bytes read at a time (tests make it tiny to split records across reads).
    var chunkSize = FrameCSVTokenizer.defaultChunkSize

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
        let source = try FileByteSource(path: path)
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        return try read(source: source, file: path, expectedBytes: size)
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
        try read(source: source, file: file, expectedBytes: 0)
    }

    /// `expectedBytes` (the file size, 0 when unknown) sizes the frame columns of a
    /// single-session file up front, from the bytes per row of its first rows.
    func read(source: any ByteSource, file: String, expectedBytes: Int) throws -> MonitoringFileContents {
        var tokens = FrameCSVTokenizer(source: source, chunkSize: chunkSize)
        var log = DiagnosticCollector(file: file, limit: diagnosticLimit)
        guard try tokens.next() else { throw MonitoringFileError(file: file, line: 1, "empty file: expected a header row") }
        let header = tokens.lossyFields().map { $0.trimmingASCIISpaces().lowercased() }
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
                throw MonitoringFileError(file: file, line: tokens.line, "column \"frame_index\" needs --fps (the file has no \"t_s\" column)")
            }
        }
        if !missing.isEmpty {
            throw MonitoringFileError(
                file: file, line: tokens.line,
                "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) (found: \(header.joined(separator: ",")))")
        }
        let unknown = header.filter { !Self.known.contains($0) }
        if !unknown.isEmpty {
            log.warning(line: tokens.line, "ignoring unknown column\(unknown.count > 1 ? "s" : "") \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")
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
        // Parsed frames are staged in raw columns and appended to the session in bulk.
        let batch = FrameBatch()
        var batched = 0
        var sizePending = expectedBytes > 0 && c.session < 0
        let dataStart = tokens.bytePosition
        var records = 0
        func quoted(_ bytes: UnsafeRawBufferPointer) -> String { "\"" + String(decoding: bytes, as: UTF8.self) + "\"" }

        while try tokens.next() {
            let line = tokens.line
            records &+= 1
            if let problem = tokens.problem {
                log.reject(line: line, problem)
                continue
            }
            guard tokens.count == width else {
                log.reject(line: line, "expected \(width) fields, found \(tokens.count)")
                continue
            }
            // Session: the common case (same as the previous row) costs one memcmp.
            if c.session >= 0 {
                let bytes = tokens.field(c.session)
                let same =
                    activeIndex >= 0 && bytes.count == lastKey.count
                    && lastKey.withUnsafeBytes { key in
                        guard let a = key.baseAddress, let b = bytes.baseAddress else { return bytes.isEmpty }
                        return memcmp(a, b, bytes.count) == 0
                    }
                if !same {
                    batch.flush(&batched, into: &active.frames)
                    let key = Array(bytes)
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
                batch.flush(&batched, into: &active.frames)
                builders.append(Builder(frames: newFrames(defaultID, file, hasSpeed: c.speed >= 0)))
                activate(0)
            }

            let t: Double
            if let frameRate {
                let bytes = tokens.field(c.frameIndex)
                guard let index = DecimalText.parsePadded(bytes), index >= 0, index == index.rounded() else {
                    log.reject(line: line, "frame_index \(quoted(bytes)) is not a whole number")
                    continue
                }
                t = index / frameRate
            } else {
                let bytes = tokens.field(c.time)
                guard let value = DecimalText.parsePadded(bytes) else {
                    log.reject(line: line, "t_s \(quoted(bytes)) is not a number of seconds")
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
            guard let face = Self.flag(tokens.field(c.face)), face >= 0 else {
                log.reject(line: line, "face_detected \(quoted(tokens.field(c.face))) must be 0 or 1")
                continue
            }
            guard let left = Self.openness(tokens.field(c.left)) else {
                log.reject(line: line, "eye_open_l \(quoted(tokens.field(c.left))) must be empty or a number from 0")
                continue
            }
            guard let right = Self.openness(tokens.field(c.right)) else {
                log.reject(line: line, "eye_open_r \(quoted(tokens.field(c.right))) must be empty or a number from 0")
                continue
            }
            guard let zone = GazeZone.parse(Self.trimmed(tokens.field(c.zone))) else {
                log.reject(
                    line: line,
                    "unknown gaze_zone \(quoted(tokens.field(c.zone))) (expected one of \(GazeZone.allCases.map(\.name).joined(separator: ", ")))")
                continue
            }
            var phone: Int8 = -1
            if c.phone >= 0 {
                guard let value = Self.flag(tokens.field(c.phone)) else {
                    log.reject(line: line, "phone_use \(quoted(tokens.field(c.phone))) must be 0, 1 or empty")
                    continue
                }
                phone = value
            }
            var yawn: Int8 = -1
            if c.yawn >= 0 {
                guard let value = Self.flag(tokens.field(c.yawn)) else {
                    log.reject(line: line, "yawning \(quoted(tokens.field(c.yawn))) must be 0, 1 or empty")
                    continue
                }
                yawn = value
            }
            var speed = Double.nan
            if c.speed >= 0 {
                guard let value = Self.optionalNumber(tokens.field(c.speed)) else {
                    log.reject(line: line, "speed_kmh \(quoted(tokens.field(c.speed))) must be empty or a number")
                    continue
                }
                speed = value
            }
            if c.driver >= 0 { constant(.driver, tokens.field(c.driver), &active, line, &log) }
            if c.vin >= 0 { constant(.vin, tokens.field(c.vin), &active, line, &log) }
            active.lastTime = t
            batch.time[batched] = t
            batch.face[batched] = face == 1
            batch.left[batched] = left
            batch.right[batched] = right
            batch.zone[batched] = zone
            batch.phone[batched] = phone
            batch.yawn[batched] = yawn
            batch.speed[batched] = speed
            batched &+= 1
            if batched == FrameBatch.capacity {
                if sizePending {
                    // Reserve for the whole file (10 % spare) rather than doubling from 4096.
                    sizePending = false
                    let bytesPerRow = Double(tokens.bytePosition - dataStart) / Double(records)
                    let estimate = Double(expectedBytes - dataStart) / max(1, bytesPerRow) * 1.1
                    active.frames.reserve(min(Int(estimate) + FrameBatch.capacity, expectedBytes / 4))
                }
                batch.flush(&batched, into: &active.frames)
            }
        }
        batch.flush(&batched, into: &active.frames)
        if activeIndex >= 0 { swap(&active, &builders[activeIndex]) }
        let sessions = builders.map(\.frames).filter { $0.count > 0 }
        if sessions.isEmpty {
            throw MonitoringFileError(file: file, "no frames could be read (\(log.rejected) rows rejected)")
        }
        return MonitoringFileContents(sessions: sessions, diagnostics: log.finish(), rejectedRows: log.rejected)
    }

    /// Frames parsed but not yet appended to the session being read: eight raw columns, so
    /// that a row costs eight stores and the session's arrays grow by `capacity` frames at a time.
    private final class FrameBatch {
        static let capacity = 1024
        let time = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let face = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
        let left = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let right = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let zone = UnsafeMutablePointer<GazeZone>.allocate(capacity: capacity)
        let phone = UnsafeMutablePointer<Int8>.allocate(capacity: capacity)
        let yawn = UnsafeMutablePointer<Int8>.allocate(capacity: capacity)
        let speed = UnsafeMutablePointer<Double>.allocate(capacity: capacity)

        deinit {
            time.deallocate(); face.deallocate(); left.deallocate(); right.deallocate()
            zone.deallocate(); phone.deallocate(); yawn.deallocate(); speed.deallocate()
        }

        /// Appends the `count` staged frames to `frames` and empties the batch.
        func flush(_ count: inout Int, into frames: inout SessionFrames) {
            guard count > 0 else { return }
            frames.time.append(contentsOf: UnsafeBufferPointer(start: time, count: count))
            frames.faceDetected.append(contentsOf: UnsafeBufferPointer(start: face, count: count))
            frames.eyeLeft.append(contentsOf: UnsafeBufferPointer(start: left, count: count))
            frames.eyeRight.append(contentsOf: UnsafeBufferPointer(start: right, count: count))
            frames.zone.append(contentsOf: UnsafeBufferPointer(start: zone, count: count))
            frames.phoneUse.append(contentsOf: UnsafeBufferPointer(start: phone, count: count))
            frames.yawning.append(contentsOf: UnsafeBufferPointer(start: yawn, count: count))
            frames.speed.append(contentsOf: UnsafeBufferPointer(start: speed, count: count))
            count = 0
        }
    }

    private func newFrames(_ id: String, _ file: String, hasSpeed: Bool) -> SessionFrames {
        var frames = SessionFrames(sessionID: id, sourceFile: file)
        frames.hasSpeed = hasSpeed
        frames.reserve(4096)
        return frames
    }

    /// A column that must stay the same within a session.
    private enum Constant { case driver, vin }

    /// Records the driver id or VIN of `builder`'s session from a row's field, warning once
    /// when it changes.
    private func constant(
        _ which: Constant, _ field: UnsafeRawBufferPointer, _ builder: inout Builder, _ line: Int, _ log: inout DiagnosticCollector
    ) {
        let trimmed = Self.trimmed(field)
        if trimmed.isEmpty { return }
        let existing = which == .driver ? builder.frames.driverID : builder.frames.vin
        if let existing, existing.utf8.elementsEqual(trimmed) { return }
        let value = String(validating: field, as: UTF8.self)?.trimmingASCIISpaces() ?? ""
        if let existing {
            if !builder.conflictWarned {
                builder.conflictWarned = true
                let name = which == .driver ? "driver_id" : "vin"
                log.warning(
                    line: line, "\(name) changes within session \"\(builder.frames.sessionID)\" (\"\(value)\"); keeping \"\(existing)\"")
            }
        } else if which == .driver {
            builder.frames.driverID = value
        } else {
            builder.frames.vin = value
        }
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
        guard let value = DecimalText.parsePadded(bytes), value >= 0 else { return nil }
        return value
    }

    @inline(__always)
    static func optionalNumber(_ raw: UnsafeRawBufferPointer) -> Double? {
        let bytes = trimmed(raw)
        if bytes.isEmpty { return .nan }
        return DecimalText.parsePadded(bytes)
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
