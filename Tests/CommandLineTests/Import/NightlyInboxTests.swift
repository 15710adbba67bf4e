import Foundation
import Testing
import TestSupport

/// Five nights of a cron job over one inbox, as an operator runs it (`cd inbox && dms-import
/// load . --archive ../archive`, the warehouse and its rejects folder inside the inbox):
/// a resent file, a late dealer, an empty export, a corrupt XML, a repeated key with a
/// rejected row, a GBK file whose Chinese starts after 64 KiB. After every night the inbox is
/// empty, every original is archived byte for byte with the SHA-256 the ledger recorded,
/// `status` names exactly the late dealer and exits 1, kpi.csv's coverage is right for each
/// dealer and group, and the exit code is the one cli.md's table gives.
@Suite(.serialized) struct NightlyInboxTests {
    /// A file a dealer or the OEM drops into the inbox.
    struct InboxFile {
        var path: String
        var bytes: [UInt8]
        init(_ path: String, _ bytes: [UInt8]) { self.path = path; self.bytes = bytes }
        init(_ path: String, _ text: String) { self.init(path, Array(text.utf8)) }
    }

    /// One night: its business date, the files the dealers drop into the inbox, and what the
    /// run must end with.
    struct Night {
        var day: Int  // November 2026
        var files: [InboxFile]
        var exitCode: Int32
        /// Relative paths that must end under `failed/`.
        var failed: Set<String> = []
        /// Substrings stdout or stderr must contain.
        var mentions: [String] = []

        var date: String { String(format: "2026-11-%02d", day) }
        var compact: String { String(format: "202611%02d", day) }
    }

    let directory: TemporaryDirectory
    var inbox: String { directory.file("inbox") }
    var archive: String { directory.file("archive") }
    var warehouse: String { directory.file("inbox/dms.sqlite") }

    init() throws {
        directory = try TemporaryDirectory("nightly")
        try FileManager.default.createDirectory(atPath: directory.file("inbox"), withIntermediateDirectories: true)
    }

