import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One input file found under a path given on the command line.
public struct InputFile: Sendable, Equatable {
    /// The path to open.
    public var path: String
    /// The path relative to the folder it was found in (the file name for a file argument):
    /// sorting by it gives the load order, and archiving keeps it.
    public var relativePath: String
    public var size: Int64
    /// False for a file found in a folder that is neither `.csv` / `.xml` nor named by a
    /// profile: it is not loaded, only reported (and archived with `--archive`).
    public var isFeed: Bool = true

    /// `-` on the command line: standard input.
    public var isStandardInput: Bool { path == "-" }

    public init(path: String, relativePath: String, size: Int64, isFeed: Bool = true) {
        self.path = path
        self.relativePath = relativePath
        self.size = size
        self.isFeed = isFeed
    }
}

/// Expands command-line paths into the files to load, in load order.
///
/// The tool's own files are never input, wherever they are (cli.md): the paths in
/// `ownPaths` (the warehouse and its `-wal` / `-shm` / `-journal`, the rejects and archive
/// folders) and every `*.rejects.csv`. Files still being written by an uploader — hidden
/// names (`.x.csv`) and names ending `.part`, `.partial`, `.filepart`, `.tmp` — are left
/// where they are for a later run.
public struct FileDiscovery: Sendable {
    /// Extra file-name patterns that are read although they are not `.csv` / `.xml` (profiles).
    public var extraPatterns: [String]
    /// Files and folders that are never read (compared after resolving `.`, `..` and links).
    public var ownPaths: [String]

    /// What a walk found.
    public struct Found: Sendable {
        /// Feed files and, in folders, the other files (`isFeed == false`), in load order.
        public var files: [InputFile] = []
        /// Notes about files left alone (the tool's own, in transit).
        public var notes: [Diagnostic] = []
    }

    public init(extraPatterns: [String] = [], ownPaths: [String] = []) {
        self.extraPatterns = extraPatterns
        self.ownPaths = ownPaths.map(Self.canonical)
    }

    /// The files under `paths` (files as given; folders walked recursively, sorted by
    /// relative path). Throws `InputError` (missing) for a path that does not exist.
    public func files(in paths: [String]) throws -> Found {
        let manager = FileManager.default
        var found = Found()
        for path in paths {
            if path == "-" {
                found.files.append(InputFile(path: "-", relativePath: "-", size: 0))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(kind: .missing, path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                if isOwn(Self.canonical(path)) {
                    found.notes.append(Diagnostic(.note, file: path, "skipped: the tool's own folder (warehouse, rejects or archive)"))
                    continue
                }
                guard let enumerator = manager.enumerator(atPath: path) else {
                    throw InputError(kind: .unreadable, path: path, reason: "cannot list the folder")
                }
                var relatives: [String] = []
                while let relative = enumerator.nextObject() as? String {
                    let full = (path as NSString).appendingPathComponent(relative)
                    var nestedIsDirectory: ObjCBool = false
                    guard manager.fileExists(atPath: full, isDirectory: &nestedIsDirectory) else { continue }
                    if nestedIsDirectory.boolValue {
                        // Never descend into the tool's own folders or hidden folders.
                        if isOwn(Self.canonical(full)) || relative.split(separator: "/").last?.hasPrefix(".") == true {
                            enumerator.skipDescendants()
                        }
                    } else {
                        relatives.append(relative)
                    }
                }
                for relative in relatives.sorted(by: Self.loadOrder) {
                    let full = (path as NSString).appendingPathComponent(relative)
                    let name = (relative as NSString).lastPathComponent
                    let inHiddenFolder = relative.split(separator: "/").dropLast().contains { $0.hasPrefix(".") }
                    if let reason = inHiddenFolder ? "in a hidden folder" : leftAlone(path: full, name: name) {
                        found.notes.append(Diagnostic(.note, file: full, "skipped: \(reason)"))
                        continue
                    }
                    found.files.append(
                        InputFile(path: full, relativePath: relative, size: size(of: full), isFeed: accepts(name: name)))
                }
            } else {
                let name = (path as NSString).lastPathComponent
                if let reason = leftAlone(path: path, name: name, named: true) {
                    found.notes.append(Diagnostic(.note, file: path, "skipped: \(reason)"))
                    continue
                }
                // A file named explicitly is read whatever its extension.
                found.files.append(InputFile(path: path, relativePath: name, size: size(of: path)))
            }
        }
        return found
    }

    /// Why a file is not touched at all, or nil when it is input.
    func leftAlone(path: String, name: String, named: Bool = false) -> String? {
        if name.lowercased().hasSuffix(".rejects.csv") { return "a rejects file of this tool" }
        if isOwn(Self.canonical(path)) { return "the tool's own file (warehouse, rejects or archive)" }
        if !named && Self.isInTransit(name) { return "still being uploaded (hidden or temporary name); left for a later run" }
        return nil
    }

    /// Hidden names and the temporary names of uploaders.
    static func isInTransit(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return name.hasPrefix(".")
            || [".part", ".partial", ".filepart", ".tmp"].contains { lowered.hasSuffix($0) }
    }

    private func isOwn(_ canonical: String) -> Bool {
        ownPaths.contains { own in canonical == own || canonical.hasPrefix(own.hasSuffix("/") ? own : own + "/") }
    }

    /// An absolute path with `.`, `..` and symbolic links resolved as far as it exists.
    public static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        // Not there (yet): resolve the parent and keep the last component.
        let parent = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        if parent != path, !name.isEmpty, name != "/" {
            return (canonical(parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(name)
        }
        return (path as NSString).standardizingPath
    }

    /// Sorted order of relative paths: byte order of their UTF-8, the same on every machine.
    static func loadOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    func accepts(name: String) -> Bool {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".csv") || lowered.hasSuffix(".xml") || lowered.hasSuffix(".xlsx") || lowered.hasSuffix(".xls") { return true }
        return extraPatterns.contains { Glob.matches(pattern: $0, name: name) }
    }

    private func size(of path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}

/// Shell-style file-name patterns: `*`, `?` and literal characters, case-insensitive.
public enum Glob {
    public static func matches(pattern: String, name: String) -> Bool {
        let p = Array(pattern.lowercased()), n = Array(name.lowercased())
        var pi = 0, ni = 0, star = -1, mark = 0
        while ni < n.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == n[ni]) {
                pi += 1; ni += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ni; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ni = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
