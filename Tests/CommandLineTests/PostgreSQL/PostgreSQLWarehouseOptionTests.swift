import Foundation
import Ledger
import Testing
import TestSupport

/// `--warehouse postgresql://…` (and `DMS_WAREHOUSE`) is recognised as a PostgreSQL location:
/// until loading and reporting run there (docs/postgresql.md), the tools refuse it with a
/// usage error that names it without its password — and never create a SQLite file named
/// after the URL.
@Suite struct PostgreSQLWarehouseOptionTests {
    static let url = "postgresql://ledger:TopSecret42@db.example/dms"

    @Test(arguments: [
        ("dms-import", ["load", "--warehouse", url, "in"]),
        ("dms-import", ["check", "--warehouse", url]),
        ("dms-report", ["kpi", "--warehouse", url, "--period", "2026-10", "--out", "out"]),
    ])
    func aPostgreSQLWarehouseIsRecognisedAndRefusedClearly(tool: String, arguments: [String]) throws {
        let directory = try TemporaryDirectory("pg-option")
        try directory.write("in/dealers.csv", "dealer_code,name\nD1,One\n")
        let result = try Tools.run(tool, arguments, in: directory.path)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("postgresql://ledger:***@db.example/dms"), "\(result.stderr)")
        #expect(result.stderr.contains("PostgreSQL"), "\(result.stderr)")
        #expect(!result.stderr.contains("TopSecret42") && !result.stdout.contains("TopSecret42"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("postgresql:")))
    }

    @Test func theEnvironmentVariableIsRecognisedToo() throws {
        let directory = try TemporaryDirectory("pg-option-env")
        let result = try Tools.run("dms-import", ["check"], in: directory.path, environment: ["DMS_WAREHOUSE": Self.url])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(!result.stderr.contains("TopSecret42"))
        #expect(result.stderr.contains("postgresql://ledger:***@db.example/dms"))
    }
}
