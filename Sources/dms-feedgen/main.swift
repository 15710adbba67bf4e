import ArgumentParser
import FeedGenerator
import Ledger
import LedgerCLI

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-feedgen",
        abstract: "Generate realistic, deterministic dealer feed sets (samples, tests, benchmarks).",
        version: LedgerVersion.current,
        subcommands: [Network.self, Rows.self])

    static func main() { ToolMain.main(Self.self) }
}

struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every feed of a dealer network as CSV files into a folder.")

    @Option(help: "The folder to write (created when missing).") var out: String
    @Option(help: "Number of dealers (1…2000).") var dealers = 4
    @Option(help: "Number of regions (1…6).") var regions = 2
    @Option(help: "Number of brands (1…3).") var brands = 2
    @Option(help: "Number of months, ending with --end.") var months = 16
    @Option(help: "The last month, YYYY-MM.") var end = "2026-10"
    @Option(help: "Volume multiplier (1.0 ≈ 40 repair orders per dealer per month).") var scale = 1.0
    @Option(help: "Seed: the same options and seed give byte-identical files.") var seed: UInt64 = 1
    @OptionGroup var common: CommonOptions

    func run() throws {
        guard let endMonth = CivilMonth(parsing: end) else { throw ValidationError("--end must be YYYY-MM, not \(end)") }
        let spec = NetworkSpec(dealers: dealers, regions: regions, brands: brands, endMonth: endMonth, months: months, scale: scale, seed: seed)
        do { try spec.validate() } catch let error as GeneratorError { throw ValidationError(error.description) }
        let console = common.console()
        try ToolRunner.run(console: console) {
            let files = try NetworkGenerator(spec: spec).write(to: out)
            console.result("\(files.count) files, \(files.reduce(0) { $0 + $1.rows }) rows in \(out)")
            return .success
        }
    }
}

struct Rows: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write one large file of one feed (import benchmarks).")

    @Option(help: "The feed: repair_orders or ro_parts.") var feed: String
    @Option(help: "Number of rows.") var rows: Int
    @Option(help: "The file to write.") var out: String
    @Option(help: "Seed.") var seed: UInt64 = 1
    @OptionGroup var common: CommonOptions

    func run() throws {
        guard BenchRowGenerator.feeds.contains(feed) else {
            throw ValidationError("--feed must be one of \(BenchRowGenerator.feeds.joined(separator: ", ")), not \(feed)")
        }
        guard rows >= 0 else { throw ValidationError("--rows must be ≥ 0") }
        let console = common.console()
        try ToolRunner.run(console: console) {
            let file = try BenchRowGenerator(feed: feed, rows: rows, seed: seed).write(to: out)
            console.result("\(file.rows) \(file.feed) rows in \(file.path)")
            return .success
        }
    }
}

/// How the generator's errors end a run (cli.md exit codes, through `ToolRunner`).
extension GeneratorError: ExitStatusProviding {
    public var exitStatus: ExitStatus {
        switch self {
        case .io: return .ioError
        case .invalidSpec: return .usage
        case .unknownColumn: return .internalError
        }
    }
}
