/// Where the driver looks in one frame (driver-monitoring.md section 1.1).
public enum GazeZone: UInt8, Sendable, CaseIterable, Hashable {
    case road, mirrorLeft, mirrorCenter, mirrorRight, windowLeft, windowRight, cluster, infotainment
    case phone, lap, passenger, other, unknown

    /// The spelling used in frame CSV files.
    public var name: String {
        switch self {
        case .road: return "road"
        case .mirrorLeft: return "mirror_left"
        case .mirrorCenter: return "mirror_center"
        case .mirrorRight: return "mirror_right"
        case .windowLeft: return "window_left"
        case .windowRight: return "window_right"
        case .cluster: return "cluster"
        case .infotainment: return "infotainment"
        case .phone: return "phone"
        case .lap: return "lap"
        case .passenger: return "passenger"
        case .other: return "other"
        case .unknown: return "unknown"
        }
    }

    /// The zone spelled `name`, or nil.
    public init?(name: String) {
        guard let zone = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = zone
    }

    private static let spellings: [[UInt8]] = allCases.map { Array($0.name.utf8) }

    /// The zone spelled by `bytes` (exact, lower case), or nil. Empty bytes are `unknown`.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer) -> GazeZone? {
        if bytes.isEmpty { return .unknown }
        // "road" first: by far the most frequent value.
        if bytes.count == 4, bytes[0] == 0x72, bytes[1] == 0x6F, bytes[2] == 0x61, bytes[3] == 0x64 { return .road }
        for (index, spelling) in spellings.enumerated() where spelling.count == bytes.count {
            var equal = true
            for i in 0..<spelling.count where spelling[i] != bytes[i] {
                equal = false
                break
            }
            if equal { return GazeZone(rawValue: UInt8(index)) }
        }
        return nil
    }

    /// Whether looking here counts as phone use (zone `phone` or `lap`).
    public var isPhoneZone: Bool { self == .phone || self == .lap }
}

/// The gaze state of a stretch of time: on the road, off it, or not known.
public enum GazeState: UInt8, Sendable, Hashable {
    case on, off, unknown
}

/// The eye state of a stretch of time (PERCLOS P80: closed when both eyes are at most 20 % open).
public enum EyeState: UInt8, Sendable, Hashable {
    case open, closed, unknown
}
