import Testing
@testable import Ledger

/// The pull API: events, names, namespaces, attributes, places, chunking.
@Suite struct XMLStreamReaderTests {
    static func events(_ text: String, chunkSize: Int = 64 << 10) throws -> [XMLEvent] {
        let reader = XMLStreamReader(source: MemoryByteSource(text, chunkLimit: chunkSize), file: "t.xml")
        var events: [XMLEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    static let document = """
        <?xml version="1.0"?>
        <!-- head -->
        <r:root xmlns:r="urn:r" xmlns="urn:d" a="1" r:b="x &amp; y">
          <item id="7">text</item>
          <empty/><?pi data?>
          <mixed>one<b>two</b>three</mixed>
        </r:root>
        """

    @Test(arguments: [1, 2, 7, 64, 64 << 10])
    func eventsAreTheSameWhateverTheChunkSize(chunkSize: Int) throws {
        let events = try Self.events(Self.document, chunkSize: chunkSize)
        #expect(events == [
            .start(localName: "root", namespace: "urn:r", attributes: [
                XMLAttribute(localName: "a", value: "1"), XMLAttribute(localName: "b", namespace: "urn:r", value: "x & y"),
            ], line: 3, column: 1),
            .start(localName: "item", namespace: "urn:d", attributes: [XMLAttribute(localName: "id", value: "7")], line: 4, column: 3),
            .text("text"),
            .end(localName: "item", namespace: "urn:d"),
            .start(localName: "empty", namespace: "urn:d", attributes: [], line: 5, column: 3),
            .end(localName: "empty", namespace: "urn:d"),
            .start(localName: "mixed", namespace: "urn:d", attributes: [], line: 6, column: 3),
            .text("one"),
            .start(localName: "b", namespace: "urn:d", attributes: [], line: 6, column: 13),
            .text("two"),
            .end(localName: "b", namespace: "urn:d"),
            .text("three"),
            .end(localName: "mixed", namespace: "urn:d"),
            .end(localName: "root", namespace: "urn:r"),
        ])
    }

    @Test func depthFollowsTheEvents() throws {
        let reader = XMLStreamReader(source: MemoryByteSource("<a><b/><c>x</c></a>"), file: "t.xml")
        var depths: [Int] = []
        while try reader.next() != nil { depths.append(reader.depth) }
        // start a, start b, end b, start c, text, end c, end a
        #expect(depths == [1, 2, 1, 2, 2, 1, 0])
    }

    @Test func capturedRecordsKeepTextAndPlaces() throws {
        let reader = XMLStreamReader(source: MemoryByteSource("<r>\n  <rec k=\"v\">\n    <f> a </f><g/>\n  </rec>\n</r>"), file: "t.xml")
        _ = try reader.next()
        guard case let .start(name, namespace, attributes, line, column)? = try reader.next() else {
            Issue.record("no record")
            return
        }
        let node = try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
        #expect(node.localName == "rec")
        #expect(node.attribute("k") == "v")
        #expect(node.children.map(\.localName) == ["f", "g"])
        #expect(node.child("f")?.text == "a")
        #expect(node.child("f")?.line == 3)
        #expect(node.child("g")?.column == 15)
        #expect(node.line == 2)
        #expect(try reader.next() == .end(localName: "r", namespace: ""))
        #expect(try reader.next() == nil)
    }

    @Test func recordElementLimit() throws {
        let reader = XMLStreamReader(
            source: MemoryByteSource("<r><rec>" + String(repeating: "<f/>", count: 20) + "</rec></r>"), file: "t.xml",
            limits: XMLReaderLimits(maxRecordElements: 10))
        _ = try reader.next()
        guard case let .start(name, namespace, attributes, line, column)? = try reader.next() else { return }
        #expect {
            try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
        } throws: { error in
            (error as? FeedFileError)?.message.contains("more than 10 elements") == true
        }
    }

    @Test func relativeNamespaceIsAWarningNotAFailure() throws {
        let reader = XMLStreamReader(source: MemoryByteSource("<r xmlns=\"relative/ns\">x</r>"), file: "t.xml")
        while try reader.next() != nil {}
        #expect(reader.warnings.count == 1)
        #expect(reader.warnings.first?.file == "t.xml")
    }
}

