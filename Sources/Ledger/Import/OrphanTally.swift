#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts, while a file loads, the rows the batch writes per value of one reference's
/// columns (a repair order's `dealer_code`): after the file, each distinct value is looked
/// up once in the parent table instead of joining every row the batch wrote (which read the
/// whole batch back — ≈ 55,000 pages for 1M repair orders).
///
/// Used only where the tally equals the query of `FeedReference.orphans`: every column of
/// the reference is a text column of the feed's natural key (so a row's values are its
/// trimmed cell bytes as bound, never null, and a repeated key's overwrite cannot change
/// them). Memory stays bounded: past `limit` distinct values the tally gives up and the
/// query runs as before (`ro_parts` → `repair_orders` has one value per order).
struct OrphanTally {
    let reference: FeedReference
    /// 0-based indexes of the reference's columns in the feed.
    let columns: [Int]
    let limit: Int
    /// More than `limit` distinct values: the tally is void.
    private(set) var overflowed = false
    /// Rows counted (every value's rows together).
    private(set) var rows = 0
    /// The values (each column's bytes, length-prefixed), end to end in first-seen order.
    private var keyBytes: [UInt8] = []
    private var entries: [(start: Int, end: Int, rows: Int)] = []
    /// Open addressing over `entries` (−1: empty); a power of two, at most half full.
    private var slots: [Int32]
    /// The row being added: the key bytes built before the lookup (kept, not reallocated).
    private var scratch: [UInt8] = []

    static let defaultLimit = 4096

    init(reference: FeedReference, columns: [Int], limit: Int = OrphanTally.defaultLimit) {
        self.reference = reference
        self.columns = columns
        self.limit = limit
        slots = Array(repeating: -1, count: 64)
    }

    /// Starts the value of a new row.
    mutating func begin() { scratch.removeAll(keepingCapacity: true) }

    /// Appends one reference column's bytes (trimmed, as bound), in `columns` order.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        var length = UInt32(truncatingIfNeeded: bytes.count).littleEndian
        withUnsafeBytes(of: &length) { scratch.append(contentsOf: $0) }
        scratch.append(contentsOf: bytes)
    }

    /// Counts one written row with the value built since `begin()`.
    mutating func commit() {
        guard !overflowed else { return }
        rows += 1
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in scratch { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = Int(slots[slot])
            if matches(entry) {
                entries[entry].rows += 1
                return
            }
            slot = (slot + 1) & mask
        }
        guard entries.count < limit else {
            overflowed = true
            keyBytes = []
            entries = []
            slots = []
            return
        }
        entries.append((keyBytes.count, keyBytes.count + scratch.count, 1))
        keyBytes.append(contentsOf: scratch)
        slots[slot] = Int32(entries.count - 1)
        if entries.count * 2 > slots.count { rehash() }
    }

    private func matches(_ entry: Int) -> Bool {
        let (start, end, _) = entries[entry]
        guard end - start == scratch.count else { return false }
        return keyBytes.withUnsafeBytes { stored in
            scratch.withUnsafeBytes { row in
                guard let a = stored.baseAddress, let b = row.baseAddress else { return row.isEmpty }
                return memcmp(a + start, b, row.count) == 0
            }
        }
    }

    private mutating func rehash() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in keyBytes[entry.start..<entry.end] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// Each distinct value (its columns as text) with the rows written, in first-seen order.
    var values: [(columns: [String], rows: Int)] {
        entries.map { entry in
            var columns: [String] = []
            var position = entry.start
            while position < entry.end {
                let length = keyBytes[position..<position + 4].reversed().reduce(0) { $0 << 8 | Int($1) }
                position += 4
                columns.append(String(decoding: keyBytes[position..<position + length], as: UTF8.self))
                position += length
            }
            return (columns, entry.rows)
        }
    }

    /// The orphans among the counted rows: how many, and the first value (in file order)
    /// whose parent row is missing, its columns joined by `/`; nil when there are none.
    func orphans(in database: Database) throws -> (count: Int, example: String)? {
        let dialect = database.dialect
        let match = reference.parentColumns.enumerated().map { "\"\($1)\" = \(dialect.parameter($0 + 1))" }.joined(separator: " AND ")
        let exists = try database.prepare("SELECT 1 FROM \"\(reference.feed)\" WHERE \(match) LIMIT 1")
        var count = 0
        var example: String?
        for value in values {
            for (offset, column) in value.columns.enumerated() { try exists.bind(column, at: offset + 1) }
            let found = try exists.step()
            exists.reset()
            if !found {
                count += value.rows
                if example == nil { example = value.columns.joined(separator: "/") }
            }
        }
        guard count > 0 else { return nil }
        return (count, example ?? "")
    }
}
