import ArgumentParser
import Ledger

extension EncodingChoice: ExpressibleByArgument {}

/// Text that `dms-import` prints on stdout, and its exit status.
public enum ImportReport {
    /// One line per file: `path: feed=… read=… inserted=… updated=… unchanged=… rejected=…
    /// duplicates=… seconds=… outcome=…`; a file that wrote nothing (rolled back, failed,
    /// dry run) adds what it would have done: `would_insert=… would_update=… would_leave_unchanged=…`.
    public static func line(for summary: FileSummary) -> String {
        var text = "\(Diagnostic.printable(summary.path)): feed=\(summary.feed ?? "-") read=\(summary.rowsRead) inserted=\(summary.inserted) updated=\(summary.updated) unchanged=\(summary.unchanged) rejected=\(summary.rejected) duplicates=\(summary.duplicates) seconds=\(seconds(summary.seconds)) outcome=\(summary.outcome.rawValue)"
        if [.rolledBack, .failed, .dryRun].contains(summary.outcome) {
            text += " would_insert=\(summary.wouldInsert) would_update=\(summary.wouldUpdate) would_leave_unchanged=\(summary.wouldLeaveUnchanged)"
        }
        return text
    }

    /// The fields of a file's line, for JSON logs.
    public static func fields(for summary: FileSummary) -> [(String, LogValue)] {
        [
            ("event", .text("file")), ("path", .text(summary.path)), ("feed", summary.feed.map { .text($0) } ?? .null),
            ("read", .integer(summary.rowsRead)), ("inserted", .integer(summary.inserted)), ("updated", .integer(summary.updated)),
            ("unchanged", .integer(summary.unchanged)), ("rejected", .integer(summary.rejected)),
            ("seconds", .number(seconds(summary.seconds))), ("outcome", .text(summary.outcome.rawValue)),
            ("batch_id", summary.batchID.map { .integer(Int($0)) } ?? .null), ("message", .text(line(for: summary))),
        ]
    }

    /// The fields of the total line, for JSON logs.
    public static func totalFields(_ summaries: [FileSummary]) -> [(String, LogValue)] {
        func sum(_ key: KeyPath<FileSummary, Int>) -> Int { summaries.reduce(0) { $0 + $1[keyPath: key] } }
        func count(_ outcome: FileOutcome) -> Int { summaries.filter { $0.outcome == outcome }.count }
        return [
            ("event", .text("total")), ("files", .integer(summaries.count)), ("read", .integer(sum(\.rowsRead))),
            ("inserted", .integer(sum(\.inserted))), ("updated", .integer(sum(\.updated))), ("unchanged", .integer(sum(\.unchanged))),
            ("rejected", .integer(sum(\.rejected))), ("seconds", .number(seconds(summaries.reduce(0) { $0 + $1.seconds }))),
            ("loaded", .integer(count(.loaded))), ("skipped", .integer(count(.skipped))),
            ("failed", .integer(count(.failed) + count(.rolledBack))), ("message", .text(total(summaries))),
        ]
    }

    /// The total line.
    public static func total(_ summaries: [FileSummary]) -> String {
        func sum(_ key: KeyPath<FileSummary, Int>) -> Int { summaries.reduce(0) { $0 + $1[keyPath: key] } }
        func count(_ outcome: FileOutcome) -> Int { summaries.filter { $0.outcome == outcome }.count }
        let time = summaries.reduce(0) { $0 + $1.seconds }
        return "total: files=\(summaries.count) read=\(sum(\.rowsRead)) inserted=\(sum(\.inserted)) updated=\(sum(\.updated)) unchanged=\(sum(\.unchanged)) rejected=\(sum(\.rejected)) duplicates=\(sum(\.duplicates)) seconds=\(seconds(time)) loaded=\(count(.loaded)) skipped=\(count(.skipped)) failed=\(count(.failed) + count(.rolledBack)) empty=\(count(.empty)) not_a_feed=\(count(.notAFeed))"
    }

    /// 65 when a file failed or rolled back, 1 when rows were rejected, else 0.
    public static func exitStatus(for summaries: [FileSummary]) -> ExitStatus {
        summaries.map { summary -> ExitStatus in
            switch summary.outcome {
            case .failed, .rolledBack: return .dataError
            case .loaded, .dryRun: return summary.rejected > 0 ? .rowsRejected : .success
            case .skipped, .empty, .notAFeed: return .success
            }
        }.max() ?? .success
    }

