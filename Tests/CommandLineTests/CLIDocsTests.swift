import Foundation
import Testing
import TestSupport

/// `docs/cli.md` is the tools' own `--help`, so the documentation cannot drift from the
/// binaries. Re-record with `RECORD_GOLDENS=1` after changing options.
@Suite struct CLIDocsTests {
    static let tools: [(String, [String])] = [
        ("dms-import", ["load", "feeds", "batches", "status", "check"]),
        ("dms-report", ["kpi", "exceptions", "ledger", "bundle", "catalogue"]),
        ("dms-dms", ["score", "evaluate", "rules"]),
    ]

    static func document() throws -> String {
        var out = """
            # Command-line reference

            Generated from the tools' `--help` by `Tests/CommandLineTests/CLIDocsTests.swift`
            (`RECORD_GOLDENS=1 make test` rewrites it; the test fails when it is out of date).
            The contract behind it is `../shared/spec/cli.md`.

            ## Exit codes (all tools)

            | code | meaning |
            |---|---|
            | 0 | success (warnings may have been printed on stderr) |
            | 1 | finished, but some rows were rejected (see the rejects files); `status`: a feed is late |
            | 64 | bad command line, bad profile or rules file |
            | 65 | bad data: a file failed and was rolled back |
            | 66 | input missing (no such file or warehouse; a report period without activity data) |
            | 70 | internal error (a bug) |
            | 74 | I/O error (disk full, permission) |
            | 75 | warehouse busy past `--busy-timeout` |
            | 78 | warehouse schema newer than this binary (reports also: older — run dms-import first) |

            When several files fail differently, the highest-priority code wins: 70 > 74 > 65 > 1.


            """
        for (tool, subcommands) in tools {
            out += "## \(tool)\n\n```\n\(try help(tool, []))```\n\n"
            for subcommand in subcommands {
                out += "### \(tool) \(subcommand)\n\n```\n\(try help(tool, [subcommand]))```\n\n"
            }
        }
        return out
    }

    static func help(_ tool: String, _ arguments: [String]) throws -> String {
        let result = try Tools.run(tool, arguments + ["--help"], environment: ["COLUMNS": "100"])
        return result.stdout
    }

    @Test func cliDocumentMatchesTheHelp() throws {
        try Golden.check(try Self.document(), againstFile: Tools.repositoryRoot + "/docs/cli.md")
    }

    @Test func everyToolHasVersionAndTheCommonOptions() throws {
        for (tool, subcommands) in Self.tools {
            let version = try Tools.run(tool, ["--version"])
            #expect(version.status == 0)
            #expect(!version.stdout.isEmpty)
            for subcommand in subcommands {
                let help = try Self.help(tool, [subcommand])
                for option in ["--quiet", "--verbose", "--log-format", "--progress"] {
                    #expect(help.contains(option), "\(tool) \(subcommand) lacks \(option)")
                }
            }
        }
    }
}
