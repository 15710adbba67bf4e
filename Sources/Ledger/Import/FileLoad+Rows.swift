extension FileLoad {
    /// Loads one row given as raw text per canonical column (XML documents, profiled
    /// exports). Only the columns the row carries are written (see `TableWriter`); cells are
    /// parsed by the same value rules as canonical CSV.
    func load(row: SourceRow, parser: ValueParser, summary: inout FileSummary) throws {
        summary.rowsRead += 1
        guard let feed = importer.catalogue.feed(named: row.feed) else {
            throw FeedFileError(file: file.path, line: row.line, column: row.column, "mapping produced unknown feed \(row.feed)")
        }
        var values = row.values
        if values["dealer_code"] == nil, feed.column(named: "dealer_code") != nil, let dealer = options.dealer {
            values["dealer_code"] = dealer
        }
        let present = feed.columns.map { values[$0.name] != nil }
        let writer = try self.writer(for: feed, present: present)
        let types = prepared(feed)
        var vinWarning = false
        let outcome: TableWriter.Outcome
        do {
            outcome = try writer.write { statement in
                vinWarning = false
                for (index, column) in feed.columns.enumerated() {
                    guard var text = values[column.name] else {
                        if feed.isKey(column.name) { throw CellRejected(column: index, reason: "key column is empty") }
                        continue
                    }
                    let result = try text.withUTF8 { bytes in
                        try self.bindCell(
                            UnsafeRawBufferPointer(bytes), type: types[index], isKey: feed.isKey(column.name),
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
            try reject(line: row.line, column: name, value: values[name], reason: rejected.reason, raw: row.raw, summary: &summary)
            return
        }
        count(outcome, in: &summary)
        if writer.tracksParents {
            try writer.didWrite(parent: writer.parentKeyParameters.map { (values[feed.columns[$0 - 1].name] ?? "").trimmingCharacters(in: .whitespaces) })
        }
        if vinWarning {
            warn(kind: "VIN check digit", line: row.line, "VIN \(values["vin"] ?? ""): check digit (position 9) does not match ISO 3779; loaded")
        }
    }
}
