import ArgumentParser
import Ledger

/// Runs a tool's body, printing any error once and turning it into the exit code of cli.md.
public enum ToolRunner {
    public static func run(console: Console, _ body: () throws -> ExitStatus) throws {
        let status: ExitStatus
        do {
            status = try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as FeedFileError {
            console.report(Diagnostic(.error, file: error.file, line: error.line, column: error.column, error.message))
            status = .dataError
        } catch {
            status = ExitStatus.of(error)
            console.error(message(for: error, status: status))
        }
        if status != .success { throw status.exitCode }
    }

    static func message(for error: any Error, status: ExitStatus) -> String {
        switch status {
        case .busy: return "\(error) — another run holds the warehouse; retry on the next run"
        case .internalError: return "internal error: \(error) — please report this"
        default: return "\(error)"
        }
    }
}
