import ArgumentParser
import Ledger

/// The exit codes of cli.md, in one place.
public enum ExitStatus: Int32, Comparable, Sendable {
    case success = 0
    /// Finished, but some rows were rejected.
    case rowsRejected = 1
    case usage = 64
    /// A file failed and was rolled back.
    case dataError = 65
    /// An input is missing.
    case inputMissing = 66
    /// A bug.
    case internalError = 70
    case ioError = 74
    /// Another run holds the warehouse lock past the busy timeout.
    case busy = 75
    /// The warehouse schema is newer than this binary.
    case schemaTooNew = 78

    /// Priority when several files fail differently: 70 > 74 > 65 > 1 (cli.md); the
    /// whole-run conditions (75, 78, 66, 64) outrank them all.
    var priority: Int {
        switch self {
        case .success: return 0
        case .rowsRejected: return 1
        case .dataError: return 2
        case .ioError: return 3
        case .internalError: return 4
        case .inputMissing: return 5
        case .usage: return 6
        case .busy: return 7
        case .schemaTooNew: return 8
        }
    }

    public static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.priority < rhs.priority }

    /// The status for an error that ended a run.
    public static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as DatabaseError:
            switch error.kind {
            case .busy: return .busy
            case .full, .io: return .ioError
            case .corrupt: return .dataError
            default: return .internalError
            }
        // Older or newer: this binary and the warehouse do not match (an older one: run
        // dms-import, which migrates; a newer one: deploy the matching version).
        case is SchemaError: return .schemaTooNew
        case is SelectionError: return .usage
        case is NoActivityError: return .inputMissing
        case is OutputError: return .ioError
        case is ProfileError, is TimeZoneError, is TargetsError, is RulesError: return .usage
        case let error as InputError: return error.kind == .missing ? .inputMissing : .ioError
        case is FeedFileError, is MonitoringFileError: return .dataError
        case let error as any ExitStatusProviding: return error.exitStatus
        default: return .internalError
        }
    }

    public var exitCode: ExitCode { ExitCode(rawValue) }
}

/// An error that knows its exit status.
public protocol ExitStatusProviding: Error {
    var exitStatus: ExitStatus { get }
}
