import ArgumentParser
import Foundation
import Ledger
import LedgerCLI

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-report", abstract: "KPI reports, exception lists and regional bundles from the warehouse.",
        version: LedgerVersion.current,
        subcommands: [KPI.self, Exceptions.self, Bundle.self, LedgerCommand.self, Catalogue.self])

    static func main() { ToolMain.main(Self.self) }
}

/// Options shared by the report commands.
struct ReportOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @OptionGroup var warehouse: WarehouseOption

    @Option(help: "The period: 2026-10, 2026-Q3, 2026 or 2026-10-01..2026-10-15.")
    var period: String

    @Option(help: "The folder to write into.")
    var out: String = "reports"

    func reportingPeriod() throws -> ReportingPeriod {
        guard let period = ReportingPeriod(parsing: period) else {
            throw ValidationError("--period \(period): expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD")
        }
        return period
    }
}

struct KPI: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "KPIs per dealer, region, brand or the network (kpi.csv, kpi.html, kpi.json).")
    @OptionGroup var options: ReportOptions
    @Option(help: "Group rows by dealer, region, brand or network.") var by: GroupBy = .dealer
    @Option(help: "Only this dealer (repeatable).") var dealer: [String] = []
    @Option(help: "Only this region (repeatable).") var region: [String] = []
    @Option(help: "Only this brand (repeatable).") var brand: [String] = []
    @Option(help: "Formats to write, comma-separated: csv, html, json, xlsx.") var format: String = "csv,html,json"
    @Option(help: "Comeback window in days.") var comebackDays: Int = 30
    @Option(help: "Comeback match rule: opcode or any.") var comebackMatch: ComebackMatch = .opcode
    @Option(name: .customLong("late-after"), help: "Coverage: a feed whose data stops more than this many days before the end of the period makes it partial.")
    var lateAfter = Completeness.defaultLateAfterDays
    @Option(help: "Only these KPIs, comma-separated: ids, families (service.*) or globs (*margin*); see `dms-report catalogue`. Only their families are computed; technicians, people and exception lists are left out.")
    var kpi: String?
    @Option(help: "The generation time shown in kpi.html (default: now), e.g. 2026-11-01T06:00:00Z.")
    var generatedAt: String?
    @OptionGroup var language: LanguageOption
    @OptionGroup var targets: TargetsOption
    @OptionGroup var jobs: JobsOption

    func validate() throws {
        guard comebackDays >= 0 else { throw ValidationError("--comeback-days must be 0 or more") }
        guard lateAfter >= 0 else { throw ValidationError("--late-after must be 0 or more") }
        let unknown = formats.subtracting(["csv", "html", "json", "xlsx"])
        guard unknown.isEmpty else { throw ValidationError("--format: unknown \(unknown.sorted().joined(separator: ", ")) (csv, html, json, xlsx)") }
        _ = try KPIList.ids(kpi)
    }

    var formats: Set<String> { Set(format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }

    func run() throws {
        let console = options.common.console()
        try ToolRunner.run(console: console) {
            let period = try options.reportingPeriod()
            let database = try options.warehouse.openForReading()
            let engine = KPIEngine(database: database, options: KPIOptions(comebackDays: comebackDays, comebackMatch: comebackMatch))
            let master = try engine.dealers()
            try DealerSelection.validate(master, codes: Set(dealer), regions: Set(region), brands: Set(brand))
            let targets = try self.targets.load(dealers: master)
            let clock = SystemClock()
            let today = clock.today()
            let kpis = try KPIList.ids(kpi)
            let builder = KPIReportBuilder(engine: engine, connections: try jobs.connections(to: options.warehouse))
            let report = try builder.build(.init(
                period: period, groupBy: by, dealerCodes: Set(dealer), regions: Set(region), brands: Set(brand), kpis: kpis,
                lateAfterDays: lateAfter, today: today, requiresActivity: true,
                includesTrend: formats.contains("html"), includesDetails: kpis.isEmpty))
            var files: [(String, String)] =
                kpis.isEmpty
                ? [
                    ("technicians.csv", KPITables.techniciansCSV(report)), ("salespeople.csv", KPITables.salespeopleCSV(report)),
                    ("advisors.csv", KPITables.advisorsCSV(report)),
                ] : []
            if formats.contains("csv") { files.append(("kpi.csv", KPITables.kpiCSV(report))) }
            if formats.contains("json") { files.append(("kpi.json", KPIJSON.render(report))) }
            if formats.contains("html") {
                let renderer = KPIHTMLRenderer(
                    language: language.lang, targets: targets, generatedAt: generatedAt ?? Timestamp.iso8601(seconds: clock.now()))
                files.append(("kpi.html", renderer.render(report)))
            }
            files += report.exceptions.map { ("exceptions/\($0.id).csv", KPITables.exceptionCSV($0)) }
            try ReportRun.write(files, into: options.out, console: console)
            if formats.contains("xlsx") {
                // A sheet per group level: this one and the coarser ones up to the network.
                let coarser = try by.coarserLevels.map { level in
                    try builder.build(.init(
                        period: period, groupBy: level, dealerCodes: Set(dealer), regions: Set(region), brands: Set(brand),
                        kpis: kpis, lateAfterDays: lateAfter, today: today, includesTrend: false, includesDetails: false))
                }
                try ReportRun.write(bytes: [("kpi.xlsx", try KPIWorkbook.render(report, coarser: coarser, language: language.lang, targets: targets))], into: options.out, console: console)
            }
            return .success
        }
    }
}

