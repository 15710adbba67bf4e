import Foundation
import Testing
import Ledger
import TestSupport

/// Fault injection (docs/reliability.md): SIGKILL at random moments, a full disk, concurrent
/// runs with a reader, and resent inboxes. Bounded under `make test`; `make reliability`
/// (`LEDGER_RELIABILITY=full`) runs the full sizes.
@Suite(.serialized) struct FaultInjectionTests {
    // MARK: (a) SIGKILL at random moments

    @Test func killedAtRandomMomentsThenRerunEqualsAnUninterruptedLoad() throws {
        let directory = try TemporaryDirectory("rel-kill")
        let inbox = try Faults.networkInbox(in: directory)
        let rejects = directory.file("rejects")

        // The reference: one uninterrupted load, timed to spread the kill moments over it.
        let reference = directory.file("reference.sqlite")
        let started = Date()
        let straight = try Tools.run("dms-import", ["load", "--warehouse", reference, "--rejects", rejects, inbox])
        let referenceSeconds = Date().timeIntervalSince(started)
        #expect(straight.status == 0, "\(straight.stderr)")
        let expected = try WarehouseDigest.content(of: reference)
        let totalLoaded = try Faults.loadedBatches(in: reference)
        #expect(totalLoaded > 10)

        var generator = SplitMix64(seed: ReliabilityMode.seed)
        var kills = 0, killsMidLoad = 0, partialStates = 0
        let iterations = ReliabilityMode.killIterations
        for iteration in 0..<iterations {
            let warehouse = directory.file("killed-\(iteration).sqlite")
            let arguments = ["load", "--warehouse", warehouse, "--rejects", rejects, inbox]
            // 1 to 3 kills in a row (a killed re-run is killed again), then a run to the end.
            for _ in 0..<(1 + iteration % 3) {
                let moment = Double.random(in: 0..<1, using: &generator) * referenceSeconds
                if try Faults.runAndKill(arguments, after: moment) { killsMidLoad += 1 }
                kills += 1
                if FileManager.default.fileExists(atPath: warehouse) {
                    let problems = try Faults.soundnessProblems(of: warehouse)
                    #expect(problems.isEmpty, "iteration \(iteration) seed \(ReliabilityMode.seed): \(problems)")
                    let loaded = try Faults.loadedBatches(in: warehouse)
                    if loaded > 0 && loaded < totalLoaded { partialStates += 1 }
                }
            }
            let rerun = try Tools.run("dms-import", arguments)
            #expect(rerun.status == 0, "iteration \(iteration): \(rerun.stderr)")
            #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
            #expect(try WarehouseDigest.content(of: warehouse) == expected, "iteration \(iteration) seed \(ReliabilityMode.seed)")
            #expect(try Faults.loadedBatches(in: warehouse) == totalLoaded)
            Faults.removeWarehouse(warehouse)
        }
        // The kills must really have interrupted loads, or the test proves nothing.
        #expect(killsMidLoad > 0)
        ReliabilityMode.record(
            "kill: iterations=\(iterations) kills=\(kills) killed_while_running=\(killsMidLoad) partial_states=\(partialStates) reference_seconds=\(String(format: "%.2f", referenceSeconds)) files=\(totalLoaded)")
    }

    // MARK: (b) Full disk

