/// Writes the rows of one feed in one batch: natural-key upserts that tell inserted,
/// updated and unchanged rows apart, and child-line replacement per parent.
///
/// Statements are prepared once per file. Parameters `1…N` are the feed's columns in
/// catalogue order, `N+1` is the batch id and `N+2` the row's line in the file, so the
/// caller binds a row once per statement without building any intermediate values.
///
/// A key repeated inside one file is found at no cost to the insert path: every row carries
/// the batch that last wrote it, so a row that does not insert and is already stamped with
/// this batch was written by an earlier record of the same file (its `source_line` says
/// which). The later record wins and counts as a duplicate, not as an update.
final class TableWriter {
    enum Outcome: Equatable {
        case inserted, updated, unchanged
        /// The key was written by an earlier record of this file, on `earlierLine`.
        case duplicate(earlierLine: Int)
    }

    let feed: Feed
    let batchID: Int64
    private let database: Database
    private let insert: Statement
    private let update: Statement
    /// Finds a row of this key already written by this batch (a repeated key).
    private let probe: Statement
    /// Overwrites a repeated key's row with the later record.
    private let overwrite: Statement
    private let lineParameter: Int
    /// Child feeds only: marks an unchanged line as delivered by this batch, so that
    /// replacement keeps it.
    private let stamp: Statement?
    /// Child feeds only: deletes one parent's lines that this batch did not deliver.
    private let removeStale: Statement?
    /// Parameter indexes (1-based) of the parent key columns in a row's binding.
    private let parentParameters: [Int]
    /// The parent key of the previous row, as bytes of its bound text.
    private var currentParent: [String] = []
    private var hasCurrentParent = false
    /// Whether the table held rows of other batches when the file started; when it did
    /// not, no stale line can exist and replacement has nothing to do.
    private let tableHadRows: Bool
    /// Lines removed by replacement so far.
    private(set) var removedLines = 0
    /// Rows stamped with this batch so far (inserted, updated, or — child lines — kept
    /// unchanged and re-stamped): the rows `FeedReference.orphans` looks at.
    private(set) var batchRows = 0
    /// Per reference, the rows of this batch counted by parent value while the file loaded;
    /// used by `orphans()` when it saw every one of `batchRows`.
    var orphanTallies: [OrphanTally] = []

    /// - Parameter present: which of the feed's columns rows carry (nil: all). Rows of
    ///   structured sources (XML) carry only the columns their document has: the others
    ///   are neither inserted nor overwritten, so a warranty decision updates the claim's
    ///   decision columns without erasing what the dealer's claim file said.
    init(feed: Feed, batchID: Int64, database: Database, present: [Bool]? = nil) throws {
        self.feed = feed
        self.batchID = batchID
        self.database = database
        let dialect = database.dialect
        let names = feed.columns.map(\.name)
        let batchParameter = dialect.parameter(names.count + 1)
        let lineParameter = dialect.parameter(names.count + 2)
        self.lineParameter = names.count + 2
        func quoted(_ name: String) -> String { "\"\(name)\"" }
        func parameter(of name: String) -> String { dialect.parameter((feed.index(of: name) ?? 0) + 1) }
        let keyMatch = feed.key.map { "\(quoted($0)) = \(parameter(of: $0))" }.joined(separator: " AND ")
        let written = names.enumerated().filter { present?[$0.offset] ?? true || feed.isKey($0.element) }.map(\.element)

        insert = try database.prepare(
            dialect.insertIgnoringConflicts(
                table: feed.name, columns: written + ["batch_id", "source_line"],
                parameters: written.map(parameter(of:)) + [batchParameter, lineParameter], key: feed.key))
        let nonKey = written.filter { !feed.isKey($0) }
        let sets = (nonKey.map { "\(quoted($0)) = \(parameter(of: $0))" }
            + ["batch_id = \(batchParameter)", "source_line = \(lineParameter)"])
            .joined(separator: ", ")
        let differs = nonKey.map { dialect.isDistinct(quoted($0), parameter(of: $0)) }.joined(separator: " OR ")
        let otherBatch = "batch_id <> \(batchParameter)"
        update = try database.prepare(
            "UPDATE \(quoted(feed.name)) SET \(sets) WHERE \(keyMatch) AND \(otherBatch)"
                + (differs.isEmpty ? " AND 0 = 1" : " AND (\(differs))"))
        probe = try database.prepare(
            "SELECT source_line FROM \(quoted(feed.name)) WHERE \(keyMatch) AND batch_id = \(batchParameter)")
        overwrite = try database.prepare("UPDATE \(quoted(feed.name)) SET \(sets) WHERE \(keyMatch)")
        if let parent = feed.replacesLinesOf {
            stamp = try database.prepare(
                "UPDATE \(quoted(feed.name)) SET batch_id = \(batchParameter), source_line = \(lineParameter) WHERE \(keyMatch) AND \(otherBatch)")
            let parentMatch = parent.enumerated().map { "\(quoted($1)) = \(dialect.parameter($0 + 1))" }.joined(separator: " AND ")
            removeStale = try database.prepare(
                "DELETE FROM \(quoted(feed.name)) WHERE \(parentMatch) AND batch_id <> \(dialect.parameter(parent.count + 1))")
            try removeStale?.bind(batchID, at: parent.count + 1)
            parentParameters = parent.compactMap { feed.index(of: $0).map { $0 + 1 } }
            tableHadRows = try database.scalar("SELECT COUNT(*) FROM (SELECT 1 FROM \(quoted(feed.name)) LIMIT 1)").int64 ?? 0 > 0
        } else {
            stamp = nil
            removeStale = nil
            parentParameters = []
            tableHadRows = false
        }
        for statement in [insert, update, probe, overwrite] + (stamp.map { [$0] } ?? []) {
            try statement.bind(batchID, at: names.count + 1)
        }
    }