extension GroupBy {
    /// The levels above this one in kpi.xlsx: dealer → region, network; region or brand → network.
    var coarserLevels: [GroupBy] {
        switch self {
        case .dealer: return [.region, .network]
        case .region, .brand: return [.network]
        case .network: return []
        }
    }
}

struct Exceptions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The exception lists as of the end of the period (exceptions/<list>.csv).")
    @OptionGroup var options: ReportOptions
    @Option(help: "Formats to write, comma-separated: csv (exceptions/<list>.csv), xlsx (exceptions.xlsx, a sheet per list).")
    var format: String = "csv"
    @OptionGroup var language: LanguageOption

    func validate() throws {
        let unknown = Set(format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }).subtracting(["csv", "xlsx"])
        guard unknown.isEmpty else { throw ValidationError("--format: unknown \(unknown.sorted().joined(separator: ", ")) (csv, xlsx)") }
    }

    func run() throws {
        let console = options.common.console()
        try ToolRunner.run(console: console) {
            let period = try options.reportingPeriod()
            let database = try options.warehouse.openForReading()
            let engine = KPIEngine(database: database)
            let dealers = try engine.dealers().map(\.code)
            try Completeness(database: database).requireActivity(in: period, dealers: dealers)
            let lists = try engine.exceptionLists(period, dealers: Set(dealers))
            let formats = Set(format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            if formats.contains("csv") {
                try ReportRun.write(lists.map { ("exceptions/\($0.id).csv", KPITables.exceptionCSV($0)) }, into: options.out, console: console)
            }
            if formats.contains("xlsx") {
                try ReportRun.write(bytes: [("exceptions.xlsx", try KPIWorkbook.exceptions(lists, language: language.lang))], into: options.out, console: console)
            }
            return .success
        }
    }
}

