import Testing
@testable import Ledger

@Suite struct MoneyValueTests {
    let parser = ValueParser()

    static let valid: [(String, Int64)] = [
        ("0", 0), ("12", 1200), ("12.3", 1230), ("12.34", 1234), ("-12.34", -1234), ("-0", 0), ("0.01", 1),
        ("1,007.32", 100_732), ("1,234,567.89", 123_456_789), ("999", 99900), ("100,000", 10_000_000),
        // Rounded half-even to 2 places.
        ("0.005", 0), ("0.015", 2), ("0.025", 2), ("0.0250", 2), ("0.0251", 3), ("0.035", 4), ("1.994", 199),
        ("1.995", 200), ("1.985", 198), ("-1.995", -200), ("-0.005", 0), ("2.675", 268), ("2.665", 266),
        ("9.999", 1000),
        // Currency signs.
        ("¥12.50", 1250), ("￥12.50", 1250), ("$12.50", 1250), ("CNY12.50", 1250), ("CNY 12.50", 1250),
        ("cny 1,000", 100_000), ("¥ 5", 500), ("12.50元", 1250), ("12.50 元", 1250), ("-¥12.50", -1250),
        ("¥-12.50", -1250), ("-12元", -1200), (" ¥1,007.32 ", 100_732),
        ("92233720368547758.07", Int64.max),
    ]

    @Test(arguments: valid)
    func accepts(text: String, minor: Int64) {
        #expect(parser.parse(text, as: .money) == .success(.integer(minor)))
    }

    static let invalid: [String] = [
        "12.", ".5", "1.2.3", "12a", "a12", "1,00", "1,0000", "1234,567", ",123", "123,", "1,234,56", "1,,234",
        "--12", "¥¥12", "¥12元", "12元元", "$-", "¥", "元", "+12", "12-", "1 000", "12 .5", "EUR 12", "(12.00)",
        "1e3", "0x10",
    ]

    @Test(arguments: invalid)
    func rejects(text: String) {
        guard case .failure(let error) = parser.money(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(error.kind == .money)
        #expect(error.description.hasPrefix("\"\(text)\" is not an amount of money (expected"))
    }

    @Test(arguments: ["92233720368547758.08", "100000000000000000", "-92233720368547758.08", "92233720368547758.075"])
    func overflowIsAnError(text: String) {
        #expect(parser.money(text).failureDescription == "\"\(text)\" is too large for an amount of money")
    }

    @Test(arguments: ["", " ", "NULL", "-", "null"])
    func nulls(text: String) {
        #expect(parser.parse(text, as: .money) == .success(.null))
    }
}

@Suite struct DecimalValueTests {
    let parser = ValueParser()

    static let decimalCases: [(String, Int64?)] = [
        ("1", 10000), ("1.5", 15000), ("0.0001", 1), ("-2.25", -22500), ("1,234.5678", 12_345_678),
        ("12.34560", 123_456), ("3.00000", 30000), ("0", 0),
        ("1.23456", nil), ("0.00001", nil), ("1.", nil), ("+1", nil), ("1/2", nil), ("abc", nil),
    ]

    @Test(arguments: decimalCases)
    func decimals(text: String, expected: Int64?) {
        switch parser.decimal(text) {
        case .success(let value): #expect(value == expected)
        case .failure(let error):
            #expect(expected == nil, "\(error)")
            #expect(error.kind == .decimal)
        }
    }

    @Test func tooManyPlacesIsNamed() {
        #expect(
            parser.decimal("1.23456").failureDescription
                == "\"1.23456\" has more than 4 decimal places (expected a number with up to 4 places)")
        #expect(parser.decimal("922337203685477.5808").failureDescription == "\"922337203685477.5808\" is too large for a number")
    }

    static let scoreCases: [(String, Int64?)] = [
        ("0", 0), ("10", 100_000), ("10.0000", 100_000), ("7.25", 72500), ("9.9999", 99999), ("0.0001", 1),
        ("-0", 0), ("10.0001", nil), ("11", nil), ("-0.0001", nil), ("-1", nil), ("5.12345", nil), ("x", nil),
    ]

