import ArgumentParser
import Ledger

/// Runs a tool's body, printing any error once and turning it into the exit code of cli.md.
///
/// The one place where the four tools map errors to exit codes: a body returns the status
/// of a run that finished, and whatever it throws is reported here (with its file and
/// line when it has them) and mapped by `ExitStatus.of`.
public enum ToolRunner {
    public static func run(console: Console, _ body: () throws -> ExitStatus) throws {
        let status: ExitStatus
        do {
            status = try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as any LocatedError {
            // A feed, recording, rules or targets file at fault: printed with its place.
            console.report(error.diagnostic)
            status = ExitStatus.of(error)
        } catch let error as ValidationError {
            console.error(error.message)
            status = .usage
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