struct Bundle: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Packs to mail: one folder per region (or dealer) with its reports beside its region and the network, its P&L, a manifest and SHA256SUMS.")
    @OptionGroup var options: ReportOptions
    @Option(help: "One pack per region (for the regional offices) or per dealer (to send back to each dealer).")
    var by: PackGrouping = .region
    @Option(help: "Formats in each pack, comma-separated: csv, json, html (always), xlsx (adds <pack>_<period>_kpi.xlsx).") var format: String = "csv,html"
    @Flag(help: "Also write each pack as one zip beside its folder (<pack>_<period>.zip).") var zip = false
    @Option(help: "The generation time written into manifests (default: now), e.g. 2026-11-01T06:00:00Z.")
    var generatedAt: String?
    @Option(help: "Only these KPIs, comma-separated: ids, families (service.*) or globs (*margin*). Exception lists stay.")
    var kpi: String?
    @OptionGroup var language: LanguageOption
    @OptionGroup var targets: TargetsOption
    @OptionGroup var jobs: JobsOption

    func validate() throws {
        _ = try KPIList.ids(kpi)
        let unknown = Set(format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }).subtracting(["csv", "json", "html", "xlsx"])
        guard unknown.isEmpty else { throw ValidationError("--format: unknown \(unknown.sorted().joined(separator: ", ")) (csv, json, html, xlsx)") }
    }

    func run() throws {
        let console = options.common.console()
        try ToolRunner.run(console: console) {
            let period = try options.reportingPeriod()
            let database = try options.warehouse.openForReading()
            let clock = SystemClock()
            let engine = KPIEngine(database: database)
            let targets = try self.targets.load(dealers: try engine.dealers())
            let builder = KPIReportBuilder(engine: engine, connections: try jobs.connections(to: options.warehouse))
            let packs = try ReportPackBuilder(builder: builder, period: period, today: clock.today(), kpis: try KPIList.ids(kpi))
            var bundles = RegionalBundles(digest: { SHA256.hex(SHA256.digest($0)) })
            bundles.language = language.lang
            bundles.targets = targets
            let packOptions = RegionalBundles.Options(
                generatedAt: generatedAt ?? Timestamp.iso8601(seconds: clock.now()),
                includesWorkbook: format.lowercased().split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == "xlsx" },
                zip: zip)
            let keys = packs.keys(by: by)
            // One pack at a time: computed, checked, written, then let go.
            for (key, folder) in Swift.zip(keys, RegionalBundles.folderNames(for: keys)) {
                let pack = try packs.pack(by: by, key: key)
                for ledger in pack.ledgers where !ledger.isBalanced { throw UnbalancedJournal(report: ledger) }
                let files = try bundles.files(for: pack, folder: folder, period: period, options: packOptions)
                try ReportRun.write(bytes: files.map { ($0.path, $0.bytes) }, into: options.out, console: console)
            }
            return .success
        }
    }
}

extension PackGrouping: ExpressibleByArgument {}

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Trial balance and department P&L from the journal (ledger/trial_balance.csv, ledger/pnl.csv).")
    @OptionGroup var options: ReportOptions
    @Option(help: "Group rows by dealer, region, brand or network.") var by: GroupBy = .dealer
    @Option(help: "Only this dealer (repeatable).") var dealer: [String] = []
    @Option(help: "Also write the journal of the period to this file, one line per posting.") var export: String?

    func run() throws {
        let console = options.common.console()
        try ToolRunner.run(console: console) {
            let period = try options.reportingPeriod()
            let database = try options.warehouse.openForReading()
            let dealers = try KPIEngine(database: database).dealers()
            try DealerSelection.validate(dealers, codes: Set(dealer), regions: [], brands: [])
            try Completeness(database: database).requireActivity(
                in: period, dealers: dealers.map(\.code).filter { dealer.isEmpty || dealer.contains($0) })
            let report = try LedgerReport.build(database: database, period: period, groupBy: by, dealerCodes: Set(dealer))
            guard report.isBalanced else { throw UnbalancedJournal(report: report) }
            try ReportRun.write(
                [("ledger/trial_balance.csv", LedgerTables.trialBalanceCSV(report)), ("ledger/pnl.csv", LedgerTables.pnlCSV(report))],
                into: options.out, console: console)
            if let export {
                let writer = try TextFileWriter(path: export)
                try writer.write(LedgerTables.journalCSV(report.postings))
                try writer.commit()
                console.note("wrote \(export)")
            }
            let totals = JournalCheck.totals(report.postings)
            console.result("\(period): \(report.postings.count) postings, debit \(Self.money(totals.debit)) = credit \(Self.money(totals.credit))")
            for section in report.sections {
                console.result(
                    "\(section.group.key): sales \(Self.money(section.pnl.sales(nil))), gross \(Self.money(section.pnl.gross(nil))), "
                        + "expenses \(Self.money(section.pnl.expenses(nil))), operating profit \(Self.money(section.pnl.operatingProfit))")
            }
            return .success
        }
    }

    static func money(_ minor: Int64) -> String { ExactDecimal.quotient(minor, over: 100, places: 2) ?? "0.00" }
}

