/// The columns of one kind of row a `SlottedRowSource` yields: a canonical feed and the
/// column names of a row's cells, in order.
struct RowLayout: Equatable {
    let feed: String
    let columns: [String]
}

/// A row whose cells follow one of its source's layouts (nil: the column is absent).
struct SlottedRow {
    /// Index into the source's `layouts`.
    var layout: Int
    var line: Int
    var column: Int?
    var cells: [String?]
    /// The source fields behind the row, rendered for the rejects file only when needed.
    var raw: RawSummary
}

/// A row source whose rows come as cells in a fixed column order per layout, decided once
/// per source, so the importer binds them without building a dictionary per row. Its
/// `nextRow()` gives the same rows as `SourceRow`s.
protocol SlottedRowSource: RowSource {
    var layouts: [RowLayout] { get }
    /// The next row, or nil at the end of the file. Throws as `nextRow()` does.
    func nextSlottedRow() throws -> SlottedRow?
}

extension SlottedRowSource {
    /// The row as a `SourceRow` (the public form).
    func sourceRow(_ row: SlottedRow) -> SourceRow {
        let layout = layouts[row.layout]
        var values: [String: String] = [:]
        for (index, cell) in row.cells.enumerated() {
            if let cell { values[layout.columns[index]] = cell }
        }
        return SourceRow(feed: layout.feed, line: row.line, column: row.column, values: values, raw: row.raw.description)
    }
}
