import Foundation
import Testing
import Ledger
import TestSupport

/// What leaves the warehouse is inert: CSV cells cannot run as spreadsheet formulas, folder
/// names built from data cannot escape their output folder, diagnostics do not carry terminal
/// control sequences from the data.
@Suite struct OutputSafetyTests {
    // MARK: CSV formula injection

    static let formulaCells = [
        "=HYPERLINK(\"http://evil\")", "+cmd|'/C calc'!A0", "-2+3", "@SUM(A1:A9)", "=1+1", "\t=1", "\r=1",
        "-", "=", "+86 138 0000 0000",
    ]

    @Test(arguments: formulaCells)
    func textCellsThatStartLikeFormulasAreNeutralised(_ cell: String) throws {
        let line = CSVWriter().line([.text(cell), .number("-3.5")])
        // Read the line back as a spreadsheet would see it: the first cell must start with '.
        let reader = CSVReader(source: MemoryByteSource(line))
        #expect(try reader.next())
        let first = try #require(reader.string(0))
        #expect(first == "'" + cell)
        #expect(reader.string(1) == "-3.5", "numbers stay numbers")
    }

    @Test(arguments: ["DLR001", "上海浦东之星", "a=b", "1+1", " =1", ""])
    func ordinaryTextIsLeftAlone(_ cell: String) throws {
        let reader = CSVReader(source: MemoryByteSource(CSVWriter().line([.text(cell), .text("x")])))
        #expect(try reader.next())
        #expect(reader.string(0) == cell)
    }

    /// The rejects file, opened in a spreadsheet by the dealer, carries formula values inert.
    @Test func rejectsFilesNeutraliseFormulaValues() throws {
        let directory = try TemporaryDirectory("sec-rejects")
        let file = try directory.write(
            "dealers_evil.csv",
            """
            dealer_code,name,region,opened_on
            DLR001,ok,华东,2015-03-01
            DLR002,x,华东,=HYPERLINK("http://evil")
            DLR003,x,华东,+cmd|'/C calc'!A0
            DLR004,x,华东,@SUM(A1)

            """)
        let database = try Warehouse.open(path: directory.file("w.sqlite"))
        var options = ImportOptions()
        options.maxRejectRate = 1
        try FileManager.default.createDirectory(atPath: directory.file("rejects"), withIntermediateDirectories: true)
        options.rejectsDirectory = directory.file("rejects")
        let importer = try Importer(database: database, options: options, clock: SecurityClock()) { _ in }
        let summaries = try importer.load(paths: [file])
        let rejectsPath = try #require(summaries.first?.rejectsFile)
        #expect(summaries.first?.rejected == 3)
        let reader = CSVReader(source: try FileByteSource(path: rejectsPath))
        var records = 0
        while try reader.next() {
            records += 1
            for cell in reader.lossyFields() {
                let text = cell.hasPrefix("\u{FEFF}") ? String(cell.dropFirst()) : cell
                #expect(!["=", "+", "-", "@"].contains(text.first), "cell \(text.debugDescription) in the rejects file could run as a formula")
            }
        }
        #expect(records == 4)
    }

    // MARK: Folder and file names from data

    static let hostileNames = [
        "../../etc", "..", ".", "/etc/passwd", "..\\..\\windows", "C:\\x", "华东/../../x", "a\u{0}b", "\u{1b}[2J",
        String(repeating: "区", count: 200), " ", "...", "a/b/c", "~", "$HOME", "name\nnext",
    ]

    @Test(arguments: hostileNames)
    func namesFromDataStayInsideTheOutputFolder(_ name: String) throws {
        let safe = SafeFileName.make(from: name)
        #expect(!safe.isEmpty)
        #expect(!safe.contains("/") && !safe.contains("\\"))
        #expect(safe != "." && safe != ".." && !safe.hasPrefix("."))
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(safe.utf8.count <= 120)
        // Joined to an output folder, it resolves to a direct child of that folder.
        let directory = try TemporaryDirectory("sec-names")
        let joined = URL(fileURLWithPath: directory.path).appendingPathComponent(safe).standardizedFileURL
        #expect(joined.deletingLastPathComponent().path == URL(fileURLWithPath: directory.path).standardizedFileURL.path)
        try Data("x".utf8).write(to: joined)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == [safe])
    }

    // MARK: Diagnostics

    /// Values quoted in diagnostics come from the data; printed raw, an ESC or BEL byte lets a
    /// file retitle or clear the operator's terminal (samples/hostile/csv/dealers_terminal_escapes.csv).
    @Test func diagnosticsCarryNoTerminalControlCharacters() throws {
        let path = Tools.repositoryRoot + "/samples/hostile/csv/dealers_terminal_escapes.csv"
        let directory = try TemporaryDirectory("sec-escapes")
        let database = try Warehouse.open(path: directory.file("w.sqlite"))
        var options = ImportOptions()
        options.maxRejectRate = 1
        try FileManager.default.createDirectory(atPath: directory.file("rejects"), withIntermediateDirectories: true)
        options.rejectsDirectory = directory.file("rejects")
        let collected = Collected()
        let importer = try Importer(database: database, options: options, clock: SecurityClock()) { event in
            if case .diagnostic(let diagnostic) = event { collected.messages.append(diagnostic.description) }
        }
        _ = try importer.load(paths: [path])
        #expect(!collected.messages.isEmpty)
        for message in collected.messages {
            #expect(!message.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F },
                    "\(message.debugDescription)")
        }
    }
}

struct SecurityClock: WallClock {
    func now() -> Double { 1_795_000_000 }
}
