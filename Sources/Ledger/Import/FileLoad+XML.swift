import Foundation

extension FileLoad {
    /// Loads an XML document through the mapper its root element selects. A malformed or
    /// hostile document throws `FeedFileError` and the whole file rolls back.
    func loadXML(into summary: inout FileSummary) throws {
        let source = try XMLFeeds.rowSource(
            path: file.path, options: XMLFeedOptions(displayName: file.path, dealerCode: options.dealer))
        var feeds: [String] = []
        while let row = try source.nextRow() {
            if !feeds.contains(row.feed) { feeds.append(row.feed) }
            try load(row: row, parser: parser, summary: &summary)
        }
        for warning in source.warnings { events(.diagnostic(warning)) }
        summary.feed = feeds.isEmpty ? nil : feeds.joined(separator: "+")
    }
}