    /// Writes the row of file line `line`. `bind` binds the row's column values
    /// (parameters 1…N) into the statement it is given; it may be called more than once
    /// for the same row.
    func write(line: Int, _ bind: (Statement) throws -> Void) throws -> Outcome {
        try bind(insert)
        try insert.bind(Int64(line), at: lineParameter)
        try insert.step()
        insert.reset()
        if database.changes == 1 {
            batchRows += 1
            return .inserted
        }
        try bind(update)
        try update.bind(Int64(line), at: lineParameter)
        try update.step()
        update.reset()
        if database.changes == 1 {
            batchRows += 1
            return .updated
        }
        if let stamp {
            try bind(stamp)
            try stamp.bind(Int64(line), at: lineParameter)
            try stamp.step()
            stamp.reset()
            if database.changes == 1 {
                batchRows += 1
                return .unchanged
            }
        }
        // Not inserted, not updated: unchanged, unless this batch wrote the key before.
        try bind(probe)
        let earlier: Int64? = try probe.step() ? probe.int64(0) : nil
        probe.reset()
        guard let earlier else { return .unchanged }
        try bind(overwrite)
        try overwrite.bind(Int64(line), at: lineParameter)
        try overwrite.step()
        overwrite.reset()
        return .duplicate(earlierLine: Int(earlier))
    }

    /// Child feeds: called with each written row's parent key (in file order). When the
    /// parent changes, the previous parent's lines that this batch did not deliver are
    /// removed — its lines are replaced as a set. A parent that comes back later in the
    /// file keeps what this batch delivered earlier, since those lines carry its batch id.
    func didWrite(parent key: [String]) throws {
        guard removeStale != nil, tableHadRows else { return }
        if hasCurrentParent && key == currentParent { return }
        try finishParent()
        currentParent = key
        hasCurrentParent = true
    }

    /// Replaces the lines of the last parent seen. Returns how many lines replacement removed in all.
    @discardableResult
    func finishParent() throws -> Int {
        if hasCurrentParent, let removeStale {
            for (offset, value) in currentParent.enumerated() { try removeStale.bind(value, at: offset + 1) }
            try removeStale.step()
            removeStale.reset()
            removedLines += database.changes
            hasCurrentParent = false
        }
        return removedLines
    }

    /// Whether rows of this feed carry parent keys that `didWrite(parent:)` needs.
    var tracksParents: Bool { removeStale != nil && tableHadRows }

    /// The parameter indexes of the parent key, for callers that read it from their cells.
    var parentKeyParameters: [Int] { parentParameters }

    /// Whether an `.unchanged` outcome re-stamped the row with this batch (child lines).
    var stampsUnchangedRows: Bool { stamp != nil }

    /// Rows this batch wrote whose parent row is missing, per reference: count and one example key.
    /// A reference tallied over every row of the batch (`orphanTallies`) looks up each
    /// distinct parent value once; the others join the batch's rows to the parent table.
    func orphans() throws -> [(reference: FeedReference, count: Int, example: String)] {
        var found: [(FeedReference, Int, String)] = []
        for reference in feed.references {
            if let tally = orphanTallies.first(where: { $0.reference == reference && !$0.overflowed && $0.rows == batchRows }) {
                if let orphans = try tally.orphans(in: database) { found.append((reference, orphans.count, orphans.example)) }
                continue
            }
            if let orphans = try reference.orphans(child: feed.name, batch: batchID, in: database) {
                found.append((reference, orphans.count, orphans.example))
            }
        }
        return found
    }
}
