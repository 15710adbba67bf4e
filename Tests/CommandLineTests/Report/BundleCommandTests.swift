import Foundation
@testable import Ledger
import Testing
import TestSupport

/// `dms-report bundle` end to end (docs/bundles.md): region folders and dealer packs whose
/// files carry the pack and the period in their names, hold the pack's rows beside its
/// region's and the network's exactly as `dms-report kpi` writes them, the P&L as
/// `dms-report ledger` writes it, a SHA256SUMS the real `sha256sum -c` accepts, and with
/// `--zip` one deterministic zip per pack, read back with the project's own zip reader.
@Suite struct BundleCommandTests {
    static let stamp = "2026-11-01T06:00:00Z"

    /// The lines of a CSV file we wrote (BOM dropped, CRLF split).
    static func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.dropFirst(text.hasPrefix("\u{FEFF}") ? 1 : 0).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// Every regular file under `folder`, relative to it, sorted.
    static func files(in folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder).filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && !isFolder.boolValue
        }.sorted()
    }

    static func bytes(_ path: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// `dms-report <arguments>` that must succeed.
    static func report(_ arguments: [String], _ warehouse: String) throws {
        let result = try Tools.run("dms-report", arguments + ["--warehouse", warehouse])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }

    /// Runs the real `sha256sum -c SHA256SUMS` in `folder`.
    static func sha256sumCheck(_ folder: String) throws -> ToolResult {
        try Tools.run("/usr/bin/sha256sum", ["-c", "SHA256SUMS"], in: folder)
    }

    @Test func regionFoldersHoldTheirDealersBesideRegionAndNetworkWithPnLAndChecksums() throws {
        let directory = try TemporaryDirectory("bundle-region")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("bundles")
        try Self.report(["bundle", "--period", "2026-10", "--out", out, "--generated-at", Self.stamp], warehouse)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/2026-10").sorted() == ["_West_东", "华东", "华南"])
        let folder = out + "/2026-10/华东"
        let names = try Self.files(in: folder)
        let prefix = "华东_2026-10_"
        for name in ["kpi.csv", "kpi.json", "kpi.html", "pnl.csv", "technicians.csv", "salespeople.csv", "advisors.csv"] {
            #expect(names.contains(prefix + name), "\(prefix + name) in \(names)")
        }
        #expect(names.contains("exceptions/\(prefix)comeback_log.csv") && names.contains("manifest.json") && names.contains("SHA256SUMS"))
        // Every data file names its region and period, so that mailed files stay apart.
        for name in names where name != "manifest.json" && name != "SHA256SUMS" {
            #expect((name.split(separator: "/").last ?? "").hasPrefix(prefix), "\(name)")
        }
        #expect(try Self.files(in: out + "/2026-10/_West_东").contains("_West_东_2026-10_kpi.html"))

        // kpi.csv: the region's dealers, its region and the network, as `kpi` writes them.
        for level in ["dealer", "region", "network"] {
            try Self.report(["kpi", "--period", "2026-10", "--by", level, "--format", "csv", "--out", directory.file("kpi-" + level)], warehouse)
        }
        let header = try Self.lines(directory.file("kpi-network/kpi.csv"))[0]
        let dealerRows = try Self.lines(directory.file("kpi-dealer/kpi.csv")).filter { $0.contains(",dealer,DLR001,") }
        let regionRows = try Self.lines(directory.file("kpi-region/kpi.csv")).filter { $0.contains(",region,华东,华东,") }
        let networkRows = Array(try Self.lines(directory.file("kpi-network/kpi.csv")).dropFirst())
        #expect(dealerRows.count == KPICatalogue.standard.definitions.count && regionRows.count == dealerRows.count)
        #expect(try Self.lines(folder + "/\(prefix)kpi.csv") == [header] + dealerRows + regionRows + networkRows)

        // kpi.json: the same rows, each naming its level.
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/\(prefix)kpi.json"))) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == dealerRows.count * 3)
        #expect(rows.map { "\($0["group_by"] ?? "")/\($0["group_key"] ?? "")" }.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
            == ["dealer/DLR001", "region/华东", "network/network"])

        // kpi.html (default language Chinese): titled with region and period; the region and
        // network rows follow the dealer's.
        let html = try String(contentsOfFile: folder + "/\(prefix)kpi.html", encoding: .utf8)
        #expect(html.contains("<title>经销商经营指标报告 — 区域 华东 — 2026-10</title>"))
        #expect(html.contains("<h3>区域 华东 ") && html.contains("<h3>全网 "))
        let evil = try String(contentsOfFile: out + "/2026-10/_West_东/_West_东_2026-10_kpi.html", encoding: .utf8)
        #expect(evil.contains("<h1>经销商经营指标报告 — 区域 ../West/东 — 2026-10</h1>") && !evil.contains("<b>Evil"))

        // The P&L as `ledger` writes it: the region's dealers, then the region in total.
        try Self.report(["ledger", "--period", "2026-10", "--by", "dealer", "--dealer", "DLR001", "--out", directory.file("ledger-d")], warehouse)
        try Self.report(["ledger", "--period", "2026-10", "--by", "region", "--out", directory.file("ledger-r")], warehouse)
        let ledgerDealer = try Self.lines(directory.file("ledger-d/ledger/pnl.csv"))
        let ledgerRegion = try Self.lines(directory.file("ledger-r/ledger/pnl.csv")).filter { $0.contains(",region,华东,华东,") }
        #expect(ledgerDealer.count > 1 && !ledgerRegion.isEmpty)
        let pnl = try Self.lines(folder + "/\(prefix)pnl.csv")
        #expect(pnl == ledgerDealer + ledgerRegion)
        #expect(pnl.contains { $0.contains(",dealer,DLR001,上海浦东之星,sales,service,,2400.00,money") }, "\(pnl)")

        // The manifest names every file with its size and SHA-256; SHA256SUMS covers them and the manifest.
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"kind\": \"region\"") && manifest.contains("\"region\": \"华东\"") && manifest.contains("\"dealers\": [\"DLR001\"]"))
        #expect(manifest.contains("\"generated_at\": \"\(Self.stamp)\"") && manifest.contains("\"tool_version\": \"\(LedgerVersion.current)\""))
        for name in names where name != "manifest.json" && name != "SHA256SUMS" {
            let bytes = try Self.bytes(folder + "/" + name)
            #expect(manifest.contains("{\"name\": \"\(name)\", \"size\": \(bytes.count), \"sha256\": \"\(SHA256.hex(SHA256.digest(bytes)))\"}"), "\(name)")
        }
        let check = try Self.sha256sumCheck(folder)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let ok = check.stdout.split(separator: "\n").filter { $0.hasSuffix(": OK") }
        #expect(ok.count == names.count - 1 && check.stdout.contains("manifest.json: OK"), "\(check.stdout)")

        // Same inputs and generation time: the same bytes, file for file.
        let again = directory.file("again")
        try Self.report(["bundle", "--period", "2026-10", "--out", again, "--generated-at", Self.stamp], warehouse)
        for name in try Self.files(in: out) { #expect(try Self.bytes(again + "/" + name) == Self.bytes(out + "/" + name), "\(name)") }

        // A file changed after the bundle was made fails the check.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/\(prefix)kpi.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        let tampered = try Self.sha256sumCheck(folder)
        #expect(tampered.status == 1 && tampered.stdout.contains("\(prefix)kpi.csv: FAILED"), "\(tampered.stdout)")
    }

    @Test func zipHoldsEachPackFolderByteForByteAndIsDeterministic() throws {
        let directory = try TemporaryDirectory("bundle-zip")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        var zips: [[UInt8]] = []
        for run in ["a", "b"] {
            let out = directory.file(run)
            try Self.report(["bundle", "--period", "2026-10", "--zip", "--format", "csv,html,xlsx", "--out", out, "--generated-at", Self.stamp], warehouse)
            #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/2026-10").sorted()
                == ["_West_东", "_West_东_2026-10.zip", "华东", "华东_2026-10.zip", "华南", "华南_2026-10.zip"])
            let zip = out + "/2026-10/华东_2026-10.zip"
            let archive = try ZipArchive(path: zip, file: zip, limits: WorkbookLimits())
            let folderFiles = try Self.files(in: out + "/2026-10/华东")
            #expect(folderFiles.contains("华东_2026-10_kpi.xlsx"))
            #expect(archive.entries.map(\.name).sorted() == folderFiles.map { "华东_2026-10/" + $0 }.sorted())
            for name in folderFiles {
                #expect(try ZipParts.bytes(of: "华东_2026-10/" + name, in: zip) == Self.bytes(out + "/2026-10/华东/" + name), "\(name)")
            }
            zips.append(try Self.bytes(zip))
        }
        #expect(zips[0] == zips[1], "the same bundle gives the same zip bytes")
    }

    @Test func dealerPacksHoldOneDealerBesideItsRegionAndTheNetwork() throws {
        let directory = try TemporaryDirectory("bundle-dealer")
        let warehouse = try ReportFixtures.warehouse(in: directory)
        let out = directory.file("packs")
        try Self.report(["bundle", "--period", "2026-10", "--by", "dealer", "--zip", "--out", out, "--generated-at", Self.stamp], warehouse)
        let root = out + "/2026-10/dealers"
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).sorted()
            == ["DLR001", "DLR001_2026-10.zip", "DLR002", "DLR002_2026-10.zip", "DLR003", "DLR003_2026-10.zip"])
        for level in ["dealer", "region", "network"] {
            try Self.report(["kpi", "--period", "2026-10", "--by", level, "--format", "csv", "--out", directory.file("kpi-" + level)], warehouse)
        }
        let header = try Self.lines(directory.file("kpi-network/kpi.csv"))[0]
        let network = Array(try Self.lines(directory.file("kpi-network/kpi.csv")).dropFirst())
        for (code, region) in [("DLR001", "华东"), ("DLR002", "华南"), ("DLR003", "../West/东")] {
            let folder = root + "/" + code
            let prefix = "\(code)_2026-10_"
            let dealer = try Self.lines(directory.file("kpi-dealer/kpi.csv")).filter { $0.contains(",dealer,\(code),") }
            let regional = try Self.lines(directory.file("kpi-region/kpi.csv")).filter { $0.contains(",region,\(region),\(region),") }
            #expect(!dealer.isEmpty && regional.count == dealer.count)
            #expect(try Self.lines(folder + "/\(prefix)kpi.csv") == [header] + dealer + regional + network, "\(code)")
            // Its own P&L only: as `ledger --dealer` writes it (which refuses DLR003, without activity in 2026-10).
            let pnl = try Self.lines(folder + "/\(prefix)pnl.csv")
            #expect(pnl.count > 1 && pnl.dropFirst().allSatisfy { $0.contains(",dealer,\(code),") }, "\(code)")
            if code != "DLR003" {
                try Self.report(["ledger", "--period", "2026-10", "--dealer", code, "--out", directory.file("ledger-" + code)], warehouse)
                #expect(try pnl == Self.lines(directory.file("ledger-\(code)/ledger/pnl.csv")), "\(code)")
            }
            let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
            #expect(manifest.contains("\"kind\": \"dealer\"") && manifest.contains("\"dealer_code\": \"\(code)\"") && manifest.contains("\"dealers\": [\"\(code)\"]"))
            let check = try Self.sha256sumCheck(folder)
            #expect(check.status == 0, "\(code): \(check.stdout)\(check.stderr)")
            #expect(try Self.files(in: folder).allSatisfy { $0 == "manifest.json" || $0 == "SHA256SUMS" || ($0.split(separator: "/").last ?? "").hasPrefix(prefix) })
        }
        // Its own exception lists: DLR002's comeback is in its pack only; DLR001's loaner in DLR001's, phone masked.
        #expect(try String(contentsOfFile: root + "/DLR002/exceptions/DLR002_2026-10_comeback_log.csv", encoding: .utf8).contains("DLR002,RO4,"))
        #expect(try !String(contentsOfFile: root + "/DLR001/exceptions/DLR001_2026-10_comeback_log.csv", encoding: .utf8).contains("DLR002"))
        let overdue = try String(contentsOfFile: root + "/DLR001/exceptions/DLR001_2026-10_fleet_overdue_returns.csv", encoding: .utf8)
        #expect(overdue.contains("138****5678") && !overdue.contains("13812345678"))
        #expect(try !String(contentsOfFile: root + "/DLR002/exceptions/DLR002_2026-10_fleet_overdue_returns.csv", encoding: .utf8).contains("DLR001"))
        let html = try String(contentsOfFile: root + "/DLR001/DLR001_2026-10_kpi.html", encoding: .utf8)
        #expect(html.contains("<title>经销商经营指标报告 — DLR001 上海浦东之星 — 2026-10</title>"))
        // --lang en: the same pack's page in English; the CSVs do not change with the language.
        let english = directory.file("packs-en")
        try Self.report(["bundle", "--period", "2026-10", "--by", "dealer", "--lang", "en", "--out", english, "--generated-at", Self.stamp], warehouse)
        let englishHTML = try String(contentsOfFile: english + "/2026-10/dealers/DLR001/DLR001_2026-10_kpi.html", encoding: .utf8)
        #expect(englishHTML.contains("<title>Dealer KPI report — DLR001 上海浦东之星 — 2026-10</title>") && englishHTML.contains("<html lang=\"en\">"))
        #expect(try Self.lines(english + "/2026-10/dealers/DLR001/DLR001_2026-10_kpi.csv") == Self.lines(root + "/DLR001/DLR001_2026-10_kpi.csv"))
        #expect(!html.contains("广州天河之星"), "another dealer's name in DLR001's page")
        let zip = root + "/DLR001_2026-10.zip"
        let archive = try ZipArchive(path: zip, file: zip, limits: WorkbookLimits())
        let packFiles = try Self.files(in: root + "/DLR001")
        #expect(archive.entries.map(\.name).sorted() == packFiles.map { "DLR001_2026-10/" + $0 }.sorted())
    }

    /// Deliverable: personal data stays masked in every pack. A generated network's customers
    /// (names and phones known from the warehouse) plus known customers with loaners out past
    /// their return date in every dealer — whose phones do reach the packs, masked — and no
    /// name or unmasked phone in any file of any region folder, dealer pack, workbook or zip.
    @Test func noCustomerNameOrUnmaskedPhoneReachesAnyPack() throws {
        let directory = try TemporaryDirectory("bundle-pii")
        let inbox = directory.file("inbox")
        let generated = try Tools.run(
            "dms-feedgen", ["network", "--out", inbox, "--dealers", "4", "--regions", "2", "--months", "2", "--end", "2026-10", "--scale", "0.5", "--seed", "23"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let warehouse = directory.file("w.sqlite")
        let load = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), "--quiet", inbox])
        #expect(load.status == 0 || load.status == 1, "\(load.stderr)")

        let database = try Database(path: warehouse)
        let codes = try database.rows("SELECT dealer_code FROM dealers ORDER BY dealer_code").compactMap { $0.values.first?.string }
        #expect(codes.count == 4)
        var known: [(name: String, phone: String)] = []
        for (index, code) in codes.enumerated() {
            let customer = (name: "欧阳知秋\(index)号", phone: "1390000\(1000 + index)")
            known.append(customer)
            let vin = "LSVTEST0000PII00\(index)"
            try database.execute(
                "INSERT INTO customers (dealer_code, customer_id, name, phone, batch_id) VALUES (?, ?, ?, ?, 1)",
                [.text(code), .text("PII\(index)"), .text(customer.name), .text(customer.phone)])
            try database.execute(
                "INSERT INTO vehicles (vin, dealer_code, usage, in_service_on, service_life_years, batch_id) VALUES (?, ?, 'loaner', '2024-01-01', 6, 1)",
                [.text(vin), .text(code)])
            try database.execute(
                "INSERT INTO fleet_bookings (dealer_code, booking_no, vin, customer_id, checked_out_at, booked_to, status, batch_id) "
                    + "VALUES (?, ?, ?, ?, '2026-10-20 09:00:00', '2026-10-22 09:00:00', 'out', 1)",
                [.text(code), .text("PIIB\(index)"), .text(vin), .text("PII\(index)")])
        }
        let staff = Set(try database.rows("SELECT name FROM employees WHERE name IS NOT NULL").compactMap { $0.values.first?.string })
        let customers = try database.rows("SELECT name, phone FROM customers")
        let names = Set(customers.compactMap { $0.values.first?.string }.filter { $0.count >= 2 && !staff.contains($0) })
        let phones = Set(customers.compactMap { $0.values.dropFirst().first?.string }.filter { $0.count >= 7 })
        #expect(names.count > 20 && phones.count > 20)

        let out = directory.file("out")
        for by in ["region", "dealer"] {
            try Self.report(["bundle", "--period", "2026-10", "--by", by, "--zip", "--format", "csv,json,html,xlsx", "--out", out], warehouse)
        }
        // Every text that reached a pack: files, and the parts of every zip and workbook.
        var texts: [(String, String)] = []
        for name in try Self.files(in: out) {
            let path = out + "/" + name
            if name.hasSuffix(".zip") || name.hasSuffix(".xlsx") {
                let archive = try ZipArchive(path: path, file: path, limits: WorkbookLimits())
                for entry in archive.entries {
                    let bytes = try ZipParts.bytes(of: entry.name, in: path)
                    if entry.name.hasSuffix(".xlsx") {
                        // A workbook inside a zip: its parts too.
                        let inner = try directory.write("inner/\(texts.count).xlsx", bytes: bytes)
                        let workbook = try ZipArchive(path: inner, file: inner, limits: WorkbookLimits())
                        for part in workbook.entries {
                            texts.append(("\(name)!\(entry.name)!\(part.name)", String(decoding: try ZipParts.bytes(of: part.name, in: inner), as: UTF8.self)))
                        }
                    } else {
                        texts.append(("\(name)!\(entry.name)", String(decoding: bytes, as: UTF8.self)))
                    }
                }
            } else {
                texts.append((name, String(decoding: try Self.bytes(path), as: UTF8.self)))
            }
        }
        #expect(texts.contains { $0.0.contains(".zip!") } && texts.contains { $0.0.contains(".xlsx!xl/") } && texts.contains { $0.0.contains("/dealers/") })
        let scanner = PersonalDataScanner(names: names, phones: phones)
        // The scanner finds what it looks for: a name, a known phone, and that phone as a mobile number.
        #expect(scanner.findings(in: Array("客户\(known[0].name)，电话\(known[0].phone)。".utf8), mobileLike: true).count == 3)
        for (file, text) in texts {
            // Manifests and SHA256SUMS hold hex digests whose digit runs can look like a mobile
            // number, and workbook parts hold plain numbers: only known names and phones there.
            let mobiles = !(file.hasSuffix("manifest.json") || file.hasSuffix("SHA256SUMS") || file.contains(".xlsx"))
            let found = scanner.findings(in: Array(text.utf8), mobileLike: mobiles)
            #expect(found.isEmpty, "personal data in \(file): \(found.prefix(5))")
        }
        // The known customers' phones did reach the packs — masked — in every dealer's own pack.
        for (index, code) in codes.enumerated() {
            let masked = PersonalData.maskedPhone(known[index].phone)
            let list = texts.first { $0.0.hasSuffix("dealers/\(code)/exceptions/\(code)_2026-10_fleet_overdue_returns.csv") }
            #expect(list?.1.contains(masked) == true, "\(masked) in \(code)'s pack")
            #expect(texts.contains { $0.0.hasSuffix(".zip!\(code)_2026-10/exceptions/\(code)_2026-10_fleet_overdue_returns.csv") && $0.1.contains(masked) })
        }
    }
}

