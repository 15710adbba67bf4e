import Testing

@testable import Ledger

/// One record as both readers see it.
private struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var problem: String?

    var description: String { "\(line): \(fields)\(problem.map { " [\($0)]" } ?? "")" }
}

private func tokenize(_ bytes: [UInt8], chunkSize: Int, readLimit: Int = .max, maxRecordBytes: Int = 8 << 20) throws -> (records: [Record], copied: Int) {
    var tokens = FrameCSVTokenizer(
        source: MemoryByteSource(bytes, chunkLimit: readLimit), chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
    var records: [Record] = []
    while try tokens.next() {
        records.append(Record(line: tokens.line, fields: tokens.lossyFields(), problem: tokens.problem))
    }
    #expect(try tokens.next() == false)
    return (records, tokens.copiedRecords)
}

/// The general reader's view of the same bytes: the reference the tokenizer must match.
private func reference(_ bytes: [UInt8], maxRecordBytes: Int = 8 << 20) throws -> [Record] {
    let reader = CSVReader(source: MemoryByteSource(bytes), maxRecordBytes: maxRecordBytes)
    var records: [Record] = []
    while try reader.next() {
        records.append(Record(line: reader.line, fields: reader.lossyFields(), problem: reader.problem))
    }
    return records
}

@Suite struct FrameCSVTokenizerTests {
    static let chunkSizes = [4, 5, 7, 16, 64, 1 << 16]

    static let inputs: [String] = [
        "t_s,gaze_zone\n0.0,road\n0.1,phone\n",
        "t_s,gaze_zone\r\n0.0,road\r\n0.1,phone\r\n",
        "t_s,gaze_zone\r0.0,road\r0.1,phone\r",
        "t_s,gaze_zone\n0.0,road\n0.1,phone",
        "\u{FEFF}t_s,gaze_zone\n0.0,road\n",
        "\u{FEFF}",
        "",
        "\n\n\r\n",
        "a,b\n\n\n1,2\r\n\r\n3,4\n",
        "\"t_s\",\"gaze_zone\"\n\"0.0\",\"road\"\n",
        "id,note\n1,\"a, b\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,\"crlf\r\ninside\"\n5,x\n",
        "id,note\n1,\"open\n",
        "id,note\n1,\"closed\"x,2\n3,4\n",
        "id,note\n1,mid\"quote\n2,\"\"\n",
        "a,b,\n,,\n , \n",
        "a\n\"\"\"\"\n\"\",\"\"",
        "x,y\n1,\"\r\"\r\n2,\"\r\n\"\r\n",
        ",,,,,,,,,,,,,,,,,\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18\n",
        "a b,c\td,e!f#g$h%i&j'k(l)m*n+o,p\"q\"r, \"s\"\n  x  ,\t\"y\"\n",
        "t_s,zone\n0.000,mirror_center\n0.033,infotainment\n0.067,road\n\u{e9}\u{e8},\u{1F600}\n",
    ]

    @Test(arguments: inputs.indices)
    func matchesTheGeneralReaderAtEveryChunkSize(input: Int) throws {
        let bytes = Array(Self.inputs[input].utf8)
        let expected = try reference(bytes)
        for chunkSize in Self.chunkSizes {
            for readLimit in [1, 3, Int.max] {
                let got = try tokenize(bytes, chunkSize: chunkSize, readLimit: readLimit).records
                #expect(got == expected, "chunk \(chunkSize), read limit \(readLimit)")
            }
        }
    }

    @Test func wordMasksAreExactForEveryByteAndPosition() {
        for value in 0...255 {
            for position in 0..<8 {
                // The byte under test among neighbours that could carry or borrow into it.
                for filler: UInt64 in [0x00, 0x2C, 0x2D, 0x7F, 0x80, 0xFF] {
                    var word: UInt64 = 0
                    for i in 0..<8 { word |= (i == position ? UInt64(value) : filler) << (8 * UInt64(i)) }
                    let below = FrameCSVTokenizer.bytesBelow0x2D(word)
                    let zero = FrameCSVTokenizer.zeroBytes(word)
                    let bit: UInt64 = 0x80 << (8 * UInt64(position))
                    #expect((below & bit != 0) == (value < 0x2D), "byte \(value) at \(position), filler \(filler)")
                    #expect((zero & bit != 0) == (value == 0), "byte \(value) at \(position), filler \(filler)")
                }
            }
        }
    }

    @Test func plainRecordsAreSplitInPlaceAndQuotedOnesCopied() throws {
        let plain = try tokenize(Array("t_s,gaze_zone\n0.0,road\n0.1,phone\n".utf8), chunkSize: 1 << 16)
        #expect(plain.copied == 0)
        #expect(plain.records.map(\.fields) == [["t_s", "gaze_zone"], ["0.0", "road"], ["0.1", "phone"]])
        let quoted = try tokenize(Array("t_s,gaze_zone\n0.0,\"road\"\n0.1,phone\n".utf8), chunkSize: 1 << 16)
        #expect(quoted.copied == 1)
        #expect(quoted.records.map(\.fields) == [["t_s", "gaze_zone"], ["0.0", "road"], ["0.1", "phone"]])
    }

    @Test func aRecordLongerThanTheChunkIsCopied() throws {
        let long = String(repeating: "9", count: 100)
        let text = "a,b\n1,\(long)\n2,3\n"
        let result = try tokenize(Array(text.utf8), chunkSize: 16)
        #expect(result.copied >= 1)
        #expect(result.records == [
            Record(line: 1, fields: ["a", "b"]), Record(line: 2, fields: ["1", long]), Record(line: 3, fields: ["2", "3"]),
        ])
    }

    @Test func oversizedRecordsAreTruncatedWithAProblemAsInTheGeneralReader() throws {
        let text = "a,b\n1,\(String(repeating: "x", count: 50))\n2,3\n"
        let bytes = Array(text.utf8)
        let expected = try reference(bytes, maxRecordBytes: 20)
        #expect(expected[1].problem == "record longer than 20 bytes")
        for chunkSize in [4, 8, 64] {
            #expect(try tokenize(bytes, chunkSize: chunkSize, maxRecordBytes: 20).records == expected)
        }
    }

    @Test func manyFieldsGrowTheFieldTable() throws {
        let row = (0..<100).map(String.init).joined(separator: ",")
        let records = try tokenize(Array((row + "\n" + row + "\n").utf8), chunkSize: 1 << 16).records
        #expect(records.count == 2)
        #expect(records[1].fields.count == 100)
        #expect(records[1].fields.last == "99")
    }

    /// Random bytes from the characters that matter, against the general reader.
    @Test(arguments: [1, 2, 3, 4])
    func randomInputsMatchTheGeneralReader(seed: UInt64) throws {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("ab1.,,\"\"\n\n\r ".utf8)
        for _ in 0..<150 {
            var bytes = (0..<random(60)).map { _ in alphabet[random(alphabet.count)] }
            if random(4) == 0 { bytes = [0xEF, 0xBB, 0xBF] + bytes }
            let expected = try reference(bytes)
            for chunkSize in [4, 9, 1 << 16] {
                let got = try tokenize(bytes, chunkSize: chunkSize, readLimit: random(2) == 0 ? 2 : .max).records
                #expect(got == expected, "input \(bytes), chunk \(chunkSize)")
            }
        }
    }
}
