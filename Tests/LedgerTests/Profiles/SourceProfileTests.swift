#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Ledger

/// feeds.md 3: profiles parsed from TOML, every error, matching, and applying them.
@Suite struct SourceProfileTests {
    static let minimal = """
        name = "p"
        feed = "repair_orders"

        """

    static func parse(_ text: String) throws -> SourceProfile {
        try SourceProfile(toml: text, file: "profiles/test.toml")
    }

    @Test func minimalProfileHasDefaults() throws {
        let profile = try Self.parse(Self.minimal)
        #expect(profile.name == "p")
        #expect(profile.feed == "repair_orders")
        #expect(profile.headerRow == 1)
        #expect(profile.delimiter == nil)
        #expect(profile.encoding == .auto)
        #expect(profile.filePatterns.isEmpty)
        #expect(profile.trailer == nil)
    }

    @Test func everyKeyIsParsed() throws {
        let profile = try Self.parse("""
            name = "full"
            description = "all keys"
            feed = "ro_parts"
            file_pattern = ["A_*.txt", "b?.csv"]
            header_row = 3
            delimiter = "tab"
            encoding = "GBK"
            date_formats = ["MM/DD/YYYY", "excel-serial"]
            trailer = "TRL|{count}|{any}"
            [columns]
            "零件号" = "part_no"
            "是否缺件" = { column = "filled_from_stock", inverted = true }
            [values.pay_type]
            "S" = "warranty"
            [booleans]
            true = ["有"]
            false = ["无"]
            [derive.pay_type]
            from = "unit_price"
            values = { "0" = "warranty" }
            [constants]
            dealer_code = "DLR009"
            """)
        #expect(profile.summary == "all keys")
        #expect(profile.filePatterns == ["A_*.txt", "b?.csv"])
        #expect(profile.headerRow == 3)
        #expect(profile.delimiter == 9)
        #expect(profile.encoding == .gb18030)
        #expect(profile.dateFormats == ["MM/DD/YYYY", "excel-serial"])
        #expect(profile.trailer?.pattern == "TRL|{count}|{any}")
        #expect(profile.columns["零件号"] == SourceProfile.ColumnRename(column: "part_no"))
        #expect(profile.columns["是否缺件"] == SourceProfile.ColumnRename(column: "filled_from_stock", inverted: true))
        #expect(profile.values["pay_type"] == ["S": "warranty"])
        #expect(profile.trueSpellings == ["有"])
        #expect(profile.falseSpellings == ["无"])
        #expect(profile.derived["pay_type"] == SourceProfile.DerivedColumn(from: "unit_price", values: ["0": "warranty"]))
        #expect(profile.constants == ["dealer_code": "DLR009"])
    }

