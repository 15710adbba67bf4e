import Testing
@testable import Ledger

@Suite struct CSVReaderTests {
    func records(_ text: String, chunk: Int = .max, delimiter: Character = ",") throws -> [(Int, [String], String?)] {
        let reader = CSVReader(source: MemoryByteSource(text, chunkLimit: chunk), delimiter: UInt8(ascii: delimiter.unicodeScalars.first!), chunkSize: 16)
        var out: [(Int, [String], String?)] = []
        while try reader.next() { out.append((reader.line, reader.lossyFields(), reader.problem)) }
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 1000])
    func quotedFieldsAcrossChunks(chunk: Int) throws {
        let text = "a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n\r\n2,\"multi\r\nline\",z\n3,,\n"
        let got = try records(text, chunk: chunk)
        #expect(got.map(\.0) == [1, 2, 4, 6])
        #expect(got[1].1 == ["1", "x,y", "he said \"hi\""])
        #expect(got[2].1 == ["2", "multi\r\nline", "z"])
        #expect(got[3].1 == ["3", "", ""])
        #expect(got.allSatisfy { $0.2 == nil })
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let got = try records("\u{FEFF}a,b\n1,2")
        #expect(got.map(\.1) == [["a", "b"], ["1", "2"]])
    }

    @Test func unterminatedQuoteIsAProblemNotACrash() throws {
        let got = try records("a,b\n1,\"open\n2,3\n")
        #expect(got.count == 2)
        #expect(got[1].2 == "unterminated quoted field (opened on line 2)")
    }

    @Test func strayCharacterAfterClosingQuote() throws {
        let got = try records("\"ab\"c,d\n")
        #expect(got[0].2 != nil)
    }

    @Test func oversizedRecordIsFlagged() throws {
        let reader = CSVReader(source: MemoryByteSource(String(repeating: "x", count: 5000) + "\nok\n"), maxRecordBytes: 100)
        #expect(try reader.next())
        #expect(reader.isOversized)
        #expect(try reader.next())
        #expect(reader.lossyFields() == ["ok"])
        #expect(reader.line == 2)
    }

    @Test func writerGuardsFormulasAndQuotes() {
        let writer = CSVWriter()
        #expect(writer.line(["=1+2", "a,b", "-x", "plain"]) == "'=1+2,\"a,b\",'-x,plain\r\n")
        #expect(writer.line([.number("-3.5"), .empty, "q\"q"]) == "-3.5,,\"q\"\"q\"\r\n")
    }
}
