import struct Foundation.Date
import struct Foundation.TimeZone

/// An unknown IANA time-zone id.
public struct TimeZoneError: Error, CustomStringConvertible, Sendable, Equatable {
    public var identifier: String
    public init(identifier: String) { self.identifier = identifier }
    public var description: String {
        "unknown time zone \"\(identifier)\" (expected an IANA id such as Asia/Shanghai or Europe/Berlin)"
    }
}

/// The dealer's time zone: date-times carrying an ISO 8601 offset are converted to its wall
/// clock. Foundation is used only here, at construction and for values with an offset.
public struct LocalTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA id, e.g. `Asia/Shanghai`.
    public let identifier: String
    private let zone: TimeZone

    /// The zone with IANA id `identifier`; throws `TimeZoneError` for an unknown id.
    public init(identifier: String) throws {
        guard let zone = TimeZone(identifier: identifier) else { throw TimeZoneError(identifier: identifier) }
        self.identifier = identifier
        self.zone = zone
    }

    /// `Asia/Shanghai`, the default (feeds.md 1). Without time-zone data it falls back to a
    /// fixed UTC+8, which is exact for Shanghai since 1991.
    public static let shanghai: LocalTimeZone = {
        if let zone = try? LocalTimeZone(identifier: "Asia/Shanghai") { return zone }
        return LocalTimeZone(identifier: "Asia/Shanghai", zone: TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.gmt)
    }()

    private init(identifier: String, zone: TimeZone) {
        self.identifier = identifier
        self.zone = zone
    }

    /// The zone's offset from UTC, in seconds, at the instant `utcSeconds` after the epoch.
    public func secondsFromGMT(atUTC utcSeconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcSeconds)))
    }

    /// The local wall-clock time of the instant `utcSeconds` after the epoch.
    public func localTime(atUTC utcSeconds: Int64) -> LocalDateTime? {
        LocalDateTime(secondsSinceEpoch: utcSeconds + Int64(secondsFromGMT(atUTC: utcSeconds)))
    }

    public var description: String { identifier }

    public static func == (lhs: LocalTimeZone, rhs: LocalTimeZone) -> Bool { lhs.identifier == rhs.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
