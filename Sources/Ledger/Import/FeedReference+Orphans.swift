extension FeedReference {
    /// `SELECT COUNT(*), <example key>` over rows of `child` whose parent row is missing;
    /// with `batchRestricted`, only rows written by the batch bound as parameter 1.
    func orphanQuery(child: String, batchRestricted: Bool) -> String {
        let match = zip(columns, parentColumns).map { "p.\"\($1)\" = c.\"\($0)\"" }.joined(separator: " AND ")
        let present = columns.map { "c.\"\($0)\" IS NOT NULL" }.joined(separator: " AND ")
        let example = columns.map { "COALESCE(c.\"\($0)\", '')" }.joined(separator: " || '/' || ")
        return """
            SELECT COUNT(*), MIN(\(example)) FROM "\(child)" c
            WHERE \(batchRestricted ? "c.batch_id = ? AND " : "")\(present)
              AND NOT EXISTS (SELECT 1 FROM "\(feed)" p WHERE \(match))
            """
    }
}
