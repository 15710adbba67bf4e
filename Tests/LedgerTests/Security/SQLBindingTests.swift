import Foundation
import Testing
import TestSupport

/// SQL is only ever built with bound parameters: every string literal in `Sources/` that
/// looks like SQL may interpolate only identifiers (quoted names from the catalogue) and
/// dialect pieces (placeholders, upsert syntax), never values. The allow-list below names
/// each accepted interpolation and why it cannot carry a value; a new interpolation fails
/// this test until someone has looked at it.
@Suite struct SQLBindingTests {
    /// An interpolation `\(…)` inside a string literal.
    struct Interpolation: Sendable, CustomStringConvertible {
        var file: String
        var line: Int
        var expression: String
        /// The literal with every interpolation replaced by `?`.
        var literal: String
        /// Whether the interpolation is wrapped in double quotes (a quoted identifier).
        var isQuotedIdentifier: Bool
        var description: String { "\(file):\(line): \\(\(expression)) in \(literal.debugDescription)" }
    }

    /// Accepted interpolation expressions in SQL text (exact match), with the reason.
    static let allowed: [String: String] = [
        // Dialect pieces and identifier quoting: the SQLDialect / Database API.
        "quoted(table)": "identifier quoted by the dialect",
        "quoted(feed.name)": "identifier from the feed catalogue",
        "names": "column identifiers quoted by the dialect",
        "marks": "numbered parameter placeholders from the dialect",
        "keys": "key column identifiers quoted by the dialect",
        "sets": "`column = excluded.column` pieces built from catalogue identifiers",
        "action": "DO NOTHING / DO UPDATE SET of catalogue identifiers",
        "keyMatch": "`key = ?N` pieces: identifiers and placeholders",
        "differs": "`column IS NOT ?N` pieces: identifiers and placeholders",
        "parentMatch": "`key = ?N` pieces: identifiers and placeholders",
        "batchParameter": "a placeholder from the dialect",
        "dialect.parameter(parent.count + 1)": "a placeholder from the dialect",
        "match": "`c.key = p.key` pieces of catalogue identifiers",
        "example ? \" LIMIT 1\" : \"\"": "a constant SQL piece",
        "dialect.autoIncrementPrimaryKey": "dialect DDL piece",
        "feed.name": "a feed (table) name from the catalogue",
        "lines.joined(separator: \",\\n\")": "column definitions built from the catalogue",
        "example ? key : \"COUNT(*)\"": "catalogue key columns joined by a constant, or a constant",
        "batchRestricted ? \"c.batch_id = ? AND \" : \"\"": "a constant piece with a placeholder",
        "present": "`c.column IS NOT NULL` pieces of catalogue identifiers",
        // KPI queries (Sources/Ledger/KPIs): constant SQL pieces and dialect date arithmetic.
        "Self.closedRO": "constant condition with two placeholders (KPIEngine.closedRO)",
        "Self.movementSign": "constant CASE expression (KPIEngine+Parts.movementSign)",
        "window": "dialect.addHours(column, \"?\"): a placeholder",
        "day": "dialect.dateOf(column)",
        "cost": "constant expression `COALESCE(qty * unit_cost, 0)`",
        "delivered": "constant condition with placeholders",
        "days": "dialect.dayNumber(column) differences",
        "cycle": "dialect.daysBetween(columns) in a constant CAST",
        "columns.joined(separator: \", \")": "constant CASE sums with placeholders, one set per period end",
        "value": "constant expression built from movementSign",
        "quantity": "constant expression built from movementSign",
        "price": "constant expression of columns",
        "decisionDays": "difference of dialect.dayNumber(column) pieces",
        // Already on main after 09:40 (finance, SQLDialect.insertIgnoringConflicts).
        "KPIEngine.closedRO": "constant condition with two placeholders",
        "columns.map(quoted).joined(separator: \", \")": "identifiers quoted by the dialect",
        "key.map(quoted).joined(separator: \", \")": "identifiers quoted by the dialect",
        "parameters.joined(separator: \", \")": "placeholders (dialect.parameter) passed by the caller",
        // Bounded-history reports (DerivedTables, migration 0300-report-history): constant
        // pieces, catalogue identifiers and dialect pieces; every value is bound.
        "event.rawValue": "INSERT / UPDATE / DELETE from the RowTriggerEvent enum",
        "quoted(name)": "a trigger name from the schema code, quoted by the dialect",
        "earliest": "dialect.addHours(column, \"-?\"): a placeholder",
        "end1": "a placeholder from the dialect (dialect.parameter(1))",
        "p1": "a placeholder from the dialect (dialect.parameter(1))",
        "p2": "a placeholder from the dialect (dialect.parameter(2))",
        "orderColumns": "constant column list",
        "promisedBefore": "constant condition with dialect placeholders",
        "database.dialect.unindexed(\"opened_at\")": "dialect piece around a constant column",
        "database.dialect.unindexed(\"v.usage\")": "dialect piece around a constant column",
        "ledger.sql": "ledgerBefore(_:): constant SQL with placeholders",
        "before.sql": "ledgerBefore(_:): constant SQL with placeholders",
        "movement.value": "DerivedTables.movementColumns: constant expression of columns",
        "movement.quantity": "DerivedTables.movementColumns: constant expression of columns",
        "movement.movedAt": "DerivedTables.movementColumns: a column name",
        "movement.issuedAt": "DerivedTables.movementColumns: constant CASE of columns",
        "columns": "constant column list",
        "partColumns": "constant column list",
        "stayColumns": "constant column list",
        "stayEvents": "constant list of event types",
        "filter": "constant condition on NEW / OLD row columns (DerivedTables)",
        "row": "the trigger row name, NEW or OLD",
        "month": "dialect.monthOf(NEW / OLD column)",
        "dialect.monthOf(\"moved_at\")": "dialect piece around a constant column",
        "dialect.monthOf(\"NEW.moved_at\")": "dialect piece around a constant column",
        "dialect.isSame(\"part_no\", \"\\(row).part_no\")": "dialect piece around constant columns",
        "one.value": "DerivedTables.movementColumns: constant expression of columns",
        "one.quantity": "DerivedTables.movementColumns: constant expression of columns",
        "one.issuedAt": "DerivedTables.movementColumns: constant CASE of columns",
        "all.value": "DerivedTables.movementColumns: constant expression of columns",
        "all.quantity": "DerivedTables.movementColumns: constant expression of columns",
        "all.issuedAt": "DerivedTables.movementColumns: constant CASE of columns",
        "new.value": "DerivedTables.movementColumns(\"NEW\"): constant expression of trigger-row columns",
        "new.quantity": "DerivedTables.movementColumns(\"NEW\"): constant expression of trigger-row columns",
        "new.issuedAt": "DerivedTables.movementColumns(\"NEW\"): constant CASE of trigger-row columns",
        // Journal sums without order (Journal.statements) and the streamed parts ledger.
        "Self.ordered(Sink.self, by: \"dealer_code, order_no\")": "ORDER BY a constant column list, or nothing",
        "Self.ordered(Sink.self, by: \"r.dealer_code, r.ro_no, l.line_no\")": "ORDER BY a constant column list, or nothing",
        "Self.ordered(Sink.self, by: \"r.dealer_code, r.ro_no, p.line_no\")": "ORDER BY a constant column list, or nothing",
        "Self.ordered(Sink.self, by: \"dealer_code, movement_no, line_no\")": "ORDER BY a constant column list, or nothing",
        "Self.ordered(Sink.self, by: \"dealer_code, entry_no\")": "ORDER BY a constant column list, or nothing",
        "database.dialect.dateOf(\"moved_at\")": "dialect piece around a constant column",
        // Logistics, staff and complaints (migration 0400-complaints-logistics, KPIEngine+Logistics,
        // KPIEngine+OperationsExceptions): constant pieces and dialect placeholders; values are bound.
        "endExclusive": "a placeholder from the dialect (dialect.parameter(1))",
        "stays": "constant SQL over vehicle_stays with a dialect placeholder",
        "transit": "constant SQL over vehicle_logistics_intervals with a dialect placeholder",
        "failures": "constant SQL over vehicle_logistics_intervals with a dialect placeholder",
        "leg": "KPIEngine.legCondition: constant comparison of columns and a dialect placeholder",
        "same": "constant join condition of columns",
        "Self.legColumns(\"a\", after: \"a.previous_arrival\", upTo: \"a.event_time\")": "constant scalar subqueries of columns",
        "Self.legColumns(\"t\", after: \"t.previous_arrival\", upTo: endOfDay)": "constant scalar subqueries; endOfDay is dialect.parameter(2)",
        "complaintColumns": "constant column list",
        "transitTypes": "constant list of event types",
        "ignoredTypes": "constant list of event types",
        "pdiTypes": "constant list of event types",
        "pdiSequenceTypes": "constant list of event types",
        "order": "LogisticsTables: constant window ordering of columns",
        "typeRank(\"e.event_type\")": "LogisticsTables.typeRank: constant CASE of a column",
        "typeRank(\"NEW.event_type\")": "LogisticsTables.typeRank: constant CASE of a trigger-row column",
        "column.type.storage": "INTEGER or TEXT from the ColumnType enum (ALTER TABLE of a catalogue column)",
        // Repeated keys and source lines (TableWriter, issue #12).
        "otherBatch": "\"batch_id <> \" + a placeholder from the dialect (dialect.parameter(N+1))",
        "lineParameter": "a placeholder from the dialect (dialect.parameter(N+2))",
        // PRAGMAs take no bound parameters; these are Int-typed settings of the caller.
        "max(1, options.cacheKiB)": "Int (cannot carry SQL); PRAGMA takes no parameters",
        "pages": "Int (cannot carry SQL); PRAGMA takes no parameters",
        // PostgreSQL: the write lock's advisory-lock key and the trigger functions' names.
        "Self.writeLockKey": "Int64 constant (PostgreSQLDatabase.writeLockKey)",
        "quoted(name + \"_row\")": "a trigger's name from the schema code, quoted by the dialect",
    ]

