import Foundation

extension FileLoad {
    /// Loads a delimited text file, or a worksheet of a workbook.
    func loadCSV(into summary: inout FileSummary) throws {
        if isWorkbook, let legacy = try openLegacySheet(named: options.sheet, headerRow: options.headerRow) {
            try loadRecords(legacy.reader, header: legacy.header, headerLine: legacy.headerLine, position: legacy.position, into: &summary)
        } else if isWorkbook {
            let opened = try openSheet(named: options.sheet, headerRow: options.headerRow)
            try loadRecords(opened.reader, header: opened.header, headerLine: opened.headerLine, position: opened.position, into: &summary)
        } else {
            let (reader, counting, header, headerLine) = try openReader(
                encoding: options.encoding, delimiter: options.delimiter, headerRow: options.headerRow)
            try loadRecords(reader, header: header, headerLine: headerLine, position: { counting.count }, into: &summary)
        }
    }

    /// The record path of delimited text and worksheets, without a profile.
    func loadRecords<Reader: RecordReader>(
        _ reader: Reader, header: [String], headerLine: Int, position: () -> Int, into summary: inout FileSummary
    ) throws {
        let feed = try detectFeed(header: header)
        summary.feed = feed.name
        let mapping = HeaderMatching.match(header: header, to: feed)

        // --dealer fills the dealer_code of files that lack the column.
        var constants: [Int: [UInt8]] = [:]
        for (index, column) in feed.columns.enumerated() where mapping.headerIndex[index] == nil {
            if column.name == "dealer_code", let dealer = options.dealer {
                constants[index] = Array(dealer.utf8)
            }
        }
        try requireKeys(of: feed, headerLine: headerLine) { mapping.headerIndex[$0] != nil || constants[$0] != nil }
        warnUnknownColumns(mapping.unknownHeaders, feed: feed, headerLine: headerLine)

        let writer = try self.writer(for: feed)
        let columns = feed.columns
        let types = prepared(feed)
        let sources = mapping.headerIndex
        let isKey = columns.map { feed.isKey($0.name) }
        var cellError: (column: Int, reason: String)? = nil
        var vinWarning = false
        // Cells of ignored columns are not parsed, but bad bytes in them still reject the row.
        let mapped = Set(sources.compactMap { $0 })
        let ignored = (0..<header.count).filter { !mapped.contains($0) }
        let columnCount = columns.count
        let isText = types.map { if case .text = $0.type { true } else { false } }
        // Handed to the parser per cell without a reference count (`types` keeps them alive).
        let parsedTypes = types.map { Unmanaged.passUnretained($0) }
        defer { withExtendedLifetime(types) {} }
        // The CSV reader's record buffer and a worksheet's cells stay put until the next
        // record, so text cells are bound from them without a copy; other readers' are copied.
        let stableFields = reader.fieldsStayValid
        // Orphans are counted per parent value as rows are written (see `OrphanTally`) for
        // references made of text key columns that every row carries.
        var tallies: [OrphanTally] = feed.references.compactMap { reference in
            let indexes = reference.columns.compactMap(feed.index(of:))
            guard indexes.count == reference.columns.count,
                indexes.allSatisfy({ isKey[$0] && isText[$0] && (sources[$0] != nil || constants[$0] != nil) })
            else { return nil }
            return OrphanTally(reference: reference, columns: indexes, limit: orphanTallyLimit)
        }
        defer { writer.orphanTallies = tallies }

        while try reader.next() {
            summary.rowsRead += 1
            reportProgress(position, rows: summary.rowsRead)
            if let problem = reader.problem {
                try reject(line: reader.line, column: nil, value: nil, reason: problem, raw: reader.rawRecord(), summary: &summary)
                continue
            }
            if reader.count != header.count {
                try reject(
                    line: reader.line, column: nil, value: nil,
                    reason: "expected \(header.count) fields, found \(reader.count)", raw: reader.rawRecord(),
                    summary: &summary)
                continue
            }

            if let bad = ignored.first(where: { index in !reader.withField(index) { UTF8Validation.isValid($0) } }) {
                try reject(
                    line: reader.line, column: header[bad], value: reader.lossyFields()[bad], reason: invalidText,
                    raw: reader.rawRecord(), summary: &summary)
                continue
            }

            // Cells are parsed while binding into the insert statement; a bad cell stops the
            // row before anything runs, and the row goes to the rejects file. The binding is
            // written out here rather than held in a closure value, so that a row costs no
            // closure context and no retains of what it captures.
            var firstPass = true
            let outcome: TableWriter.Outcome
            do {
                outcome = try writer.write(line: reader.line) { statement in
                    cellError = nil
                    vinWarning = false
                    cells: for index in 0..<columnCount {
                        let outcome: CellOutcome
                        if let source = sources[index] {
                            outcome = try reader.withField(source) { bytes in
                                isText[index]
                                    ? try self.bindText(bytes, isKey: isKey[index], statement: statement, at: index + 1, stable: stableFields)
                                    : try parsedTypes[index]._withUnsafeGuaranteedRef { type in
                                        try self.bindParsed(
                                            bytes, type: type, isKey: isKey[index], statement: statement, at: index + 1, parser: self.parser)
                                    }
                            }
                        } else if let constant = constants[index] {
                            outcome = try constant.withUnsafeBytes { bytes in
                                try self.bindCell(bytes, type: types[index], isKey: isKey[index], statement: statement, at: index + 1, parser: self.parser)
                            }
                        } else {
                            try statement.bindNull(at: index + 1)
                            outcome = .ok
                        }
                        switch outcome {
                        case .ok: break
                        case .vinCheckDigit: vinWarning = true
                        case .invalid(let reason):
                            if cellError == nil { cellError = (index, reason) }
                            break cells
                        }
                    }
                    if firstPass, let error = cellError {
                        throw CellRejected(column: error.column, reason: error.reason)
                    }
                    firstPass = false
                }
            } catch let rejected as CellRejected {
                let name = columns[rejected.column].name
                let value = sources[rejected.column].map { reader.lossyFields()[$0] } ?? constants[rejected.column].map { String(decoding: $0, as: UTF8.self) }
                try reject(line: reader.line, column: name, value: value, reason: rejected.reason, raw: reader.rawRecord(), summary: &summary)
                continue
            }
            if !tallies.isEmpty, Self.writesBatchRow(outcome, stampsUnchanged: writer.stampsUnchangedRows) {
                for tally in tallies.indices where !tallies[tally].overflowed {
                    tallies[tally].begin()
                    for column in tallies[tally].columns {
                        if let source = sources[column] {
                            reader.withField(source) { tallies[tally].append(UnsafeRawBufferPointer(rebasing: $0[CellBytes.trimmed($0)])) }
                        } else if let constant = constants[column] {
                            constant.withUnsafeBytes { tallies[tally].append(UnsafeRawBufferPointer(rebasing: $0[CellBytes.trimmed($0)])) }
                        }
                    }
                    tallies[tally].commit()
                }
            }
            count(
                outcome, line: reader.line,
                key: Self.describeKey(feed.key.compactMap(feed.index(of:)).map { index in
                    sources[index].flatMap { reader.string($0) } ?? constants[index].map { String(decoding: $0, as: UTF8.self) } ?? ""
                }), in: &summary)
            if writer.tracksParents {
                try writer.didWrite(parent: writer.parentKeyParameters.map { parameter in
                    let index = parameter - 1
                    let text = sources[index].flatMap { reader.string($0) }
                        ?? constants[index].map { String(decoding: $0, as: UTF8.self) } ?? ""
                    return text.trimmingCharacters(in: .whitespaces)
                })
            }
            if vinWarning {
                let vin = sources[feed.index(of: "vin") ?? 0].flatMap { reader.string($0) } ?? ""
                warn(kind: "VIN check digit", line: reader.line, "VIN \(vin.uppercased()): check digit (position 9) does not match ISO 3779; loaded")
            }
        }
    }

