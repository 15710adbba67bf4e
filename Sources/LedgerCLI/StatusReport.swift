import Ledger

/// The output formats of `dms-import status`.
public enum StatusFormat: String, CaseIterable, Sendable {
    case text, csv, json
}

/// `dms-import status` output: one row per active dealer × expected feed, then one row per
/// active dealer that sent nothing in the window (its feed and dates empty).
public enum StatusReport {
    /// The columns of the CSV and the fields of the JSON objects.
    public static let columns = ["dealer", "region", "feed", "data_through", "last_file", "last_file_loaded_at", "days_late"]

    /// The rows, as text cells in `columns` order (empty for a missing value).
    public static func rows(_ report: Completeness.Report) -> [[String]] {
        var rows = report.feeds.map { state in
            [state.dealer, report.region(of: state.dealer), state.feed, state.dataThrough.description, state.lastFile ?? "",
             state.lastFileAt ?? "", String(state.daysLate)]
        }
        rows += report.silentDealers.map { [$0.code, $0.region, "", "", "", "", ""] }
        return rows
    }

    /// Writes the report to stdout in `format` (JSON: one object per row).
    public static func write(_ report: Completeness.Report, format: StatusFormat, to console: Console) {
        let rows = rows(report)
        switch format {
        case .csv:
            let writer = CSVWriter()
            console.output(([columns] + rows).map { writer.line($0).replacingOccurrences(of: "\r\n", with: "") }.joined(separator: "\n"))
        case .json:
            for (row, state) in zip(rows, report.feeds.map(Optional.some) + report.silentDealers.map { _ in nil }) {
                var fields: [(String, LogValue)] = zip(columns, row).map { column, cell in
                    if column == "days_late" { return (column, cell.isEmpty ? .null : .number(cell)) }
                    return (column, cell.isEmpty ? .null : .text(cell))
                }
                fields.append(("late", .number(state?.isLate == true ? "true" : "false")))
                fields.append(("silent", .number(state == nil ? "true" : "false")))
                if console.format == .json {
                    console.output("", fields: fields)
                } else {
                    console.output("{" + fields.map { "\(JSONText.quoted($0.0)):\($0.1.jsonText)" }.joined(separator: ",") + "}")
                }
            }
        case .text:
            var lines = ["as of \(report.asOf): feeds expected from dealers with rows dated \(report.windowStart) to \(report.asOf); late after \(report.lateAfterDays) days"]
            let widths = columns.indices.map { index in ([columns[index]] + rows.map { $0[index] }).map(displayWidth).max() ?? 0 }
            for row in [columns] + rows {
                lines.append(zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - displayWidth(cell)) }
                    .joined(separator: "  ").trimmingTrailingSpaces())
            }
            let late = report.feeds.filter(\.isLate)
            lines.append(
                late.isEmpty
                    ? "nothing late (\(report.feeds.count) expected feeds of \(report.dealers.count) dealers)"
                    : "late: \(late.count) of \(report.feeds.count) expected feeds (\(Set(late.map(\.dealer)).sorted().joined(separator: ", ")))")
            if !report.silentDealers.isEmpty {
                lines.append("sent nothing in the 90 days: \(report.silentDealers.map(\.code).joined(separator: ", "))")
            }
            // Dealer codes and regions come from feeds: no control character reaches a terminal.
            console.output(lines.map(Diagnostic.printable).joined(separator: "\n"))
        }
    }

    /// One line per late feed (what `--quiet` prints, as errors).
    public static func lateFeeds(_ report: Completeness.Report) -> [String] {
        report.feeds.filter(\.isLate).map { state in
            let region = report.region(of: state.dealer)
            return "\(state.dealer)\(region.isEmpty ? "" : " (\(region))") \(state.feed): data through \(state.dataThrough), "
                + "\(state.daysLate) day\(state.daysLate == 1 ? "" : "s") late as of \(report.asOf)"
        }
    }

    /// Columns a terminal gives `text` (CJK characters take two).
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x1100...0xFFDC).contains($1.value) && $1.value >= 0x2E80 ? 2 : 1) }
    }
}

extension LogValue {
    var jsonText: String { json }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
