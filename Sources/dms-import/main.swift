import ArgumentParser
import Foundation
import Ledger
import LedgerCLI

@main
struct DMSImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-import",
        abstract: "Load dealer DMS and OEM feeds (CSV, XML) into the warehouse.",
        version: LedgerVersion.current,
        subcommands: [Load.self, Feeds.self, Batches.self, Status.self, Check.self],
        defaultSubcommand: Load.self)

    static func main() { ToolMain.main(Self.self) }
}

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load files and folders (folders are walked recursively, in sorted order).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption
    @Argument(help: "Files or folders to load; - reads CSV from standard input (needs --feed).") var paths: [String]
    @Option(help: "Load every file as this feed (see `dms-import feeds`).") var feed: String?
    @Option(help: "Dealer code for files without a dealer_code column.") var dealer: String?
    @Option(help: "A source profile (TOML file) or a folder of profiles, matched to files by their file_pattern.")
    var profile: [String] = []
    @Option(help: "auto, utf-8 or gb18030.") var encoding: EncodingChoice = .auto
    @Option(help: "Field separator (, ; | or tab); detected when omitted.") var delimiter: String?
    @Option(name: .customLong("header-row"), help: "The record that holds the header (in a workbook: the worksheet row).") var headerRow: Int?
    @Option(name: .customLong("sheet"), help: "The worksheet of .xlsx files to read (default: the profile's sheet, else the first).") var sheet: String?
    @Option(help: "Time zone of the dealers' clocks, for date-times with an offset.") var timezone = "Asia/Shanghai"
    @Option(name: .customLong("max-reject-rate"), help: "Roll a file back when rejected ÷ read exceeds this.")
    var maxRejectRate = 0.05
    @Flag(help: "Load files even if the same bytes were loaded before.") var force = false
    @Flag(name: .customLong("dry-run"), help: "Check and count everything, write nothing (no warehouse file, rejects or archive).") var dryRun = false
    @Option(help: "Folder for rejects files (default: rejects/ beside the warehouse).") var rejects: String?
    @Option(help: "Move every file looked at into DIR/<run start, local YYYY-MM-DD_HHMMSS>/ (failed ones under failed/), with manifest.csv.")
    var archive: String?
    @Option(name: .customLong("debug-fault"), help: .hidden) var debugFault: DebugFault?

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be 1 or more") }
        if !(0...1).contains(maxRejectRate) { throw ValidationError("--max-reject-rate must be between 0 and 1") }
        if paths.contains("-") {
            guard feed != nil else {
                throw ValidationError("reading standard input (-) needs --feed NAME: a stream has no file name to tell its feed by")
            }
            guard paths.filter({ $0 == "-" }).count == 1 else { throw ValidationError("- (standard input) can be given once") }
        }
        if let delimiter, CLIParsing.delimiter(delimiter) == nil {
            throw ValidationError("--delimiter must be one of , ; | or tab")
        }
        if let feed { try CLIParsing.requireFeed(feed) }
    }

    func run() throws {
        let console = common.console()
        let started = SystemClock().now()
        try ToolRunner.run(console: console) {
            try debugFault?.trigger()
            // Before anything is created: a path that is not there makes no warehouse or rejects folder.
            for path in paths where path != "-" && !FileSystem.exists(path) {
                throw InputError(kind: .missing, path: path, reason: "no such file or folder")
            }
            var options = ImportOptions()
            options.feed = feed
            options.dealer = dealer
            options.encoding = encoding
            options.delimiter = delimiter.flatMap(CLIParsing.delimiter)
            options.headerRow = headerRow ?? 1
            options.sheet = sheet
            options.timeZone = timezone
            options.maxRejectRate = maxRejectRate
            options.force = force
            options.dryRun = dryRun
            // A dry run writes nothing: no rejects folder, no archive, and no warehouse file
            // (without one it checks against an empty warehouse in memory).
            options.rejectsDirectory = try CLIParsing.rejectsDirectory(rejects, warehouse: warehouse.path, create: !dryRun)
            options.archive = archive.map { ArchiveSettings(directory: $0, runFolderName: LocalTime.runFolderName(seconds: started)) }
            options.ownPaths = [warehouse.path]
            options.profiles = try ProfileSet.load(paths: profile)
            let database = try dryRun && !FileManager.default.fileExists(atPath: warehouse.path)
                ? Warehouse.open(path: ":memory:") : warehouse.open()
            console.note("warehouse \(warehouse.path)")
            let importer = try Importer(database: database, options: options, clock: SystemClock()) { event in
                switch event {
                case .diagnostic(let diagnostic): console.report(diagnostic)
                case .progress(let file, let fraction): console.progress(file, fraction: fraction)
                case .finished(let summary):
                    console.result(ImportReport.line(for: summary), fields: ImportReport.fields(for: summary))
                    if let rejects = summary.rejectsFile { console.note("\(summary.path): rejected rows written to \(rejects)") }
                }
            }
            let summaries = try importer.load(paths: paths)
            console.result(ImportReport.total(summaries), fields: ImportReport.totalFields(summaries))
            return ImportReport.exitStatus(for: summaries)
        }
    }
}

