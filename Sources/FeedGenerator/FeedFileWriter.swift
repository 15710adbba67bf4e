import Ledger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, bytes, count) }
private func posixClose(_ fd: Int32) -> Int32 { close(fd) }

/// What can go wrong while generating feed files.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    /// A file could not be created or written (errno).
    case io(path: String, code: Int32)
    /// The network description cannot be generated.
    case invalidSpec(String)
    /// The generator addressed a feed or column that the catalogue does not have (a bug).
    case unknownColumn(feed: String, column: String)

    public var description: String {
        switch self {
        case .io(let path, let code): return "\(path): cannot write (errno \(code))"
        case .invalidSpec(let message): return "invalid network: \(message)"
        case .unknownColumn(let feed, let column): return "feed \(feed) has no column \(column)"
        }
    }
}

/// One CSV file being written: a header from the catalogue, then rows as they come.
///
/// Rows are written through a 256 KiB buffer and never kept, so memory stays constant
/// whatever the number of rows.
public final class FeedFileWriter {
    /// The feed written.
    public let feed: Feed
    /// The file's path.
    public let path: String
    /// Rows written so far (header excluded).
    public private(set) var rowCount = 0
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let columnIndex: [String: Int]
    private var closed = false

    /// Creates (truncates) `path` and writes the canonical header of `feed`.
    public init(feed: Feed, path: String) throws {
        self.feed = feed
        self.path = path
        var index: [String: Int] = [:]
        for (position, column) in feed.columns.enumerated() { index[column.name] = position }
        columnIndex = index
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw GeneratorError.io(path: path, code: errno) }
        buffer.reserveCapacity(1 << 18)
        try writeCells(feed.columns.map(\.name))
    }

    deinit {
        if !closed { _ = try? close() }
    }

    /// Writes one row given as column name → text; absent columns are empty.
    public func write(_ values: [String: String]) throws {
        var cells = [String](repeating: "", count: feed.columns.count)
        for (name, value) in values {
            guard let position = columnIndex[name] else {
                throw GeneratorError.unknownColumn(feed: feed.name, column: name)
            }
            cells[position] = value
        }
        try writeCells(cells)
        rowCount += 1
    }

    /// Writes one row given in the catalogue's column order.
    public func writeOrdered(_ cells: [String]) throws {
        guard cells.count == feed.columns.count else {
            throw GeneratorError.unknownColumn(feed: feed.name, column: "#\(cells.count)")
        }
        try writeCells(cells)
        rowCount += 1
    }

    private func writeCells(_ cells: [String]) throws {
        for (position, cell) in cells.enumerated() {
            if position > 0 { buffer.append(UInt8(ascii: ",")) }
            append(cell)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 18 { try flush() }
    }

    /// Appends one cell, quoted (RFC 4180) when it holds a comma, a quote or a line break.
    /// Works on UTF-8 bytes: every byte of a multi-byte character is ≥ 0x80, so it never
    /// matches the ASCII bytes looked for.
    private func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                buffer.append(contentsOf: bytes)
                return
            }
            buffer.append(0x22)
            for byte in bytes {
                if byte == 0x22 { buffer.append(0x22) }
                buffer.append(byte)
            }
            buffer.append(0x22)
        }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                posixWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw GeneratorError.io(path: path, code: errno)
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try flush()
        if posixClose(descriptor) != 0 { throw GeneratorError.io(path: path, code: errno) }
    }
}

/// Text forms of generated values, as the feeds carry them.
public enum FeedFormat {
    /// Minor units as a decimal with 2 places: 15230000 → `152300.00`, -150 → `-1.50`.
    public static func money(_ minor: Int) -> String { hundredths(minor) }

    /// Hundredths as a decimal with 2 places (quantities and hours).
    public static func hundredths(_ value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A boolean as `1` / `0`.
    public static func flag(_ value: Bool) -> String { value ? "1" : "0" }

    /// A zero-padded number.
    public static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
