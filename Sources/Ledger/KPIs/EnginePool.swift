/// Engines on separate connections to one warehouse that run the independent pieces of a
/// report at the same time: one thread per engine, each engine used by one thread only.
///
/// Pieces are taken in the order given (put the largest first), and results come back in
/// that order whatever finished first, so a report does not depend on timing. With one
/// engine everything runs in order on the calling thread. The threads are the library's one
/// `WorkerPool`, which driver-monitoring scoring uses too.
final class EnginePool {
    let engines: [KPIEngine]

    init(_ first: KPIEngine, _ others: [KPIEngine]) {
        engines = [first] + others
    }

    /// Runs every task, one engine per worker of the library's `WorkerPool`; returns their
    /// results in task order (see `WorkerPool.map` for order and failure).
    func run<T>(_ tasks: [(KPIEngine) throws -> T]) throws -> [T] {
        try WorkerPool(workers: engines.count).map(tasks.count) { task, worker in try tasks[task](engines[worker]) }
    }
}
