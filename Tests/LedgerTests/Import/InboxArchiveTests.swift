import Foundation
import Testing
import TestSupport
@testable import Ledger

/// `InboxArchive`: run folders, clashes, moves within and across file systems.
@Suite struct InboxArchiveTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory("archive") }

    func input(_ relative: String, _ text: String, in folder: String = "inbox") throws -> InputFile {
        let path = try directory.write("\(folder)/\(relative)", text)
        return InputFile(path: path, relativePath: relative, size: Int64(text.utf8.count))
    }

    @Test(arguments: [
        ("a/ro.csv", 1, "a/ro~1.csv"), ("ro.csv", 2, "ro~2.csv"), ("README", 1, "README~1"),
        ("x.tar.gz", 1, "x.tar~1.gz"), (".hidden", 1, ".hidden~1"),
    ])
    func aClashGetsTildeNBeforeTheExtension(path: String, n: Int, expected: String) {
        #expect(InboxArchive.suffixed(path, n) == expected)
    }

    @Test func twoRunsInTheSameSecondGetTheirOwnFolders() throws {
        let first = InboxArchive(directory: directory.file("archive"), runFolderName: "2026-12-07_020000")
        let second = InboxArchive(directory: directory.file("archive"), runFolderName: "2026-12-07_020000")
        let a = try first.archive(try input("dealers.csv", "one"), failed: false)
        let b = try second.archive(try input("dealers.csv", "two"), failed: true)
        #expect(a == directory.file("archive/2026-12-07_020000/dealers.csv"))
        #expect(b == directory.file("archive/2026-12-07_020000~1/failed/dealers.csv"))
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "one")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "two")
    }

    @Test func nothingIsEverOverwritten() throws {
        let archive = InboxArchive(directory: directory.file("archive"), runFolderName: "run")
        var targets: [String] = []
        for index in 0..<3 { targets.append(try archive.archive(try input("sub/ro.csv", "v\(index)"), failed: false)) }
        #expect(targets.map { ($0 as NSString).lastPathComponent } == ["ro.csv", "ro~1.csv", "ro~2.csv"])
        #expect(try targets.map { try String(contentsOfFile: $0, encoding: .utf8) } == ["v0", "v1", "v2"])
        #expect(!FileManager.default.fileExists(atPath: directory.file("inbox/sub/ro.csv")))
    }

    /// /dev/shm is another file system here (tmpfs): the copy path keeps the bytes and
    /// removes the source.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/shm"), "no /dev/shm"))
    func acrossFileSystemsTheBytesAreCopiedThenTheSourceRemoved() throws {
        let source = "/dev/shm/ledger-archive-\(UUID().uuidString).csv"
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: source))
        defer { try? FileManager.default.removeItem(atPath: source) }
        let archive = InboxArchive(directory: directory.file("archive"), runFolderName: "run")
        let target = try archive.archive(InputFile(path: source, relativePath: "x.csv", size: Int64(bytes.count)), failed: false)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == bytes)
        #expect(!FileManager.default.fileExists(atPath: source))
        // No temporary copy is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("archive/run")) == ["x.csv"])
    }

    @Test func theManifestSaysWhereEachFileWent() throws {
        let archive = InboxArchive(directory: directory.file("archive"), runFolderName: "run")
        let file = try input("=cmd.csv", "x")
        var summary = FileSummary(path: file.path, feed: "dealers", outcome: .loaded)
        summary.sha256 = "ab"
        summary.batchID = 7
        summary.archivedPath = try archive.archive(file, failed: false)
        archive.record(summary, relativePath: file.relativePath)
        let manifest = try #require(try archive.finish())
        #expect(
            try String(contentsOfFile: manifest, encoding: .utf8)
                == "relative_path,outcome,feed,sha256,batch_id,archived_path\r\n'=cmd.csv,loaded,dealers,ab,7,'=cmd.csv\r\n")
    }

    @Test func aRunThatArchivedNothingLeavesNoFolder() throws {
        let archive = InboxArchive(directory: directory.file("archive"), runFolderName: "run")
        #expect(try archive.finish() == nil)
        #expect(!FileManager.default.fileExists(atPath: directory.file("archive")))
    }
}
