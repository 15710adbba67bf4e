import Foundation

/// How rows of one shape bind into one feed: decided once per layout of a
/// `SlottedRowSource` (or once per feed for `SourceRow`s), not per row.
final class RowPlan {
    let feed: Feed
    let types: [PreparedColumnType]
    let isKey: [Bool]
    /// Catalogue column → index of its cell in a row, or -1 when rows never carry it.
    let slots: [Int]
    /// The `dealer_code` column, which `--dealer` fills when a row lacks it.
    let dealerColumn: Int?
    let vinColumn: Int?
    /// The writer of the last present-mask seen (rows of a document mostly share one).
    var lastPresent: [Bool] = []
    var lastWriter: TableWriter?
    /// Scratch buffer for a row's present-mask.
    var present: [Bool]

    init(feed: Feed, types: [PreparedColumnType], cellColumns: [String]?) {
        self.feed = feed
        self.types = types
        isKey = feed.columns.map { feed.isKey($0.name) }
        if let cellColumns {
            slots = feed.columns.map { column in cellColumns.firstIndex(of: column.name) ?? -1 }
        } else {
            slots = Array(feed.columns.indices)
        }
        dealerColumn = feed.index(of: "dealer_code")
        vinColumn = feed.index(of: "vin")
        present = [Bool](repeating: false, count: feed.columns.count)
    }
}

extension FileLoad {
    /// Loads one row given as raw text per canonical column (XML documents, profiled
    /// exports). Only the columns the row carries are written (see `TableWriter`); cells are
    /// parsed by the same value rules as canonical CSV.
    func load(row: SourceRow, parser: ValueParser, summary: inout FileSummary) throws {
        let plan = try rowPlan(feed: row.feed, line: row.line, column: row.column)
        let cells = plan.feed.columns.map { row.values[$0.name] }
        try load(cells: cells, plan: plan, line: row.line, raw: row.raw, parser: parser, summary: &summary)
    }

    /// The plan of a feed whose rows carry cells in catalogue order (`SourceRow`s).
    func rowPlan(feed name: String, line: Int, column: Int?) throws -> RowPlan {
        if let plan = rowPlans[name] { return plan }
        guard let feed = importer.catalogue.feed(named: name) else {
            throw FeedFileError(file: file.path, line: line, column: column, "mapping produced unknown feed \(name)")
        }
        let plan = RowPlan(feed: feed, types: prepared(feed), cellColumns: nil)
        rowPlans[name] = plan
        return plan
    }

    /// The plan of rows of `layout`.
    func rowPlan(layout: RowLayout, line: Int, column: Int?) throws -> RowPlan {
        guard let feed = importer.catalogue.feed(named: layout.feed) else {
            throw FeedFileError(file: file.path, line: line, column: column, "mapping produced unknown feed \(layout.feed)")
        }
        return RowPlan(feed: feed, types: prepared(feed), cellColumns: layout.columns)
    }

    /// Loads one row whose cells follow `plan`; `raw` renders the row for the rejects file.
    func load(
        cells: [String?], plan: RowPlan, line: Int, raw: @autoclosure () -> String, parser: ValueParser,
        summary: inout FileSummary
    ) throws {
        summary.rowsRead += 1
        let feed = plan.feed
        let dealer = options.dealer
        let slots = plan.slots
        func value(_ column: Int) -> String? {
            let slot = slots[column]
            if slot >= 0, let cell = cells[slot] { return cell }
            return column == plan.dealerColumn ? dealer : nil
        }
        let columnCount = slots.count
        var same = plan.lastWriter != nil
        for column in 0..<columnCount {
            let has = value(column) != nil
            plan.present[column] = has
            if same && plan.lastPresent[column] != has { same = false }
        }
        let writer: TableWriter
        if same, let last = plan.lastWriter {
            writer = last
        } else {
            writer = try self.writer(for: feed, present: plan.present)
            plan.lastWriter = writer
            plan.lastPresent = plan.present
        }
        let types = plan.types
        let isKey = plan.isKey
        var vinWarning = false
        let outcome: TableWriter.Outcome
        do {
            outcome = try writer.write(line: line) { statement in
                vinWarning = false
                for index in 0..<columnCount {
                    guard var text = value(index) else {
                        if isKey[index] { throw CellRejected(column: index, reason: "key column is empty") }
                        continue
                    }
                    let result = try text.withUTF8 { bytes in
                        try self.bindCell(
                            UnsafeRawBufferPointer(bytes), type: types[index], isKey: isKey[index],
                            statement: statement, at: index + 1, parser: parser)
                    }
                    switch result {
                    case .ok: break
                    case .vinCheckDigit: vinWarning = true
                    case .invalid(let reason): throw CellRejected(column: index, reason: reason)
                    }
                }
            }
        } catch let rejected as CellRejected {
            let name = feed.columns[rejected.column].name
            try reject(line: line, column: name, value: value(rejected.column), reason: rejected.reason, raw: raw(), summary: &summary)
            return
        }
        count(
            outcome, line: line, key: Self.describeKey(feed.key.compactMap(feed.index(of:)).map { value($0) ?? "" }),
            in: &summary)
        if writer.tracksParents {
            try writer.didWrite(parent: writer.parentKeyParameters.map { (value($0 - 1) ?? "").trimmingCharacters(in: .whitespaces) })
        }
        if vinWarning {
            warn(kind: "VIN check digit", line: line, "VIN \(plan.vinColumn.flatMap(value) ?? ""): check digit (position 9) does not match ISO 3779; loaded")
        }
    }
}