    @Test(arguments: [
        ("name = \"p\"\nfeed = \"repair_orders\"\nheader_row = \"x\"",
         "profiles/test.toml: key \"header_row\": expected a positive integer (the 1-based row of the header), got \"x\""),
        ("name = \"p\"\nfeed = \"repair_orders\"\nheader_row = 0", "key \"header_row\": expected a positive integer"),
        ("name = \"p\"\nfeed = \"repair_orders\"\nheder_row = 3", "key \"heder_row\": unknown key (did you mean \"header_row\"?"),
        ("feed = \"repair_orders\"", "key \"name\": missing"),
        ("name = \"\"\nfeed = \"repair_orders\"", "key \"name\": must not be empty"),
        ("name = \"p\"", "key \"feed\": missing"),
        ("name = \"p\"\nfeed = \"repair_order\"", "key \"feed\": \"repair_order\" is not a feed"),
        ("name = 3\nfeed = \"repair_orders\"", "key \"name\": expected a string, got 3"),
        ("name = \"p\"\nfeed = \"repair_orders\"\ndelimiter = \"ab\"", "key \"delimiter\": expected one punctuation character"),
        ("name = \"p\"\nfeed = \"repair_orders\"\ndelimiter = \"\\\"\"", "key \"delimiter\""),
        ("name = \"p\"\nfeed = \"repair_orders\"\nencoding = \"latin1\"", "key \"encoding\": expected \"auto\", \"utf-8\" or \"gb18030\""),
        ("name = \"p\"\nfeed = \"repair_orders\"\ndate_formats = [\"DD.MM.YYYY\"]", "key \"date_formats\": unknown date format \"DD.MM.YYYY\""),
        ("name = \"p\"\nfeed = \"repair_orders\"\ndate_formats = 5", "key \"date_formats\": expected a string or a list of strings, got 5"),
        ("name = \"p\"\nfeed = \"repair_orders\"\ntrailer = \"TRL\"", "key \"trailer\": \"TRL\" must hold {count} exactly once"),
        ("name = \"p\"\nfeed = \"repair_orders\"\ntrailer = \"TRL|{n}\"", "key \"trailer\": unknown placeholder"),
        ("name = \"p\"\nfeed = \"repair_orders\"\ntrailer = \"{count}{count}\"", "must hold {count} exactly once"),
        ("name = \"p\"\nfeed = \"repair_orders\"\nfile_pattern = \"in/RO_*.txt\"", "key \"file_pattern\": a pattern matches a file name"),
        ("name = \"p\"\nfeed = \"repair_orders\"\nfile_pattern = [1]", "key \"file_pattern\": expected a list of strings"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[columns]\n\"工单号\" = \"ro_number\"",
         "key \"columns.工单号\": \"ro_number\" is not a column of feed repair_orders"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[columns]\n\"工单号\" = 5", "key \"columns.工单号\": expected a canonical column name"),
        ("name = \"p\"\nfeed = \"ro_parts\"\n[columns]\n\"缺件\" = { inverted = true }", "key \"columns.缺件\": missing \"column\""),
        ("name = \"p\"\nfeed = \"ro_parts\"\n[columns]\n\"缺件\" = { column = \"filled_from_stock\", invert = true }",
         "key \"columns.缺件.invert\": unknown key in [columns] (did you mean \"inverted\"?"),
        ("name = \"p\"\nfeed = \"ro_parts\"\n[columns]\n\"缺件\" = { column = \"filled_from_stock\", inverted = \"yes\" }",
         "key \"columns.缺件.inverted\": expected true or false"),
        ("name = \"p\"\nfeed = \"ro_parts\"\n[columns]\n\"数量\" = { column = \"qty\", inverted = true }",
         "key \"columns.数量\": only boolean columns can be inverted"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[values.kind]\n\"1\" = \"x\"", "key \"values.kind\": \"kind\" is not a column of feed repair_orders"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[values.ro_type]\n\"12121002\" = \"rework\"",
         "key \"values.ro_type.12121002\": \"rework\" is not a value of ro_type"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[values.waiting_parts]\n\"待料\" = \"yes\"", "key \"values.waiting_parts.待料\": waiting_parts is boolean"),
        ("name = \"p\"\nfeed = \"repair_orders\"\nvalues = 3", "key \"values\": expected a table"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[booleans]\nyes = [\"是\"]", "key \"booleans.yes\": unknown key in [booleans]"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[booleans]\ntrue = [\"是\"]\nfalse = [\"是\"]", "key \"booleans\": \"是\" is listed as both true and false"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[derive.comeback_flag]\nvalues = { \"1\" = \"true\" }", "key \"derive.comeback_flag\": missing \"from\""),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[derive.comeback_flag]\nfrom = \"type\"", "key \"derive.comeback_flag.from\": \"type\" is not a column"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[derive.comeback_flag]\nfrom = \"ro_type\"\nwhen = 1", "key \"derive.comeback_flag.when\": unknown key"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[derive.comeback_flag]\nfrom = \"ro_type\"\ndefault = \"no\"", "key \"derive.comeback_flag.default\": comeback_flag is boolean"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[constants]\ndealer = \"DLR001\"", "key \"constants.dealer\": \"dealer\" is not a column"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[constants]\ndealer_code = 1", "key \"constants.dealer_code\": expected a string, got 1"),
        ("name = \"p\"\nfeed = \"repair_orders\"\n[constants]\nstatus = \"closed\"", "key \"constants.status\": \"closed\" is not a value of status"),
    ])
    func errorsNameTheFileTheKeyAndTheFix(toml: String, expected: String) {
        #expect {
            try Self.parse(toml)
        } throws: { error in
            guard let error = error as? ProfileError else { return false }
            let matched = error.description.contains(expected)
            if !matched { Issue.record("got: \(error.description)") }
            return matched && error.file == "profiles/test.toml"
        }
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        #expect {
            try Self.parse("name = \"p\"\nfeed = \"repair_orders\"\nheader_row = = 3\n")
        } throws: { error in
            guard let error = error as? ProfileError else { return false }
            return error.line == 3 && error.column != nil && error.description.hasPrefix("profiles/test.toml:3:")
                && error.message.contains("TOML syntax error")
        }
    }

