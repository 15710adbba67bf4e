import Foundation
import Testing
import TestSupport
@testable import Ledger

/// The importer's per-cell fast paths — VINs bound from a stack buffer, enum cells spelled
/// exactly as a canonical value resolved by bytes — store and reject exactly what the
/// general parser does.
@Suite struct CellFastPathTests {
    static func load(_ csv: String) throws -> (Database, FileSummary, [Diagnostic]) {
        let directory = try TemporaryDirectory("cell-fast-path")
        let database = try Database(path: directory.file("dms.sqlite"))
        try WarehouseSchema.migrator.migrate(database)
        let path = try directory.write("repair_orders_1.csv", bytes: Array(csv.utf8))
        var options = ImportOptions()
        options.maxRejectRate = 1
        final class Box: @unchecked Sendable { var diagnostics: [Diagnostic] = [] }
        let box = Box()
        let importer = try Importer(database: database, options: options, clock: FixedClock(seconds: 1_800_000_000)) { event in
            if case .diagnostic(let diagnostic) = event { box.diagnostics.append(diagnostic) }
        }
        let summaries = try importer.load(paths: [path])
        return (database, try #require(summaries.first), box.diagnostics)
    }

    @Test func vinsAndEnumsThroughTheImporter() throws {
        let csv = """
            dealer_code,ro_no,vin,ro_type,status
            D1,RO1,llhl7c3d9ha000001,maintenance,invoiced
            D1,RO2, LLHS5A2B2TA000002 ,Warranty,OPEN
            D1,RO3,,maintenance,
            D1,RO4,LLHL7C3D9HA00000,maintenance,open
            D1,RO5,LLHL7C3D9HA00000I,maintenance,open
            D1,RO6,LLHL7C3D9HA000001,maintenanc,open
            D1,RO7,LLHL7C3D9HA000009,maintenance,open
            D1,RO8,LLHL7C3D9HA000001,maintenance\u{1},open

            """
        let (database, summary, diagnostics) = try Self.load(csv)
        #expect(summary.inserted == 4 && summary.rejected == 4, "\(summary)")
        let rows = try database.rows("SELECT ro_no, vin, ro_type, status FROM repair_orders ORDER BY ro_no")
        #expect(rows.map { $0.values.map(\.string) } == [
            ["RO1", "LLHL7C3D9HA000001", "maintenance", "invoiced"],
            ["RO2", "LLHS5A2B2TA000002", "warranty", "open"],
            ["RO3", nil, "maintenance", nil],
            ["RO7", "LLHL7C3D9HA000009", "maintenance", "open"],
        ])
        let messages = diagnostics.map(\.description).joined(separator: "\n")
        #expect(messages.contains(":5: warning: rejected: column \"vin\": "), "\(messages)")
        #expect(messages.contains("16 bytes"), "\(messages)")
        #expect(messages.contains(":6: warning: rejected: column \"vin\": "), "\(messages)")
        #expect(messages.contains("character 17 \"I\" is not allowed"), "\(messages)")
        #expect(messages.contains(":7: warning: rejected: column \"ro_type\": "), "\(messages)")
        #expect(messages.contains(":9: warning: rejected: column \"ro_type\": "), "\(messages)")
        // A wrong check digit is a warning, and the row loads.
        #expect(messages.contains("VIN LLHL7C3D9HA000009: check digit"), "\(messages)")
    }

    @Test func exactCanonicalSpellingsResolveLikeTheLookup() throws {
        let domain = EnumDomain(["open", "Closed", "in_progress"], aliases: ["进行中": "in_progress", "OPENED": "open"])
        let resolver = EnumResolver(domain)
        for (cell, expected) in [
            ("open", "open"), ("OPEN", "open"), ("Closed", "Closed"), ("closed", "Closed"), ("in_progress", "in_progress"),
            ("进行中", "in_progress"), ("opened", "open"), ("ope", nil), ("open ", nil), ("", nil),
        ] as [(String, String?)] {
            let resolved = Array(cell.utf8).withUnsafeBytes { resolver.resolve(trimmed: $0) }
            switch resolved {
            case .success(let value): #expect(value == expected, "\(cell)")
            case .failure: #expect(expected == nil, "\(cell)")
            }
        }
        let invalid = [UInt8]([0x6F, 0xFF]).withUnsafeBytes { resolver.resolve(trimmed: $0) }
        guard case .failure(let error) = invalid else {
            Issue.record("invalid UTF-8 resolved")
            return
        }
        #expect(error.kind == .invalidText)
    }
}
