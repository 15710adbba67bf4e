import ArgumentParser
import Ledger
import LedgerCLI

@main
struct DMSImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-import",
        abstract: "Load dealer DMS and OEM feeds (CSV, XML) into the warehouse.",
        version: LedgerVersion.current,
        subcommands: [Load.self, Feeds.self, Batches.self, Check.self],
        defaultSubcommand: Load.self)
}

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load files and folders (folders are walked recursively, in sorted order).")

    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption
    @Argument(help: "Files or folders to load.") var paths: [String]
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
    @Flag(name: .customLong("dry-run"), help: "Check and count everything, write nothing.") var dryRun = false
    @Option(help: "Folder for rejects files (default: rejects/ beside the warehouse).") var rejects: String?
    @Option(help: "Move loaded files into this folder.") var archive: String?
    @Option(name: .customLong("debug-fault"), help: .hidden) var debugFault: DebugFault?

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be 1 or more") }
        if !(0...1).contains(maxRejectRate) { throw ValidationError("--max-reject-rate must be between 0 and 1") }
        if let delimiter, CLIParsing.delimiter(delimiter) == nil {
            throw ValidationError("--delimiter must be one of , ; | or tab")
        }
    }

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            try debugFault?.trigger()
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
            options.rejectsDirectory = try CLIParsing.rejectsDirectory(rejects, warehouse: warehouse.path)
            options.archiveDirectory = archive
            options.profiles = try ProfileSet.load(paths: profile)
            let database = try warehouse.open()
            let importer = try Importer(database: database, options: options, clock: SystemClock()) { event in
                switch event {
                case .diagnostic(let diagnostic): console.report(diagnostic)
                case .progress(let file, let fraction): console.progress(file, fraction: fraction)
                case .finished(let summary): console.result(ImportReport.line(for: summary))
                }
            }
            let summaries = try importer.load(paths: paths)
            console.result(ImportReport.total(summaries))
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
                guard let feed = catalogue.feed(named: name) else {
                    console.error("unknown feed \"\(name)\"; feeds: \(catalogue.feeds.map(\.name).joined(separator: ", "))")
                    return .usage
                }
                feeds = [feed]
            } else {
                feeds = catalogue.feeds
            }
            console.result(FeedCatalogue.describe(feeds))
            return .success
        }
    }
}

struct Batches: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The batch ledger: what was loaded when, counts, outcome.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let database = try warehouse.open()
            console.result(ImportReport.batchesTable(try BatchLedger(database: database).entries()))
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
            let database = try warehouse.open()
            let report = try WarehouseCheck(database: database).run()
            console.result(ImportReport.checkText(report))
            if !report.isSound { return .dataError }
            return report.orphans.isEmpty ? .success : .rowsRejected
        }
    }
}
