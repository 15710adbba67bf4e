import Foundation
import Testing
import TestSupport
@testable import Ledger

/// The orphan check of a delimited file counts rows per parent value while they are written
/// (`OrphanTally`) instead of joining the batch's rows to the parent table afterwards; it
/// must say exactly what the query says, and fall back to the query past its bound.
@Suite struct OrphanTallyTests {
    final class Warnings: @unchecked Sendable {
        var messages: [String] = []
    }

    /// Loads `files` in order into one warehouse; returns it, the orphan warnings and, per
    /// file, what `FeedReference.orphans` (the query) says about that file's batch.
    static func load(_ files: [(String, String)], tallyLimit: Int? = nil) throws
        -> (database: Database, warnings: [String], queried: [[String]])
    {
        let directory = try TemporaryDirectory("orphan-tally")
        let database = try Database(path: directory.file("dms.sqlite"))
        try WarehouseSchema.migrator.migrate(database)
        let warnings = Warnings()
        var queried: [[String]] = []
        for (name, text) in files {
            let path = try directory.write(name, bytes: Array(text.utf8))
            var options = ImportOptions()
            options.maxRejectRate = 1
            let importer = try Importer(database: database, options: options, clock: FixedClock(seconds: 1_800_000_000)) { event in
                if case .diagnostic(let diagnostic) = event, diagnostic.message.contains("reference a missing") {
                    warnings.messages.append(diagnostic.message)
                }
            }
            if let tallyLimit { importer.orphanTallyLimit = tallyLimit }
            let summaries = try importer.load(paths: [path])
            #expect(summaries.map(\.outcome) == [.loaded], "\(summaries)")
            let batch = try database.scalar("SELECT MAX(batch_id) FROM batches").int64
            let feed = try #require(FeedCatalogue.standard.feed(named: summaries[0].feed ?? ""))
            queried.append(try feed.references.compactMap { reference in
                try reference.orphans(child: feed.name, batch: batch, in: database).map {
                    "\($0.count) \(feed.name) row(s) reference a missing \(reference.feed) row (\(reference.columns.joined(separator: ", "))), e.g. \($0.example)"
                }
            })
        }
        return (database, warnings.messages, queried)
    }

    /// The orphan warnings of all files, in order, say what the query says.
    static func expect(_ warnings: [String], match queried: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Array(queried.joined())
        #expect(warnings.count == expected.count, "\(warnings)", sourceLocation: sourceLocation)
        for (warning, query) in zip(warnings, expected) {
            #expect(warning.hasPrefix(query + ";"), "\(warning)", sourceLocation: sourceLocation)
        }
    }

    static let dealers = "dealer_code,name\nDLR001,One\nDLR002,Two\n"

    @Test func countsOrphansPerParentValueAsTheQueryDoes() throws {
        let orders = """
            dealer_code,ro_no,opened_at
            DLR001,RO1,2026-10-01 09:00
            DLR009,RO2,2026-10-01 09:00
            DLR002,RO3,2026-10-01 09:00
             DLR009 ,RO4,2026-10-01 09:00
            DLR008,RO5,2026-10-01 09:00

            """
        let (_, warnings, queried) = try Self.load([("dealers.csv", Self.dealers), ("repair_orders_1.csv", orders)])
        #expect(queried[1] == ["3 repair_orders row(s) reference a missing dealers row (dealer_code), e.g. DLR009"])
        Self.expect(warnings, match: queried)
    }

