import ArgumentParser
import Foundation
import FeedGenerator
import Ledger
import LedgerCLI

#if canImport(Glibc)
import Glibc
#endif

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-dms", abstract: "Score recorded driver-monitoring sessions (docs/driver-monitoring.md).",
        version: LedgerVersion.current, subcommands: [Score.self, Evaluate.self, Rules.self, Generate.self])

    static func main() { ToolMain.main(Self.self) }
}

/// Options shared by `score` and `evaluate`.
struct ScoringArguments: ParsableArguments {
    @Argument(help: "Frame CSV / OpenLABEL JSON files, or folders holding them.") var paths: [String] = []
    @Option(help: "A TOML rules file (see `dms-dms rules`).") var rules: String?
    @Option(help: "Frame rate for frame_index CSVs and OpenLABEL (default there 29.76).") var fps: Double?
    @Option(help: "Folder for the outputs.") var out = "reports/dms"
    @Option(help: "Files scored in parallel.") var jobs = 1

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one session file or folder") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let fps, !(fps > 0) { throw ValidationError("--fps must be greater than 0") }
    }
}

extension ScoringArguments {
    /// Scores the inputs, prints diagnostics, writes nothing; returns the result and its status.
    func score(_ console: Console) throws -> (ScoringResult, MonitoringRules, ExitStatus) {
        AllocatorTuning.keepFreedMemory()
        let rules = try self.rules.map { try MonitoringOutputs.loadRules(path: $0) } ?? MonitoringRules()
        let files = try ScoringBatch.inputFiles(paths)
        guard !files.isEmpty else { throw InputError(kind: .missing, path: paths.joined(separator: " "), reason: "no .csv or .json session files") }
        let result = ScoringBatch.score(files: files, options: ScoringOptions(rules: rules, fps: fps, jobs: jobs))
        result.diagnostics.forEach(console.report)
        var status = ExitStatus.success
        for (_, outcome) in result.outcomes {
            switch outcome {
            case .scored: break
            case .rowsRejected: status = max(status, .rowsRejected)
            case .failed: status = max(status, .dataError)
            case .unreadable: status = max(status, .ioError)
            }
        }
        return (result, rules, status)
    }

    func summarise(_ result: ScoringResult, _ written: [String], _ console: Console) {
        console.result(result.summaryLine)
        written.forEach { console.result($0) }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score sessions: sessions.csv, events.csv, report.html.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var scoring: ScoringArguments
    @Option(help: "Also store sessions and events in this warehouse file (tables dm_sessions, dm_events).")
    var warehouse: String?

    func validate() throws {
        if let warehouse { try WarehouseOption.requireSupported(warehouse) }
    }

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let (result, rules, status) = try scoring.score(console)
            let written = try MonitoringOutputs.write(result, rules: rules, to: scoring.out)
            if let warehouse {
                let database = try Warehouse.open(path: warehouse)
                try DriverMonitoringStore.store(
                    result.sessions, in: database, scoredAt: DriverMonitoringStore.utcText(SystemClock().now()))
            }
            scoring.summarise(result, written, console)
            return status
        }
    }
}

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score sessions and evaluate the events against ground truth.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var scoring: ScoringArguments
    @Option(help: "Ground truth CSV: session_id,type,start_s,end_s.") var truth: String
    @Option(help: "Evaluate a DMS's own recorded warnings (truth format, optional detected_at_s) instead of this tool's events.")
    var detections: String?

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            for path in [truth] + (detections.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: path) {
                throw InputError(kind: .missing, path: path, reason: "no such file")
            }
            var (result, rules, status) = try scoring.score(console)
            var detected = result.events
            var source = "events scored by dms-dms with the rules below"
            if let detections {
                let read = try TruthReader().read(path: detections)
                read.diagnostics.forEach(console.report)
                if read.rejected > 0 { status = max(status, .rowsRejected) }
                detected = read.events
                source = "recorded warnings from \(URL(fileURLWithPath: detections).lastPathComponent)"
            }
            let evaluation = try MonitoringOutputs.evaluate(result, detections: detected, truthPath: truth, rules: rules, source: source)
            evaluation.diagnostics.forEach(console.report)
            if evaluation.rejected > 0 { status = max(status, .rowsRejected) }
            let written = try MonitoringOutputs.write(result, rules: rules, evaluation: evaluation.evaluation, to: scoring.out)
            scoring.summarise(result, written, console)
            if let all = evaluation.evaluation.rows.last {
                console.result("all: tp \(all.truePositives), fp \(all.falsePositives), fn \(all.falseNegatives)")
            }
            return status
        }
    }
}

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the effective rules (TOML).")
    @OptionGroup var common: CommonOptions
    @Option(help: "A TOML rules file to check and print with the defaults filled in.") var rules: String?

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let effective = try rules.map { try MonitoringOutputs.loadRules(path: $0) } ?? MonitoringRules()
            console.output(effective.tomlText.hasSuffix("\n") ? String(effective.tomlText.dropLast()) : effective.tomlText)
            return .success
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write generated sessions (samples or a benchmark set).", shouldDisplay: false)
    @OptionGroup var common: CommonOptions
    @Option(help: "Output folder.") var out: String
    @Option(help: "Benchmark sessions to write (default: the sample set).") var sessions: Int?
    @Option(help: "Minutes per benchmark session.") var minutes = 30.0
    @Option(help: "Frame rate of benchmark sessions.") var fps = 30.0

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let generator = SessionGenerator()
            guard let sessions else {
                for file in generator.sampleSet() { try MonitoringOutputs.write(file.contents, to: out + "/" + file.path) }
                return .success
            }
            for index in 0..<sessions {
                let plan = generator.benchPlan(index, minutes: minutes, fps: fps)
                try MonitoringOutputs.write(generator.frameCSV(plan), to: "\(out)/\(plan.sessionID).csv")
            }
            return .success
        }
    }
}

/// Process-wide allocator settings for batch scoring.
enum AllocatorTuning {
    /// Keeps freed heap memory for the next session instead of handing it back to the kernel.
    ///
    /// Scoring a session allocates and frees a few MB (frame columns, time base, windows).
    /// glibc's default trims the top of the heap as soon as about twice the (dynamic) mmap
    /// threshold is free, so every session faulted its pages back in: page faults and page
    /// clearing were about 15 % of `score`'s CPU time in `perf`. A fixed trim threshold of
    /// 256 MB and mmap threshold of 32 MB keep the pages for reuse; peak RSS stays the largest
    /// session's working set per worker. `mallopt` is looked up at run time because Swift's
    /// Glibc module does not import <malloc.h>; elsewhere this does nothing.
    static func keepFreedMemory() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
        _ = mallopt(trimThreshold, 256 << 20)
        _ = mallopt(mmapThreshold, 32 << 20)
        #endif
    }
}