    @Test func fiveNightsLeaveNothingBehindAndMissNothing() throws {
        let (nights, expectedRepairOrders) = Self.nights()
        var previousRunFolders = Set<String>()
        for night in nights {
            for file in night.files { try directory.write("inbox/" + file.path, bytes: file.bytes) }
            let result = try Tools.run("dms-import", ["load", ".", "--archive", archive], in: inbox)
            let context = "night \(night.date): exit \(result.status)\n\(result.stdout)\n\(result.stderr)"
            #expect(result.status == night.exitCode, "\(context)")
            for mention in night.mentions {
                #expect((result.stdout + result.stderr).contains(mention), "missing \(mention): \(context)")
            }

            // The inbox holds only the tool's own files.
            #expect(try inputFilesLeft() == [], "\(context)")

            // Exactly one new run folder; every original is in it, byte for byte.
            let runFolders = Set(try FileManager.default.contentsOfDirectory(atPath: archive))
            let new = runFolders.subtracting(previousRunFolders)
            try #require(new.count == 1, "run folders after \(night.date): \(runFolders.sorted())")
            let run = archive + "/" + new.first!
            previousRunFolders = runFolders
            let manifest = try manifestRows(run + "/manifest.csv")
            #expect(manifest.count == night.files.count, "\(manifest)")
            let ledger = try Tools.run(
                "dms-import", ["batches", "--warehouse", warehouse, "--format", "csv"], in: directory.path)
            #expect(ledger.status == 0, "\(ledger.stderr)")
            for file in night.files {
                let expectedPath = run + (night.failed.contains(file.path) ? "/failed/" : "/") + file.path
                let archived = try Data(contentsOf: URL(fileURLWithPath: expectedPath))
                #expect(Array(archived) == file.bytes, "\(expectedPath) differs from the original")
                let digest = try Self.sha256(file.bytes)
                let row = manifest.first { $0.first == file.path }
                try #require(row != nil, "\(file.path) not in the manifest of \(night.date): \(manifest)")
                #expect(row![3] == digest, "manifest sha256 of \(file.path)")
                #expect(row![5].hasSuffix(file.path), "manifest archived path of \(file.path): \(row![5])")
                #expect(ledger.stdout.contains(digest), "the batch ledger has no row with the SHA-256 of \(file.path)")
                if row![1] == "loaded" {
                    let ledgerRow = ledger.stdout.split(separator: "\n").first { $0.contains(digest) && $0.contains(new.first!) }
                    #expect(ledgerRow != nil, "the batch ledger does not record where \(file.path) went")
                }
            }

            // Completeness: only DLR003 is late, and that makes status exit 1.
            let status = try Tools.run(
                "dms-import", ["status", "--warehouse", warehouse, "--as-of", night.date, "--format", "csv"],
                in: directory.path)
            #expect(status.status == 1, "status on \(night.date): \(status.stdout)\(status.stderr)")
            #expect(try lateDealers(status.stdout) == ["DLR003"], "status on \(night.date): \(status.stdout)")
            let okStatus = try Tools.run(
                "dms-import", ["status", "--warehouse", warehouse, "--as-of", night.date, "--late-after", "60"],
                in: directory.path)
            #expect(okStatus.status == 0, "status --late-after 60 on \(night.date): \(okStatus.stdout)\(okStatus.stderr)")

            // Coverage: October is complete for the dealers who keep sending and partial for
            // DLR003 (data through 25 October); November so far is complete for them and
            // `none` for DLR003, who sent nothing dated in it. A group is its worst dealer.
            let october = try coverage(period: "2026-10", by: "dealer")
            #expect(october == ["DLR001": "complete", "DLR002": "complete", "DLR003": "partial"], "\(october)")
            let octoberRegions = try coverage(period: "2026-10", by: "region")
            #expect(octoberRegions == ["华东": "partial", "华南": "complete"], "\(octoberRegions)")
            let november = try coverage(period: "2026-11-01.." + night.date, by: "dealer")
            #expect(november == ["DLR001": "complete", "DLR002": "complete", "DLR003": "none"], "\(november)")
            let novemberNetwork = try coverage(period: "2026-11-01.." + night.date, by: "network")
            #expect(novemberNetwork == ["network": "none"], "\(novemberNetwork)")
            // No pause between nights: runs in the same second get run folders `<name>~N`.
        }
        // Nothing was loaded twice: night 2's resent file was skipped.
        let orders = try WarehouseDigest.count("repair_orders", in: warehouse)
        #expect(orders == Int64(expectedRepairOrders))
    }

    // MARK: - The nights

    static let dealers = """
        dealer_code,name,region,sub_region,province,city,brand,opened_on,status
        DLR001,杭州澜海汽车,华东,华东一区,浙江省,杭州市,澜海,2016-05-01,active
        DLR002,广州澜海汽车,华南,华南一区,广东省,广州市,澜海,2017-03-01,active
        DLR003,宁波澜海汽车,华东,华东二区,浙江省,宁波市,澜海,2018-09-01,active

        """

    static let roHeader = "dealer_code,ro_no,vin,opened_at,promised_at,completed_at,invoiced_at,mileage_km,ro_type,status\n"
    static let orderHeader =
        "dealer_code,order_no,order_date,customer_id,vin,sale_type,order_type,status,list_price,discount,sale_price,vehicle_cost,delivered_on\n"

    /// Two ROs opened and invoiced on `date` (yyyy-MM-dd).
    static func repairOrders(_ dealer: String, _ date: String, first: Int, count: Int = 2) -> String {
        (first..<first + count).map {
            "\(dealer),RO\(dealer.suffix(3))-\($0),,\(date) 09:00,\(date) 17:00,\(date) 16:00,\(date) 17:30,12000,maintenance,invoiced\n"
        }.joined()
    }

    static func salesOrders(_ dealer: String, _ date: String, first: Int, count: Int = 1) -> String {
        (first..<first + count).map {
            "\(dealer),SO\(dealer.suffix(3))-\($0),\(date),C\($0),,new,retail,delivered,150000.00,5000.00,145000.00,130000.00,\(date)\n"
        }.joined()
    }