    /// Opens the file as delimited text: encoding (BOM, UTF-8 or GB18030), delimiter
    /// (given, else detected on the header line), and the header record.
    func openReader(encoding: EncodingChoice, delimiter: UInt8?, headerRow: Int) throws
        -> (reader: CSVReader, counting: CountingByteSource, header: [String], headerLine: Int)
    {
        let opened = try stream.map { try Self.decode($0, encoding: encoding) }
            ?? EncodingDetector.open(path: file.path, encoding: encoding)
        self.encoding = opened.encoding
        let replay = try ReplayByteSource(opened.source, peek: EncodingDetector.sampleSize)
        let chosen = delimiter ?? DelimiterDetection.detect(sample: replay.prefix, headerRow: headerRow)
        let counting = CountingByteSource(replay)
        let reader = CSVReader(source: counting, delimiter: chosen)
        guard try reader.readHeader(row: headerRow) else {
            throw FeedFileError(file: file.path, "the file has no header row (expected on record \(headerRow))")
        }
        let header = reader.lossyFields().map { $0.trimmingCharacters(in: .whitespaces) }
        return (reader, counting, header, reader.line)
    }

    /// UTF-8 bytes of a stream that can be read only once: `--encoding auto` decides by its
    /// first 64 KiB (a pipe cannot be validated whole before it is loaded).
    static func decode(_ stream: any ByteSource, encoding: EncodingChoice) throws -> (source: any ByteSource, encoding: TextEncoding) {
        let chosen: TextEncoding
        let source: any ByteSource
        switch encoding {
        case .utf8: (chosen, source) = (.utf8, stream)
        case .gb18030: (chosen, source) = (.gb18030, stream)
        case .auto:
            let sample = try ReplayByteSource(stream, peek: EncodingDetector.sampleSize)
            chosen = EncodingDetector.detect(sample.prefix, isWholeFile: sample.prefix.count < EncodingDetector.sampleSize)
            source = sample
        }
        return chosen == .gb18030 ? (try TranscodingByteSource(wrapping: source, from: .gb18030), .gb18030) : (source, .utf8)
    }

