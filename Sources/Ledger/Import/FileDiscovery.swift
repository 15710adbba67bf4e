import Foundation

/// One input file found under a path given on the command line.
public struct InputFile: Sendable, Equatable {
    /// The path to open.
    public var path: String
    /// The path relative to the folder it was found in (the file name for a file argument):
    /// sorting by it gives the load order, and archiving keeps it.
    public var relativePath: String
    public var size: Int64
}

/// Expands command-line paths into the files to load, in load order.
public struct FileDiscovery: Sendable {
    /// Extra file-name patterns that are read although they are not `.csv` / `.xml` (profiles).
    public var extraPatterns: [String]

    public init(extraPatterns: [String] = []) { self.extraPatterns = extraPatterns }

    /// The files under `paths` (files as given; folders walked recursively, sorted by
    /// relative path), and notes for the files skipped. Throws `InputError` (missing)
    /// for a path that does not exist.
    public func files(in paths: [String]) throws -> (files: [InputFile], skipped: [Diagnostic]) {
        let manager = FileManager.default
        var files: [InputFile] = []
        var skipped: [Diagnostic] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(kind: .missing, path: path, reason: "no such file or folder")
            }
            if isDirectory.boolValue {
                guard let enumerator = manager.enumerator(atPath: path) else {
                    throw InputError(kind: .unreadable, path: path, reason: "cannot list the folder")
                }
                var found: [String] = []
                while let relative = enumerator.nextObject() as? String {
                    let full = (path as NSString).appendingPathComponent(relative)
                    var nestedIsDirectory: ObjCBool = false
                    if manager.fileExists(atPath: full, isDirectory: &nestedIsDirectory), !nestedIsDirectory.boolValue {
                        found.append(relative)
                    }
                }
                for relative in found.sorted(by: Self.loadOrder) {
                    let full = (path as NSString).appendingPathComponent(relative)
                    if accepts(name: (relative as NSString).lastPathComponent) {
                        files.append(InputFile(path: full, relativePath: relative, size: size(of: full)))
                    } else {
                        skipped.append(Diagnostic(.note, file: full, "skipped: not a .csv, .xml, .xlsx or .xls file, and no profile names it"))
                    }
                }
            } else {
                // A file named explicitly is read whatever its extension.
                files.append(InputFile(path: path, relativePath: (path as NSString).lastPathComponent, size: size(of: path)))
            }
        }
        return (files, skipped)
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
