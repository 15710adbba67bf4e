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
}

struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write every feed of a dealer network as CSV files into a folder.")

    @Option(help: "The folder to write (created when missing).") var out: String
    @Option(help: "Number of dealers (1…150).") var dealers = 4
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
        let files = try generate { try NetworkGenerator(spec: spec).write(to: out) }
        let console = common.console()
        if !common.quiet {
            console.result("\(files.count) files, \(files.reduce(0) { $0 + $1.rows }) rows in \(out)")
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
        let file = try generate { try BenchRowGenerator(feed: feed, rows: rows, seed: seed).write(to: out) }
        if !common.quiet { common.console().result("\(file.rows) \(file.feed) rows in \(file.path)") }
    }
}

/// Runs `body`, turning an I/O failure into exit 74 with a message on stderr.
func generate<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as GeneratorError {
        Console.write("dms-feedgen: error: \(error.description)\n", to: 2)
        switch error {
        case .io: throw ExitCode(74)
        case .invalidSpec: throw ExitCode(64)
        case .unknownColumn: throw ExitCode(70)
        }
    }
}
