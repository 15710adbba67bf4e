extension FeedReference {
    /// `SELECT COUNT(*)` (or, with `example`, the first orphan's key joined by `/`) over
    /// rows of `child` whose parent row is missing; with `batchRestricted`, only rows
    /// written by the batch bound as parameter 1.
    func orphanQuery(child: String, batchRestricted: Bool, example: Bool = false) -> String {
        let match = zip(columns, parentColumns).map { "p.\"\($1)\" = c.\"\($0)\"" }.joined(separator: " AND ")
        let present = columns.map { "c.\"\($0)\" IS NOT NULL" }.joined(separator: " AND ")
        let key = columns.map { "c.\"\($0)\"" }.joined(separator: " || '/' || ")
        return """
            SELECT \(example ? key : "COUNT(*)") FROM "\(child)" c
            WHERE \(batchRestricted ? "c.batch_id = ? AND " : "")\(present)
              AND NOT EXISTS (SELECT 1 FROM "\(feed)" p WHERE \(match))\(example ? " LIMIT 1" : "")
            """
    }

    /// Orphans of this reference among `child`'s rows: how many, and the smallest key.
    func orphans(child: String, batch: Int64?, in database: Database) throws -> (count: Int, example: String)? {
        let values: [DatabaseValue] = batch.map { [.integer($0)] } ?? []
        let count = try database.scalar(orphanQuery(child: child, batchRestricted: batch != nil), values).int64 ?? 0
        guard count > 0 else { return nil }
        let example = try database.scalar(orphanQuery(child: child, batchRestricted: batch != nil, example: true), values)
        return (Int(count), example.string ?? "")
    }
}