    @Test(arguments: scoreCases)
    func scores(text: String, expected: Int64?) {
        switch parser.score(text) {
        case .success(let value): #expect(value == expected)
        case .failure(let error):
            #expect(expected == nil, "\(error)")
            #expect(error.description == "\"\(text)\" is not a score (expected a number from 0 to 10 with up to 4 decimal places)")
        }
    }

    static let integerCases: [(String, Int64?)] = [
        ("0", 0), ("42", 42), ("-42", -42), ("+42", 42), ("12.0", 12), ("12.00", 12), ("1,234", 1234),
        ("9223372036854775807", Int64.max), ("-9223372036854775807", -Int64.max),
        ("12.5", nil), ("12.", nil), ("1e3", nil), ("--1", nil), ("1 2", nil), ("9223372036854775808", nil),
        ("٣", nil),
    ]

    @Test(arguments: integerCases)
    func integers(text: String, expected: Int64?) {
        switch parser.integer(text) {
        case .success(let value): #expect(value == expected)
        case .failure(let error):
            #expect(expected == nil, "\(error)")
            #expect(error.kind == .integer)
        }
    }
}

@Suite struct BooleanAndTextValueTests {
    let parser = ValueParser()

    static let booleanCases: [(String, Bool?)] = [
        ("1", true), ("0", false), ("true", true), ("TRUE", true), ("False", false), ("yes", true), ("No", false),
        ("Y", true), ("n", false), ("是", true), ("否", false), (" y ", true),
        ("2", nil), ("t", nil), ("on", nil), ("yess", nil), ("是的", nil),
    ]

    @Test(arguments: booleanCases)
    func booleans(text: String, expected: Bool?) {
        switch parser.boolean(text) {
        case .success(let value): #expect(value == expected)
        case .failure(let error):
            #expect(expected == nil, "\(error)")
            #expect(error.description == "\"\(text.trimmingSpaces)\" is not a boolean (expected 1/0, true/false, yes/no, Y/N or 是/否)")
        }
        if let expected { #expect(parser.parse(text, as: .boolean) == .success(.integer(expected ? 1 : 0))) }
    }

    @Test func extraBooleanSpellings() {
        let profile = ValueParser(extraBooleans: ["ON": true, "关": false])
        #expect(profile.boolean("on") == .success(true))
        #expect(profile.boolean("关") == .success(false))
        #expect(profile.boolean("yes") == .success(true))
        #expect(profile.boolean("off").failureDescription == "\"off\" is not a boolean (expected 1/0, true/false, yes/no, Y/N or 是/否, or ON, 关)")
    }

    @Test func textIsTrimmed() {
        #expect(parser.parse("  张三 ", as: .text) == .success(.text("张三")))
        #expect(parser.parse("\t", as: .text) == .success(.null))
        #expect(parser.parse("NuLl", as: .text) == .success(.null))
        #expect(parser.parse("--", as: .text) == .success(.text("--")))
        #expect(parser.parse("0", as: .text) == .success(.text("0")))
    }

    @Test(arguments: [ColumnType.text, .date, .dateTime, .money, .decimal, .score, .integer, .boolean, .vin])
    func nulByteIsAnError(type: ColumnType) {
        #expect(parser.parse("12\u{0}3", as: type) == .failure(ValueError(.nulByte, "NUL byte in value")))
    }

    /// 0xFF is what `TranscodingByteSource` writes for invalid GB18030 bytes.
    @Test(arguments: [ColumnType.text, .date, .dateTime, .money, .decimal, .score, .integer, .boolean, .vin,
        .enumeration(EnumDomain(["a"]))])
    func invalidUTF8IsAnError(type: ColumnType) {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        let result = bytes.withUnsafeBytes { parser.parse($0, as: type) }
        guard case .failure(let error) = result else {
            Issue.record("accepted invalid UTF-8 as \(type)")
            return
        }
        if type == .text || type == .enumeration(EnumDomain(["a"])) {
            #expect(error == ValueError(.invalidText, "\"a\u{FFFD}b\" contains bytes that are not valid text in the file's encoding (see --encoding)"))
        }
    }

    @Test func bytesEntryPoint() {
        let prepared = PreparedColumnType(.money)
        let result = Array(" 1,007.32 ".utf8).withUnsafeBytes { parser.parse($0, as: prepared) }
        #expect(result == .success(.integer(100_732)))
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
