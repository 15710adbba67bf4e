extension FileLoad {
    /// Loads a delimited export through its source profile: the profile's header row,
    /// delimiter, encoding and date formats; its renames before header matching; derived
    /// columns, value maps, boolean spellings and constants per row; its trailer check.
    /// As for canonical CSV, a column the file does not carry is null.
    func loadProfiled(profile: SourceProfile, into summary: inout FileSummary) throws {
        guard let feed = importer.catalogue.feed(named: options.feed ?? profile.feed) else {
            throw FeedFileError(file: file.path, "profile \(profile.name) (\(profile.file)) names unknown feed \"\(profile.feed)\"")
        }
        summary.feed = feed.name
        let encoding: EncodingChoice
        switch profile.encoding {
        case .auto: encoding = options.encoding
        case .utf8: encoding = .utf8
        case .gb18030: encoding = .gb18030
        }
        if isWorkbook, let legacy = try openLegacySheet(named: options.sheet ?? profile.sheet, headerRow: profile.headerRow) {
            try loadProfiledRecords(
                legacy.reader, profile: profile, feed: feed, rawHeader: legacy.header, headerLine: legacy.headerLine,
                position: legacy.position, into: &summary)
        } else if isWorkbook {
            let opened = try openSheet(named: options.sheet ?? profile.sheet, headerRow: profile.headerRow)
            try loadProfiledRecords(
                opened.reader, profile: profile, feed: feed, rawHeader: opened.header, headerLine: opened.headerLine,
                position: opened.position, into: &summary)
        } else {
            let (reader, counting, rawHeader, headerLine) = try openReader(
                encoding: encoding, delimiter: options.delimiter ?? profile.delimiter, headerRow: profile.headerRow)
            try loadProfiledRecords(
                reader, profile: profile, feed: feed, rawHeader: rawHeader, headerLine: headerLine, position: { counting.count },
                into: &summary)
        }
    }

    /// The record path of profiled delimited text and worksheets.
    func loadProfiledRecords<Reader: RecordReader>(
        _ reader: Reader, profile: SourceProfile, feed: Feed, rawHeader: [String], headerLine: Int, position: () -> Int,
        into summary: inout FileSummary
    ) throws {
        let header = profile.apply(toHeader: rawHeader)
        let mapping = HeaderMatching.match(header: header, to: feed)
        let supplied = Set(profile.constants.keys).union(profile.derived.keys).union(options.dealer == nil ? [] : ["dealer_code"])
        try requireKeys(of: feed, headerLine: headerLine) {
            mapping.headerIndex[$0] != nil || supplied.contains(feed.columns[$0].name)
        }
        warnUnknownColumns(mapping.unknownHeaders, feed: feed, headerLine: headerLine)

        let parser = ValueParser(
            timeZone: self.parser.timeZone,
            dateFormats: DateFormat.defaults + profile.dateFormats.compactMap(DateFormat.init(rawValue:)))
        var trailer = profile.trailer.map { TrailerCheck(rule: $0, file: file.path) }
        while try reader.next() {
            if var check = trailer {
                let isTrailer = try check.consume(rawRecord: reader.rawRecord(), line: reader.line)
                trailer = check
                if isTrailer { continue }
            }
            reportProgress(position, rows: summary.rowsRead + 1)
            if let problem = reader.problem ?? (reader.count == header.count ? nil : "expected \(header.count) fields, found \(reader.count)") {
                summary.rowsRead += 1
                try reject(line: reader.line, column: nil, value: nil, reason: problem, raw: reader.rawRecord(), summary: &summary)
                continue
            }
            var values: [String: String] = [:]
            var badColumn: String? = nil
            for (index, column) in feed.columns.enumerated() {
                guard let source = mapping.headerIndex[index] else { continue }
                guard let text = reader.string(source) else { badColumn = column.name; break }
                values[column.name] = text
            }
            if let badColumn {
                summary.rowsRead += 1
                try reject(line: reader.line, column: badColumn, value: nil, reason: invalidText, raw: reader.rawRecord(), summary: &summary)
                continue
            }
            var row = profile.apply(toRow: values)
            for column in feed.columns where row[column.name] == nil && !(column.name == "dealer_code" && options.dealer != nil) {
                row[column.name] = ""
            }
            try load(row: SourceRow(feed: feed.name, line: reader.line, values: row, raw: reader.rawRecord()), parser: parser, summary: &summary)
        }
        try trailer?.finish(dataRecords: summary.rowsRead)
    }
}
