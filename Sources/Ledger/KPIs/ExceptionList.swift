/// An exception list (kpis.md section 8): rows someone can act on, worst first.
public struct ExceptionList: Sendable, Hashable {
    /// A column: its canonical name (the CSV header), whether it holds numbers, and its name
    /// and one-line definition in both report languages.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var isNumber: Bool
        public var label: LocalizedText
        public var summary: LocalizedText

        init(_ name: String, number: Bool = false, _ labelZH: String, _ labelEN: String, zh summaryZH: String, en summaryEN: String) {
            self.name = name
            self.isNumber = number
            self.label = LocalizedText(zh: labelZH, en: labelEN)
            self.summary = LocalizedText(zh: summaryZH, en: summaryEN)
        }
    }

    /// Which query of the engine fills a list (`KPIEngine.rows(of:)`).
    public enum Query: Sendable, Hashable, CaseIterable {
        case agedVehicleStock, openROsOver3Days, rosPastPromise, comebackLog, obsoleteParts, warrantyClaimsPendingOver30Days
        case ordersPastPromisedDelivery, fleetDueForScrapping, fleetOverdueReturns
        case vehiclesInTransitOverdue, certificatesMissing, pdiFailedOpen, partsBelowMin, complaintsOpenOver7Days, warrantyRejections
    }

    /// What a list is: its id (the file name stem), names, rule, columns and query.
    public struct Definition: Sendable, Hashable {
        /// The file name stem (`aged_vehicle_stock`).
        public var id: String
        public var name: LocalizedText
        /// What puts a row on the list, as of the end of the period, in both languages.
        public var summary: LocalizedText
        public var columns: [Column]
        public var query: Query

        init(_ id: String, _ query: Query, _ nameZH: String, _ nameEN: String, zh ruleZH: String, en ruleEN: String, columns: [Column]) {
            self.id = id
            self.query = query
            self.name = LocalizedText(zh: nameZH, en: nameEN)
            self.summary = LocalizedText(zh: ruleZH, en: ruleEN)
            self.columns = columns
        }
    }

    /// A row: the dealer it belongs to (for regional bundles) and its cells (nil = empty).
    public struct Row: Sendable, Hashable {
        public var dealer: String
        public var cells: [String?]
    }

    public var definition: Definition
    public var rows: [Row]

    public init(_ definition: Definition, rows: [Row]) {
        self.definition = definition
        self.rows = rows
    }

    /// The file name stem (`aged_vehicle_stock`).
    public var id: String { definition.id }
    /// The English name.
    public var title: String { definition.name.en }
    /// What puts a row on the list (English).
    public var rule: String { definition.summary.en }
    public var columns: [Column] { definition.columns }

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
