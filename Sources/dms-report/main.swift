import ArgumentParser
import Foundation
import Ledger
import LedgerCLI

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-report", abstract: "KPI reports, exception lists and regional bundles from the warehouse.",
        version: LedgerVersion.current,
        subcommands: [KPI.self, Exceptions.self, Bundle.self, Catalogue.self])
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
    @Option(help: "Formats to write, comma-separated: csv, html, json.") var format: String = "csv,html,json"
    @Option(help: "Comeback window in days.") var comebackDays: Int = 30
    @Option(help: "Comeback match rule: opcode or any.") var comebackMatch: ComebackMatch = .opcode

    func validate() throws {
        guard comebackDays >= 0 else { throw ValidationError("--comeback-days must be 0 or more") }
        let unknown = formats.subtracting(["csv", "html", "json"])
        guard unknown.isEmpty else { throw ValidationError("--format: unknown \(unknown.sorted().joined(separator: ", ")) (csv, html, json)") }
    }

    var formats: Set<String> { Set(format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }) }

    func run() throws {
        try ReportRun.guarded(options.common) {
            let period = try options.reportingPeriod()
            let database = try ReportRun.open(options.warehouse.path)
            let engine = KPIEngine(database: database, options: KPIOptions(comebackDays: comebackDays, comebackMatch: comebackMatch))
            let report = try KPIReportBuilder(engine: engine).build(.init(
                period: period, groupBy: by, dealerCodes: Set(dealer), regions: Set(region),
                includesTrend: formats.contains("html"), includesDetails: true))
            var files: [(String, String)] = [("technicians.csv", KPITables.techniciansCSV(report))]
            if formats.contains("csv") { files.append(("kpi.csv", KPITables.kpiCSV(report))) }
            if formats.contains("json") { files.append(("kpi.json", KPIJSON.render(report))) }
            if formats.contains("html") { files.append(("kpi.html", KPIHTMLRenderer().render(report))) }
            files += report.exceptions.map { ("exceptions/\($0.id).csv", KPITables.exceptionCSV($0)) }
            try ReportRun.write(files, into: options.out)
        }
    }
}

struct Exceptions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The exception lists as of the end of the period (exceptions/<list>.csv).")
    @OptionGroup var options: ReportOptions

    func run() throws {
        try ReportRun.guarded(options.common) {
            let period = try options.reportingPeriod()
            let engine = KPIEngine(database: try ReportRun.open(options.warehouse.path))
            let dealers = Set(try engine.dealers().map(\.code))
            let lists = try engine.exceptionLists(period, dealers: dealers)
            try ReportRun.write(lists.map { ("exceptions/\($0.id).csv", KPITables.exceptionCSV($0)) }, into: options.out)
        }
    }
}

struct Bundle: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One folder per region with its dealers' reports and a manifest.")
    @OptionGroup var options: ReportOptions
    @Option(help: "Bundles are per region.") var by: String = "region"
    @Option(help: "The generation time written into manifests (default: now), e.g. 2026-11-01T06:00:00Z.")
    var generatedAt: String?

    func validate() throws {
        guard by == "region" else { throw ValidationError("--by: bundles are made per region (--by region)") }
    }

    func run() throws {
        try ReportRun.guarded(options.common) {
            let period = try options.reportingPeriod()
            let engine = KPIEngine(database: try ReportRun.open(options.warehouse.path))
            let stamp = generatedAt ?? Timestamp.iso8601(seconds: Date().timeIntervalSince1970)
            let reports = try KPIReportBuilder(engine: engine).regionalReports(period: period)
            let files = RegionalBundles(digest: { SHA256.hex(SHA256.digest($0)) }).files(for: reports, period: period, generatedAt: stamp)
            try ReportRun.write(files.map { ($0.path, $0.contents) }, into: options.out)
        }
    }
}

struct Catalogue: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every KPI with its unit, direction and definition.")
    @Flag(help: "Print docs/kpis.md (Markdown).") var markdown = false

    func run() {
        Console.write(markdown ? KPICatalogueText.markdown(.standard) : KPICatalogueText.plain(.standard), to: 1)
    }
}

extension GroupBy: ExpressibleByArgument {}
extension ComebackMatch: ExpressibleByArgument {}

/// Opening, writing and the mapping of errors to exit codes (cli.md), in one place.
enum ReportRun {
    static func open(_ path: String) throws -> Database {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(kind: .missing, path: path, reason: "no warehouse here; load data with dms-import or pass --warehouse")
        }
        let database = try Database(path: path)
        try WarehouseSchema.migrator.migrate(database)
        return database
    }

    static func write(_ files: [(String, String)], into folder: String) throws {
        for (name, contents) in files {
            let path = folder + "/" + name
            try FileSystem.createDirectory(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            let writer = try TextFileWriter(path: path)
            try writer.write(contents)
            try writer.commit()
        }
    }

    static func guarded(_ common: CommonOptions, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ValidationError {
            throw error
        } catch {
            common.console().error(String(describing: error))
            throw ExitStatus.of(error).exitCode
        }
    }
}