/// Finds known customer names and phones, and any unmasked mainland mobile number (11 digits
/// `1[3-9]…` not inside a longer digit run), in UTF-8 bytes in one pass — a `contains` per
/// name and file is too slow for hundreds of names over every file of every pack.
struct PersonalDataScanner {
    /// Names by their first three UTF-8 bytes (every name starts with a CJK character).
    private var names: [Int: [[UInt8]]] = [:]
    private let phones: Set<[UInt8]>
    private let phoneLengths: [Int]

    init(names: Set<String>, phones: Set<String>) {
        for name in names {
            let bytes = Array(name.utf8)
            guard bytes.count >= 3 else { continue }
            self.names[Int(bytes[0]) << 16 | Int(bytes[1]) << 8 | Int(bytes[2]), default: []].append(bytes)
        }
        self.phones = Set(phones.map { Array($0.utf8) })
        phoneLengths = Set(phones.map(\.utf8.count)).sorted()
    }

    func findings(in bytes: [UInt8], mobileLike: Bool) -> [String] {
        var out: [String] = []
        let n = bytes.count
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var i = 0
        while i < n {
            let byte = bytes[i]
            if byte >= 0xE0, i + 2 < n, let candidates = names[Int(byte) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])] {
                for name in candidates where i + name.count <= n && bytes[i..<(i + name.count)].elementsEqual(name) {
                    out.append("name \(String(decoding: name, as: UTF8.self))")
                }
            }
            if isDigit(byte) {
                var j = i
                while j < n && isDigit(bytes[j]) { j += 1 }
                let run = Array(bytes[i..<j])
                for length in phoneLengths where length <= run.count {
                    for start in 0...(run.count - length) where phones.contains(Array(run[start..<(start + length)])) {
                        out.append("phone \(String(decoding: run[start..<(start + length)], as: UTF8.self))")
                    }
                }
                if mobileLike, run.count == 11, run[0] == UInt8(ascii: "1"), run[1] >= UInt8(ascii: "3") {
                    out.append("mobile-like \(String(decoding: run, as: UTF8.self))")
                }
                i = j
                continue
            }
            i += 1
        }
        return out
    }
}
