#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// The zone spelled by `bytes` (exact, lower case), or nil. Empty bytes are `unknown`.
    @inline(__always)
    static func parse(_ bytes: UnsafeRawBufferPointer) -> GazeZone? {
        let n = bytes.count
        if n == 0 { return .unknown }
        guard let p = bytes.baseAddress else { return nil }
        // "road" first: by far the most frequent value.
        if n == 4 { return UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)) == 0x6461_6F72 ? .road : nil }
        func spells(_ name: StaticString) -> Bool { memcmp(p, name.utf8Start, n) == 0 }
        switch n {
        case 3: return spells("lap") ? .lap : nil
        case 5: return spells("phone") ? .phone : spells("other") ? .other : nil
        case 7: return spells("cluster") ? .cluster : spells("unknown") ? .unknown : nil
        case 9: return spells("passenger") ? .passenger : nil
        case 11: return spells("mirror_left") ? .mirrorLeft : spells("window_left") ? .windowLeft : nil
        case 12:
            return spells("mirror_right") ? .mirrorRight : spells("window_right") ? .windowRight : spells("infotainment") ? .infotainment : nil
        case 13: return spells("mirror_center") ? .mirrorCenter : nil
        default: return nil
        }
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