/// The byte scanner that counts attributes before libxml2 parses a tag.
@Suite struct XMLAttributeGuardTests {
    static func finding(_ text: String, limit: Int = 2, chunk: Int = .max) -> XMLAttributeGuard.Finding? {
        var scanner = XMLAttributeGuard(limit: limit, rejectsInternalSubset: false)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            let found = bytes[start..<end].withUnsafeBytes { scanner.scan($0) }
            if let found { return found }
            start = end
        }
        return nil
    }

    @Test(arguments: [1, 2, 3, 1000])
    func countsOnlyAttributesOfStartTags(chunk: Int) {
        let fine = """
            <?xml version="1.0" encoding="UTF-8"?><!-- a=1 b=2 c=3 <x a=1 b=2 c=3> -->
            <r a="1=2=3" b='x>y=z'><![CDATA[<q a=1 b=2 c=3>]]><?pi a=1 b=2 c=3?>text a=b=c=d</r>
            """
        #expect(Self.finding(fine, chunk: chunk) == nil)
        #expect(Self.finding("<r>\n  <e a=\"1\" b=\"2\"\n     c=\"3\"/></r>", chunk: chunk) == .tooManyAttributes(line: 2, column: 3))
        #expect(Self.finding("<r>中文 <e a='1' b='2' c='3'/></r>", chunk: chunk) == .tooManyAttributes(line: 1, column: 7))
        #expect(Self.finding("<!---->\n<!-- -- >x<y a=1 b=2 c=3> -->\n<r/>", chunk: chunk) == nil)
    }

    /// The place of a reported tag — line, and column in characters — is right wherever the
    /// chunks end: inside the tag, inside a multi-byte character, before or after the
    /// newlines of the tag's line and of the lines before it (worked out from counts carried
    /// over between chunks, without rescanning them).
    @Test(arguments: [1, 2, 3, 5, 7, 11, 64, 4096])
    func placesAreRightAcrossChunks(chunk: Int) {
        let lines = ["<?xml version=\"1.0\"?>", "<根 a=\"1\">文字 text", "", "  中文<x a='1'/>é", "\t<y a=\"一\" b='二'"]
        for tail in ["c='3'/></根>", "\n  c=\"3\"/></根>", " c='3' d='4'/></根>"] {
            let document = lines.joined(separator: "\n") + " " + tail
            #expect(Self.finding(document, limit: 2, chunk: chunk) == .tooManyAttributes(line: 5, column: 2))
        }
        let oneLine = String(repeating: "<c r=\"A1\" t=\"s\"><v>中</v></c>", count: 40) + "<e a='1' b='2' c='3'/>"
        #expect(Self.finding("<r>" + oneLine + "</r>", limit: 2, chunk: chunk) == .tooManyAttributes(line: 1, column: 4 + 40 * 28))
    }

    /// The word-at-a-time counts of newlines and characters agree with byte-by-byte ones at
    /// every start and end offset (unaligned heads and tails, every byte value).
    @Test func wordCountsAgreeWithByteCounts() {
        var bytes = (0..<256).map { UInt8($0) } + Array("a\n中文\né\n\n<x/>".utf8)
        var seed: UInt64 = 7
        for _ in 0..<300 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            bytes.append([0x0A, 0x0B, 0x80, 0xBF, 0xC0, 0xE4, 0x41, 0x8A][Int(seed >> 61)])
        }
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            for from in stride(from: 0, to: buffer.count, by: 13) {
                for to in stride(from: from, through: buffer.count, by: 7) {
                    let slice = buffer[from..<to]
                    #expect(XMLAttributeGuard.newlines(base, from, to) == slice.filter { $0 == 0x0A }.count)
                    #expect(XMLAttributeGuard.characters(base, from, to) == slice.filter { $0 & 0xC0 != 0x80 }.count)
                }
            }
        }
    }

    @Test func internalSubsetsAreFoundWhenRefused() {
        var scanner = XMLAttributeGuard(limit: 10, rejectsInternalSubset: true)
        let found = Array("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"b\">]><r/>".utf8).withUnsafeBytes { scanner.scan($0) }
        #expect(found == .internalSubset(line: 2, column: 1))
        var lenient = XMLAttributeGuard(limit: 10, rejectsInternalSubset: false)
        let none = Array("<!DOCTYPE r SYSTEM \"r.dtd\"><r a=\"1\"/>".utf8).withUnsafeBytes { lenient.scan($0) }
        #expect(none == nil)
    }
}
