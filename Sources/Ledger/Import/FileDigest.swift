import Foundation

/// The SHA-256 of an input file, worked out either before the load or on another thread
/// while the file loads.
///
/// The digest decides whether a file was loaded before, so it normally comes first. But a
/// file can only have been loaded before if a loaded batch has its exact size: when none
/// has, the digest (still needed for the batch ledger and the rejects file name) is worked
/// out beside the load, which on two cores hides its cost (≈ 1 s for 200 MB).
final class FileDigest: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<String, any Error>?

    /// A digest already known.
    init(value: String) {
        result = .success(value)
        done.signal()
    }

    /// Starts hashing the file at `path` on a background thread.
    init(hashingInBackground path: String) {
        Thread.detachNewThread { [self] in
            let value = Result { try Importer.sha256(of: path) }
            lock.lock()
            result = value
            lock.unlock()
            done.signal()
        }
    }

    /// The hex digest, waiting for the background thread if needed. Throws `InputError`
    /// when the file could not be read.
    func value() throws -> String {
        done.wait()
        done.signal()  // later calls do not wait
        lock.lock()
        defer { lock.unlock() }
        guard let result else { return "" }
        return try result.get()
    }
}
