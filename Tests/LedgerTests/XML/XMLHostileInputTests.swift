#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Ledger

/// feeds.md 5.1: hostile XML ends in a clear `FeedFileError` with line and column, in bounded
/// time and memory, and nothing after the error is delivered.
@Suite struct XMLHostileInputTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
         <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
         <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
         <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
         <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
         <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
         <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
         <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
         <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <DealerMaster xmlns="urn:ledger-dms:oem:1"><Dealer><name>&lol9;</name></Dealer></DealerMaster>
        """

    static let libxml2Only = XMLReaderLimits(rejectsInternalSubset: false)

    @Test func billionLaughsFailsAtItsInternalSubset() {
        let (error, events) = XMLTestFiles.failure(reading: Array(Self.billionLaughs.utf8))
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.contains("internal subset") == true)
        #expect(events == 0)
    }

    /// Behind the internal-subset guard: libxml2 as configured never stores the entities,
    /// so the first reference fails.
    @Test func billionLaughsFailsAtTheFirstReferenceWithoutTheGuard() {
        let (error, _) = XMLTestFiles.failure(reading: Array(Self.billionLaughs.utf8), limits: Self.libxml2Only)
        #expect(error?.line == 14)
        #expect(error?.column != nil)
        #expect(error?.message.contains("lol9") == true)
    }

    @Test func billionLaughsFailsThroughTheMapperToo() throws {
        let path = XMLTestFiles.write(Self.billionLaughs)
        let source = try XMLFeeds.rowSource(path: path, kind: .dealerMaster)
        #expect(throws: FeedFileError.self) { try source.nextRow() }
    }

    @Test(arguments: [
        // A general external entity.
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r>&x;</r>",
        // The same in an attribute value.
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<r a=\"&x;\"/>",
        // A parameter entity pulled into the internal subset.
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<r>ok</r>",
        // An internal entity: also refused (no entity is ever declared).
        "<!DOCTYPE r [<!ENTITY x \"hello\">]>\n<r>&x;</r>",
    ])
    func externalEntitiesAreNeverRead(document: String) throws {
        try Self.expectEntitiesRefused(document, limits: XMLReaderLimits())
        try Self.expectEntitiesRefused(document, limits: Self.libxml2Only)
    }

    @Test func entityReferenceWithoutAnyDTDFails() throws {
        try Self.expectEntitiesRefused("<r>\n<a>&x;</a></r>", limits: XMLReaderLimits())
    }

    static func expectEntitiesRefused(_ document: String, limits: XMLReaderLimits) throws {
        let path = XMLTestFiles.write(document)
        let reader = try XMLStreamReader(path: path, displayName: "evil.xml", limits: limits)
        var texts: [String] = []
        var failure: FeedFileError?
        do {
            while let event = try reader.next() {
                if case let .text(text) = event { texts.append(text) }
            }
        } catch let error as FeedFileError {
            failure = error
        }
        #expect(failure != nil)
        #expect(failure?.line != nil)
        #expect(failure?.column != nil)
        #expect(!texts.joined().contains("root:"))
        #expect(!texts.joined().contains("hello"))
    }

    @Test func externalDTDIsNotFetched() throws {
        // No DTD callback is installed: the external subset is never loaded (the port is closed,
        // and a deny-all loader stands behind it), and the document reads normally.
        let (error, events) = XMLTestFiles.failure(
            reading: Array("<!DOCTYPE r SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n<r>ok</r>".utf8))
        #expect(error == nil)
        #expect(events == 3)
    }

    /// libxml2 2.9 compares a tag's attributes pairwise: 50,000 attributes (540 KB) take
    /// minutes in `xmllint`. The guard refuses the tag before libxml2 sees it.
    @Test func attributeBombFailsBeforeLibxml2SeesIt() {
        let tag = "<r " + (0..<50_000).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>"
        let (error, events) = XMLTestFiles.failure(reading: Array(("<?xml version=\"1.0\"?>\n" + tag).utf8))
        #expect(error?.message.contains("more than 512 attributes") == true)
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(events == 0)
    }

    @Test func attributeGuardCannotBeSteeredByAQuoteInASubsetComment() {
        let tag = "<r " + (0..<600).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>"
        let (error, _) = XMLTestFiles.failure(
            reading: Array(("<!DOCTYPE r [ <!-- \" --> ]>\n" + tag).utf8), limits: Self.libxml2Only)
        #expect(error?.message.contains("more than 512 attributes") == true)
    }

    @Test func manyAttributesUpToTheLimitAreFine() {
        let tag = "<r " + (0..<512).map { "a\($0)=\"x>y\"" }.joined(separator: " ") + "/>"
        let (error, events) = XMLTestFiles.failure(reading: Array(tag.utf8))
        #expect(error == nil)
        #expect(events == 2)
    }

    @Test(arguments: [[0xFF, 0xFE, 0x3C, 0x00], [0xFE, 0xFF, 0x00, 0x3C], [0x3C, 0x00, 0x72, 0x00]] as [[UInt8]])
    func wideEncodingsAreRefused(bytes: [UInt8]) {
        let (error, _) = XMLTestFiles.failure(reading: bytes + [0x2F, 0x00, 0x3E, 0x00])
        #expect(error?.message.contains("UTF-16") == true)
    }

    @Test func deepNestingFailsAtTheLimit() {
        let depth = 100_000
        let document = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let (error, events) = XMLTestFiles.failure(reading: Array(document.utf8))
        #expect(error?.message.contains("nested deeper than 128 levels") == true)
        #expect(error?.line == 1)
        #expect(error?.column == 1 + 128 * 3)
        #expect(events == 0)
    }

    /// Why the reader has its own depth limit: libxml2 2.9's push parser does not apply its
    /// 256-level limit (only its pull parser does). If this starts failing, libxml2 has
    /// begun to enforce it, which is fine: the reader's limit stays the first line.
    @Test func libxml2PushParserAloneDoesNotLimitDepth() {
        let document = String(repeating: "<a>", count: 2000) + String(repeating: "</a>", count: 2000)
        let (error, events) = XMLTestFiles.failure(
            reading: Array(document.utf8), limits: XMLReaderLimits(maxDepth: 100_000))
        #expect(error == nil)
        #expect(events == 4000)
    }

    @Test func truncatedFileFails() throws {
        let bytes = try Self.contents(XMLTestFiles.sample("samples/xml/star_process_repair_order.xml"))
        let (error, events) = XMLTestFiles.failure(reading: Array(bytes.prefix(bytes.count / 2)))
        #expect(events > 0)
        #expect(error?.line != nil)
        #expect(error?.column != nil)
    }

    @Test func documentEndingAfterTheRootStartFails() {
        let (error, _) = XMLTestFiles.failure(reading: Array("<r><a>text</a>".utf8))
        #expect(error != nil)
        #expect(error?.line == 1)
    }

    @Test func invalidUTF8Fails() {
        let (error, _) = XMLTestFiles.failure(reading: Array("<r>\n<a>ok</a>\n<b>".utf8) + [0xC3, 0x28, 0xFF] + Array("</b></r>".utf8))
        #expect(error?.line == 3)
        #expect(error?.column != nil)
        #expect(error?.message.contains("UTF-8") == true)
    }

    @Test func bareAmpersandFails() {
        let (error, _) = XMLTestFiles.failure(reading: Array("<r>\n<name>Smith & Sons</name>\n</r>".utf8))
        #expect(error?.line == 2)
        #expect(error?.column != nil)
    }

    @Test func emptyFileFails() {
        let (error, _) = XMLTestFiles.failure(reading: [])
        #expect(error?.line == 1)
        #expect(error?.column != nil)
    }

    @Test(arguments: [
        ("<Invoice xmlns=\"urn:x\"/>", "unknown XML root <Invoice>"),
        ("<DealerMaster/>", "must be in namespace urn:ledger-dms:oem:1"),
        ("<ProcessRepairOrder xmlns=\"http://www.starstandard.org/STAR/4\"/>", "unknown XML root <ProcessRepairOrder>"),
        ("<rey_Foo xmlns=\"urn:other\"/>", "unknown XML root <rey_Foo>"),
        ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body></s:Envelope>", "SOAP envelope without"),
    ])
    func wrongRootIsAFeedFileError(document: String, expected: String) {
        let path = XMLTestFiles.write(document)
        #expect {
            try XMLFeeds.detect(path: path)
        } throws: { error in
            guard let error = error as? FeedFileError else { return false }
            return error.message.contains(expected) && error.line == 1 && error.column == 1
        }
    }

    @Test func errorIsStickyAndNothingFollowsIt() throws {
        let document = """
            <DealerMaster xmlns="urn:ledger-dms:oem:1">
              <Dealer><dealer_code>DLR001</dealer_code></Dealer>
              <Dealer><dealer_code>DLR002</dealer_code><name>A & B</name></Dealer>
              <Dealer><dealer_code>DLR003</dealer_code></Dealer>
            </DealerMaster>
            """
        let source = try XMLFeeds.rowSource(path: XMLTestFiles.write(document))
        var rows: [SourceRow] = []
        var failure: FeedFileError?
        do {
            while let row = try source.nextRow() { rows.append(row) }
        } catch let error as FeedFileError {
            failure = error
        }
        #expect(failure?.line == 3)
        #expect(rows.allSatisfy { $0.values["dealer_code"] != "DLR003" })
        #expect(throws: FeedFileError.self) { try source.nextRow() }
    }

    @Test func oversizedTextFailsWithoutReadingTheRest() throws {
        let (error, _) = XMLTestFiles.failure(
            reading: Array("<r>".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 3000) + Array("</r>".utf8),
            limits: XMLReaderLimits(maxTextBytes: 1000))
        #expect(error?.message.contains("longer than 1000 bytes") == true)
        #expect(error?.line == 1)
    }

    /// A 1 GB single text node, streamed through a named pipe: the reader gives up at the
    /// 10 MB text limit, and the writer sees the pipe close long before 1 GB is written.
    @Test func oneGigabyteTextNodeStopsAtTheLimit() throws {
        let folder = XMLTestFiles.temporaryFolder()
        let fifo = folder + "/huge.xml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = PipeWriter(path: fifo, total: 1 << 30)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(writer).toOpaque()
        let created = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<PipeWriter>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        #expect(created == 0)
        let error = Self.readToFailure(fifo)
        pthread_join(thread, nil)
        #expect(error?.message.contains("longer than 10000000 bytes") == true)
        #expect(error?.line == 1)
        #expect(writer.written < 64 << 20)
        #expect(writer.written > 10_000_000)
    }

    private static func readToFailure(_ path: String) -> FeedFileError? {
        do {
            let reader = try XMLStreamReader(path: path)
            while try reader.next() != nil {}
            return nil
        } catch {
            return error as? FeedFileError
        }
    }

    static func contents(_ path: String) throws -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { break }
            bytes.append(contentsOf: buffer.prefix(count))
        }
        return bytes
    }
}

/// Writes `<r>` and then `x` bytes into a pipe until `total` bytes or until the reader goes away.
final class PipeWriter {
    let path: String
    let total: Int
    private(set) var written = 0

    init(path: String, total: Int) {
        self.path = path
        self.total = total
    }

    func run() {
        // SIGPIPE is raised in the writing thread: blocked here, `write` fails with EPIPE instead.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        let fd = open(path, O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let start = Array("<r>".utf8)
        guard write(fd, start, start.count) == start.count else { return }
        written = start.count
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        chunk.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while written < total {
                let n = write(fd, base, raw.count)
                if n <= 0 { return }
                written += n
            }
        }
    }
}