    @Test func sqlInterpolatesOnlyIdentifiersAndDialectPieces() throws {
        let interpolations = try Self.sourceFiles().flatMap { try Self.interpolations(inFile: $0) }
        #expect(interpolations.count > 10, "the scanner found too few interpolations; is it broken?")
        var sqlCount = 0
        for interpolation in interpolations where Self.looksLikeSQL(interpolation.literal) {
            sqlCount += 1
            let accepted = Self.allowed[interpolation.expression] != nil || interpolation.isQuotedIdentifier
            #expect(accepted, "SQL built with an interpolated value (bind it, or add an identifier to the allow-list with its reason): \(interpolation)")
        }
        #expect(sqlCount > 5, "no SQL literals found; is the scanner broken?")
    }

    /// The scanner itself: a value interpolated into SQL is caught; identifiers are not.
    @Test func theScannerCatchesAnInterpolatedValue() {
        let source = #"""
            let a = "SELECT * FROM \(quoted(table)) WHERE name = '\(name)'"
            let b = "UPDATE t SET x = \(amount) WHERE id = ?1"
            let c = """
                SELECT 1 FROM "\(feed)" p WHERE \(match)
                """
            let d = "hello \(world)"
            """#
        let found = Self.interpolations(in: source, file: "x.swift")
        let flagged = found.filter { Self.looksLikeSQL($0.literal) && Self.allowed[$0.expression] == nil && !$0.isQuotedIdentifier }
        #expect(flagged.map(\.expression) == ["name", "amount"])
        #expect(found.map(\.expression) == ["quoted(table)", "name", "amount", "feed", "match", "world"])
    }

    static let sqlWords: Set<Substring> = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "PRAGMA", "CREATE", "DROP", "ALTER", "WHERE", "VALUES", "CONFLICT", "JOIN",
    ]

    /// Whether a literal is SQL text: an upper-case SQL keyword as a word, or a quoted `'?'`.
    static func looksLikeSQL(_ literal: String) -> Bool {
        if literal.contains("'?'") { return true }
        return literal.split { !$0.isLetter }.contains { sqlWords.contains($0) }
    }

    static func sourceFiles() throws -> [String] {
        let root = Tools.repositoryRoot + "/Sources"
        return try FileManager.default.subpathsOfDirectory(atPath: root)
            .filter { $0.hasSuffix(".swift") }
            .sorted()
            .map { root + "/" + $0 }
    }

    static func interpolations(inFile path: String) throws -> [Interpolation] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return interpolations(in: text, file: String(path.dropFirst(Tools.repositoryRoot.count + 1)))
    }

    /// Every `\(…)` inside a string literal of `text` (comments skipped; nested literals inside
    /// an interpolation are scanned too).
    static func interpolations(in text: String, file: String) -> [Interpolation] {
        let chars = Array(text.unicodeScalars)
        var result: [Interpolation] = []
        var index = 0
        var line = 1
        func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < chars.count ? chars[index + offset] : nil }

        /// Reads a literal starting at `index` (on its opening quote); returns its interpolations.
        func readLiteral() {
            let multiline = peek(1) == "\"" && peek(2) == "\""
            index += multiline ? 3 : 1
            let startLine = line
            var literal = ""
            var found: [(String, Bool, Int)] = []
            while index < chars.count {
                let c = chars[index]
                if c == "\n" { line += 1; if !multiline { break } }
                if c == "\\" {
                    if peek(1) == "(" {
                        let quotedBefore = literal.hasSuffix("\"")
                        index += 2
                        var depth = 1
                        var expression = ""
                        let expressionLine = line
                        while index < chars.count {
                            let e = chars[index]
                            if e == "\"" {
                                // A nested literal inside the interpolation.
                                let nestedStart = index
                                readLiteral()
                                expression += String(String.UnicodeScalarView(chars[nestedStart..<index]))
                                continue
                            }
                            if e == "(" { depth += 1 }
                            if e == ")" { depth -= 1; if depth == 0 { index += 1; break } }
                            if e == "\n" { line += 1 }
                            expression.unicodeScalars.append(e)
                            index += 1
                        }
                        let quotedAfter = index < chars.count && (chars[index] == "\"" || (chars[index] == "\\" && peek(1) == "\""))
                        literal += "?"
                        found.append((expression, quotedBefore && quotedAfter, expressionLine))
                        continue
                    }
                    // An escape: keep the escaped character (\" becomes ").
                    if let next = peek(1) { literal.unicodeScalars.append(next) }
                    index += 2
                    continue
                }
                if c == "\"" {
                    if multiline {
                        if peek(1) == "\"" && peek(2) == "\"" { index += 3; break }
                    } else {
                        index += 1
                        break
                    }
                }
                literal.unicodeScalars.append(c)
                index += 1
            }
            _ = startLine
            for (expression, quoted, at) in found {
                result.append(Interpolation(file: file, line: at, expression: expression, literal: literal, isQuotedIdentifier: quoted))
            }
        }

        while index < chars.count {
            let c = chars[index]
            if c == "\n" { line += 1; index += 1; continue }
            if c == "/" && peek(1) == "/" {
                while index < chars.count && chars[index] != "\n" { index += 1 }
                continue
            }
            if c == "/" && peek(1) == "*" {
                index += 2
                while index < chars.count && !(chars[index] == "*" && peek(1) == "/") {
                    if chars[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if c == "#" && peek(1) == "\"" {
                // A raw string: no interpolation unless \#( — skip to its end.
                index += 2
                while index < chars.count && !(chars[index] == "\"" && peek(1) == "#") {
                    if chars[index] == "\n" { line += 1 }
                    index += 1
                }
                index += 2
                continue
            }
            if c == "\"" {
                readLiteral()
                continue
            }
            index += 1
        }
        return result
    }
}