    /// A real full disk: the warehouse lives on a small tmpfs; needs root (skipped otherwise).
    @Test(.enabled(if: Faults.canMountTmpfs, "mounting a tmpfs needs root; the page-limit test covers the library"))
    func fullDiskExits74LeavesNothingHalfWrittenAndSucceedsOnceSpaceReturns() throws {
        let directory = try TemporaryDirectory("rel-disk")
        try directory.write("inbox/dealers.csv", ImportFixtures.dealers)
        try directory.write("inbox/ro_parts_big.csv", Faults.partsFile(tag: "B", rows: 60_000))
        let inbox = directory.file("inbox")
        let mount = directory.file("disk")
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        #expect(Faults.mountTmpfs(mount, size: "1500k"))
        defer { Faults.unmount(mount) }
        let warehouse = mount + "/w.sqlite"
        let arguments = ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), inbox]

        let full = try Tools.run("dms-import", arguments)
        #expect(full.status == 74, "status \(full.status): \(full.stderr)")
        #expect(full.stderr.lowercased().contains("full"), "\(full.stderr)")
        // Nothing half-written: the small file is whole, the big one absent, the ledger agrees.
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
        #expect(try WarehouseDigest.count("dealers", in: warehouse) == 2)
        #expect(try WarehouseDigest.count("ro_parts", in: warehouse) == 0)

        // Space returns: the same command succeeds and equals a load that never failed.
        #expect(Faults.resizeTmpfs(mount, size: "256m"))
        let rerun = try Tools.run("dms-import", arguments)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("loaded=1 skipped=1"), "\(rerun.stdout)")
        let clean = directory.file("clean.sqlite")
        _ = try Tools.run("dms-import", ["load", "--warehouse", clean, "--rejects", directory.file("rejects"), inbox])
        #expect(try WarehouseDigest.content(of: warehouse) == WarehouseDigest.content(of: clean))
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
    }

    /// SQLite's page limit stands in for the disk on any machine: the importer stops with a
    /// `full` error (exit 74 in the tools), rolls the file back and loads it once space returns.
    @Test func pageLimitMidLoadRollsTheFileBackAndALaterRunLoadsIt() throws {
        let directory = try TemporaryDirectory("rel-pages")
        try directory.write("inbox/dealers.csv", ImportFixtures.dealers)
        try directory.write("inbox/ro_parts_big.csv", Faults.partsFile(tag: "P", rows: 30_000))
        let inbox = directory.file("inbox")
        let warehouse = directory.file("w.sqlite")
        var options = ImportOptions()
        options.rejectsDirectory = directory.file("rejects")

        // Room for the schema (whatever its size) and the dealers, not for 30 000 parts lines.
        let schemaPages = try Warehouse.open(path: warehouse).scalar("PRAGMA page_count").int64 ?? 0
        #expect(schemaPages > 0)
        do {
            let database = try Warehouse.open(path: warehouse, options: Database.Options(maxPageCount: Int(schemaPages) + 40))
            let importer = try Importer(database: database, options: options, clock: FixedClock()) { _ in }
            let error = #expect(throws: DatabaseError.self) { try importer.load(paths: [inbox]) }
            #expect(error?.kind == .full, "\(String(describing: error))")
            #expect(!database.isInTransaction)
        }
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
        #expect(try WarehouseDigest.count("dealers", in: warehouse) == 2)
        #expect(try WarehouseDigest.count("ro_parts", in: warehouse) == 0)

        let database = try Warehouse.open(path: warehouse)
        let importer = try Importer(database: database, options: options, clock: FixedClock()) { _ in }
        let summaries = try importer.load(paths: [inbox])
        #expect(summaries.map(\.outcome) == [.skipped, .loaded])
        #expect(summaries.filter { $0.outcome == .loaded }.map(\.rowsRead) == [30_000])
        #expect(try WarehouseDigest.count("ro_parts", in: warehouse) == 30_000)
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
    }

    // MARK: (c) Concurrent runs and a reader

    @Test func fourConcurrentRunsAndAReaderSeeWholeFilesOnly() throws {
        let directory = try TemporaryDirectory("rel-concurrent")
        let rows = ReliabilityMode.concurrentRows
        try directory.write("master/dealers.csv", ImportFixtures.dealers)
        // Activity in the reported month, so that the report has data to report (a month
        // without any is exit 66).
        try directory.write("master/repair_orders_seed.csv", "dealer_code,ro_no,opened_at\nDLR001,SEED1,2026-10-15 09:00:00\nDLR002,SEED2,2026-10-15 09:00:00\n")
        for folder in 0..<4 {
            for part in 0..<2 {
                try directory.write("f\(folder)/ro_parts_\(folder)_\(part).csv", Faults.partsFile(tag: "\(folder)x\(part)", rows: rows))
            }
        }
        let warehouse = directory.file("shared.sqlite")
        let first = try Tools.run("dms-import", ["load", "--warehouse", warehouse, directory.file("master")])
        #expect(first.status == 0, "\(first.stderr)")

        // The reader: in every snapshot the parts table holds exactly the rows of the loaded
        // parts batches — a file is either wholly visible or not at all.
        let reader = SnapshotReader(warehouse: warehouse, rowsPerFile: Int64(rows))
        let readerThread = Thread { reader.run() }
        readerThread.start()
        // And the real reader: dms-report, run again and again while the loads go on.
        let reports = ReportLoop(warehouse: warehouse, out: directory.file("reports"))
        let reportThread = Thread { reports.run() }
        reportThread.start()

        // Run i loads folder i and folder i+1: every file is offered by two runs at once.
        nonisolated(unsafe) var results = [ToolResult?](repeating: nil, count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            results[index] = try? Tools.run(
                "dms-import",
                ["load", "--warehouse", warehouse, "--busy-timeout", "600", "--rejects", directory.file("r\(index)"),
                 directory.file("f\(index)"), directory.file("f\((index + 1) % 4)")])
        }
        reader.stop()
        reports.stop()
        while !reader.isFinished || !reports.isFinished { usleep(1_000) }

        for (index, result) in results.enumerated() {
            #expect(result?.status == 0, "run \(index): \(result?.stderr ?? "did not run")")
        }
        #expect(reader.violations.isEmpty, "\(reader.violations.prefix(5))")
        #expect(reader.snapshots > 0)
        #expect(reports.runs > 0)
        #expect(reports.failures.isEmpty, "\(reports.failures.prefix(3))")
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
        // No lost file, none loaded twice.
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        #expect(try database.scalar("SELECT COUNT(*) FROM batches WHERE feed = 'ro_parts' AND outcome = 'loaded'").int64 == 8)
        #expect(try database.scalar("SELECT COUNT(DISTINCT sha256) FROM batches WHERE feed = 'ro_parts' AND outcome = 'loaded'").int64 == 8)
        #expect(try database.scalar("SELECT COUNT(*) FROM ro_parts").int64 == Int64(8 * rows))
        let skipped = results.compactMap { $0?.stdout }.joined().components(separatedBy: "outcome=skipped").count - 1
        #expect(skipped == 8)
        ReliabilityMode.record("concurrent: runs=4 files=8 rows_per_file=\(rows) reader_snapshots=\(reader.snapshots) distinct_states=\(reader.states.count) violations=\(reader.violations.count) dms_report_runs=\(reports.runs) dms_report_failures=\(reports.failures.count)")
    }

    // MARK: (d) Resent inbox with some files changed

    @Test func resentInboxLoadsOnlyChangedFilesAndUpdatesTheirRows() throws {
        let directory = try TemporaryDirectory("rel-resend")
        let inbox = try Faults.networkInbox(in: directory)
        let warehouse = directory.file("w.sqlite")
        let rejects = directory.file("rejects")
        let first = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", rejects, inbox])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try WarehouseDigest.content(of: warehouse)

        // Resend: a copy of the inbox with two files changed in five rows each.
        let resent = directory.file("resent")
        try FileManager.default.copyItem(atPath: inbox, toPath: resent)
        let changed = [
            ("3-activity/repair_orders_DLR001.csv", "mileage_km"),
            ("2-master/parts_DLR002.csv", "list_price"),
        ]
        for (file, column) in changed {
            let edited = try Resend.bumpNumbers(in: resent + "/" + file, column: column, rows: 5)
            #expect(edited == 5, "\(file): column \(column) not found or too few rows")
        }
        let second = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", rejects, resent])
        #expect(second.status == 0, "\(second.stderr)")
        let lines = second.stdout.split(separator: "\n").map(String.init)
        for line in lines where line.contains("outcome=") {
            let isChanged = changed.contains { line.hasPrefix(resent + "/" + $0.0 + ":") }
            if isChanged {
                #expect(line.contains("inserted=0 updated=5"), "\(line)")
                #expect(line.hasSuffix("outcome=loaded"), "\(line)")
            } else {
                #expect(line.hasSuffix("outcome=skipped"), "\(line)")
            }
        }
        #expect(second.stdout.contains("loaded=2 "), "\(second.stdout)")

        // The rows took the new values: the same tables as a clean load of the resent inbox.
        let after = try WarehouseDigest.content(of: warehouse)
        #expect(after != before)
        let clean = directory.file("clean.sqlite")
        _ = try Tools.run("dms-import", ["load", "--warehouse", clean, "--rejects", rejects, resent])
        #expect(after == (try WarehouseDigest.content(of: clean)))
        #expect(try Faults.soundnessProblems(of: warehouse).isEmpty)
    }
}

