import Foundation
import Ledger
import TestSupport

/// Sizes of the fault-injection suite: bounded (`make test`, CI) or full (`make reliability`,
/// `LEDGER_RELIABILITY=full`).
enum ReliabilityMode {
    static var isFull: Bool { ProcessInfo.processInfo.environment["LEDGER_RELIABILITY"] == "full" }

    /// SIGKILL iterations of the kill test: 50 in the full form, 5 in the bounded one.
    static var killIterations: Int {
        if let text = ProcessInfo.processInfo.environment["LEDGER_RELIABILITY_KILLS"], let value = Int(text), value > 0 {
            return value
        }
        return isFull ? 50 : 5
    }

    /// Seed of the kill moments (reported in every failure so a run can be repeated).
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["LEDGER_RELIABILITY_SEED"].flatMap { UInt64($0) } ?? 20_261_128
    }

    /// `dms-feedgen network` arguments of the generated inbox.
    static var networkArguments: [String] {
        isFull
            ? ["--dealers", "6", "--months", "6", "--end", "2026-10", "--scale", "3", "--seed", "7"]
            : ["--dealers", "3", "--months", "3", "--end", "2026-10", "--scale", "1", "--seed", "7"]
    }

    /// Rows per file of the concurrency test.
    static var concurrentRows: Int { isFull ? 40_000 : 8_000 }

    /// Appends one measured figure to `$LEDGER_RELIABILITY_LOG` when set (docs/reliability.md).
    static func record(_ line: String) {
        guard let path = ProcessInfo.processInfo.environment["LEDGER_RELIABILITY_LOG"], !path.isEmpty else { return }
        let data = Data((line + "\n").utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(data)
            try? handle.close()
        } else {
            _ = FileManager.default.createFile(atPath: path, contents: data)
        }
    }
}

/// Helpers shared by the fault-injection tests.
enum Faults {
    /// Generates a network inbox into `directory/name` and returns its path.
    static func networkInbox(in directory: TemporaryDirectory, name: String = "inbox") throws -> String {
        let out = directory.file(name)
        let result = try Tools.run("dms-feedgen", ["network", "--out", out] + ReliabilityMode.networkArguments)
        guard result.status == 0 else { throw FaultTestError("dms-feedgen failed: \(result.stderr)") }
        return out
    }

    /// Starts `dms-import` with `arguments` without waiting for it.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tools.binFolder + "/dms-import")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DMS_WAREHOUSE")
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `dms-import` and SIGKILLs it after `seconds` (if still running).
    /// Returns whether the process was still running when the signal was sent.
    static func runAndKill(_ arguments: [String], after seconds: Double) throws -> Bool {
        let process = try start(arguments)
        usleep(useconds_t(max(0, seconds) * 1_000_000))
        let wasRunning = process.isRunning
        if wasRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return wasRunning && process.terminationReason == .uncaughtSignal
    }

    /// Removes a warehouse and its WAL / shared-memory files.
    static func removeWarehouse(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Number of `loaded` batches.
    static func loadedBatches(in path: String) throws -> Int64 {
        let database = try Database(path: path, options: Database.Options(readOnly: true))
        return try database.scalar("SELECT COUNT(*) FROM batches WHERE outcome = 'loaded'").int64 ?? -1
    }

    /// `dms-import check` through the library: integrity, ledger counts equal table counts,
    /// every row stamped by a batch. Empty when sound.
    static func soundnessProblems(of path: String) throws -> [String] {
        let database = try Warehouse.open(path: path)
        let report = try WarehouseCheck(database: database).run()
        var problems = report.integrityProblems
        if report.tableRows != report.ledgerRows {
            problems.append("table rows \(report.tableRows) != ledger rows \(report.ledgerRows)")
        }
        if report.rowsWithoutBatch != 0 { problems.append("\(report.rowsWithoutBatch) rows without batch") }
        return problems
    }

    /// Mounts a tmpfs of `size` (e.g. "3m") on `directory`; false when not permitted.
    static func mountTmpfs(_ directory: String, size: String) -> Bool {
        command("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory]) == 0
    }

    /// Changes the size of the tmpfs mounted on `directory`.
    static func resizeTmpfs(_ directory: String, size: String) -> Bool {
        command("/bin/mount", ["-o", "remount,size=\(size)", directory]) == 0
    }

    static func unmount(_ directory: String) {
        _ = command("/bin/umount", ["-l", directory])
    }

    /// Whether this machine lets the tests mount a tmpfs (root, not forbidden by the container).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = NSTemporaryDirectory() + "ledger-tmpfs-probe-\(getpid())"
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard mountTmpfs(probe, size: "1m") else { return false }
        unmount(probe)
        return true
    }()

    @discardableResult
    static func command(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A parts file of `rows` lines whose keys are unique to `tag`.
    static func partsFile(tag: String, rows: Int, dealer: String = "DLR001") -> String {
        var text = "dealer_code,ro_no,line_no,part_no,qty,unit_price,unit_cost,pay_type,filled_from_stock\n"
        text.reserveCapacity(rows * 72)
        for i in 0..<rows {
            text += "\(dealer),RO\(tag)-\(i / 4),\(i % 4 + 1),P\(i % 997),\(i % 5 + 1).5,\(i % 300 + 10).25,\(i % 200 + 5).10,customer,1\n"
        }
        return text
    }
}

struct FaultTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
