import Testing
@testable import Ledger

@Suite struct HeaderMatchingTests {
    @Test(arguments: [
        ("Dealer Code", "dealercode"), ("dealer-code", "dealercode"), (" DEALER_CODE ", "dealercode"),
        ("\u{FEFF}dealer_code", "dealercode"), ("DealerCode", "dealercode"), (" 经销商代码 ", "经销商代码"),
        ("\u{3000}工单号\u{3000}", "工单号"), ("VIN码", "vin码"), ("", ""),
    ])
    func normalization(name: String, expected: String) {
        #expect(HeaderMatching.normalized(name) == expected)
    }

    let orders = Feed(
        "orders", "test", key: ["dealer_code", "order_no"],
        columns: [
            Column("dealer_code", .text, aliases: ["经销商代码"]), Column("order_no", .text, aliases: ["订单号"]),
            Column("amount", .money, aliases: ["金额"]), Column("note", .text),
        ])
    let orderLines = Feed(
        "order_lines", "test", key: ["dealer_code", "order_no", "line_no"],
        columns: [
            Column("dealer_code", .text, aliases: ["经销商代码"]), Column("order_no", .text),
            Column("line_no", .integer, aliases: ["行号"]), Column("qty", .decimal),
        ])
    let returns = Feed(
        "returns", "test", key: ["dealer_code", "order_no", "line_no"],
        columns: [
            Column("dealer_code", .text), Column("order_no", .text), Column("line_no", .integer),
            Column("reason", .text),
        ])
    var catalogue: FeedCatalogue { FeedCatalogue(feeds: [orders, orderLines, returns]) }

    @Test func mapsColumnsAndAliases() {
        let match = HeaderMatching.match(header: ["\u{FEFF}经销商代码", "Order No", "Extra", "AMOUNT", "", "order-no"], to: orders)
        #expect(match.headerIndex == [0, 1, 3, nil])
        #expect(match.headerIndex(of: "amount") == 3)
        #expect(match.headerIndex(of: "note") == nil)
        #expect(match.headerIndex(of: "nope") == nil)
        #expect(match.unknownHeaders == ["Extra"])
        #expect(match.duplicateHeaders == ["order-no"])
        #expect(match.missingKeyColumns.isEmpty)
        #expect(match.missingColumns == ["note"])
        #expect(match.matchedCount == 3)
    }

    @Test func missingKeyColumnsAreReported() {
        let match = HeaderMatching.match(header: ["dealer_code", "amount"], to: orders)
        #expect(match.missingKeyColumns == ["order_no"])
    }

    @Test func detectsTheOnlyFittingFeed() {
        guard case .feed(let match) = HeaderMatching.detectFeed(header: ["dealer_code", "order_no", "金额"], in: catalogue)
        else {
            Issue.record("not detected")
            return
        }
        #expect(match.feed.name == "orders")
    }

    @Test func prefersTheFeedWithFewerUnknownHeaders() {
        // orders also has its key here, but `行号` and `qty` are unknown to it; returns lacks the alias 行号.
        let header = ["经销商代码", "order_no", "行号", "qty"]
        #expect(HeaderMatching.candidates(header: header, in: catalogue).map(\.feed.name) == ["order_lines", "orders"])
        guard case .feed(let match) = HeaderMatching.detectFeed(header: header, in: catalogue) else {
            Issue.record("not detected")
            return
        }
        #expect(match.feed.name == "order_lines")
    }

    @Test func reportsAmbiguityAndAbsence() {
        #expect(
            HeaderMatching.detectFeed(header: ["dealer_code", "order_no", "line_no"], in: catalogue)
                == .ambiguous(["order_lines", "returns"]))
        #expect(HeaderMatching.detectFeed(header: ["dealer_code", "amount"], in: catalogue) == .none)
    }

    @Test func standardCatalogueSharedAliases() {
        guard let labor = FeedCatalogue.standard.feed(named: "ro_labor") else {
            Issue.record("no ro_labor feed")
            return
        }
        let match = HeaderMatching.match(header: ["经销商代码", "工单号", "行号", "Sold Hours"], to: labor)
        #expect(match.missingKeyColumns.isEmpty)
        #expect(match.headerIndex(of: "ro_no") == 1)
        #expect(match.headerIndex(of: "sold_hours") == 3)
        #expect(match.unknownHeaders.isEmpty)
    }
}

@Suite struct DelimiterDetectionTests {
    @Test(arguments: [
        ("a,b,c\n1;2;3;4;5\n", ","),
        ("a;b;c\n", ";"),
        ("a|b|c", "|"),
        ("a\tb\tc\r\n", "\t"),
        ("a,b;c\n", ","),  // tie → comma
        ("a;b|c\n", ";"),  // tie without comma → earlier candidate
        ("\"x,y,z\";b;c\n", ";"),  // separators inside quotes do not count
        ("\"multi\nline,,,,\";b\n", ";"),
        ("single\n", ","),
        ("", ","),
        ("\u{FEFF}a;b\n", ";"),
        ("\n\na|b\n", "|"),
    ])
    func detects(sample: String, expected: Character) {
        #expect(DelimiterDetection.detect(sample: Array(sample.utf8)) == expected.asciiValue)
    }

    @Test func headerRowSkipsTitleRows() {
        let sample = Array("Report, exported 2026-11-27, by DMS\n\nwho;when\ndealer_code;ro_no;vin\n1,2,3".utf8)
        #expect(DelimiterDetection.detect(sample: sample, headerRow: 1) == UInt8(ascii: ","))
        #expect(DelimiterDetection.detect(sample: sample, headerRow: 3) == UInt8(ascii: ";"))
        #expect(DelimiterDetection.detect(sample: sample, headerRow: 2) == UInt8(ascii: ";"))
    }
}
