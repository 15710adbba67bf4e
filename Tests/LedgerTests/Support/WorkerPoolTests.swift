import Foundation
import Testing

@testable import Ledger

@Suite struct WorkerPoolTests {
    /// Counts how many tasks hold each worker index at once, and the most seen.
    final class Occupancy: @unchecked Sendable {
        let lock = NSLock()
        var holding: [Int: Int] = [:]
        var most = 0
        var running = 0
        var mostRunning = 0

        func enter(_ worker: Int) {
            lock.lock()
            holding[worker, default: 0] += 1
            most = max(most, holding[worker] ?? 0)
            running += 1
            mostRunning = max(mostRunning, running)
            lock.unlock()
        }

        func leave(_ worker: Int) {
            lock.lock()
            holding[worker, default: 0] -= 1
            running -= 1
            lock.unlock()
        }
    }

    @Test(arguments: [1, 2, 4, 9])
    func resultsComeBackInTaskOrderWithEachWorkerOnOneThreadAtATime(workers: Int) {
        let occupancy = Occupancy()
        let results = WorkerPool(workers: workers).map(40) { task, worker in
            occupancy.enter(worker)
            defer { occupancy.leave(worker) }
            // Later tasks finish sooner, so completion order differs from task order.
            usleep(UInt32((40 - task) * 100))
            return (task * task, worker)
        }
        #expect(results.map(\.0) == (0..<40).map { $0 * $0 })
        #expect(results.allSatisfy { $0.1 >= 0 && $0.1 < max(1, min(workers, 40)) })
        #expect(occupancy.most == 1)
        #expect(occupancy.mostRunning <= workers)
    }

    struct Failure: Error, Equatable { let task: Int }

    @Test func theFirstFailureInTaskOrderIsThrownAndNoNewTaskStarts() throws {
        let started = Occupancy()
        #expect(throws: Failure(task: 3)) {
            _ = try WorkerPool(workers: 1).map(10) { task, worker in
                started.enter(task)
                if task == 3 || task == 5 { throw Failure(task: task) }
                return task
            }
        }
        // One worker: tasks after the failing one never start.
        #expect(started.holding.keys.sorted() == [0, 1, 2, 3])
        #expect(throws: Failure(task: 2)) {
            _ = try WorkerPool(workers: 3).map(50) { task, _ in
                if task == 2 || task == 4 {
                    usleep(task == 2 ? 20_000 : 0)
                    throw Failure(task: task)
                }
                return task
            }
        }
    }

    @Test func noTasksAndMoreWorkersThanTasks() throws {
        #expect(WorkerPool(workers: 4).map(0) { task, _ in task }.isEmpty)
        let plusOne: (Int, Int) throws -> Int = { task, _ in task + 1 }
        #expect(try WorkerPool(workers: 8).map(2, plusOne) == [1, 2])
        #expect(WorkerPool(workers: 0).workers == 1)
    }
}
