import Ledger

#if canImport(Glibc)
import Glibc
#endif

/// Where the tools write: results to stdout, diagnostics to stderr (`file:line: severity: message`).
public final class Console: @unchecked Sendable {
    public let quiet: Bool
    public let verbose: Bool
    public let format: LogFormat
    public let showsProgress: Bool
    private var progressVisible = false

    public init(quiet: Bool, verbose: Bool, format: LogFormat, progress: ProgressMode) {
        self.quiet = quiet
        self.verbose = verbose
        self.format = format
        switch progress {
        case .always: showsProgress = true
        case .never: showsProgress = false
        case .auto: showsProgress = isatty(2) == 1
        }
    }

    /// Writes a result line to stdout.
    public func result(_ line: String) {
        clearProgress()
        Self.write(line + "\n", to: 1)
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
            var fields: [String] = ["\"severity\":\(JSONText.quoted(diagnostic.severity.rawValue))"]
            if let file = diagnostic.file { fields.append("\"file\":\(JSONText.quoted(file))") }
            if let line = diagnostic.line { fields.append("\"line\":\(line)") }
            if let column = diagnostic.column { fields.append("\"column\":\(column)") }
            fields.append("\"message\":\(JSONText.quoted(diagnostic.message))")
            Self.write("{" + fields.joined(separator: ",") + "}\n", to: 2)
        }
    }

    /// Writes an error that has no file.
    public func error(_ message: String) { report(Diagnostic(.error, message)) }

    /// Draws a one-line progress bar on stderr (only when enabled).
    public func progress(_ label: String, fraction: Double) {
        guard showsProgress, !quiet else { return }
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