    // MARK: applying

    @Test func headerRenamesIgnoreCaseSpacesAndBOM() throws {
        let profile = try Self.parse(Self.minimal + "[columns]\n\"Work Order\" = \"ro_no\"\n\"开单时间\" = \"opened_at\"\n")
        #expect(profile.apply(toHeader: ["\u{FEFF}work_order", " 开单时间 ", "vin", "其他"]) == ["ro_no", "opened_at", "vin", "其他"])
    }

    @Test func valueMapsBooleansAndInversion() throws {
        let profile = try Self.parse("""
            name = "p"
            feed = "ro_parts"
            [columns]
            "是否缺件" = { column = "filled_from_stock", inverted = true }
            [values.pay_type]
            "S" = "warranty"
            [booleans]
            true = ["有货"]
            false = ["无货"]
            """)
        #expect(profile.mapValue(column: "pay_type", raw: " S ") == "warranty")
        #expect(profile.mapValue(column: "pay_type", raw: "s") == "warranty")
        #expect(profile.mapValue(column: "pay_type", raw: "") == "")
        #expect(profile.mapValue(column: "pay_type", raw: "Z") == "Z")
        // 是否缺件 = 是 (part missing) → not filled from stock.
        #expect(profile.mapValue(column: "filled_from_stock", raw: "是") == "false")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "否") == "true")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "Y") == "false")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "0") == "true")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "有货") == "false")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "") == "")
        #expect(profile.mapValue(column: "filled_from_stock", raw: "maybe") == "maybe")
        #expect(profile.invertedColumns == ["filled_from_stock"])
    }

    @Test func rowsGetDerivedColumnsMapsAndConstants() throws {
        let profile = try SourceProfile.load(path: XMLTestFiles.sample("profiles/yonyou-repair-orders.toml"))
        let rework = profile.apply(toRow: ["ro_no": "R1", "ro_type": "12121002", "status": "12551001", "dealer_code": "X"])
        #expect(rework == ["ro_no": "R1", "ro_type": "repair", "status": "open", "comeback_flag": "true", "dealer_code": "DLR001"])
        let repair = profile.apply(toRow: ["ro_no": "R2", "ro_type": "12121001", "status": "12551010"])
        #expect(repair["comeback_flag"] == "false")
        #expect(repair["status"] == "invoiced")
        let warranty = profile.apply(toRow: ["ro_no": "R3", "ro_type": "12121003", "comeback_flag": "是"])
        #expect(warranty["ro_type"] == "warranty")
        #expect(warranty["comeback_flag"] == "true")
    }

    // MARK: matching

    @Test(arguments: [
        ("RO_*.txt", "RO_DLR001_20261126.txt", true),
        ("RO_*.txt", "ro_dlr001.TXT", true),
        ("RO_*.txt", "ROLABOR_DLR001.txt", false),
        ("RO_*.txt", "RO_DLR001.txt.bak", false),
        ("b?.csv", "b1.csv", true),
        ("b?.csv", "b12.csv", false),
        ("[ab]_*.csv", "B_x.csv", true),
        ("[!ab]_*.csv", "a_x.csv", false),
        ("[0-9]*.csv", "7up.csv", true),
        ("配件出入库明细*.csv", "配件出入库明细_DLR003.csv", true),
    ])
    func fileNamePatterns(pattern: String, name: String, expected: Bool) {
        #expect(FileNamePattern.matches(pattern, name) == expected)
    }

