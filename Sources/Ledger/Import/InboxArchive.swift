import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The archive of one run (cli.md "Archive"): every file the run looked at leaves the inbox
/// into `<archive>/<run folder>/<relative path>` (files that failed or are not feeds into
/// `<run folder>/failed/<relative path>`), never overwriting anything, with its bytes
/// unchanged; `manifest.csv` in the run folder says where each file went.
///
/// The run folder is named after the run's start in local time (`YYYY-MM-DD_HHMMSS`, worked
/// out by the tool) and created when the first file is archived; when a folder of that name
/// exists already (two runs in the same second), the run takes `<name>~1`, `<name>~2`, ….
/// A clash inside the run folder gets `~N` before the file's extension (`ro.csv` →
/// `ro~1.csv`; `README` → `README~1`).
public final class InboxArchive {
    public static let manifestName = "manifest.csv"
    static let manifestHeader = ["relative_path", "outcome", "feed", "sha256", "batch_id", "archived_path"]

    public let directory: String
    public let runFolderName: String
    /// The run folder, once created.
    public private(set) var runFolder: String?
    private var manifestLines: [String] = []
    private let csv = CSVWriter()

    public init(directory: String, runFolderName: String) {
        self.directory = directory
        self.runFolderName = runFolderName
    }

    /// Where files that failed go, below the run folder.
    public static let failedFolder = "failed"

    /// Moves `file` into the run folder and returns its new path.
    func archive(_ file: InputFile, failed: Bool) throws -> String {
        let folder = try ensureRunFolder()
        let relative = failed ? "\(Self.failedFolder)/\(file.relativePath)" : file.relativePath
        let wanted = (folder as NSString).appendingPathComponent(relative)
        try FileSystem.createDirectory((wanted as NSString).deletingLastPathComponent)
        var attempt = 0
        while true {
            let target = attempt == 0 ? wanted : Self.suffixed(wanted, attempt)
            if try Self.move(file.path, to: target) { return target }
            attempt += 1
        }
    }

    /// Adds a file's line to the manifest (written by `finish()`).
    func record(_ summary: FileSummary, relativePath: String) {
        let archived = summary.archivedPath.map { path -> String in
            guard let runFolder, path.hasPrefix(runFolder + "/") else { return path }
            return String(path.dropFirst(runFolder.count + 1))
        }
        manifestLines.append(csv.line([
            .text(relativePath), .text(summary.outcome.rawValue), .text(summary.feed ?? ""), .text(summary.sha256),
            summary.batchID.map { .number(String($0)) } ?? .empty, .text(archived ?? ""),
        ]))
    }

    /// Writes `manifest.csv` into the run folder (when a file was archived). Returns its path.
    @discardableResult
    public func finish() throws -> String? {
        guard let runFolder, !manifestLines.isEmpty else { return nil }
        let path = (runFolder as NSString).appendingPathComponent(Self.manifestName)
        let writer = try TextFileWriter(path: path)
        try writer.write(csv.line(Self.manifestHeader))
        for line in manifestLines { try writer.write(line) }
        try writer.commit()
        manifestLines.removeAll()
        return path
    }

    private func ensureRunFolder() throws -> String {
        if let runFolder { return runFolder }
        try FileSystem.createDirectory(directory)
        var attempt = 0
        while true {
            let name = attempt == 0 ? runFolderName : "\(runFolderName)~\(attempt)"
            let path = (directory as NSString).appendingPathComponent(name)
            if mkdir(path, 0o755) == 0 {
                runFolder = path
                return path
            }
            guard errno == EEXIST else {
                throw InputError(kind: .unreadable, path: path, reason: "cannot create the archive folder: \(String(cString: strerror(errno)))")
            }
            attempt += 1
        }
    }

    /// `path` with `~n` before its extension (or at the end when it has none).
    static func suffixed(_ path: String, _ n: Int) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let stem: Substring, ext: Substring
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = name[..<dot]
            ext = name[dot...]
        } else {
            stem = name[...]
            ext = ""
        }
        return (folder as NSString).appendingPathComponent("\(stem)~\(n)\(ext)")
    }

    /// Moves `source` to `target` unless `target` exists (then returns false). Within one
    /// file system a hard link and an unlink (atomic, never replaces); across file systems
    /// (or where links are refused) a copy that is synced before it takes the name, then the
    /// source is removed.
    static func move(_ source: String, to target: String) throws -> Bool {
        if link(source, target) == 0 {
            syncFolder(of: target)
            try remove(source)
            return true
        }
        let code = errno
        if code == EEXIST { return false }
        guard code == EXDEV || code == EPERM || code == ENOTSUP || code == EMLINK else {
            throw InputError(kind: .unreadable, path: source, reason: "cannot archive to \(target): \(String(cString: strerror(code)))")
        }
        let temporary = (target as NSString).deletingLastPathComponent + "/.\((target as NSString).lastPathComponent).\(getpid()).copying"
        try copy(source, to: temporary)
        defer { unlink(temporary) }
        if link(temporary, target) != 0 {
            let linkError = errno
            if linkError == EEXIST { return false }
            // No hard links on the target file system: take the name unless it exists.
            guard access(target, F_OK) != 0 else { return false }
            guard rename(temporary, target) == 0 else {
                throw InputError(kind: .unreadable, path: target, reason: "cannot archive: \(String(cString: strerror(errno)))")
            }
        }
        syncFolder(of: target)
        try remove(source)
        return true
    }

    private static func remove(_ path: String) throws {
        guard unlink(path) == 0 else {
            throw InputError(kind: .unreadable, path: path, reason: "archived, but cannot remove it from the inbox: \(String(cString: strerror(errno)))")
        }
    }

    /// Copies the bytes of `source` into a new file `target` and syncs it.
    private static func copy(_ source: String, to target: String) throws {
        let input = try FileByteSource(path: source)
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            throw InputError(kind: .unreadable, path: target, reason: "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(output) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        guard let base = buffer.baseAddress else { return }
        while true {
            let n = try input.read(into: buffer)
            if n == 0 { break }
            var offset = 0
            while offset < n {
                let written = write(output, base + offset, n - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw InputError(kind: .unreadable, path: target, reason: "cannot write: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        guard fsync(output) == 0 else {
            throw InputError(kind: .unreadable, path: target, reason: "cannot sync: \(String(cString: strerror(errno)))")
        }
    }

    private static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }
}
