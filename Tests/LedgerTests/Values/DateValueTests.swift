import Testing
@testable import Ledger

@Suite struct DateValueTests {
    let parser = ValueParser()
    let allFormats = ValueParser(dateFormats: DateFormat.allCases)

    static let validDates: [(String, String)] = [
        ("2026-11-27", "2026-11-27"),
        (" 2026-1-5 ", "2026-01-05"),
        ("2026/11/27", "2026-11-27"),
        ("2026/1/05", "2026-01-05"),
        ("20261127", "2026-11-27"),
        ("2026年11月27日", "2026-11-27"),
        ("2026年1月5日", "2026-01-05"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("2026-12-31", "2026-12-31"),
        ("0001-01-01", "0001-01-01"),
        ("9999-12-31", "9999-12-31"),
        // A date-time in a date column keeps its date.
        ("2026-11-27 23:59:59", "2026-11-27"),
        // … after converting an offset to Asia/Shanghai.
        ("2026-11-27T20:00:00Z", "2026-11-28"),
        ("\u{3000}2026-11-27\u{3000}", "2026-11-27"),
    ]

    @Test(arguments: validDates)
    func acceptsDates(text: String, canonical: String) {
        #expect((try? parser.date(text).get())??.text == canonical)
    }

    static let invalidDates: [String] = [
        "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2026-02-29", "1900-02-29", "2100-02-29",
        "0000-01-01", "2026-11", "2026-11-27x", "2026/11-27", "26-11-27", "2026-111-27", "2026-11-270",
        "2026.11.27", "2026年11月27", "2026年11-27日", "202611270", "2026112", "11/27/2026", "45000",
        "1700000000000", "2026-11-27 25:00", "2026-11-27 10:60", "2026-11-27 10:00:60", "2026-11-27 10",
        "2026-11-27 10:0", "today", "00",
    ]

    @Test(arguments: invalidDates)
    func rejectsDates(text: String) {
        guard case .failure(let error) = parser.date(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.kind == .date)
        #expect(error.description.hasPrefix("\"\(text)\" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年MM月DD日)"))
    }

    @Test func errorMessageMatchesTheHouseStyle() {
        #expect(
            parser.parse("2026-13-01", as: .date)
                == .failure(
                    ValueError(.date, "\"2026-13-01\" is not a date (expected YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or YYYY年MM月DD日)")))
    }

    @Test(arguments: ["", "  ", "NULL", "null", " Null ", "-", "0"])
    func nullInDateColumns(text: String) {
        #expect(parser.parse(text, as: .date) == .success(.null))
        #expect(parser.parse(text, as: .dateTime) == .success(.null))
    }

    static let profileDates: [(String, String?)] = [
        ("11/27/2026", "2026-11-27"),
        ("1/5/2026", "2026-01-05"),
        ("02/29/2023", nil),
        ("11/27/26", "2026-11-27"),
        ("01/01/49", "2049-01-01"),
        ("01/01/50", "1950-01-01"),
        ("12/31/99", "1999-12-31"),
        ("13/01/2026", nil),
        ("11/27/026", nil),
        // Excel serials, 1900 date system.
        ("1", "1900-01-01"),
        ("59", "1900-02-28"),
        ("60", nil),
        ("61", "1900-03-01"),
        ("45000", "2023-03-15"),
        ("46353", "2026-11-27"),
        ("46353.75", "2026-11-27"),
        ("2958465", "9999-12-31"),
        ("2958466", nil),
        ("46353.", nil),
        // Epoch milliseconds, converted to Asia/Shanghai.
        ("1764201600000", "2025-11-27"),
        ("1764172799999", "2025-11-26"),
        // yyyy-MM-dd HH-mm-ss
        ("2026-11-27 14-30-05", "2026-11-27"),
        ("2026-11-27 14-30", nil),
    ]

    @Test(arguments: profileDates)
    func profileFormats(text: String, canonical: String?) {
        switch allFormats.date(text) {
        case .success(let date): #expect(date?.text == canonical)
        case .failure(let error):
            #expect(canonical == nil, "\(error)")
            #expect(error.kind == .date)
        }
    }