    /// The five nights, and how many repair orders the warehouse holds after them.
    static func nights() -> ([Night], Int) {
        var roCount = 0
        func ros(_ dealer: String, _ date: String, first: Int, count: Int = 2) -> String {
            roCount += count
            return repairOrders(dealer, date, first: first, count: count)
        }
        // History: October for all three dealers; DLR003 stops on 25 October and stays late.
        var history = [InboxFile("dealers.csv", dealers)]
        for dealer in ["DLR001", "DLR002", "DLR003"] {
            let last = dealer == "DLR003" ? 25 : 31
            var roText = roHeader, orderText = orderHeader
            for day in 1...last {
                let date = String(format: "2026-10-%02d", day)
                roText += ros(dealer, date, first: day * 10)
                orderText += salesOrders(dealer, date, first: day * 10)
            }
            history.append(InboxFile("history/repair_orders_\(dealer)_202610.csv", roText))
            history.append(InboxFile("history/sales_orders_\(dealer)_202610.csv", orderText))
        }

        func daily(_ day: Int, _ dealer: String) -> [InboxFile] {
            let date = String(format: "2026-11-%02d", day)
            let compact = String(format: "202611%02d", day)
            return [
                InboxFile("repair_orders_\(dealer)_\(compact).csv", roHeader + ros(dealer, date, first: 1000 + day * 10)),
                InboxFile("sales_orders_\(dealer)_\(compact).csv", orderHeader + salesOrders(dealer, date, first: 1000 + day * 10)),
            ]
        }

        var nights: [Night] = []
        // Night 1: the history and the first day.
        nights.append(Night(day: 1, files: (history + daily(1, "DLR001") + daily(1, "DLR002")), exitCode: 0))

        // Night 2: DLR001 resends yesterday's repair-order export, byte for byte.
        let resent = daily(1, "DLR001")[0]
        roCount -= 2  // the resent file loads nothing
        nights.append(
            Night(
                day: 2, files: ([resent] + daily(2, "DLR001") + daily(2, "DLR002")), exitCode: 0,
                mentions: ["outcome=skipped"]))

        // Night 3: an empty export and a truncated OEM dealer master.
        let corrupt = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DealerMaster xmlns="urn:ledger-dms:oem:1" generated_at="2026-11-03T02:00:00+08:00">
              <Dealer>
                <dealer_code>DLR001</dealer_code>
                <name>杭州澜海汽车</na
            """
        nights.append(
            Night(
                day: 3,
                files: (daily(3, "DLR001") + daily(3, "DLR002") + [
                    InboxFile("ro_labor_DLR002_20261103.csv", []),
                    InboxFile("oem/dealer_master_20261103.xml", corrupt),
                ]),
                exitCode: 65, failed: ["oem/dealer_master_20261103.xml"],
                mentions: ["outcome=empty", "dealer_master_20261103.xml"]))

        // Night 4: DLR002's export repeats a key (the last row wins, counted as a duplicate),
        // and one of DLR001's 25 orders has an impossible date (rejected: exit 1).
        var repeated = roHeader + ros("DLR002", "2026-11-04", first: 1040)
        repeated += repairOrders("DLR002", "2026-11-04", first: 1040, count: 1)
            .replacingOccurrences(of: "12000", with: "12345")
        var orders = orderHeader + salesOrders("DLR001", "2026-11-04", first: 1040, count: 24)
        orders += "DLR001,SO001-9999,2026-11-31,C9999,,new,retail,delivered,150000.00,5000.00,145000.00,130000.00,2026-11-31\n"
        nights.append(
            Night(
                day: 4,
                files: [
                    InboxFile("repair_orders_DLR001_20261104.csv", roHeader + ros("DLR001", "2026-11-04", first: 1040)),
                    InboxFile("sales_orders_DLR001_20261104.csv", orders),
                    InboxFile("repair_orders_DLR002_20261104.csv", repeated),
                    InboxFile("sales_orders_DLR002_20261104.csv", orderHeader + salesOrders("DLR002", "2026-11-04", first: 1040)),
                ],
                exitCode: 1, mentions: ["duplicates=1", "rejected=1"]))

        // Night 5: a GBK export whose first Chinese byte comes after 64 KiB.
        var gbk = Array(roHeader.utf8)
        var number = 2000
        while gbk.count < 70_000 {
            gbk += Array(ros("DLR001", "2026-11-05", first: number, count: 1).utf8)
            number += 1
        }
        let chinese = ros("DLR001", "2026-11-05", first: number, count: 3).replacingOccurrences(of: "maintenance", with: "保养")
        gbk += gb18030Encoded(chinese)  // GBK's characters have the same bytes in GB18030
        nights.append(
            Night(
                day: 5,
                files: [InboxFile("repair_orders_DLR001_20261105.csv", gbk)] + daily(5, "DLR002")
                    + [InboxFile("sales_orders_DLR001_20261105.csv", orderHeader + salesOrders("DLR001", "2026-11-05", first: 1050))],
                exitCode: 0))
        return (nights, roCount)
    }

    // MARK: - Helpers

    /// Files in the inbox other than the warehouse (and its -wal/-shm/-journal) and the rejects folder.
    func inputFilesLeft() throws -> [String] {
        let own: Set<String> = ["dms.sqlite", "dms.sqlite-wal", "dms.sqlite-shm", "dms.sqlite-journal"]
        var left: [String] = []
        let walker = FileManager.default.enumerator(atPath: inbox)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: inbox + "/" + path, isDirectory: &isDirectory)
            if !exists || isDirectory.boolValue || own.contains(path) || path.hasPrefix("rejects/") { continue }
            left.append(path)
        }
        return left.sorted()
    }

    /// manifest.csv rows without the header: relative path, outcome, feed, sha256, batch id,
    /// archived path.
    func manifestRows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let rows = Self.csvRows(text)
        try #require(rows.count >= 1)
        #expect(rows[0].count == 6, "manifest header: \(rows[0])")
        return Array(rows.dropFirst())
    }

    /// The dealers that `status --format csv` shows as late (days late above the default 2).
    func lateDealers(_ csv: String) throws -> Set<String> {
        let rows = Self.csvRows(csv)
        try #require(rows.count >= 1)
        let header = rows[0].map { $0.lowercased() }
        let dealer = try #require(header.firstIndex { $0.contains("dealer") }, "\(header)")
        let late = try #require(header.firstIndex { $0.contains("late") }, "\(header)")
        var dealers = Set<String>()
        for row in rows.dropFirst() where row.count > max(dealer, late) {
            if let days = Int(row[late]), days > 2 { dealers.insert(row[dealer]) }
        }
        return dealers
    }

    /// group_key → coverage of kpi.csv for a period and grouping (every row of a group agrees).
    func coverage(period: String, by grouping: String) throws -> [String: String] {
        let out = directory.file("reports-\(grouping)-\(period)")
        let result = try Tools.run(
            "dms-report",
            ["kpi", "--warehouse", warehouse, "--period", period, "--by", grouping, "--format", "csv", "--out", out],
            in: directory.path)
        try #require(result.status == 0, "dms-report \(period) --by \(grouping): \(result.stderr)")
        var text = try String(contentsOfFile: out + "/kpi.csv", encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let rows = Self.csvRows(text)
        #expect(rows.first?.last == "coverage")
        var coverage: [String: String] = [:]
        for row in rows.dropFirst() where row.count == 13 && row[2] == grouping {
            if let seen = coverage[row[3]], seen != row[12] {
                Issue.record("\(row[3]) has coverage \(seen) and \(row[12]) in \(period)")
            }
            coverage[row[3]] = row[12]
        }
        try FileManager.default.removeItem(atPath: out)
        return coverage
    }

    /// RFC 4180 rows (quoted fields with commas; CRLF or LF).
    static func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r": row.append(field); field = ""; rows.append(row); row = []
            default: field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func sha256(_ bytes: [UInt8]) throws -> String {
        let directory = try TemporaryDirectory("sha")
        let path = try directory.write("f", bytes: bytes)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }
}
