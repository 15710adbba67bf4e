/// An exception list (kpis.md section 8): rows someone can act on, worst first.
public struct ExceptionList: Sendable, Hashable {
    /// A column: its name and whether it holds numbers.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var isNumber: Bool
        public init(_ name: String, number: Bool = false) {
            self.name = name
            self.isNumber = number
        }
    }

    /// A row: the dealer it belongs to (for regional bundles) and its cells (nil = empty).
    public struct Row: Sendable, Hashable {
        public var dealer: String
        public var cells: [String?]
    }

    /// The file name stem (`aged_vehicle_stock`).
    public var id: String
    public var title: String
    /// What puts a row on the list, as of the end of the period.
    public var rule: String
    public var columns: [Column]
    public var rows: [Row]

    /// The same list restricted to some dealers.
    public func only(dealers: Set<String>) -> ExceptionList {
        var copy = self
        copy.rows = rows.filter { dealers.contains($0.dealer) }
        return copy
    }
}

/// Masking of personal data in reports (feeds.md 5.3).
public enum PersonalData {
    /// A phone number with its middle hidden: `13812345678` → `138****5678`; short numbers
    /// show only `****`.
    public static func maskedPhone(_ phone: String) -> String {
        let characters = Array(phone.filter { !$0.isWhitespace })
        guard characters.count >= 8 else { return characters.isEmpty ? "" : "****" }
        return String(characters.prefix(3)) + "****" + String(characters.suffix(4))
    }
}