    /// The columns of `dms-import batches`, in order.
    public static let batchColumns = [
        "batch", "started_at", "finished_at", "outcome", "feed", "read", "inserted", "updated", "unchanged", "rejected",
        "duplicates", "removed_lines", "size", "sha256", "path", "archived_path", "message",
    ]

    /// The batch ledger as text (tab-separated, a header line), CSV (RFC 4180, formula-guarded)
    /// or JSON (one object per batch per line, numbers as numbers, absent values null).
    public static func batches(_ entries: [BatchLedger.Entry], format: BatchesFormat) -> String {
        func cells(_ e: BatchLedger.Entry) -> [(text: String?, isNumber: Bool)] {
            [
                (String(e.batchID), true), (e.startedAt, false), (e.finishedAt, false), (e.outcome, false), (e.feed, false),
                (String(e.rowsRead), true), (String(e.inserted), true), (String(e.updated), true), (String(e.unchanged), true),
                (String(e.rejected), true), (String(e.duplicates), true), (String(e.removedLines), true), (String(e.size), true),
                (e.sha256, false), (e.path, false), (e.archivedPath, false), (e.message, false),
            ]
        }
        switch format {
        case .text:
            let lines = [batchColumns.joined(separator: "\t")] + entries.map { entry in
                cells(entry).map { Diagnostic.printable($0.text ?? "") }.joined(separator: "\t")
            }
            return lines.joined(separator: "\n")
        case .csv:
            let writer = CSVWriter()
            var out = writer.line(batchColumns)
            for entry in entries {
                out += writer.line(cells(entry).map { cell in
                    guard let text = cell.text else { return .empty }
                    return cell.isNumber ? .number(text) : .text(text)
                })
            }
            return String(out.dropLast(2))
        case .json:
            return entries.map { entry in
                "{" + zip(batchColumns, cells(entry)).map { name, cell in
                    let value = cell.text.map { cell.isNumber ? $0 : JSONText.quoted($0) } ?? "null"
                    return "\(JSONText.quoted(name)):\(value)"
                }.joined(separator: ",") + "}"
            }.joined(separator: "\n")
        }
    }

    public static func checkText(_ report: WarehouseCheck.Report) -> String {
        var lines: [String] = []
        lines.append("integrity_check: " + (report.integrityProblems.isEmpty ? "ok" : report.integrityProblems.joined(separator: "; ")))
        lines.append("ledger: tables hold \(report.tableRows) rows; loaded batches account for \(report.ledgerRows)" + (report.tableRows == report.ledgerRows ? " (ok)" : " (MISMATCH)"))
        lines.append("rows without a loaded batch: \(report.rowsWithoutBatch)")
        if report.orphans.isEmpty {
            lines.append("orphans: none")
        } else {
            for orphan in report.orphans {
                lines.append("orphans: \(orphan.count) \(orphan.feed) row(s) without \(orphan.reference), e.g. \(orphan.example)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// `dms-import batches --format`.
public enum BatchesFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, csv, json
}

/// Parsing of option values shared by the tools.
public enum CLIParsing {
    /// `,` `;` `|` or tab (`\t`, `tab`).
    public static func delimiter(_ text: String) -> UInt8? {
        switch text {
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "|": return UInt8(ascii: "|")
        case "\t", "\\t", "tab", "TAB": return 9
        default: return nil
        }
    }

    /// `--rejects DIR`, else `rejects/` beside the warehouse; created when missing (unless
    /// `create` is false: a dry run only needs to know it, to never read it as input).
    public static func rejectsDirectory(_ option: String?, warehouse: String, create: Bool = true) throws -> String {
        let directory: String
        if let option {
            directory = option
        } else {
            let parent = warehouse.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            directory = (parent.isEmpty ? (warehouse.hasPrefix("/") ? "" : ".") : parent) + "/rejects"
        }
        if create { try FileSystem.createDirectory(directory) }
        return directory
    }

    /// Throws a usage error naming the closest feeds when `name` is not a feed of the catalogue.
    public static func requireFeed(_ name: String) throws {
        let names = FeedCatalogue.standard.feeds.map(\.name)
        guard FeedCatalogue.standard.feed(named: name) == nil else { return }
        throw ValidationError("unknown feed \"\(name)\"; " + Suggestions.hint(for: name, among: names, noun: "feed") + " (see `dms-import feeds`)")
    }
}