struct Feeds: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The feed catalogue: columns, types, keys, aliases.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "One feed; all when omitted.") var name: String?

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let catalogue = FeedCatalogue.standard
            let feeds: [Feed]
            if let name {
                try CLIParsing.requireFeed(name)
                feeds = catalogue.feed(named: name).map { [$0] } ?? []
            } else {
                feeds = catalogue.feeds
            }
            console.output(FeedCatalogue.describe(feeds))
            return .success
        }
    }
}

struct Batches: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The batch ledger: what was loaded when, counts, outcome, where the file was archived.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption
    @Option(help: "Only batches started on or after this local date (YYYY-MM-DD).") var since: String?
    @Option(help: "text (tab-separated), csv or json (one object per line).") var format: BatchesFormat = .text

    func validate() throws {
        if let since, LocalTime.utcStartOfLocalDay(since) == nil {
            throw ValidationError("--since must be a date YYYY-MM-DD, not \"\(since)\"")
        }
    }

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let database = try warehouse.openExisting()
            let entries = try BatchLedger(database: database).entries(since: since.flatMap(LocalTime.utcStartOfLocalDay))
            let text = ImportReport.batches(entries, format: format)
            if !text.isEmpty { console.output(text) }
            return .success
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Integrity: orphans, SQLite integrity_check, ledger vs table counts.",
        discussion: "Exit 0 when sound, 1 when only orphans remain, 65 when the warehouse is damaged or the ledger disagrees with the tables.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let database = try warehouse.openExisting()
            let report = try WarehouseCheck(database: database).run()
            console.output(ImportReport.checkText(report))
            if !report.isSound { return .dataError }
            return report.orphans.isEmpty ? .success : .rowsRejected
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Completeness: every active dealer × expected feed, its data-through date, and what is late.",
        discussion: """
            A feed is expected from a dealer when the warehouse holds its rows dated within the 90 days before the \
            as-of date; it is late when the as-of date minus its data-through date exceeds --late-after. Exit 0 when \
            nothing is late, 1 when something is. With --quiet only the late feeds are printed, as errors.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption
    @Option(name: .customLong("as-of"), help: "The date to judge on, YYYY-MM-DD (default: today).") var asOf: String?
    @Option(name: .customLong("late-after"), help: "Late when the as-of date minus data-through exceeds this many days.")
    var lateAfter = Completeness.defaultLateAfterDays
    @Option(help: "text, csv or json (one object per line).") var format: StatusFormat = .text

    func validate() throws {
        if let asOf, LocalDate(asOf) == nil || asOf.count != 10 { throw ValidationError("--as-of must be YYYY-MM-DD, not \(asOf)") }
        if lateAfter < 0 { throw ValidationError("--late-after must be 0 or more") }
    }

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let day = asOf.flatMap { LocalDate($0) } ?? SystemClock().today()
            let report = try Completeness(database: try warehouse.openExisting()).report(asOf: day, lateAfterDays: lateAfter)
            if common.quiet {
                StatusReport.lateFeeds(report).forEach(console.error)
            } else {
                StatusReport.write(report, format: format, to: console)
            }
            return report.hasLate ? .rowsRejected : .success  // 1: finished, but something is late
        }
    }
}

extension StatusFormat: ExpressibleByArgument {}

extension WarehouseOption {
    /// The warehouse of the subcommands that only read it (`batches`, `check`, `status`):
    /// where none exists they create nothing — no empty warehouse, no `-wal` / `-shm` —
    /// and fail with "input missing" (exit 66) naming the path. An existing one is opened
    /// as `load` opens it (brought up to the binary's schema).
    func openExisting() throws -> Database {
        guard FileSystem.isRegularFile(path) else {
            throw InputError(kind: .missing, path: path, reason: "no warehouse here; load data with dms-import or pass --warehouse")
        }
        return try open()
    }
}
