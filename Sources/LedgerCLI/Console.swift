import Ledger

#if canImport(Glibc)
import Glibc
#endif

/// A value of a structured log field.
public enum LogValue: Sendable {
    case text(String)
    case integer(Int)
    case number(String)
    case null

    var json: String {
        switch self {
        case .text(let text): return JSONText.quoted(text)
        case .integer(let value): return String(value)
        case .number(let text): return text
        case .null: return "null"
        }
    }
}

/// Where the tools write: results to stdout, diagnostics to stderr (`file:line: severity: message`).
///
/// `--quiet` keeps errors only (no summaries, warnings or notes); `--verbose` adds notes,
/// among them where each output went. With `--log-format json` every line, results
/// included, is one JSON object with `ts` (ISO 8601, local time with its offset), `tool`,
/// `run_id`, `level` and the message or the result's fields.
public final class Console: @unchecked Sendable {
    public let quiet: Bool
    public let verbose: Bool
    public let format: LogFormat
    public let showsProgress: Bool
    /// The tool's name, as in `tool` of JSON lines.
    public let tool: String
    private var progressVisible = false

    /// One id for every line of this process, so that a run's lines can be told apart in a shared log.
    public static let runID: String = {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }()

    /// The tool's name from the command line (`dms-import` …).
    public static var toolName: String {
        let path = CommandLine.arguments.first ?? "dms"
        return String(path.split(separator: "/").last ?? Substring(path))
    }

    public init(quiet: Bool, verbose: Bool, format: LogFormat, progress: ProgressMode, tool: String = Console.toolName) {
        self.quiet = quiet
        self.verbose = verbose && !quiet
        self.format = format
        self.tool = tool
        switch progress {
        case .always: showsProgress = !quiet && format == .text
        case .never: showsProgress = false
        case .auto: showsProgress = !quiet && format == .text && isatty(2) == 1
        }
    }

    /// Writes a result or summary line to stdout (nothing under `--quiet`). In JSON, `fields`
    /// (when given) are written as the object's fields, else the line as `message`.
    public func result(_ line: String, fields: [(String, LogValue)] = []) {
        guard !quiet else { return }
        output(line, fields: fields)
    }

    /// Writes the data a query command exists to print (`feeds`, `batches`, `check`, …) to
    /// stdout, also under `--quiet`: asking for it is the point of the command.
    public func output(_ line: String, fields: [(String, LogValue)] = []) {
        clearProgress()
        switch format {
        case .text: Self.write(line + "\n", to: 1)
        case .json where !fields.isEmpty:
            Self.write(jsonLine(level: "info", fields) + "\n", to: 1)
        case .json:
            // A multi-line result (a table) is one object per line.
            for text in line.split(separator: "\n", omittingEmptySubsequences: false) {
                Self.write(jsonLine(level: "info", [("message", .text(String(text)))]) + "\n", to: 1)
            }
        }
    }

    /// Writes a diagnostic to stderr, subject to `--quiet` / `--verbose`.
    public func report(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .note: guard verbose else { return }
        case .warning: guard !quiet else { return }
        case .error: break
        }
        clearProgress()
        switch format {
        case .text:
            Self.write(diagnostic.description + "\n", to: 2)
        case .json:
            var fields: [(String, LogValue)] = []
            if let file = diagnostic.file { fields.append(("file", .text(file))) }
            if let line = diagnostic.line { fields.append(("line", .integer(line))) }
            if let column = diagnostic.column { fields.append(("column", .integer(column))) }
            fields.append(("message", .text(diagnostic.message)))
            Self.write(jsonLine(level: diagnostic.severity.rawValue, fields) + "\n", to: 2)
        }
    }

    /// Writes an error that has no file.
    public func error(_ message: String) { report(Diagnostic(.error, message)) }

    /// Writes a note (shown with `--verbose` only).
    public func note(_ message: String) { report(Diagnostic(.note, message)) }

    /// One JSON log object: `ts`, `tool`, `run_id`, `level`, then `fields`.
    public func jsonLine(level: String, _ fields: [(String, LogValue)]) -> String {
        var parts = [
            "\"ts\":\(JSONText.quoted(Self.localTimestamp()))", "\"tool\":\(JSONText.quoted(tool))",
            "\"run_id\":\(JSONText.quoted(Self.runID))", "\"level\":\(JSONText.quoted(level))",
        ]
        parts += fields.map { "\(JSONText.quoted($0.0)):\($0.1.json)" }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Now as ISO 8601 local time with milliseconds and the UTC offset, e.g. `2026-11-03T02:00:05.120+08:00`.
    public static func localTimestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let millis = Int(spec.tv_nsec / 1_000_000)
        let offset = Int(parts.tm_gmtoff)
        let sign = offset < 0 ? "-" : "+"
        let date = "\(Int(parts.tm_year) + 1900)-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))"
        let time = "\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec))).\(millis < 10 ? "00" : millis < 100 ? "0" : "")\(millis)"
        return "\(date)T\(time)\(sign)\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
    }

    /// Draws a one-line progress bar on stderr (only when enabled).
    public func progress(_ label: String, fraction: Double) {
        guard showsProgress else { return }
        let width = 30
        let filled = max(0, min(width, Int(fraction * Double(width))))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        Self.write("\r[\(bar)] \(Int(fraction * 100))% \(label.suffix(40))\u{1B}[K", to: 2)
        progressVisible = true
    }

    /// Removes the progress bar.
    public func clearProgress() {
        guard progressVisible else { return }
        Self.write("\r\u{1B}[K", to: 2)
        progressVisible = false
    }

    /// Writes all of `text` to a file descriptor (stdout 1, stderr 2), unbuffered.
    public static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { if n < 0 && errno == EINTR { continue } else { return } }
                offset += n
            }
        }
    }
}