    /// Fails the file when a natural-key column has no source (the header lacks it and no
    /// option or profile supplies it).
    func requireKeys(of feed: Feed, headerLine: Int, isAvailable: (Int) -> Bool) throws {
        let missingKeys = feed.key.filter { name in
            guard let index = feed.index(of: name) else { return true }
            return !isAvailable(index)
        }
        guard missingKeys.isEmpty else {
            let details = missingKeys.map { name -> String in
                let aliases = feed.column(named: name)?.aliases ?? []
                return "\"\(name)\"" + (aliases.isEmpty ? "" : " (or \(aliases.map { "\"\($0)\"" }.joined(separator: ", ")))")
            }
            var message = "missing required column \(details.joined(separator: ", ")) for feed \(feed.name)"
            if missingKeys == ["dealer_code"] { message += "; pass --dealer CODE for single-dealer files" }
            throw FeedFileError(file: sourceName, line: headerLine, message)
        }
    }

    /// Warns once about header cells that name no column of the feed.
    func warnUnknownColumns(_ unknown: [String], feed: Feed, headerLine: Int) {
        guard !unknown.isEmpty else { return }
        events(.diagnostic(Diagnostic(
            .warning, file: sourceName, line: headerLine,
            "ignored unknown column(s) for feed \(feed.name): \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))")))
    }

    /// Reports progress every 65,536 records.
    func reportProgress(_ position: () -> Int, rows: Int) {
        guard rows & 0xFFFF == 0 else { return }
        events(.progress(file: file.path, fraction: file.size > 0 ? Double(position()) / Double(file.size) : 0))
    }

    /// The feed of a file: `--feed`, the profile, the file name, else the header.
    func detectFeed(header: [String]) throws -> Feed {
        let catalogue = importer.catalogue
        if let name = options.feed {
            guard let feed = catalogue.feed(named: name) else {
                throw FeedFileError(file: file.path, "unknown feed \"\(name)\" (see `dms-import feeds`)")
            }
            return feed
        }
        if let feed = Self.feed(forFileName: (file.path as NSString).lastPathComponent, in: catalogue) {
            return feed
        }
        switch HeaderMatching.detectFeed(header: header, in: catalogue) {
        case .feed(let match):
            return match.feed
        case .none:
            throw FeedFileError(
                file: file.path,
                "cannot tell the feed: the file name does not start with a feed name and the header has no feed's key columns; name the file after its feed or pass --feed NAME")
        case .ambiguous(let names):
            throw FeedFileError(
                file: file.path, "cannot tell the feed: the header fits \(names.joined(separator: ", ")) equally well; pass --feed NAME")
        }
    }

    /// The feed whose name starts the file name (case-insensitive, then `_`, `-`, `.`);
    /// the longest such name wins (`ro_parts` over `ro`).
    static func feed(forFileName name: String, in catalogue: FeedCatalogue) -> Feed? {
        let lowered = name.lowercased()
        return catalogue.feeds
            .filter { feed in
                guard lowered.hasPrefix(feed.name) else { return false }
                let rest = lowered.dropFirst(feed.name.count)
                return rest.first.map { $0 == "_" || $0 == "-" || $0 == "." } ?? false
            }
            .max { $0.name.count < $1.name.count }
    }
}

extension FileLoad {
    /// Whether a row with this outcome is stamped with the batch (and so counted by the
    /// orphan check): inserted, updated, and — child lines — unchanged but re-stamped.
    static func writesBatchRow(_ outcome: TableWriter.Outcome, stampsUnchanged: Bool) -> Bool {
        switch outcome {
        case .inserted, .updated: return true
        case .unchanged: return stampsUnchanged
        case .duplicate: return false
        }
    }

    /// A natural key as the warnings show it: `DLR001/RO1001`.
    static func describeKey(_ values: [String]) -> String {
        values.map { Diagnostic.printable($0.trimmingCharacters(in: .whitespaces)) }.joined(separator: "/")
    }
}

/// A row rejected because one of its cells did not parse.
struct CellRejected: Error {
    var column: Int
    var reason: String
}

/// Counts the bytes that pass through (for progress).
final class CountingByteSource: ByteSource {
    private let upstream: any ByteSource
    private(set) var count = 0

    init(_ upstream: any ByteSource) { self.upstream = upstream }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try upstream.read(into: buffer)
        count += n
        return n
    }
}