/// A fixed clock for in-process imports.
struct FixedClock: WallClock {
    func now() -> Double { 1_795_000_000 }
}

/// Edits a resent file.
enum Resend {
    /// Adds 1 to `column` in the first `rows` unquoted data lines; returns how many were changed.
    static func bumpNumbers(in path: String, column: String, rows: Int) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false),
              let index = header.firstIndex(where: { $0 == column })
        else { return 0 }
        var edited = 0
        for number in 1..<lines.count where edited < rows && !lines[number].contains("\"") && !lines[number].isEmpty {
            var cells = lines[number].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard index < cells.count, let value = Decimal(string: cells[index]) else { continue }
            cells[index] = "\(value + 1)"
            lines[number] = cells.joined(separator: ",")
            edited += 1
        }
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return edited
    }
}

/// Reads the shared warehouse in a loop while writers load it.
final class SnapshotReader: @unchecked Sendable {
    private let lock = NSLock()
    private let warehouse: String
    private let rowsPerFile: Int64
    private var stopped = false
    private var finished = false
    private(set) var snapshots = 0
    private(set) var violations: [String] = []
    private(set) var states: Set<Int64> = []

    init(warehouse: String, rowsPerFile: Int64) {
        self.warehouse = warehouse
        self.rowsPerFile = rowsPerFile
    }

