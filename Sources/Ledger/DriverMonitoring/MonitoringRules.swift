/// Every threshold of the driver-monitoring rules (driver-monitoring.md sections 2–4), with
/// the published defaults. Loaded from a TOML rules file; `tomlText` prints the effective set.
public struct MonitoringRules: Sendable, Equatable {
    /// A frame interval longer than this counts only up to twice the median interval.
    public var maxGapSeconds = 0.5
    /// Both eyes at or below this openness: closed (P80).
    public var closedMaxOpenness = 0.2
    /// Slack on every threshold comparison, in seconds (and on ratios).
    public var comparisonSlack = 1e-6
    /// Off-road glances longer than this count in `glances_over_2s_share` (NHTSA).
    public var longGlanceSeconds = 2.0

    public var longDistractionSeconds = 3.0
    public var longDistractionMinSpeed = 0.0

    public var vatsWindowSeconds = 30.0
    public var vatsOffSeconds = 10.0
    public var vatsResetOnSeconds = 2.0
    public var vatsMinSpeed = 0.0

    public var phoneMinShare = 0.5
    public var phoneMinSpeed = 0.0

    public var microsleepMinSeconds = 0.5
    public var microsleepMaxSeconds = 3.0
    public var microsleepMinSpeed = 0.0
    /// A closure longer than this is `sleep`.
    public var sleepSeconds = 3.0
    public var sleepMinSpeed = 0.0
    public var unresponsiveSeconds = 6.0
    public var unresponsiveMinSpeed = 0.0

    public var drowsyWindowSeconds = 60.0
    public var drowsyPerclos = 0.15
    public var drowsyMinValidShare = 0.5
    /// Applies only when the session has a speed column.
    public var drowsyMinSpeed = 50.0

    public var degradedSeconds = 10.0
    public var degradedMinSpeed = 0.0

    public var matchToleranceSeconds = 1.0

    /// The published defaults.
    public init() {}

    /// The minimum speed of an event type's rule.
    public func minimumSpeed(for type: MonitoringEventType) -> Double {
        switch type {
        case .longDistraction: return longDistractionMinSpeed
        case .vats: return vatsMinSpeed
        case .phoneUse: return phoneMinSpeed
        case .microsleep: return microsleepMinSpeed
        case .sleep: return sleepMinSpeed
        case .unresponsive: return unresponsiveMinSpeed
        case .drowsy: return drowsyMinSpeed
        case .degraded: return degradedMinSpeed
        }
    }

    // MARK: TOML

    private typealias Setting = (table: String, key: String, path: WritableKeyPath<MonitoringRules, Double> & Sendable, note: String)

    private static let settings: [Setting] = [
        ("time_base", "max_gap_s", \.maxGapSeconds, "a longer frame interval counts at most 2 x the median interval; the rest is missing time"),
        ("time_base", "comparison_slack_s", \.comparisonSlack, "slack on every threshold comparison"),
        ("eyes", "closed_max_openness", \.closedMaxOpenness, "both eyes at or below this openness are closed (P80)"),
        ("glances", "long_glance_s", \.longGlanceSeconds, "off-road glances over this count in glances_over_2s_share (NHTSA)"),
        ("long_distraction", "min_duration_s", \.longDistractionSeconds, "an off-road glance at least this long"),
        ("long_distraction", "min_speed_kmh", \.longDistractionMinSpeed, ""),
        ("vats", "window_s", \.vatsWindowSeconds, "trailing window of accumulated off-road time"),
        ("vats", "off_time_s", \.vatsOffSeconds, "off-road time within the window that fires"),
        ("vats", "reset_on_road_s", \.vatsResetOnSeconds, "continuous on-road gaze that resets the accumulation"),
        ("vats", "min_speed_kmh", \.vatsMinSpeed, ""),
        ("phone_use", "min_share", \.phoneMinShare, "share of the off-road time on phone/lap zones or phone_use = 1"),
        ("phone_use", "min_speed_kmh", \.phoneMinSpeed, ""),
        ("microsleep", "min_duration_s", \.microsleepMinSeconds, "shorter closures are blinks"),
        ("microsleep", "max_duration_s", \.microsleepMaxSeconds, ""),
        ("microsleep", "min_speed_kmh", \.microsleepMinSpeed, ""),
        ("sleep", "longer_than_s", \.sleepSeconds, ""),
        ("sleep", "min_speed_kmh", \.sleepMinSpeed, ""),
        ("unresponsive", "min_duration_s", \.unresponsiveSeconds, "eyes closed or gaze off road at least this long"),
        ("unresponsive", "min_speed_kmh", \.unresponsiveMinSpeed, ""),
        ("drowsy", "window_s", \.drowsyWindowSeconds, "trailing PERCLOS window"),
        ("drowsy", "perclos", \.drowsyPerclos, "PERCLOS P80 at or above this is drowsy"),
        ("drowsy", "min_valid_share", \.drowsyMinValidShare, "valid eye time needed in the window, as a share of window_s"),
        ("drowsy", "min_speed_kmh", \.drowsyMinSpeed, "applies only when the session has a speed column"),
        ("degraded", "min_duration_s", \.degradedSeconds, "continuous unknown gaze"),
        ("degraded", "min_speed_kmh", \.degradedMinSpeed, ""),
        ("evaluation", "match_tolerance_s", \.matchToleranceSeconds, "each interval is widened by this before matching"),
    ]

