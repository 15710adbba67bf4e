/// A trailer line that closes a file and declares its record count (GBK text interfaces
/// often end in `TRL|123`).
///
/// Syntax of the pattern: literal text with exactly one `{count}` (one or more digits: the
/// number of data records) and any number of `{any}` (any text, possibly empty), matched
/// against the whole raw line with surrounding spaces trimmed. Examples: `TRL|{count}`,
/// `TRL|{count}|{any}`, `共{count}条记录`.
public struct TrailerRule: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal([Character])
        case count
        case any
    }

    /// The pattern as written in the profile.
    public let pattern: String
    let tokens: [Token]

    /// Parses `pattern`; the error text says what is wrong with it.
    public init(pattern: String) throws(TrailerPatternError) {
        var tokens: [Token] = []
        var literal: [Character] = []
        var counts = 0
        var rest = Substring(pattern)
        while let c = rest.first {
            if c == "{" {
                if rest.hasPrefix("{count}") {
                    if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
                    tokens.append(.count)
                    counts += 1
                    rest = rest.dropFirst(7)
                    continue
                }
                if rest.hasPrefix("{any}") {
                    if !literal.isEmpty { tokens.append(.literal(literal)); literal = [] }
                    tokens.append(.any)
                    rest = rest.dropFirst(5)
                    continue
                }
                throw TrailerPatternError(message: "unknown placeholder in \"\(pattern)\": use {count} (the record count) and {any} (any text)")
            }
            literal.append(c)
            rest = rest.dropFirst()
        }
        if !literal.isEmpty { tokens.append(.literal(literal)) }
        guard counts == 1 else {
            throw TrailerPatternError(message: "\"\(pattern)\" must hold {count} exactly once, e.g. \"TRL|{count}\"")
        }
        self.pattern = pattern
        self.tokens = tokens
    }

    /// The record count declared by `line` when it is a trailer line, else nil.
    public func declaredCount(in line: String) -> Int? {
        let characters = Array(XMLText.trimmed(line))
        var count: Int?
        guard match(tokens[...], characters[...], &count) else { return nil }
        return count
    }

    private func match(_ tokens: ArraySlice<Token>, _ text: ArraySlice<Character>, _ count: inout Int?) -> Bool {
        guard let token = tokens.first else { return text.isEmpty }
        let rest = tokens.dropFirst()
        switch token {
        case let .literal(characters):
            guard text.starts(with: characters) else { return false }
            return match(rest, text.dropFirst(characters.count), &count)
        case .any:
            var index = text.startIndex
            while true {
                if match(rest, text[index...], &count) { return true }
                if index == text.endIndex { return false }
                index += 1
            }
        case .count:
            var end = text.startIndex
            while end < text.endIndex, let digit = text[end].asciiValue, digit >= 48 && digit <= 57 { end += 1 }
            guard end > text.startIndex else { return false }
            // Longest run first, then shorter ones (a literal digit may follow).
            var stop = end
            while stop > text.startIndex {
                if match(rest, text[stop...], &count) {
                    count = Int(String(text[text.startIndex..<stop]))
                    return count != nil
                }
                stop -= 1
            }
            return false
        }
    }
}

/// Why a trailer pattern is not valid.
public struct TrailerPatternError: Error, Sendable, Equatable {
    public var message: String
}

/// Checks a file's trailer record by record: call `consume` for every record (its raw line)
/// and `finish` at the end. A record matching the pattern is the trailer: it is not loaded,
/// it must be the last record, and its count must equal the data records before it (header
/// and title rows, blank lines and the trailer itself not counted). Failures are file errors.
public struct TrailerCheck: Sendable {
    public let rule: TrailerRule
    public let file: String
    private var trailer: (line: Int, count: Int)?

    public init(rule: TrailerRule, file: String) {
        self.rule = rule
        self.file = file
    }

    /// Whether the record is the trailer (skip it). Throws when a record follows the trailer.
    public mutating func consume(rawRecord: String, line: Int) throws -> Bool {
        if let trailer {
            throw FeedFileError(file: file, line: line, "a record follows the trailer line \(trailer.line) (\"\(rule.pattern)\")")
        }
        guard let count = rule.declaredCount(in: rawRecord) else { return false }
        trailer = (line, count)
        return true
    }

    /// Verifies the trailer at the end of the file, given the data records read.
    public func finish(dataRecords: Int) throws {
        guard let trailer else {
            throw FeedFileError(file: file, "the trailer line \"\(rule.pattern)\" is missing: the file may be truncated")
        }
        guard trailer.count == dataRecords else {
            throw FeedFileError(
                file: file, line: trailer.line,
                "the trailer declares \(trailer.count) records but the file holds \(dataRecords): the file may be truncated or padded")
        }
    }
}
