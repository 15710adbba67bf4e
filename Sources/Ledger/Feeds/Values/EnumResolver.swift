#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves cells of an enumerated column to canonical values (feeds.md 1, "Enums").
///
/// The lowercase lookup table of canonical values and aliases is built once per domain;
/// matching is case-insensitive.
public struct EnumResolver: Sendable {
    public let domain: EnumDomain
    private let lookup: [String: String]
    private let allowed: String
    /// The canonical values' UTF-8 bytes end to end, and where each ends: a cell spelled
    /// exactly as a canonical value (the usual case) resolves by comparing bytes, without
    /// building and hashing a `String`.
    private let canonicalBytes: [UInt8]
    private let canonicalEnds: [Int]

    public init(_ domain: EnumDomain) {
        self.domain = domain
        var lookup: [String: String] = [:]
        for (alias, canonical) in domain.aliases { lookup[alias.lowercased()] = canonical }
        for value in domain.values { lookup[value.lowercased()] = value }
        self.lookup = lookup
        allowed = domain.values.joined(separator: ", ")
        canonicalBytes = domain.values.flatMap { Array($0.utf8) }
        var ends: [Int] = []
        var end = 0
        for value in domain.values {
            end += value.utf8.count
            ends.append(end)
        }
        canonicalEnds = ends
    }

    /// The canonical value for a trimmed, non-null spelling.
    func resolve(trimmed bytes: UnsafeRawBufferPointer) -> Result<String, ValueError> {
        if let exact = canonicalIndex(of: bytes) { return .success(domain.values[exact]) }
        guard UTF8Validation.isValid(bytes) else { return .failure(.invalidText(bytes)) }
        let text = String(decoding: bytes, as: UTF8.self)
        if let canonical = lookup[text] ?? lookup[text.lowercased()] { return .success(canonical) }
        return .failure(.value(.enumeration, bytes, "is not one of \(allowed) (or a listed alias)"))
    }

    /// The index of the canonical value spelled exactly as `bytes`, if any.
    @inline(__always)
    private func canonicalIndex(of bytes: UnsafeRawBufferPointer) -> Int? {
        canonicalBytes.withUnsafeBytes { all in
            var start = 0
            for (index, end) in canonicalEnds.enumerated() {
                defer { start = end }
                guard end - start == bytes.count, let base = bytes.baseAddress, let values = all.baseAddress else { continue }
                if memcmp(base, values + start, bytes.count) == 0 { return index }
            }
            return nil
        }
    }

    /// The canonical value of `text`, nil for a null cell without a default, or an error
    /// listing the allowed values.
    public func resolve(_ text: String) -> Result<String?, ValueError> {
        var copy = text
        return copy.withUTF8 { resolve(UnsafeRawBufferPointer($0)) }
    }

    /// The canonical value of a cell, nil for a null cell without a default, or an error.
    public func resolve(_ bytes: UnsafeRawBufferPointer) -> Result<String?, ValueError> {
        if CellBytes.containsNUL(bytes) { return .failure(ValueError(.nulByte, "NUL byte in value")) }
        let range = CellBytes.trimmed(bytes)
        if CellBytes.isNullSpelling(bytes, range) { return .success(domain.emptyMeans) }
        return resolve(trimmed: UnsafeRawBufferPointer(rebasing: bytes[range])).map { $0 }
    }
}