    /// Rules read from TOML text: every key optional (defaults apply), unknown keys rejected.
    public init(toml text: String, file: String = "rules.toml") throws(RulesError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw RulesError(file: file, line: error.line, column: error.column, message: "TOML syntax error: \(error.reason)")
        }
        var rules = MonitoringRules()
        let known = Dictionary(grouping: Self.settings, by: \.table)
        for (section, value) in document.root.entries {
            guard let settings = known[section] else {
                throw RulesError(file: file, line: nil, message: "unknown section [\(section)] (known: \(Self.sectionNames))")
            }
            guard case let .table(inner) = value else {
                throw RulesError(file: file, line: nil, message: "\"\(section)\" must be a table ([\(section)])")
            }
            for (key, value) in inner.entries {
                guard let setting = settings.first(where: { $0.key == key }) else {
                    let names = settings.map(\.key).joined(separator: ", ")
                    throw RulesError(file: file, line: nil, message: "unknown setting \(section).\(key) (known: \(names))")
                }
                let number: Double
                switch value {
                case let .float(float): number = float
                case let .integer(integer): number = Double(integer)
                default: throw RulesError(file: file, line: nil, message: "\(section).\(key) must be a non-negative number")
                }
                guard number.isFinite, number >= 0 else {
                    throw RulesError(file: file, line: nil, message: "\(section).\(key) must be a non-negative number")
                }
                rules[keyPath: setting.path] = number
            }
        }
        try rules.validate(file: file)
        self = rules
    }

    private static var sectionNames: String {
        var seen: [String] = []
        for setting in settings where !seen.contains(setting.table) { seen.append(setting.table) }
        return seen.joined(separator: ", ")
    }

    private func validate(file: String) throws(RulesError) {
        func require(_ condition: Bool, _ message: String) throws(RulesError) {
            if !condition { throw RulesError(file: file, line: nil, message: message) }
        }
        try require(maxGapSeconds > 0, "time_base.max_gap_s must be greater than 0")
        try require(vatsWindowSeconds > 0, "vats.window_s must be greater than 0")
        try require(drowsyWindowSeconds > 0, "drowsy.window_s must be greater than 0")
        try require(microsleepMinSeconds <= microsleepMaxSeconds, "microsleep.min_duration_s must not exceed max_duration_s")
        try require(phoneMinShare <= 1 && drowsyMinValidShare <= 1, "shares must be between 0 and 1")
    }

    /// The effective rules as a commented TOML document (what `dms-dms rules` prints).
    public var tomlText: String {
        var out = "# Effective driver-monitoring rules (docs/driver-monitoring.md). Times in seconds.\n"
        var current = ""
        for setting in Self.settings {
            if setting.table != current {
                current = setting.table
                out += "\n[\(current)]\n"
            }
            let value = DecimalText.shortest(self[keyPath: setting.path])
            out += "\(setting.key) = \(value)" + (setting.note.isEmpty ? "" : "  # \(setting.note)") + "\n"
        }
        return out
    }
}

/// A rules file that cannot be used.
public struct RulesError: LocatedError, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    /// The 1-based column of a TOML syntax error.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { placedMessage }
}
