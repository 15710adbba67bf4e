/// Writes the rows of one feed in one batch: natural-key upserts that tell inserted,
/// updated and unchanged rows apart, and child-line replacement per parent.
///
/// Statements are prepared once per file. Parameters `1…N` are the feed's columns in
/// catalogue order and `N+1` is the batch id, so the caller binds a row once per statement
/// without building any intermediate values.
final class TableWriter {
    enum Outcome { case inserted, updated, unchanged }

    let feed: Feed
    let batchID: Int64
    private let database: Database
    private let insert: Statement
    private let update: Statement
    /// Child feeds only: marks an unchanged line as delivered by this batch, so that
    /// replacement keeps it.
    private let stamp: Statement?

    init(feed: Feed, batchID: Int64, database: Database) throws {
        self.feed = feed
        self.batchID = batchID
        self.database = database
        let dialect = database.dialect
        let names = feed.columns.map(\.name)
        let batchParameter = dialect.parameter(names.count + 1)
        func quoted(_ name: String) -> String { "\"\(name)\"" }
        func parameter(of name: String) -> String { dialect.parameter((feed.index(of: name) ?? 0) + 1) }
        let keyMatch = feed.key.map { "\(quoted($0)) = \(parameter(of: $0))" }.joined(separator: " AND ")

        insert = try database.prepare(
            dialect.upsert(table: feed.name, columns: names + ["batch_id"], key: feed.key, updating: []))
        let nonKey = names.filter { !feed.isKey($0) }
        let sets = (nonKey.map { "\(quoted($0)) = \(parameter(of: $0))" } + ["batch_id = \(batchParameter)"])
            .joined(separator: ", ")
        let differs = nonKey.map { dialect.isDistinct(quoted($0), parameter(of: $0)) }.joined(separator: " OR ")
        update = try database.prepare(
            "UPDATE \(quoted(feed.name)) SET \(sets) WHERE \(keyMatch)" + (differs.isEmpty ? " AND 0 = 1" : " AND (\(differs))"))
        if feed.replacesLinesOf != nil {
            stamp = try database.prepare("UPDATE \(quoted(feed.name)) SET batch_id = \(batchParameter) WHERE \(keyMatch)")
        } else {
            stamp = nil
        }
        for statement in [insert, update] + (stamp.map { [$0] } ?? []) {
            try statement.bind(batchID, at: names.count + 1)
        }
    }

    /// Writes one row. `bind` binds the row's column values (parameters 1…N) into the
    /// statement it is given; it may be called more than once for the same row.
    func write(_ bind: (Statement) throws -> Void) throws -> Outcome {
        try bind(insert)
        try insert.step()
        insert.reset()
        if database.changes == 1 { return .inserted }
        try bind(update)
        try update.step()
        update.reset()
        if database.changes == 1 { return .updated }
        if let stamp {
            try bind(stamp)
            try stamp.step()
            stamp.reset()
        }
        return .unchanged
    }

    /// Child feeds: removes the lines of every parent that this batch delivered lines for,
    /// which this batch did not deliver. Returns how many were removed.
    func replaceChildLines() throws -> Int {
        guard let parent = feed.replacesLinesOf else { return 0 }
        let columns = parent.map { "\"\($0)\"" }.joined(separator: ", ")
        let table = "\"\(feed.name)\""
        try database.execute(
            """
            DELETE FROM \(table) WHERE batch_id <> ? AND (\(columns)) IN (
                SELECT \(columns) FROM \(table) WHERE batch_id = ?)
            """, [.integer(batchID), .integer(batchID)])
        return database.changes
    }

    /// Rows this batch wrote whose parent row is missing, per reference: count and one example key.
    func orphans() throws -> [(reference: FeedReference, count: Int, example: String)] {
        var found: [(FeedReference, Int, String)] = []
        for reference in feed.references {
            let rows = try database.rows(reference.orphanQuery(child: feed.name, batchRestricted: true), [.integer(batchID)])
            if let row = rows.first, let count = row[0].int64, count > 0 {
                found.append((reference, Int(count), row[1].string ?? ""))
            }
        }
        return found
    }
}