    /// A second file: updated rows count, unchanged rows keep their old batch and do not,
    /// a key repeated inside the file counts once, rejected rows not at all.
    @Test func updatedUnchangedRepeatedAndRejectedRows() throws {
        let first = """
            dealer_code,ro_no,mileage_km
            DLR009,RO1,100
            DLR009,RO2,100
            DLR001,RO3,100

            """
        let second = """
            dealer_code,ro_no,mileage_km
            DLR009,RO1,100
            DLR009,RO2,200
            DLR007,RO4,100
            DLR007,RO4,150
            DLR007,RO5,not-a-number
            DLR001,RO3,300

            """
        let (_, warnings, queried) = try Self.load([
            ("dealers.csv", Self.dealers), ("repair_orders_1.csv", first), ("repair_orders_2.csv", second),
        ])
        #expect(queried[1] == ["2 repair_orders row(s) reference a missing dealers row (dealer_code), e.g. DLR009"])
        #expect(queried[2] == ["2 repair_orders row(s) reference a missing dealers row (dealer_code), e.g. DLR009"])
        Self.expect(warnings, match: queried)
    }

    /// Child lines: a re-sent line that did not change is re-stamped with the new batch and
    /// counts; the reference has two columns.
    @Test func childLinesReferenceTheirOrder() throws {
        let orders = "dealer_code,ro_no\nDLR001,RO1\n"
        let labor = """
            dealer_code,ro_no,line_no,op_code
            DLR001,RO1,1,A
            DLR001,RO9,1,A
            DLR001,RO9,2,B

            """
        let labor2 = """
            dealer_code,ro_no,line_no,op_code
            DLR001,RO9,1,A
            DLR001,RO9,2,C
            DLR001,RO1,1,A
            DLR002,RO8,1,A

            """
        let (_, warnings, queried) = try Self.load([
            ("repair_orders_1.csv", orders), ("ro_labor_1.csv", labor), ("ro_labor_2.csv", labor2),
        ])
        #expect(queried[1] == ["2 ro_labor row(s) reference a missing repair_orders row (dealer_code, ro_no), e.g. DLR001/RO9"])
        #expect(queried[2] == ["3 ro_labor row(s) reference a missing repair_orders row (dealer_code, ro_no), e.g. DLR001/RO9"])
        Self.expect(warnings, match: queried)
    }

    /// Past its bound the tally gives up and the query answers: the same warning.
    @Test func fallsBackToTheQueryPastItsBound() throws {
        let orders = """
            dealer_code,ro_no
            DLR001,RO1
            DLR009,RO2
            DLR008,RO3
            DLR009,RO4

            """
        let bounded = try Self.load([("dealers.csv", Self.dealers), ("repair_orders_1.csv", orders)], tallyLimit: 2)
        let tallied = try Self.load([("dealers.csv", Self.dealers), ("repair_orders_1.csv", orders)])
        #expect(bounded.queried[1] == ["3 repair_orders row(s) reference a missing dealers row (dealer_code), e.g. DLR009"])
        #expect(bounded.warnings == tallied.warnings)
        #expect(bounded.warnings.count == 1)
    }

    @Test func tallyCountsValuesAndOverflows() throws {
        var tally = OrphanTally(reference: FeedReference(["a", "b"], to: "p"), columns: [0, 1], limit: 3)
        func add(_ values: [String]) {
            tally.begin()
            for value in values { Array(value.utf8).withUnsafeBytes { tally.append($0) } }
            tally.commit()
        }
        add(["x", "1"]); add(["x", "1"]); add(["x1", ""]); add(["", "x1"]); add(["x", "1"])
        #expect(tally.values.map { "\($0.columns.joined(separator: "|"))=\($0.rows)" } == ["x|1=3", "x1|=1", "|x1=1"])
        #expect(!tally.overflowed)
        add(["y", "2"])
        #expect(tally.overflowed)
        #expect(tally.values.isEmpty)
    }

    /// Many distinct values (the table grows past its first size) keep their counts.
    @Test func tallyGrows() throws {
        var tally = OrphanTally(reference: FeedReference(["a"], to: "p"), columns: [0])
        for round in 0..<3 {
            for index in 0..<1000 {
                tally.begin()
                Array("D\(index)".utf8).withUnsafeBytes { tally.append($0) }
                tally.commit()
            }
            #expect(tally.values.count == 1000, "round \(round)")
        }
        #expect(tally.values.allSatisfy { $0.rows == 3 })
        #expect(tally.rows == 3000)
    }
}
