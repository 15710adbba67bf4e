import Foundation
import Testing
@testable import Ledger

/// The pool that runs a report's independent pieces on several connections: results in task
/// order whatever finishes first, each engine on one thread at a time, errors passed on.
@Suite struct EnginePoolTests {
    struct Failure: Error, Equatable { var index: Int }

    static func pool(_ count: Int) throws -> EnginePool {
        let engines = try (0..<count).map { _ in KPIEngine(database: try Database(path: ":memory:")) }
        return EnginePool(engines[0], Array(engines.dropFirst()))
    }

    @Test(arguments: [1, 2, 3])
    func resultsComeBackInTaskOrder(engines: Int) throws {
        let pool = try Self.pool(engines)
        // Early tasks are the slowest, so later ones finish first on more than one engine.
        let tasks: [(KPIEngine) throws -> Int] = (0..<12).map { index in
            { engine in
                _ = try engine.database.scalar(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT SUM(i) FROM n",
                    [.integer(Int64((12 - index) * 20_000))])
                return index * index
            }
        }
        #expect(try pool.run(tasks) == (0..<12).map { $0 * $0 })
    }

    @Test func eachEngineRunsOnOneThreadAtATime() throws {
        let pool = try Self.pool(3)
        let busy = BusyEngines()
        let tasks: [(KPIEngine) throws -> Void] = (0..<30).map { _ in
            { engine in
                try busy.enter(ObjectIdentifier(engine))
                _ = try engine.database.scalar(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) SELECT SUM(i) FROM n")
                busy.leave(ObjectIdentifier(engine))
            }
        }
        _ = try pool.run(tasks)
        #expect(busy.used.count >= 1 && busy.used.count <= 3)
    }

    @Test(arguments: [1, 2])
    func theFirstFailingTaskInTaskOrderIsThrown(engines: Int) throws {
        let pool = try Self.pool(engines)
        let tasks: [(KPIEngine) throws -> Int] = (0..<6).map { index in
            { _ in
                if index == 2 || index == 4 { throw Failure(index: index) }
                return index
            }
        }
        #expect(throws: Failure(index: 2)) { try pool.run(tasks) }
    }

    @Test func noTasksGiveNoResults() throws {
        let tasks: [(KPIEngine) throws -> Int] = []
        #expect(try Self.pool(2).run(tasks).isEmpty)
    }

    /// Records which engines are in use; entering one that is busy is an error.
    final class BusyEngines: @unchecked Sendable {
        struct Overlap: Error {}
        private let lock = NSLock()
        private var busy: Set<ObjectIdentifier> = []
        private(set) var used: Set<ObjectIdentifier> = []

        func enter(_ engine: ObjectIdentifier) throws {
            lock.lock()
            defer { lock.unlock() }
            guard busy.insert(engine).inserted else { throw Overlap() }
            used.insert(engine)
        }

        func leave(_ engine: ObjectIdentifier) {
            lock.lock()
            busy.remove(engine)
            lock.unlock()
        }
    }
}
