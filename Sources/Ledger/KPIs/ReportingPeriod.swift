/// The period a report covers: inclusive local dates `[start, end]` (kpis.md section 1).
public struct ReportingPeriod: Sendable, Hashable, CustomStringConvertible {
    /// How the period was given; decides what "previous" means.
    public enum Kind: Sendable, Hashable {
        case month, quarter, year, range
    }

    public let kind: Kind
    public let start: LocalDate
    public let end: LocalDate

    /// A period of the given kind. A range needs `start <= end`.
    public init?(kind: Kind, start: LocalDate, end: LocalDate) {
        guard start <= end else { return nil }
        self.kind = kind
        self.start = start
        self.end = end
    }

    /// The calendar month `year-month`.
    public static func month(_ year: Int, _ month: Int) -> ReportingPeriod? {
        guard let start = LocalDate(year: year, month: month, day: 1),
            let end = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))
        else { return nil }
        return ReportingPeriod(kind: .month, start: start, end: end)
    }

    /// Parses `2026-10`, `2026-Q3`, `2026` or `2026-10-01..2026-10-15`.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: " ")
        if let dots = text.firstDoubleDot {
            let left = String(text[..<dots])
            let right = String(text[text.index(dots, offsetBy: 2)...])
            guard left.count == 10, right.count == 10, let a = LocalDate(left), let b = LocalDate(right) else { return nil }
            self.init(kind: .range, start: a, end: b)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let yearText = parts.first, yearText.count == 4, yearText.allSatisfy(\.isASCII), let year = Int(yearText) else { return nil }
        if parts.count == 1 {
            guard let start = LocalDate(year: year, month: 1, day: 1), let end = LocalDate(year: year, month: 12, day: 31) else { return nil }
            self.init(kind: .year, start: start, end: end)
        } else if parts.count == 2, parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
            let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter)
        {
            let first = (quarter - 1) * 3 + 1
            guard let start = LocalDate(year: year, month: first, day: 1),
                let end = LocalDate(year: year, month: first + 2, day: LocalDate.daysIn(month: first + 2, year: year))
            else { return nil }
            self.init(kind: .quarter, start: start, end: end)
        } else if parts.count == 2, parts[1].count == 2, parts[1].allSatisfy(\.isASCII), let month = Int(parts[1]) {
            guard let period = ReportingPeriod.month(year, month) else { return nil }
            self = period
        } else {
            return nil
        }
    }

    /// `days(P) = end − start + 1`.
    public var days: Int { start.days(to: end) + 1 }

    /// The previous calendar month / quarter / year; for a range, the `days` days before it.
    public var previous: ReportingPeriod {
        switch kind {
        case .month, .quarter, .year:
            let months = kind == .month ? 1 : kind == .quarter ? 3 : 12
            let newStart = start.adding(months: -months)
            let newEnd = start.shifted(by: -1)
            return ReportingPeriod(kind: kind, start: newStart, end: newEnd) ?? self
        case .range:
            return ReportingPeriod(kind: .range, start: start.shifted(by: -days), end: start.shifted(by: -1)) ?? self
        }
    }

    /// The same calendar period a year earlier (range dates shifted by one year; 29 Feb → 28 Feb).
    public var yearEarlier: ReportingPeriod {
        switch kind {
        case .month, .quarter, .year:
            let newStart = start.adding(years: -1)
            let newEnd = end.adding(years: -1)
            // Month ends move with the month (Feb 2028 → Feb 2027 ends on the 28th).
            let lastDay = LocalDate(
                year: newEnd.year, month: newEnd.month, day: LocalDate.daysIn(month: newEnd.month, year: newEnd.year)) ?? newEnd
            return ReportingPeriod(kind: kind, start: newStart, end: lastDay) ?? self
        case .range:
            return ReportingPeriod(kind: .range, start: start.adding(years: -1), end: end.adding(years: -1)) ?? self
        }
    }

    /// The trend of a report at the period's own grain, oldest first, ending with the month,
    /// quarter or year that holds `end`: 13 months for a month (and for a range), 8 quarters
    /// for a quarter, 5 years for a year.
    public var trailingPeriods: [ReportingPeriod] {
        switch kind {
        case .month, .range: return trailingMonths
        case .quarter:
            let first = (end.month - 1) / 3 * 3 + 1
            return (0..<8).reversed().compactMap { back in
                guard let start = LocalDate(year: end.year, month: first, day: 1)?.adding(months: -3 * back) else { return nil }
                let last = start.adding(months: 2)
                guard let close = LocalDate(year: last.year, month: last.month, day: LocalDate.daysIn(month: last.month, year: last.year))
                else { return nil }
                return ReportingPeriod(kind: .quarter, start: start, end: close)
            }
        case .year:
            return (0..<5).reversed().compactMap { back in
                guard let start = LocalDate(year: end.year - back, month: 1, day: 1), let close = LocalDate(year: end.year - back, month: 12, day: 31)
                else { return nil }
                return ReportingPeriod(kind: .year, start: start, end: close)
            }
        }
    }

    /// The 13 calendar months ending with the month that holds `end`, oldest first.
    public var trailingMonths: [ReportingPeriod] {
        (0..<13).reversed().compactMap { back in
            let date = LocalDate(year: end.year, month: end.month, day: 1)?.adding(months: -back)
            return date.flatMap { ReportingPeriod.month($0.year, $0.month) }
        }
    }

    /// The period as given on the command line: `2026-10`, `2026-Q3`, `2026`, `2026-10-01..2026-10-15`.
    public var description: String {
        switch kind {
        case .month: return String(start.description.prefix(7))
        case .quarter: return "\(start.description.prefix(4))-Q\((start.month - 1) / 3 + 1)"
        case .year: return String(start.description.prefix(4))
        case .range: return "\(start)..\(end)"
        }
    }

    /// A label safe in file names (`2026-10`, `2026-10-01_2026-10-15`).
    public var fileLabel: String {
        kind == .range ? "\(start)_\(end)" : description
    }
}

extension String {
    /// The index of the first "..", if any.
    fileprivate var firstDoubleDot: String.Index? {
        var index = startIndex
        while index < endIndex {
            let next = self.index(after: index)
            if self[index] == ".", next < endIndex, self[next] == "." { return index }
            index = next
        }
        return nil
    }

    fileprivate func trimmingCharacters(in character: Character) -> String {
        var text = Substring(self)
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}
