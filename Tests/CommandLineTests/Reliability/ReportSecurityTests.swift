import Foundation
import Testing
import Ledger
import TestSupport

/// dms-report output stays inert (docs/reliability.md): script-like dealer and region names are
/// escaped in HTML, bundle folders named from regions stay inside `--out`, and bundles carry no
/// customer names and no unmasked phone numbers.
@Suite(.serialized) struct ReportSecurityTests {
    static let hostileDealers = #"""
        dealer_code,name,region,sub_region,province,city,brand,opened_on,status
        DLR001,<script>alert('dealer')</script>,../../escaped,华东一区,浙江省,杭州市,"<img src=x onerror=alert(1)>",2022-11-01,active
        DLR002,"""><svg onload=alert(2)>",华南/../../x,华南一区,广东省,广州市,javascript:alert(3),2020-11-10,active
        DLR003,=HYPERLINK(""http://evil""),..,华北一区,北京市,北京市,@SUM(A1),2019-01-01,active

        """#

    /// A generated network whose dealers are then renamed to hostile names.
    static func hostileWarehouse(in directory: TemporaryDirectory) throws -> String {
        let inbox = directory.file("inbox")
        let generated = try Tools.run("dms-feedgen", ["network", "--out", inbox, "--dealers", "3", "--months", "2", "--end", "2026-10", "--scale", "1", "--seed", "11"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let warehouse = directory.file("w.sqlite")
        let load = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), inbox])
        #expect(load.status == 0, "\(load.stderr)")
        let rename = try directory.write("zz/dealers.csv", hostileDealers)
        let renamed = try Tools.run("dms-import", ["load", "--warehouse", warehouse, "--rejects", directory.file("rejects"), rename])
        #expect(renamed.status == 0, "\(renamed.stdout)\(renamed.stderr)")
        return warehouse
    }

    /// The tags of an HTML page: `<` up to the matching `>`, outside comments.
    static func tags(in html: String) -> [String] {
        var tags: [String] = []
        var current: String?
        for character in html {
            if current == nil {
                if character == "<" { current = "<" }
            } else {
                current?.append(character)
                if character == ">" {
                    if let tag = current { tags.append(tag) }
                    current = nil
                }
            }
        }
        return tags
    }

    static func files(under folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
            .filter { var isDirectory: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue }
    }

    @Test func htmlWithScriptLikeNamesStaysInert() throws {
        let directory = try TemporaryDirectory("sec-html")
        let warehouse = try Self.hostileWarehouse(in: directory)
        let out = directory.file("out")
        let report = try Tools.run("dms-report", ["kpi", "--warehouse", warehouse, "--period", "2026-10", "--by", "dealer", "--format", "html,csv", "--out", out])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: out + "/kpi.html", encoding: .utf8)
        // Every real tag of the page: none is a script, none has an event handler or a
        // javascript: URL. (Escaped text such as `&lt;svg onload=…&gt;` is not a tag.)
        let tags = Self.tags(in: html)
        #expect(tags.count > 10)
        for tag in tags {
            let lowered = tag.lowercased()
            #expect(!lowered.hasPrefix("<script") && !lowered.hasPrefix("<img") && !lowered.hasPrefix("<iframe"), "\(tag)")
            #expect(lowered.firstMatch(of: /\son[a-z]+\s*=/) == nil, "event handler in \(tag)")
            #expect(!lowered.contains("javascript:"), "javascript: URL in \(tag)")
        }
        #expect(html.contains("&lt;script&gt;"), "the dealer name is shown, escaped")
        let csv = try String(contentsOfFile: out + "/kpi.csv", encoding: .utf8)
        #expect(!csv.contains(",=HYPERLINK") && !csv.contains(",@SUM"), "formula cells neutralised in kpi.csv")
    }

    @Test func bundlesStayInsideTheOutputFolderAndHoldNoPersonalData() throws {
        let directory = try TemporaryDirectory("sec-bundle")
        let warehouse = try Self.hostileWarehouse(in: directory)
        let out = directory.file("bundles")
        let bundle = try Tools.run("dms-report", ["bundle", "--warehouse", warehouse, "--period", "2026-10", "--by", "region", "--out", out])
        #expect(bundle.status == 0, "\(bundle.stderr)")
        // Nothing was written outside `out`: the folder beside it holds only what the test made.
        let beside = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(beside.isSubset(of: ["inbox", "w.sqlite", "w.sqlite-wal", "w.sqlite-shm", "rejects", "zz", "bundles"]), "\(beside)")
        let root = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath().path
        let written = Self.files(under: out)
        #expect(!written.isEmpty)
        for file in written {
            let resolved = URL(fileURLWithPath: file).standardizedFileURL.resolvingSymlinksInPath().path
            #expect(resolved.hasPrefix(root + "/"), "\(file) escapes \(root)")
            #expect(!file.dropFirst(out.count).split(separator: "/").contains { $0 == ".." || $0 == "." })
        }
        // Personal data: no customer name, no unmasked mobile number, in any bundle file.
        let database = try Database(path: warehouse, options: Database.Options(readOnly: true))
        let customers = try database.rows("SELECT name, phone FROM customers WHERE name IS NOT NULL")
        #expect(!customers.isEmpty)
        let names = Set(customers.compactMap { $0.values.first?.string }.filter { $0.count >= 2 })
        let phones = Set(customers.compactMap { $0.values.dropFirst().first?.string }.filter { $0.count >= 7 })
        for file in written {
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            for name in names { #expect(!text.contains(name), "customer name \(name) in \(file)") }
            for phone in phones { #expect(!text.contains(phone), "phone \(phone) in \(file)") }
            #expect(text.firstMatch(of: /(^|[^0-9])1[3-9][0-9]{9}($|[^0-9])/) == nil, "an unmasked mobile number in \(file)")
        }
    }
}
