import ArgumentParser
import Ledger

#if canImport(Glibc)
import Glibc
#endif

/// The entry point of every tool: ArgumentParser's own parsing, help and option
/// suggestions, extended with "did you mean" for subcommands (before anything is created)
/// and with parse errors written as JSON lines under `--log-format json`.
public enum ToolMain {
    public static func main<Root: ParsableCommand>(_ root: Root.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        if let problem = subcommandProblem(arguments, root) {
            fail(root, arguments, message: problem, usage: "Usage: \(root._commandName) <subcommand>")
        }
        do {
            var command = try root.parseAsRoot(arguments)
            try command.run()
            root.exit()
        } catch let error where error is ExitCode || error is CleanExit {
            root.exit(withError: error)
        } catch {
            guard wantsJSON(arguments) else { root.exit(withError: error) }
            let console = Console(quiet: false, verbose: false, format: .json, progress: .never)
            console.error(root.message(for: error))
            Glibc.exit(root.exitCode(for: error).rawValue)
        }
    }

    /// A first argument that is no subcommand but close to one: `dms-import bach`,
    /// `dms-report kpis`. For a tool with a default subcommand (`dms-import [load] PATH`),
    /// only when no such file exists.
    static func subcommandProblem<Root: ParsableCommand>(_ arguments: [String], _ root: Root.Type) -> String? {
        let subcommands = root.configuration.subcommands
        guard let first = arguments.first, !first.hasPrefix("-"), !subcommands.isEmpty else { return nil }
        let names = subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(first) else { return nil }
        if root.configuration.defaultSubcommand != nil && (first == "-" || access(first, F_OK) == 0) { return nil }
        let close = Suggestions.closest(to: first, among: names.filter { $0 != "help" })
        guard !close.isEmpty else { return nil }
        let kind = root.configuration.defaultSubcommand != nil ? "unknown subcommand (and no such file) " : "unknown subcommand "
        // ArgumentParser's quoting of names ('--dry-run'), built without interpolation.
        return kind + "'" + first + "'; did you mean " + close.map { "'" + $0 + "'" }.joined(separator: " or ") + "?"
    }

    static func wantsJSON(_ arguments: [String]) -> Bool {
        for (index, argument) in arguments.enumerated() {
            if argument == "--log-format=json" { return true }
            if argument == "--log-format", index + 1 < arguments.count, arguments[index + 1] == "json" { return true }
        }
        return false
    }

    static func fail<Root: ParsableCommand>(_ root: Root.Type, _ arguments: [String], message: String, usage: String) -> Never {
        if wantsJSON(arguments) {
            Console(quiet: false, verbose: false, format: .json, progress: .never).error(message)
        } else {
            Console.write("Error: \(message)\n\(usage)\n  See '\(root._commandName) --help' for more information.\n", to: 2)
        }
        Glibc.exit(ExitStatus.usage.rawValue)
    }
}
