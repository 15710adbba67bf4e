import ArgumentParser
import Ledger

#if canImport(Glibc)
import Glibc
#endif

/// How diagnostics are written to stderr.
public enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}

/// When a progress bar is drawn on stderr.
public enum ProgressMode: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never
}

/// Options every tool has (cli.md).
public struct CommonOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but errors (no summaries, warnings or notes).")
    public var quiet = false

    @Flag(name: .shortAndLong, help: "Print notes as well, among them where each output went.")
    public var verbose = false

    @Option(name: .customLong("log-format"), help: "text, or json: every line written (results included) one JSON object with ts, tool, run_id, level.")
    public var logFormat: LogFormat = .text

    @Option(help: "Progress bar on stderr: auto (only on a terminal), always or never.")
    public var progress: ProgressMode = .auto

    public init() {}

    /// The console these options describe.
    public func console() -> Console {
        Console(quiet: quiet, verbose: verbose, format: logFormat, progress: progress)
    }
}

/// The warehouse option: `--warehouse FILE`, else `DMS_WAREHOUSE`, else `./dms.sqlite`.
public struct WarehouseOption: ParsableArguments {
    @Option(help: "The warehouse file (default: $DMS_WAREHOUSE, else ./dms.sqlite).")
    public var warehouse: String?

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait for another run's lock before exiting 75.")
    public var busyTimeout: Double = 60

    public init() {}

    /// Refuses a PostgreSQL location (`--warehouse` or `DMS_WAREHOUSE`) before anything is
    /// created beside it: loading and reporting run on SQLite only so far (docs/postgresql.md).
    public func validate() throws {
        try Self.requireSupported(path)
    }

    /// Throws a usage error naming `location` without its password when it is a PostgreSQL URL.
    public static func requireSupported(_ location: String) throws {
        guard PostgreSQLURL.isPostgreSQL(location) else { return }
        throw ValidationError(
            "\(PostgreSQLURL.redacted(location)): a PostgreSQL warehouse is recognised, but this version loads and reports "
                + "on SQLite only (docs/postgresql.md); pass a SQLite file")
    }

    /// Connection options these settings describe.
    public var databaseOptions: Database.Options {
        Database.Options(busyTimeoutMilliseconds: Int(max(0, busyTimeout) * 1000))
    }

    /// Opens the warehouse and brings its schema up to date (the writers).
    public func open() throws -> Database {
        try Warehouse.open(path: path, options: databaseOptions)
    }

    /// Opens an existing warehouse read-only, never migrating it (the reports).
    public func openForReading() throws -> Database {
        try Warehouse.openForReading(path: path, options: databaseOptions)
    }

    /// The path to use.
    public var path: String {
        if let warehouse { return warehouse }
        if let fromEnvironment = getenv("DMS_WAREHOUSE"), let value = String(validatingCString: fromEnvironment), !value.isEmpty {
            return value
        }
        return "dms.sqlite"
    }
}
