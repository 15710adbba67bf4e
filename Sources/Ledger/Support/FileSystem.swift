import Foundation

/// Small file-system helpers with errors that name the path.
public enum FileSystem {
    /// Creates a folder and its parents when missing.
    public static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InputError(kind: .unreadable, path: path, reason: "cannot create folder: \(error.localizedDescription)")
        }
    }

    /// Whether anything (file, folder, link target) exists at `path`.
    public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Whether `path` names an existing regular file (following symbolic links).
    public static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
