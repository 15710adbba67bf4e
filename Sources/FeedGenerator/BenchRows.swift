import Ledger

/// Streams one large feed file for import benchmarks: `repair_orders` or `ro_parts` rows only.
///
/// Rows are realistic in shape (20 dealers, ROs of 1–5 parts lines, valid VINs, Chinese
/// complaints) and written one by one: a million rows take constant memory.
public struct BenchRowGenerator: Sendable {
    /// The feeds this generator can write.
    public static let feeds = ["repair_orders", "ro_parts"]

    public var feed: String
    public var rows: Int
    public var seed: UInt64
    public var catalogue: FeedCatalogue

    public init(feed: String, rows: Int, seed: UInt64 = 1, catalogue: FeedCatalogue = .standard) {
        self.feed = feed
        self.rows = rows
        self.seed = seed
        self.catalogue = catalogue
    }

    /// Writes the file at `path` and returns what was written.
    @discardableResult
    public func write(to path: String) throws -> GeneratedFile {
        guard Self.feeds.contains(feed), let definition = catalogue.feed(named: feed) else {
            throw GeneratorError.invalidSpec("bench rows are available for \(Self.feeds.joined(separator: ", ")), not \(feed)")
        }
        guard rows >= 0 else { throw GeneratorError.invalidSpec("rows must be ≥ 0, not \(rows)") }
        let writer = try FeedFileWriter(feed: definition, path: path)
        var rng = SeededGenerator(seed: seed, stream: feed == "ro_parts" ? 0xB2 : 0xB1)
        let brand = Catalogues.brands[0]
        let partList = Catalogues.parts(prefix: brand.prefix)
        let types = ["maintenance", "repair", "bodyshop", "warranty", "recall", "internal", "pdi"]
        let payTypes = ["customer", "customer", "customer", "warranty", "internal", "insurance"]
        var opened = CivilDay(2025, 1, 1).at(8)
        var roSequence = 0
        var written = 0
        while written < rows {
            roSequence += 1
            let dealer = "DLR" + FeedFormat.padded(roSequence % 20 + 1, 3)
            let roNo = "RO" + FeedFormat.padded(roSequence, 9)
            opened = opened.adding(minutes: rng.int(0...3))
            if feed == "repair_orders" {
                let type = types[rng.weightedIndex([45, 27, 10, 12, 3, 2, 1])]
                let completed = opened.adding(minutes: rng.int(60...4_000))
                let invoiced = completed.adding(minutes: rng.int(10...90))
                let model = rng.pick(brand.models)
                let vin = VINCode.make(wmi: brand.wmi, descriptor: model.descriptor, modelYear: rng.int(2016...2026),
                                   plant: VINCode.alphabet[roSequence / 1_000_000 % 33], serial: roSequence % 1_000_000)
                try writer.writeOrdered([
                    dealer, roNo, vin, opened.description, opened.adding(minutes: 240).description, completed.description,
                    invoiced.description, invoiced.adding(minutes: 30).description, String(rng.int(500...180_000)), type,
                    rng.chance(0.02) ? "void" : "invoiced", "E" + FeedFormat.padded(rng.int(1...40), 4), rng.chance(0.03) ? "1" : "0", "",
                    rng.pick(Catalogues.complaints[type] ?? ["检查"]), FeedFormat.flag(rng.chance(0.05)),
                ])
                written += 1
            } else {
                let lines = min(rng.int(1...5), rows - written)
                for line in 1...lines {
                    let part = rng.pick(partList)
                    let qty = part.unit == "升" ? 450 : rng.int(1...4) * 100
                    try writer.writeOrdered([
                        dealer, roNo, String(line), part.number, FeedFormat.hundredths(qty), FeedFormat.money(part.price),
                        FeedFormat.money(part.cost), rng.pick(payTypes), FeedFormat.flag(!rng.chance(0.06)),
                    ])
                }
                written += lines
            }
        }
        try writer.close()
        return GeneratedFile(feed: feed, path: path, rows: writer.rowCount)
    }
}
