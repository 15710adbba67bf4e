/// Matching a file's header row to a feed's canonical columns (feeds.md 1, "Header").
///
/// Header names are compared after `HeaderMatching.normalized`: a UTF-8 BOM and surrounding
/// spaces removed, ASCII letters lower-cased, `_`, `-` and spaces dropped. So `Dealer Code`,
/// `dealer-code` and ` DEALER_CODE ` are all `dealercode`; Chinese aliases are only trimmed.
public enum HeaderMatching {
    /// The comparison form of a header name.
    public static func normalized(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\u{FEFF}", "_", "-", " ", "\t", "\u{3000}", "\u{A0}", "\r", "\n": continue
            case "A"..."Z": scalars.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Maps `header` (the names of a header row, in order) to the columns of `feed`, by
    /// `Column.name` and `Column.aliases`.
    public static func match(header: [String], to feed: Feed) -> HeaderMatch {
        var lookup: [String: Int] = [:]
        for (index, column) in feed.columns.enumerated() {
            for spelling in [column.name] + column.aliases {
                let key = normalized(spelling)
                if lookup[key] == nil { lookup[key] = index }
            }
        }
        var headerIndex = [Int?](repeating: nil, count: feed.columns.count)
        var unknown: [String] = []
        var duplicates: [String] = []
        for (position, name) in header.enumerated() {
            let key = normalized(name)
            if key.isEmpty { continue }
            guard let column = lookup[key] else {
                unknown.append(name)
                continue
            }
            if headerIndex[column] == nil { headerIndex[column] = position } else { duplicates.append(name) }
        }
        let missingKey = feed.key.filter { key in
            guard let index = feed.index(of: key) else { return true }
            return headerIndex[index] == nil
        }
        return HeaderMatch(
            feed: feed, headerIndex: headerIndex, unknownHeaders: unknown, duplicateHeaders: duplicates,
            missingKeyColumns: missingKey)
    }

    /// The feeds whose natural-key columns all appear in `header`, best first: fewest unknown
    /// headers, then most matched columns, then catalogue order.
    public static func candidates(header: [String], in catalogue: FeedCatalogue) -> [HeaderMatch] {
        let matches = catalogue.feeds.enumerated().compactMap { order, feed -> (Int, HeaderMatch)? in
            let match = match(header: header, to: feed)
            return match.missingKeyColumns.isEmpty ? (order, match) : nil
        }
        return matches.sorted { a, b in
            if a.1.unknownHeaders.count != b.1.unknownHeaders.count {
                return a.1.unknownHeaders.count < b.1.unknownHeaders.count
            }
            if a.1.matchedCount != b.1.matchedCount { return a.1.matchedCount > b.1.matchedCount }
            return a.0 < b.0
        }.map(\.1)
    }

    /// The outcome of detecting a feed from a header.
    public enum Detection: Sendable, Equatable {
        /// Exactly one feed fits, or one fits strictly better (fewer unknown headers) than the rest.
        case feed(HeaderMatch)
        /// Several feeds fit equally well (names in catalogue order of preference).
        case ambiguous([String])
        /// No feed has all its key columns in the header.
        case none
    }

    /// Detects the feed of a file whose name does not name it.
    public static func detectFeed(header: [String], in catalogue: FeedCatalogue) -> Detection {
        let found = candidates(header: header, in: catalogue)
        guard let best = found.first else { return .none }
        if found.count == 1 || found[1].unknownHeaders.count > best.unknownHeaders.count { return .feed(best) }
        let tied = found.filter { $0.unknownHeaders.count == best.unknownHeaders.count }
        return .ambiguous(tied.map(\.feed.name))
    }
}

/// How a header row maps onto one feed's canonical columns.
public struct HeaderMatch: Sendable, Equatable {
    public let feed: Feed
    /// Per canonical column (in `feed.columns` order), its index in the header row, or nil.
    public let headerIndex: [Int?]
    /// Header names that are no column of the feed (warned once per file), in header order.
    public let unknownHeaders: [String]
    /// Header names naming a column already matched by an earlier header (the first wins).
    public let duplicateHeaders: [String]
    /// Natural-key columns absent from the header: the file cannot be loaded as this feed.
    public let missingKeyColumns: [String]

    /// The header index of the canonical column `name`.
    public func headerIndex(of name: String) -> Int? {
        guard let index = feed.index(of: name) else { return nil }
        return headerIndex[index]
    }

    /// How many canonical columns were found.
    public var matchedCount: Int { headerIndex.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// Canonical columns absent from the header (null in every row), key columns included.
    public var missingColumns: [String] {
        zip(feed.columns, headerIndex).compactMap { $1 == nil ? $0.name : nil }
    }
}
