import Foundation
import Testing

/// Golden files: compared byte for byte; re-recorded only with `RECORD_GOLDENS=1`.
public enum Golden {
    /// The folder of golden files.
    public static var folder: String { Tools.repositoryRoot + "/Tests/LedgerTests/Goldens" }

    /// Compares `actual` with `Goldens/<name>`.
    public static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try check(actual, againstFile: folder + "/" + name, sourceLocation: sourceLocation)
    }

    /// Compares `actual` with the file at `path`.
    public static func check(_ actual: String, againstFile path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<missing golden \(path)>"
        #expect(actual == expected, "differs from \(path); re-record with RECORD_GOLDENS=1 if intended", sourceLocation: sourceLocation)
    }
}
