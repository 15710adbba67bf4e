import Foundation

/// Engines on separate connections to one warehouse that run the independent pieces of a
/// report at the same time: one thread per engine, each engine used by one thread only.
///
/// Pieces are taken in the order given (put the largest first), and results come back in
/// that order whatever finished first, so a report does not depend on timing. With one
/// engine everything runs in order on the calling thread.
final class EnginePool {
    let engines: [KPIEngine]

    init(_ first: KPIEngine, _ others: [KPIEngine]) {
        engines = [first] + others
    }

    /// Runs every task; returns their results in task order. When tasks fail, the error of
    /// the first failing task (in task order) is thrown once every running task has ended;
    /// tasks not started by then are skipped.
    func run<T>(_ tasks: [(KPIEngine) throws -> T]) throws -> [T] {
        if engines.count == 1 || tasks.count <= 1 { return try tasks.map { try $0(engines[0]) } }
        let work = SharedWork(tasks: tasks, engines: engines)
        DispatchQueue.concurrentPerform(iterations: min(engines.count, tasks.count)) { worker in
            work.runTasks(on: worker)
        }
        return try work.results()
    }

    /// The tasks and their results, shared by the worker threads under a lock. Each worker
    /// thread uses only its own engine, which is what makes the unchecked sendability sound.
    private final class SharedWork<T>: @unchecked Sendable {
        private let lock = NSLock()
        private let tasks: [(KPIEngine) throws -> T]
        private let engines: [KPIEngine]
        private var outcomes: [Result<T, any Error>?]
        private var next = 0
        private var failed = false

        init(tasks: [(KPIEngine) throws -> T], engines: [KPIEngine]) {
            self.tasks = tasks
            self.engines = engines
            self.outcomes = Array(repeating: nil, count: tasks.count)
        }

        func runTasks(on worker: Int) {
            while let index = take() {
                let outcome = Result { try tasks[index](engines[worker]) }
                lock.lock()
                outcomes[index] = outcome
                if case .failure = outcome { failed = true }
                lock.unlock()
            }
        }

        private func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard !failed, next < tasks.count else { return nil }
            next += 1
            return next - 1
        }

        func results() throws -> [T] {
            lock.lock()
            defer { lock.unlock() }
            for case .failure(let error)? in outcomes { throw error }
            return try outcomes.map { outcome in
                guard let outcome else { throw PoolError.notRun }
                return try outcome.get()
            }
        }
    }

    /// A task was skipped although none failed (cannot happen; guards the unwrapping).
    private struct PoolError: Error { static let notRun = PoolError() }
}