    @Test func shippedProfilesLoadAndMatchTheirSamples() throws {
        let set = try ProfileSet.load(folder: XMLTestFiles.sample("profiles"))
        #expect(set.profiles.map(\.name) == ["cn-parts-ledger", "yonyou-repair-orders-xlsx", "yonyou-repair-orders", "yonyou-ro-labor", "yonyou-ro-parts"])
        #expect(try set.profile(forFile: "工单导出_DLR001_20261027.xlsx")?.sheet == "工单列表")
        #expect(try set.profile(forFile: "inbox/2026-11-26/RO_DLR001_20261126.txt")?.name == "yonyou-repair-orders")
        #expect(try set.profile(forFile: "ROLABOR_DLR001_20261126.txt")?.name == "yonyou-ro-labor")
        #expect(try set.profile(forFile: "ROPART_DLR001_20261126.txt")?.name == "yonyou-ro-parts")
        #expect(try set.profile(forFile: "PARTS_LEDGER_DLR003_202611.csv")?.name == "cn-parts-ledger")
        #expect(try set.profile(forFile: "repair_orders_DLR001.csv") == nil)
    }

    @Test func overlappingPatternsAreAnError() throws {
        let one = try Self.parse("name = \"a\"\nfeed = \"repair_orders\"\nfile_pattern = \"RO_*\"")
        let two = try Self.parse("name = \"b\"\nfeed = \"ro_labor\"\nfile_pattern = \"*.txt\"")
        #expect(throws: ProfileError.self) { try ProfileSet(profiles: [one, two]).profile(forFile: "RO_1.txt") }
        #expect(try ProfileSet(profiles: [one, two]).profile(forFile: "RO_1.csv")?.name == "a")
    }

    @Test func duplicateNamesInAFolderAreAnError() throws {
        let folder = XMLTestFiles.temporaryFolder()
        for file in ["a.toml", "b.toml"] {
            let path = XMLTestFiles.write("name = \"same\"\nfeed = \"dealers\"\n", name: "x.toml")
            #expect(rename(path, folder + "/" + file) == 0)
        }
        #expect {
            try ProfileSet.load(folder: folder)
        } throws: { error in
            (error as? ProfileError)?.description.contains("names must be unique") == true
        }
    }

    // MARK: trailer

    @Test(arguments: [
        ("TRL|{count}", "TRL|123", 123 as Int?),
        ("TRL|{count}", " TRL|7 \r", 7),
        ("TRL|{count}", "TRL|", nil),
        ("TRL|{count}", "TRL|12a", nil),
        ("TRL|{count}", "RO1|x", nil),
        ("TRL|{count}|{any}", "TRL|42|2026-11-27", 42),
        ("共{count}条记录", "共15条记录", 15),
        ("{count}", "9", 9),
        ("T{count}0", "T1230", 123),
    ])
    func trailerPatterns(pattern: String, line: String, count: Int?) throws {
        #expect(try TrailerRule(pattern: pattern).declaredCount(in: line) == count)
    }

    @Test func trailerCheck() throws {
        let rule = try TrailerRule(pattern: "TRL|{count}")
        var check = TrailerCheck(rule: rule, file: "RO_1.txt")
        #expect(try check.consume(rawRecord: "RO1|a", line: 4) == false)
        #expect(try check.consume(rawRecord: "RO2|b", line: 5) == false)
        #expect(try check.consume(rawRecord: "TRL|2", line: 6) == true)
        try check.finish(dataRecords: 2)
        #expect(throws: FeedFileError.self) { try check.finish(dataRecords: 3) }
        #expect(throws: FeedFileError.self) { try check.consume(rawRecord: "RO3|c", line: 7) }
        let missing = TrailerCheck(rule: rule, file: "RO_1.txt")
        #expect {
            try missing.finish(dataRecords: 0)
        } throws: { error in
            (error as? FeedFileError)?.message.contains("missing") == true
        }
    }
}