    var isFinished: Bool { lock.withLock { finished } }

    func stop() { lock.withLock { stopped = true } }

    func run() {
        defer { lock.withLock { finished = true } }
        guard let database = try? Database(path: warehouse, options: Database.Options(readOnly: true)) else {
            lock.withLock { violations.append("reader could not open the warehouse") }
            return
        }
        while !lock.withLock({ stopped }) {
            do {
                let (rows, files) = try database.readTransaction {
                    (
                        try database.scalar("SELECT COUNT(*) FROM ro_parts").int64 ?? -1,
                        try database.scalar(
                            "SELECT COUNT(*) FROM batches WHERE feed = ? AND outcome = ?", [.text("ro_parts"), .text("loaded")]
                        ).int64 ?? -1
                    )
                }
                lock.withLock {
                    snapshots += 1
                    states.insert(files)
                    if rows != files * rowsPerFile { violations.append("\(rows) rows for \(files) loaded files") }
                }
            } catch let error as DatabaseError where error.kind == .busy {
                continue
            } catch {
                lock.withLock { violations.append("reader: \(error)") }
                return
            }
            usleep(2_000)
        }
    }
}

/// Runs `dms-report kpi` in a loop on the shared warehouse while writers load it.
final class ReportLoop: @unchecked Sendable {
    private let lock = NSLock()
    private let warehouse: String
    private let out: String
    private var stopped = false
    private var finished = false
    private(set) var runs = 0
    private(set) var failures: [String] = []

    init(warehouse: String, out: String) {
        self.warehouse = warehouse
        self.out = out
    }

    var isFinished: Bool { lock.withLock { finished } }

    func stop() { lock.withLock { stopped = true } }

    func run() {
        defer { lock.withLock { finished = true } }
        // At least one run, even when the loads are quicker than the first report.
        repeat {
            let result = try? Tools.run(
                "dms-report", ["kpi", "--warehouse", warehouse, "--period", "2026-10", "--format", "csv", "--out", out])
            lock.withLock {
                runs += 1
                if result?.status != 0 { failures.append("exit \(result?.status ?? -1): \(result?.stderr.prefix(300) ?? "")") }
            }
        } while !lock.withLock({ stopped })
    }
}
