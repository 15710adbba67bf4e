import Foundation

extension FileLoad {
    /// Loads an XML document through the mapper its root element selects. A malformed or
    /// hostile document throws `FeedFileError` and the whole file rolls back.
    func loadXML(into summary: inout FileSummary) throws {
        let source = try XMLFeeds.rowSource(
            path: file.path, options: XMLFeedOptions(displayName: file.path, dealerCode: options.dealer))
        var feeds: [String] = []
        if let slotted = source as? any SlottedRowSource {
            // Rows in fixed layouts: a plan per layout, no dictionary per row.
            let layouts = slotted.layouts
            var plans = [RowPlan?](repeating: nil, count: layouts.count)
            while let row = try slotted.nextSlottedRow() {
                let plan: RowPlan
                if let known = plans[row.layout] {
                    plan = known
                } else {
                    plan = try rowPlan(layout: layouts[row.layout], line: row.line, column: row.column)
                    plans[row.layout] = plan
                    if !feeds.contains(plan.feed.name) { feeds.append(plan.feed.name) }
                }
                try load(cells: row.cells, plan: plan, line: row.line, raw: row.raw.description, parser: parser, summary: &summary)
            }
        } else {
            while let row = try source.nextRow() {
                if !feeds.contains(row.feed) { feeds.append(row.feed) }
                try load(row: row, parser: parser, summary: &summary)
            }
        }
        for warning in source.warnings { events(.diagnostic(warning)) }
        summary.feed = feeds.isEmpty ? nil : feeds.joined(separator: "+")
    }
}