    @Test func profileFormatsAreOffByDefault() {
        for text in ["11/27/2026", "11/27/26", "46353", "1764201600000", "2026-11-27 14-30-05"] {
            #expect(throws: ValueError.self) { try parser.date(text).get() }
        }
    }

    @Test func onlyTheChosenFormatsAreAccepted() {
        let slashOnly = ValueParser(dateFormats: [.isoSlash])
        #expect((try? slashOnly.date("2026/11/27").get())??.text == "2026-11-27")
        #expect(throws: ValueError.self) { try slashOnly.date("2026-11-27").get() }
        #expect(throws: ValueError.self) { try slashOnly.date("20261127").get() }
        #expect(slashOnly.date("x").failureDescription == "\"x\" is not a date (expected YYYY/MM/DD)")
    }

    @Test func formatNamesRoundTrip() {
        for format in DateFormat.allCases { #expect(DateFormat(rawValue: format.rawValue) == format) }
        #expect(DateFormat.defaults == [.isoDash, .isoSlash, .compact, .chinese])
    }
}

@Suite struct DateTimeValueTests {
    let parser = ValueParser()

    static let valid: [(String, String)] = [
        ("2026-11-27 14:30", "2026-11-27 14:30:00"),
        ("2026-11-27 14:30:05", "2026-11-27 14:30:05"),
        ("2026-11-27T14:30:05", "2026-11-27 14:30:05"),
        ("2026-11-27 9:05", "2026-11-27 09:05:00"),
        ("2026-11-27  14:30:05", "2026-11-27 14:30:05"),
        ("2026-11-27 14:30:05.999", "2026-11-27 14:30:05"),
        ("2026/11/27 00:00:00", "2026-11-27 00:00:00"),
        ("20261127 23:59:59", "2026-11-27 23:59:59"),
        ("2026年11月27日 8:00", "2026-11-27 08:00:00"),
        ("2026年11月27日08:00", "2026-11-27 08:00:00"),
        ("2026-11-27", "2026-11-27 00:00:00"),
        // Offsets are converted to Asia/Shanghai (UTC+8).
        ("2026-11-27T06:30:00Z", "2026-11-27 14:30:00"),
        ("2026-11-27T14:30:00+08:00", "2026-11-27 14:30:00"),
        ("2026-11-27T14:30:00+0800", "2026-11-27 14:30:00"),
        ("2026-11-27T14:30:00+08", "2026-11-27 14:30:00"),
        ("2026-11-27T20:00:00-05:00", "2026-11-28 09:00:00"),
        ("2026-11-27T16:00:00.5Z", "2026-11-28 00:00:00"),
        ("2026-11-27 01:00+09:30", "2026-11-26 23:30:00"),
        ("2026-12-31T23:00:00-01:00", "2027-01-01 08:00:00"),
    ]

    @Test(arguments: valid)
    func acceptsDateTimes(text: String, canonical: String) {
        #expect((try? parser.dateTime(text).get())??.text == canonical)
    }

    static let invalid: [String] = [
        "2026-11-27 24:00:00", "2026-11-27 14:60", "2026-11-27 14:30:61", "2026-11-27 14", "2026-11-27 14:3",
        "2026-11-27 14:30:5", "2026-11-27x14:30", "2026-11-2714:30", "2026-11-27 14:30:05.", "2026-11-27 14:30Z+1",
        "2026-11-27T14:30+8", "2026-11-27T14:30+08:", "2026-11-27T14:30+08:0", "2026-11-27T14:30+19:00",
        "2026-11-27T14:30 +08:00", "2026-11-27 14:30 PM", "2026-02-30 10:00",
    ]

    @Test(arguments: invalid)
    func rejectsDateTimes(text: String) {
        guard case .failure(let error) = parser.dateTime(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.kind == .dateTime)
        #expect(error.description.hasPrefix("\"\(text)\" is not a date-time (expected"))
    }

