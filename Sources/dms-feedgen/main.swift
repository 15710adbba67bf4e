import ArgumentParser
import FeedGenerator
import Ledger

@main
struct Tool: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dms-feedgen", version: LedgerVersion.current)
    func run() throws { print(Tool.helpMessage()) }
}
