import Foundation
import Ledger

/// A fresh temporary folder, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    public init(_ label: String = "ledger") throws {
        let base = NSTemporaryDirectory() + "\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `path/name`.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes text (UTF-8) to `name` (creating folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes bytes to `name` (creating folders) and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }
}

/// The result of running a tool.
public struct ToolResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Locating and running the built tools (end-to-end tests).
public enum Tools {
    /// The folder of the built executables: `LEDGER_BIN` (set by `make test`), else the
    /// folder of the running test bundle, else `.build/debug`.
    public static var binFolder: String {
        if let bin = ProcessInfo.processInfo.environment["LEDGER_BIN"], !bin.isEmpty { return bin }
        let bundle = Bundle.main.bundlePath
        var candidate = (bundle as NSString).deletingLastPathComponent
        for _ in 0..<3 {
            if FileManager.default.isExecutableFile(atPath: candidate + "/dms-import") { return candidate }
            candidate = (candidate as NSString).deletingLastPathComponent
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug"
    }

    /// The repository root (where `samples/` lives).
    public static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    /// Runs a tool to completion with the given arguments, environment additions and folder.
    /// `tool` is one of the built executables, or an absolute path to a system program
    /// (`/usr/bin/sha256sum`) run the same way.
    public static func run(
        _ tool: String, _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
        stdin: String? = nil
    ) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool.hasPrefix("/") ? tool : binFolder + "/" + tool)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DMS_WAREHOUSE")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            // Written on another thread: a large input must not block while the tool writes
            // output. A tool that exits without reading (a usage error) closes the pipe: the
            // write then fails with EPIPE instead of killing the test process with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            let bytes = Data(stdin.utf8)
            DispatchQueue.global().async {
                try? input.fileHandleForWriting.write(contentsOf: bytes)
                try? input.fileHandleForWriting.close()
            }
        }
        // Read both pipes while the process runs so that neither fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        process.waitUntilExit()
        group.wait()
        return ToolResult(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Content digests of the warehouse, for "same tables" comparisons.
public enum WarehouseDigest {
    /// Every feed table's rows (without bookkeeping columns), sorted, as one text.
    public static func content(of path: String) throws -> String {
        let database = try Database(path: path, options: Database.Options(readOnly: true))
        var out = ""
        for feed in FeedCatalogue.standard.feeds {
            let columns = feed.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
            let rows = try database.rows("SELECT \(columns) FROM \"\(feed.name)\" ORDER BY \(columns)")
            out += "## \(feed.name) \(rows.count)\n"
            for row in rows { out += row.values.map(\.description).joined(separator: "|") + "\n" }
        }
        return out
    }

    /// Number of rows in a table.
    public static func count(_ table: String, in path: String) throws -> Int64 {
        let database = try Database(path: path, options: Database.Options(readOnly: true))
        return try database.scalar("SELECT COUNT(*) FROM \"\(table)\"").int64 ?? -1
    }
}
