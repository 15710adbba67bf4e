/// The business dates of the activity feeds (cli.md "Completeness"): which columns say
/// what day a row belongs to. A feed's *data through* date is the latest of them.
///
/// Declarative on purpose: a new activity feed is one more line here. Entries whose feed
/// (or column) the catalogue does not have are ignored, so the table can name a feed
/// before the catalogue gains it.
public enum ActivityDates {
    /// Feed name → its business-date columns, in the order of cli.md.
    public static let table: [(feed: String, columns: [String])] = [
        ("repair_orders", ["opened_at", "invoiced_at"]),
        ("sales_orders", ["order_date", "delivered_on"]),
        ("part_movements", ["moved_at"]),
        ("vehicle_events", ["event_time"]),
        ("attendance", ["work_date"]),
        ("appointments", ["created_at"]),
        ("csi_surveys", ["survey_date"]),
        ("fleet_bookings", ["checked_out_at", "returned_at"]),
        ("expenses", ["posting_date"]),
        ("warranty_claims", ["submitted_on", "decided_on"]),
        ("complaints", ["opened_at", "closed_at"]),
    ]

    /// One activity feed of a catalogue and its date columns (all of type date or date-time).
    public struct Entry: Sendable, Hashable {
        public var feed: String
        public var columns: [String]
    }

    /// The activity feeds `catalogue` has, in table order, with the date columns it has.
    public static func entries(in catalogue: FeedCatalogue = .standard) -> [Entry] {
        table.compactMap { item in
            guard let feed = catalogue.feed(named: item.feed) else { return nil }
            let columns = item.columns.filter { name in
                switch feed.column(named: name)?.type {
                case .date?, .dateTime?: return true
                default: return false
                }
            }
            return columns.isEmpty ? nil : Entry(feed: feed.name, columns: columns)
        }
    }
}