/// The journal does not balance: exit 65, naming the documents.
struct UnbalancedJournal: Error, ExitStatusProviding, CustomStringConvertible {
    let report: LedgerReport
    var exitStatus: ExitStatus { .dataError }
    var description: String {
        let totals = JournalCheck.totals(report.postings)
        var lines = ["the journal does not balance (debit \(LedgerCommand.money(totals.debit)), credit \(LedgerCommand.money(totals.credit)))"]
        lines += report.unbalanced.map { "unbalanced document \($0.document): debit − credit = \(LedgerCommand.money($0.difference))" }
        lines += report.unpostable.map { "unbalanced document \($0): an amount beyond ±\(LedgerCommand.money(Journal.maximumAmount)) cannot be posted" }
        return lines.joined(separator: "\n")
    }
}

struct Catalogue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every KPI, unit and exception list with its Chinese and English name and definition.")
    @OptionGroup var common: CommonOptions
    @Option(help: "text (both languages) or csv (id, family, unit, name_zh, name_en, definition_zh, definition_en).")
    var format: CatalogueFormat = .text
    @Flag(help: "Print docs/kpis.md (Markdown).") var markdown = false

    enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable { case text, csv }

    func run() throws {
        let console = common.console()
        try ToolRunner.run(console: console) {
            let text =
                markdown
                ? KPICatalogueText.markdown(.standard)
                : format == .csv ? KPICatalogueText.csv(.standard) : KPICatalogueText.plain(.standard)
            console.output(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            return .success
        }
    }
}

/// `--jobs N`: how many connections compute the independent pieces of a report at once.
struct JobsOption: ParsableArguments {
    @Option(help: "Pieces of the report computed at once, each on its own connection (default: the number of CPUs, at most 4).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// Further read-only connections to the warehouse (none for --jobs 1).
    func connections(to warehouse: WarehouseOption) throws -> [Database] {
        let count = jobs ?? min(4, ProcessInfo.processInfo.activeProcessorCount)
        return try (1..<max(1, count)).map { _ in try warehouse.openForReading() }
    }
}

/// `--lang zh|en`: the language of the HTML and workbook outputs (CSV headers and ids stay canonical).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Language of the HTML and workbook outputs: zh or en. CSV headers and KPI ids do not change.")
    var lang: ReportLanguage = .zh
}

/// `--targets FILE` of `kpi` and `bundle` (docs/targets.md): read and checked against the
/// catalogue and the dealer master before anything is computed or written; a bad file exits 64.
struct TargetsOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Targets (TOML: per KPI a target and an amber band, overrides per region or brand) that colour the HTML and workbook values green, amber or red; see docs/targets.md.",
            valueName: "file"))
    var targets: String?

    func load(dealers: [Dealer]) throws -> KPITargets? {
        guard let targets else { return nil }
        // An empty dealer master (no data yet) checks no names: the run then says what is missing.
        let known = dealers.isEmpty ? nil : (regions: Set(dealers.map(\.region)), brands: Set(dealers.map(\.brand)))
        return try KPITargets.load(path: targets, regions: known?.regions, brands: known?.brands)
    }
}

/// `--kpi LIST` of `kpi` and `bundle`: the selected ids (empty: all); an unknown pattern is a
/// bad command line with a "did you mean".
enum KPIList {
    static func ids(_ list: String?) throws -> Set<String> {
        do {
            return Set(try KPISelection.resolve(KPISelection.patterns(list ?? "")))
        } catch let error as KPISelection.UnknownPattern {
            throw ValidationError(error.description)
        }
    }
}

extension GroupBy: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension ComebackMatch: ExpressibleByArgument {}

/// Writing the report files.
enum ReportRun {
    /// Writes every file (each complete or not at all); `--verbose` says where each went.
    static func write(_ files: [(String, String)], into folder: String, console: Console) throws {
        for (name, contents) in files {
            let path = folder + "/" + name
            try FileSystem.createDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            let writer = try TextFileWriter(path: path)
            try writer.write(contents)
            try writer.commit()
            console.note("wrote \(path)")
        }
    }

    /// The same for files held as bytes (workbooks).
    static func write(bytes files: [(String, [UInt8])], into folder: String, console: Console) throws {
        for (name, contents) in files {
            let path = folder + "/" + name
            try FileSystem.createDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            let writer = try TextFileWriter(path: path)
            try writer.write(bytes: contents)
            try writer.commit()
            console.note("wrote \(path)")
        }
    }
}
