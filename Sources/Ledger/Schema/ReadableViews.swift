/// Views with readable units over every feed table (`<feed>_v`): money in yuan and
/// quantities, hours and scores as decimals, so that an analyst's
/// `SELECT SUM(sale_price) FROM sales_orders_v` is right in sqlite3 and in DuckDB (which
/// re-creates an attached SQLite view from its SQL, so the SQL is kept to what both read).
///
/// The views are derived from the feed catalogue, not frozen in a migration: every
/// read-write open compares each view's stored SQL with the catalogue's and re-creates the
/// ones that differ or are missing, so a feed or a column added later (with its migration)
/// gets its view without anyone remembering to write one.
public enum ReadableViews {
    /// The suffix of a feed's readable view.
    public static let suffix = "_v"

    /// The name of `feed`'s readable view.
    public static func name(of feed: Feed) -> String { feed.name + suffix }

    /// The factor that turns a stored integer of `type` into its readable decimal, if any.
    ///
    /// A multiplication by a decimal literal, not a division: SQLite makes it a double
    /// (the same nearest double as `/ 100.0` for every amount the warehouse holds), and
    /// DuckDB an exact DECIMAL, so DuckDB's sums are exact to the fen.
    public static func factor(of type: ColumnType) -> String? {
        switch type {
        case .money: return "0.01"
        case .decimal, .score: return "0.0001"
        case .text, .date, .dateTime, .integer, .boolean, .enumeration, .vin: return nil
        }
    }

    /// `CREATE VIEW` for one feed, exactly as SQLite stores it in `sqlite_master`.
    public static func definition(for feed: Feed) -> String {
        var columns = feed.columns.map { column -> String in
            let name = "\"\(column.name)\""
            guard let factor = factor(of: column.type) else { return "    \(name)" }
            return "    \(name) * \(factor) AS \(name)"
        }
        columns.append("    batch_id")
        // Quoted catalogue names and constant factors only.
        return "CREATE VIEW \"\(name(of: feed))\" AS SELECT\n" + columns.joined(separator: ",\n") + "\nFROM \"\(feed.name)\""
    }

    /// The views of a catalogue: name and definition.
    public static func definitions(_ catalogue: FeedCatalogue = .standard) -> [(name: String, sql: String)] {
        catalogue.feeds.map { (name(of: $0), definition(for: $0)) }
    }

    /// Re-creates every view that is missing or whose SQL differs from the catalogue's, in
    /// one write transaction (nothing is written when all are current). Returns the names
    /// of the views it (re-)created.
    @discardableResult
    public static func synchronise(_ database: Database, catalogue: FeedCatalogue = .standard) throws -> [String] {
        let wanted = definitions(catalogue)
        func stale() throws -> [(name: String, sql: String)] {
            let stored = try database.rows("SELECT name, sql FROM sqlite_master WHERE type = 'view'")
            var current: [String: String] = [:]
            for row in stored { if let name = row[0].string { current[name] = row[1].string } }
            return wanted.filter { current[$0.name] != $0.sql }
        }
        guard try !stale().isEmpty else { return [] }
        return try database.writeTransaction {
            // Again inside the lock: another run may have re-created them meanwhile.
            let views = try stale()
            for view in views {
                try database.execute("DROP VIEW IF EXISTS \"\(view.name)\"")
                try database.execute(view.sql)
            }
            return views.map(\.name)
        }
    }
}
