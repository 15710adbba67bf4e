import Foundation

extension FileLoad {
    /// Loads a delimited text file.
    func loadCSV(into summary: inout FileSummary) throws {
        let encodingChoice = options.encoding
        let opened: (source: any ByteSource, encoding: TextEncoding)
        opened = try EncodingDetector.open(path: file.path, encoding: encodingChoice)
        let headerRow = options.headerRow
        let replay = try ReplayByteSource(opened.source, peek: EncodingDetector.sampleSize)
        let delimiter =
            options.delimiter
            ?? DelimiterDetection.detect(sample: replay.prefix, headerRow: headerRow)
        let counting = CountingByteSource(replay)
        let reader = CSVReader(source: counting, delimiter: delimiter)

        // The header.
        for _ in 1..<max(1, headerRow) where try !reader.next() { break }
        guard try reader.next() else {
            throw FeedFileError(file: file.path, "the file has no header row (expected on record \(headerRow))")
        }
        let headerLine = reader.line
        let header = reader.lossyFields().map { $0.trimmingCharacters(in: .whitespaces) }
        let feed = try detectFeed(header: header)
        summary.feed = feed.name
        let mapping = HeaderMatching.match(header: header, to: feed)

        // Constant columns: --dealer and profile constants fill columns the file lacks.
        var constants: [Int: [UInt8]] = [:]
        for (index, column) in feed.columns.enumerated() where mapping.headerIndex[index] == nil {
            if column.name == "dealer_code", let dealer = options.dealer {
                constants[index] = Array(dealer.utf8)
            }
        }
        let missingKeys = feed.key.filter { name in
            guard let index = feed.index(of: name) else { return true }
            return mapping.headerIndex[index] == nil && constants[index] == nil
        }
        guard missingKeys.isEmpty else {
            let details = missingKeys.map { name -> String in
                let aliases = feed.column(named: name)?.aliases ?? []
                return "\"\(name)\"" + (aliases.isEmpty ? "" : " (or \(aliases.map { "\"\($0)\"" }.joined(separator: ", ")))")
            }
            var message = "missing required column \(details.joined(separator: ", ")) for feed \(feed.name)"
            if missingKeys == ["dealer_code"] { message += "; pass --dealer CODE for single-dealer files" }
            throw FeedFileError(file: file.path, line: headerLine, message)
        }
        if !mapping.unknownHeaders.isEmpty {
            events(.diagnostic(Diagnostic(
                .warning, file: file.path, line: headerLine,
                "ignored unknown column(s) for feed \(feed.name): \(mapping.unknownHeaders.map { "\"\($0)\"" }.joined(separator: ", "))")))
        }

        let writer = try self.writer(for: feed)
        let columns = feed.columns
        let types = columns.map { PreparedColumnType($0.type) }
        let sources = mapping.headerIndex
        let isKey = columns.map { feed.isKey($0.name) }
        var cellError: (column: Int, reason: String)? = nil
        var vinWarning = false
        var rowsSinceProgress = 0
        // Cells of ignored columns are not parsed, but bad bytes in them still reject the row.
        let mapped = Set(sources.compactMap { $0 })
        let ignored = (0..<header.count).filter { !mapped.contains($0) }

        while try reader.next() {
            summary.rowsRead += 1
            rowsSinceProgress += 1
            if rowsSinceProgress == 65_536 {
                rowsSinceProgress = 0
                events(.progress(file: file.path, fraction: file.size > 0 ? Double(counting.count) / Double(file.size) : 0))
            }
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
                    line: reader.line, column: header[bad], value: reader.lossyFields()[bad], reason: Self.invalidText,
                    raw: reader.rawRecord(), summary: &summary)
                continue
            }

            // Binds every column of the row into a statement; records the first bad cell.
            let bind: (Statement) throws -> Void = { statement in
                cellError = nil
                vinWarning = false
                for index in 0..<columns.count {
                    let outcome: CellOutcome
                    if let source = sources[index] {
                        outcome = try reader.withField(source) { bytes in
                            try self.bindCell(bytes, type: types[index], isKey: isKey[index], statement: statement, at: index + 1)
                        }
                    } else if let constant = constants[index] {
                        outcome = try constant.withUnsafeBytes { bytes in
                            try self.bindCell(bytes, type: types[index], isKey: isKey[index], statement: statement, at: index + 1)
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
                        return
                    }
                }
            }
            // Cells are parsed while binding into the insert statement; a bad cell stops the
            // row before anything runs, and the row goes to the rejects file.
            var firstPass = true
            let outcome: TableWriter.Outcome
            do {
                outcome = try writer.write { statement in
                    try bind(statement)
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
            count(outcome, in: &summary)
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
