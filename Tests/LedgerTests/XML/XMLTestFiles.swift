#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Ledger

/// Files for the XML and profile tests: the repository's samples and temporary files.
enum XMLTestFiles {
    /// The repository root, found from this file's path.
    static let repositoryRoot: String = {
        // …/Tests/LedgerTests/XML/XMLTestFiles.swift → four components up.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 4 else { return "." }
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    static func sample(_ relative: String) -> String { repositoryRoot + "/" + relative }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        var template = Array("/tmp/ledger-xml-test-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return "/tmp" }
            return String(cString: made)
        }
    }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func write(_ bytes: [UInt8], name: String = "feed.xml") -> String {
        let path = temporaryFolder() + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return path }
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(fd, base + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        close(fd)
        return path
    }

    static func write(_ text: String, name: String = "feed.xml") -> String { write(Array(text.utf8), name: name) }

    /// All rows of a row source.
    static func rows(_ source: any RowSource) throws -> [SourceRow] {
        var rows: [SourceRow] = []
        while let row = try source.nextRow() { rows.append(row) }
        return rows
    }

    /// The rows of an XML document given as text.
    static func rows(xml: String, options: XMLFeedOptions = XMLFeedOptions()) throws -> [SourceRow] {
        try rows(XMLFeeds.rowSource(path: write(xml), options: options))
    }

    /// The error reading `xml` to the end ends in (nil when it reads cleanly).
    static func failure(reading bytes: [UInt8], limits: XMLReaderLimits = XMLReaderLimits()) -> (FeedFileError?, events: Int) {
        let path = write(bytes)
        var events = 0
        do {
            let reader = try XMLStreamReader(path: path, displayName: "hostile.xml", limits: limits)
            while try reader.next() != nil { events += 1 }
            return (nil, events)
        } catch let error as FeedFileError {
            return (error, events)
        } catch {
            return (FeedFileError(file: "?", "unexpected \(error)"), events)
        }
    }
}