    @Test func otherTimeZones() throws {
        let newYork = ValueParser(timeZone: try LocalTimeZone(identifier: "America/New_York"))
        // Winter (UTC-5) and summer (UTC-4).
        #expect((try newYork.dateTime("2026-01-15T12:00:00Z").get())?.text == "2026-01-15 07:00:00")
        #expect((try newYork.dateTime("2026-07-15T12:00:00Z").get())?.text == "2026-07-15 08:00:00")
        // Without an offset nothing is converted.
        #expect((try newYork.dateTime("2026-07-15 12:00:00").get())?.text == "2026-07-15 12:00:00")
        let utc = ValueParser(timeZone: try LocalTimeZone(identifier: "UTC"), dateFormats: [.isoDash, .epochMilliseconds])
        #expect((try utc.dateTime("1764201600000").get())?.text == "2025-11-27 00:00:00")
        #expect((try utc.dateTime("1764201600999").get())?.text == "2025-11-27 00:00:00")
    }

    @Test func excelSerialTimes() throws {
        let excel = ValueParser(dateFormats: [.excelSerial])
        #expect((try excel.dateTime("46353.75").get())?.text == "2026-11-27 18:00:00")
        #expect((try excel.dateTime("46353.604166666667").get())?.text == "2026-11-27 14:30:00")
        #expect((try excel.dateTime("46353").get())?.text == "2026-11-27 00:00:00")
        #expect((try excel.dateTime("46353.9999999").get())?.text == "2026-11-28 00:00:00")
    }

    @Test func unknownTimeZoneIsAClearError() {
        #expect(throws: TimeZoneError(identifier: "Mars/Olympus")) { try LocalTimeZone(identifier: "Mars/Olympus") }
        #expect(
            TimeZoneError(identifier: "Mars/Olympus").description
                == "unknown time zone \"Mars/Olympus\" (expected an IANA id such as Asia/Shanghai or Europe/Berlin)")
        #expect(LocalTimeZone.shanghai.identifier == "Asia/Shanghai")
    }
}

@Suite struct LocalDateTests {
    @Test(arguments: [
        (0, "1970-01-01"), (-1, "1969-12-31"), (59, "1970-03-01"), (10956, "1999-12-31"), (10957, "2000-01-01"),
        (11016, "2000-02-29"), (20784, "2026-11-27"), (-25567, "1900-01-01"), (-719_162, "0001-01-01"),
        (2_932_896, "9999-12-31"),
    ])
    func daysSinceEpoch(days: Int, text: String) {
        #expect(LocalDate(daysSinceEpoch: days)?.text == text)
        #expect(LocalDate(daysSinceEpoch: days)?.daysSinceEpoch == days)
    }

    @Test func roundTripsEveryDayOfFourCenturies() {
        var previous: LocalDate?
        for days in stride(from: -25_567, through: 120_000, by: 1) {
            guard let date = LocalDate(daysSinceEpoch: days) else {
                Issue.record("no date for \(days)")
                return
            }
            #expect(date.daysSinceEpoch == days)
            if let previous { #expect(previous < date && previous.adding(days: 1) == date) }
            previous = date
        }
    }

    @Test func outOfRange() {
        #expect(LocalDate(daysSinceEpoch: -719_163) == nil)
        #expect(LocalDate(daysSinceEpoch: 2_932_897) == nil)
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(year: 10000, month: 1, day: 1) == nil)
    }

    @Test(arguments: [("2026-11-23", 1), ("2026-11-27", 5), ("2026-11-29", 7), ("1970-01-01", 4), ("1969-12-28", 7)])
    func weekday(text: String, expected: Int) {
        #expect((try? ValueParser().date(text).get())??.weekday == expected)
    }

    @Test func canonicalTextWithoutAllocation() {
        guard let date = LocalDate(year: 7, month: 3, day: 9),
            let time = LocalDateTime(date: date, hour: 5, minute: 4, second: 3)
        else {
            Issue.record("constructors failed")
            return
        }
        #expect(date.withCanonicalUTF8 { Array($0) } == Array("0007-03-09".utf8))
        #expect(time.withCanonicalUTF8 { Array($0) } == Array("0007-03-09 05:04:03".utf8))
        #expect(time.text == "0007-03-09 05:04:03")
        #expect(LocalDateTime(date: date, hour: 24) == nil)
        #expect(LocalDateTime(secondsSinceEpoch: -1)?.text == "1969-12-31 23:59:59")
        #expect(LocalDateTime(secondsSinceEpoch: 1_764_201_600)?.secondsSinceEpoch == 1_764_201_600)
    }
}

extension Result where Failure == ValueError {
    var failureDescription: String? {
        if case .failure(let error) = self { return error.description }
        return nil
    }
}
