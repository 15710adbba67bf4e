import Foundation

/// The library's one worker pool: runs numbered tasks on up to `workers` threads, each thread
/// with its own worker index (so a caller can give each worker its own state, such as a
/// database connection), and returns the results in task order whatever finished first, so
/// that outputs never depend on timing or on the number of workers.
///
/// Tasks are taken in order (put the largest first). When a task fails no new task is
/// started; the error of the first failing task (in task order) is thrown once every running
/// task has ended. With one worker, or one task, everything runs on the calling thread.
struct WorkerPool: Sendable {
    let workers: Int

    init(workers: Int) { self.workers = max(1, workers) }

    /// Runs `body(task, worker)` for every task in `0..<count`.
    func map<T>(_ count: Int, _ body: (_ task: Int, _ worker: Int) -> T) -> [T] {
        run(count, stopAfter: { _ in false }, body).compactMap { $0 }
    }

    /// Runs `body(task, worker)` for every task in `0..<count` until one throws.
    func map<T>(_ count: Int, _ body: (_ task: Int, _ worker: Int) throws -> T) throws -> [T] {
        let outcomes = run(count, stopAfter: { (outcome: Result<T, any Error>) in
            if case .failure = outcome { return true }
            return false
        }) { task, worker in Result { try body(task, worker) } }
        for case .failure(let error)? in outcomes { throw error }
        return try outcomes.map { outcome in
            guard let outcome else { throw NotRun() }
            return try outcome.get()
        }
    }

    /// Every task's result (nil for tasks not started because an earlier result said stop).
    private func run<T>(_ count: Int, stopAfter: (T) -> Bool, _ body: (Int, Int) -> T) -> [T?] {
        let threads = min(workers, count)
        if threads <= 1 {
            var out: [T?] = Array(repeating: nil, count: count)
            for task in 0..<count {
                let result = body(task, 0)
                out[task] = result
                if stopAfter(result) { break }
            }
            return out
        }
        let work = SharedWork<T>(count: count)
        withoutActuallyEscaping(body) { body in
            withoutActuallyEscaping(stopAfter) { stopAfter in
                let shared = Unchecked(body: body, stopAfter: stopAfter)
                DispatchQueue.concurrentPerform(iterations: threads) { worker in
                    while let task = work.take() {
                        let result = shared.body(task, worker)
                        work.store(result, at: task, stop: shared.stopAfter(result))
                    }
                }
            }
        }
        return work.outcomes
    }

    /// The caller's closures, called from the pool's threads. Sound because each call gets its
    /// own task index and worker index, and the caller's per-worker state is only touched by
    /// the thread holding that worker index.
    private struct Unchecked<T>: @unchecked Sendable {
        let body: (Int, Int) -> T
        let stopAfter: (T) -> Bool
    }

    /// Task numbers and results, shared by the worker threads under a lock.
    private final class SharedWork<T>: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [T?]
        private var next = 0
        private var stopped = false

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard !stopped, next < results.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: T, at index: Int, stop: Bool) {
            lock.lock()
            results[index] = result
            if stop { stopped = true }
            lock.unlock()
        }

        var outcomes: [T?] {
            lock.lock()
            defer { lock.unlock() }
            return results
        }
    }

    /// A task was skipped although none failed (cannot happen; guards the unwrapping).
    private struct NotRun: Error {}
}
