import ArgumentParser
import Ledger
import LedgerCLI

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dms-report", abstract: "Not built yet: see the issues.", version: LedgerVersion.current)
    @OptionGroup var common: CommonOptions
    func run() throws { print(Tool.helpMessage()) }
}
