import Foundation
import Testing
import Ledger
import TestSupport

/// Atomicity under SIGKILL, concurrent runs, idempotency on a large file.
@Suite(.serialized) struct ImportRobustnessTests {
    @Test func killedMidFileLeavesASoundWarehouseAndARerunCompletes() throws {
        let directory = try TemporaryDirectory("import-kill")
        let inbox = try ImportFixtures.inbox(in: directory)
        try directory.write("inbox/ro_parts_big.csv", ImportFixtures.largeROParts(rows: 400_000))
        let warehouse = directory.file("killed.sqlite")

        // Start a load and kill it while it is inside the big file's transaction.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Tools.binFolder + "/dms-import")
        process.arguments = ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), inbox]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var sawBigFileStart = false
        while Date() < deadline, process.isRunning {
            // The WAL grows once the big file's rows are being written.
            let wal = (try? FileManager.default.attributesOfItem(atPath: warehouse + "-wal")[.size] as? NSNumber)?.intValue ?? 0
            if wal > 2_000_000 { sawBigFileStart = true; break }
            usleep(2_000)
        }
        #expect(sawBigFileStart, "the load finished before it could be killed; make the file larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let database = try Database(path: warehouse)
        #expect(try database.integrityProblems().isEmpty)
        let loadedBig = try database.scalar(
            "SELECT COUNT(*) FROM batches WHERE path LIKE '%ro_parts_big.csv' AND outcome = 'loaded'").int64
        #expect(loadedBig == 0)
        #expect(try database.scalar("SELECT COUNT(*) FROM ro_parts").int64 == 0)

        // A re-run completes and gives what an uninterrupted load gives.
        let rerun = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), inbox])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let clean = directory.file("clean.sqlite")
        let straight = try Tools.run("dms-import", ["load", "--warehouse", clean, "--rejects", directory.file("rejects2"), inbox])
        #expect(straight.status == 0)
        #expect(try WarehouseDigest.content(of: warehouse) == WarehouseDigest.content(of: clean))
        let check = try Tools.run("dms-import", ["check", "--warehouse", warehouse])
        #expect(check.stdout.contains("integrity_check: ok"))
        #expect(check.stdout.contains("(ok)"))
    }

    @Test func twoConcurrentRunsOnOneWarehouse() throws {
        let directory = try TemporaryDirectory("import-concurrent")
        try directory.write("a/dealers.csv", ImportFixtures.dealers)
        try directory.write("a/ro_parts_a.csv", ImportFixtures.largeROParts(rows: 60_000, dealer: "DLR001"))
        try directory.write("b/ro_parts_b.csv", ImportFixtures.largeROParts(rows: 60_000, dealer: "DLR002"))
        let warehouse = directory.file("shared.sqlite")
        _ = try Tools.run("dms-import", ["load", "--warehouse", warehouse, directory.file("a/dealers.csv")])

        nonisolated(unsafe) var results: [ToolResult?] = [nil, nil]
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results[index] = try? Tools.run(
                "dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("r\(index)"), directory.file(index == 0 ? "a" : "b")])
        }
        for result in results {
            #expect(result?.status == 0 || result?.status == 75, "\(result?.stderr ?? "no result")")
        }
        let database = try Database(path: warehouse)
        #expect(try database.integrityProblems().isEmpty)
        // Whatever the loser did, every file that was reported loaded is there once.
        let loaded = try database.scalar("SELECT COUNT(*) FROM batches WHERE path LIKE '%ro_parts_%' AND outcome = 'loaded'").int64 ?? 0
        #expect(try database.scalar("SELECT COUNT(*) FROM ro_parts").int64 == loaded * 60_000)
        #expect(loaded == Int64(results.filter { $0?.status == 0 }.count))
    }

    @Test func largeFileLoadedTwiceGivesIdenticalTables() throws {
        let directory = try TemporaryDirectory("import-twice")
        try directory.write("in/ro_parts_1.csv", ImportFixtures.largeROParts(rows: 20_000))
        let warehouse = directory.file("w.sqlite")
        let first = try Tools.run("dms-import", ["load", "--warehouse", warehouse, directory.file("in")])
        #expect(first.status == 0)
        let before = try WarehouseDigest.content(of: warehouse)
        let second = try Tools.run("dms-import", ["load", "--force", "--warehouse", warehouse, directory.file("in")])
        #expect(second.stdout.contains("read=20000 inserted=0 updated=0 unchanged=20000"))
        #expect(try WarehouseDigest.content(of: warehouse) == before)
    }
}
