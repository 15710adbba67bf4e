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
}
