import CLibXML2

/// Limits that keep hostile XML in bounded time and memory.
public struct XMLReaderLimits: Sendable, Equatable {
    /// Longest text of one element (bytes of UTF-8); longer fails the file.
    public var maxTextBytes: Int
    /// Deepest element nesting; deeper fails the file (libxml2 itself stops at 256).
    public var maxDepth: Int
    /// Most elements one captured record (an RO, a shipment…) may hold.
    public var maxRecordElements: Int
    /// Most attributes on one element (libxml2 2.9 checks them pairwise: quadratic time).
    public var maxAttributes: Int
    /// Whether a DOCTYPE with an internal subset (`<!DOCTYPE r [ … ]>`) fails the file
    /// outright. Feeds never declare entities; off only to test libxml2's own defences.
    public var rejectsInternalSubset: Bool

    public init(
        maxTextBytes: Int = 10_000_000, maxDepth: Int = 128, maxRecordElements: Int = 100_000, maxAttributes: Int = 512,
        rejectsInternalSubset: Bool = true
    ) {
        self.maxTextBytes = maxTextBytes
        self.maxDepth = maxDepth
        self.maxRecordElements = maxRecordElements
        self.maxAttributes = maxAttributes
        self.rejectsInternalSubset = rejectsInternalSubset
    }
}

/// An attribute of an element: local name, namespace URI ("" for none) and value.
public struct XMLAttribute: Sendable, Equatable {
    public var localName: String
    public var namespace: String
    public var value: String

    public init(localName: String, namespace: String = "", value: String) {
        self.localName = localName
        self.namespace = namespace
        self.value = value
    }
}

/// One step of a streamed XML document.
public enum XMLEvent: Sendable, Equatable {
    /// An element starts; `line` and `column` are where its `<` is (1-based).
    case start(localName: String, namespace: String, attributes: [XMLAttribute], line: Int, column: Int)
    /// The element opened last ends (also sent for `<empty/>` elements).
    case end(localName: String, namespace: String)
    /// Text (character data and CDATA) of the current element, entity-decoded, delivered once
    /// per run of text between two tags. Whitespace-only runs are not delivered.
    case text(String)
}

/// A pull reader of XML built on libxml2's push parser, hardened for feeds (feeds.md 4 and 5).
///
/// This file is the only one in the project that calls libxml2. Why the push parser with
/// our own SAX callbacks rather than `xmlTextReader`: reader nodes store their line in an
/// unsigned short (every element after line 65,535 of a big feed reports 65,535) and the
/// reader's parser position runs up to a chunk ahead of the node it returns, so neither
/// gives the place of a row; SAX callbacks do, and they let us cap text while it streams.
///
/// Hardening: options are `XML_PARSE_NONET` only (never NOENT, DTDLOAD, DTDVALID, XINCLUDE
/// or HUGE); no DTD callbacks are installed, so entity declarations are never even stored:
/// any entity reference other than the five predefined ones and character references is a
/// feed error (billion laughs and external entities fail at the first reference, in
/// constant memory, without reading anything); a deny-all external entity loader guards
/// the process; input is read by us from a `ByteSource` (no gzip or URL handling by
/// libxml2); text per element and nesting depth are capped; every libxml2 message goes to
/// this reader's error value or warning list, never to stderr.
public final class XMLStreamReader {
    /// The file name used in messages.
    public let file: String
    public let limits: XMLReaderLimits
    /// Non-fatal libxml2 warnings (e.g. a relative namespace URI).
    public var warnings: [Diagnostic] { core.warnings }
    /// Bytes read from the source so far.
    @exclusivity(unchecked) public private(set) var bytesRead = 0
    /// After a `.start`, the depth of that element (1 = the root); after an `.end`, the
    /// depth of its parent.
    @exclusivity(unchecked) public private(set) var depth = 0

    private let source: any ByteSource
    private let core: XMLParserCore
    private var context: xmlParserCtxtPtr?
    private let buffer: UnsafeMutableRawBufferPointer
    @exclusivity(unchecked) private var cursor = 0
    @exclusivity(unchecked) private var finished = false
    @exclusivity(unchecked) private var failure: FeedFileError?
    private var attributeGuard: XMLAttributeGuard

    /// Creates a reader of `source`; `file` names it in messages.
    public init(source: any ByteSource, file: String, limits: XMLReaderLimits = XMLReaderLimits(), chunkSize: Int = 256 << 10) {
        LibXML2Setup.ensure()
        self.source = source
        self.file = file
        self.limits = limits
        core = XMLParserCore(limits: limits, file: file)
        attributeGuard = XMLAttributeGuard(limit: limits.maxAttributes, rejectsInternalSubset: limits.rejectsInternalSubset)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(16, chunkSize), alignment: 1)
    }

    /// Opens the file at `path` (named `displayName` in messages, default the path).
    /// Throws `InputError` when it cannot be opened.
    public convenience init(path: String, displayName: String? = nil, limits: XMLReaderLimits = XMLReaderLimits()) throws {
        self.init(source: try FileByteSource(path: path), file: displayName ?? path, limits: limits)
    }

    deinit {
        if let context { xmlFreeParserCtxt(context) }
        buffer.deallocate()
    }

    /// The next event, or nil after the root element has ended.
    ///
    /// Throws `FeedFileError` (with line and column) at the first well-formedness error or
    /// hostile construct, and again on every later call; `InputError` when reading fails.
    public func next() throws -> XMLEvent? {
        if let failure { throw failure }
        while true {
            if cursor < core.events.count {
                let event = core.events[cursor]
                cursor += 1
                switch event {
                case .start: depth += 1
                case .end: depth -= 1
                case .text: break
                }
                return event
            }
            core.events.removeAll(keepingCapacity: true)
            cursor = 0
            if finished { return nil }
            try feed()
        }
    }

    /// What record capture delivers, in document order.
    enum RecordItem {
        /// A scope element (e.g. a `ProcessRepairOrder`) starts.
        case scopeStart
        /// A captured record ended.
        case record(XMLRecord)
    }

    /// The names of this reader's document as ids (shared with its records).
    var names: XMLNameTable { core.nameTable }

    /// Switches the reader to record capture: instead of events, it delivers the start of
    /// each `scope` element (local name and namespace) and, inside a scope, each element
    /// named in `records` (any namespace) as one `XMLRecord`, built straight in libxml2's
    /// callbacks. Other elements produce nothing. A scope ends with its element. Possible
    /// only before anything was read; returns false otherwise (use events then).
    ///
    /// `placed` (up to four names) limits exact line and column to the record's element and
    /// the elements so named; others get the end of the previous token (finding each `<`
    /// costs ≈ 3 % of a load). Nil: every element is placed exactly.
    func beginRecordCapture(scope: (localName: String, namespace: String), records: [String], placed: [String]? = nil) -> Bool {
        guard bytesRead == 0, cursor == 0, core.events.isEmpty, failure == nil else { return false }
        let table = core.nameTable
        let ids = records.prefix(4).map { table.id($0) } + [Int32](repeating: -1, count: max(0, 4 - records.count))
        core.recordScope = (table.id(scope.localName), table.id(scope.namespace))
        core.recordNames = (ids[0], ids[1], ids[2], ids[3])
        if let placed, placed.count <= 4 {
            let placedIDs = placed.map { table.id($0) } + [Int32](repeating: -1, count: 4 - placed.count)
            core.placedNames = (placedIDs[0], placedIDs[1], placedIDs[2], placedIDs[3])
            core.placesAll = false
        }
        core.recordMode = true
        return true
    }

    /// The next item of record capture, or nil after the root element has ended. Throws as
    /// `next()` does.
    func nextRecordItem() throws -> RecordItem? {
        if let failure { throw failure }
        while true {
            if cursor < core.items.count {
                let item = core.items[cursor]
                cursor += 1
                return item
            }
            core.items.removeAll(keepingCapacity: true)
            cursor = 0
            if finished { return nil }
            try feed()
        }
    }

    /// Switches the reader to raw capture: elements and text go straight from libxml2's
    /// callbacks to `handler` (names as ids of `names`, attribute values as bytes), with the
    /// same hardening and limits, and no event or string per element (worksheets: millions
    /// of cells). Drive it with `pump()`. Possible only before anything was read. The
    /// reader does not retain `handler`: keep it alive while pumping.
    func beginRawCapture<Handler: XMLRawHandler>(_ handler: Handler) -> Bool {
        guard bytesRead == 0, cursor == 0, core.events.isEmpty, failure == nil else { return false }
        core.rawSink = XMLRawSinkOf(handler)
        return true
    }

    /// Prepares the calling thread for parsing (libxml2 keeps its error handler per thread):
    /// call it first on a thread that drives a reader made on another thread.
    static func prepareThread() { LibXML2Setup.ensure() }

    /// Raw capture: parses the next chunk of input. False once the document has ended.
    /// Throws as `next()` does.
    func pump() throws -> Bool {
        if let failure { throw failure }
        if finished { return false }
        try feed()
        return true
    }

    /// Consumes events up to the end of the element whose `.start` was just returned.
    public func skipElement() throws {
        var level = 1
        while level > 0, let event = try next() {
            switch event {
            case .start: level += 1
            case .end: level -= 1
            case .text: break
            }
        }
    }

    /// Reads one chunk and runs the parser over it.
    private func feed() throws {
        let count = try source.read(into: buffer)
        if bytesRead == 0 && count >= 2 { try refuseWideEncodings(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
        bytesRead += count
        switch attributeGuard.scan(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) {
        case let .tooManyAttributes(line, column)?:
            throw fail(FeedFileError(
                file: file, line: line, column: column, "an element has more than \(limits.maxAttributes) attributes"))
        case let .internalSubset(line, column)?:
            throw fail(FeedFileError(
                file: file, line: line, column: column,
                "a DOCTYPE with an internal subset ([…]) is not accepted: feeds never declare entities"))
        case nil:
            break
        }
        let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
        if context == nil {
            let unmanaged = Unmanaged.passUnretained(core).toOpaque()
            var handler = XMLParserCore.makeSAXHandler()
            // The first bytes go in at creation so that libxml2 detects the encoding.
            let first = min(count, 4)
            guard let created = xmlCreatePushParserCtxt(&handler, unmanaged, base, Int32(first), file) else {
                throw fail(FeedFileError(file: file, "cannot start the XML parser"))
            }
            context = created
            core.context = created
            xmlCtxtUseOptions(created, Int32(XML_PARSE_NONET.rawValue))
            try check(status: 0)
            let rest = count - first
            let status = xmlParseChunk(created, base.map { $0 + first }, Int32(rest), count == 0 ? 1 : 0)
            try check(status: status)
        } else if let context {
            let status = xmlParseChunk(context, base, Int32(count), count == 0 ? 1 : 0)
            try check(status: status)
        }
        if count == 0 {
            finished = true
            if core.error == nil && (!core.sawRoot || core.depth != 0) {
                let place = core.position()
                throw fail(FeedFileError(file: file, line: place.line, column: place.column, "the document ends before its root element is closed"))
            }
        }
    }

    /// UTF-16 and UTF-32 documents are refused: feeds are UTF-8 or GB18030, and the
    /// attribute guard reads ASCII-compatible bytes only.
    private func refuseWideEncodings(_ start: UnsafeRawBufferPointer) throws {
        let b0 = start[0]
        let b1 = start[1]
        if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) || b0 == 0 || b1 == 0 {
            throw fail(FeedFileError(
                file: file, line: 1, column: 1, "UTF-16/UTF-32 XML is not accepted: send UTF-8 (or GB18030)"))
        }
    }

    private func check(status: Int32) throws {
        if let error = core.error { throw fail(error) }
        if status != 0 {
            let place = core.position()
            throw fail(FeedFileError(file: file, line: place.line, column: place.column, "malformed XML (libxml2 error \(status))"))
        }
    }

    private func fail(_ error: FeedFileError) -> FeedFileError {
        failure = error
        core.events.removeAll()
        core.items.removeAll()
        core.builder.reset()
        core.isBuilding = false
        cursor = 0
        return error
    }
}

/// State shared with the C callbacks (through the parser's user-data pointer).
///
/// Its hot properties skip Swift's dynamic exclusivity checks (15 % of a profile): they are
/// touched only from the reader's thread, by the callbacks of one `xmlParseChunk` call or
/// by `next()` between calls, never through overlapping `inout` accesses.
final class XMLParserCore {
    let limits: XMLReaderLimits
    let file: String
    @exclusivity(unchecked) var context: xmlParserCtxtPtr?
    @exclusivity(unchecked) var events: [XMLEvent] = []
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var sawRoot = false
    @exclusivity(unchecked) var error: FeedFileError?
    var warnings: [Diagnostic] = []
    @exclusivity(unchecked) private var text: [UInt8] = []
    @exclusivity(unchecked) private var textIsBlank = true
    /// Where the last token ended: where the next element's `<` is.
    @exclusivity(unchecked) private var lastEnd = (line: 1, column: 1)
    /// Record capture (see `XMLStreamReader.beginRecordCapture`).
    /// Scalars only in the callbacks' path (no reference counting there): the scope's name
    /// and namespace ids, up to four record name ids (-1: none), and the record being
    /// built, inline.
    @exclusivity(unchecked) var recordMode = false
    /// Raw capture (see `XMLStreamReader.beginRawCapture`): the sink that forwards to the
    /// handler without retaining it (the handler owns the reader, which owns this core, and
    /// drives every callback through `pump()`, so it outlives them; a strong reference
    /// would be a cycle). The callbacks reach the sink through `rawSinkReference`, at +0: no
    /// reference counting per element or text run.
    var rawSink: XMLRawSink? {
        didSet { rawSinkReference = rawSink.map { Unmanaged.passUnretained($0) } }
    }
    @exclusivity(unchecked) private var rawSinkReference: Unmanaged<XMLRawSink>?
    @exclusivity(unchecked) var recordScope: (name: Int32, namespace: Int32) = (-1, -1)
    @exclusivity(unchecked) var recordNames: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    @exclusivity(unchecked) var placesAll = true
    @exclusivity(unchecked) var placedNames: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    @exclusivity(unchecked) var items: [XMLStreamReader.RecordItem] = []
    @exclusivity(unchecked) var builder = XMLRecordBuilder()
    @exclusivity(unchecked) var isBuilding = false
    @exclusivity(unchecked) private var scopeDepth: Int?
    @exclusivity(unchecked) private var runLength = 0
    @exclusivity(unchecked) private var textMark = 0
    let nameTable = XMLNameTable()
    /// A direct-mapped cache of name ids, keyed by dictionary pointer.
    private let idSlots: UnsafeMutablePointer<(key: UnsafeRawPointer?, id: Int32)> = {
        let slots = UnsafeMutablePointer<(key: UnsafeRawPointer?, id: Int32)>.allocate(capacity: 1024)
        slots.initialize(repeating: (nil, 0), count: 1024)
        return slots
    }()
    /// A direct-mapped cache of decoded names, keyed by dictionary pointer.
    @exclusivity(unchecked) private var nameSlots = [(key: UnsafeRawPointer?, name: String)](repeating: (nil, ""), count: 512)

    init(limits: XMLReaderLimits, file: String) {
        self.limits = limits
        self.file = file
        events.reserveCapacity(1024)
        text.reserveCapacity(256)
    }

    deinit {
        idSlots.deallocate()
    }

    /// The parser's current position.
    func position() -> (line: Int, column: Int) {
        guard let input = context?.pointee.input else { return lastEnd }
        return (Int(input.pointee.line), Int(input.pointee.col))
    }

    private func markEnd() { lastEnd = position() }

    /// A libxml2 dictionary string as a Swift string. Names come from the parser's
    /// dictionary, so their pointers are stable for the document: a small fixed cache saves
    /// the decoding of repeated names (a collision only costs a decode).
    func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        let slot = (Int(bitPattern: key) >> 3) & 511
        if nameSlots[slot].key == key { return nameSlots[slot].name }
        let value = String(cString: pointer)
        nameSlots[slot] = (key, value)
        return value
    }

    /// The id of a libxml2 dictionary string (names and namespace URIs are interned by the
    /// parser, so a pointer stands for its string for the whole document).
    @inline(__always) func id(_ pointer: UnsafePointer<xmlChar>?) -> Int32 {
        guard let pointer else { return 0 }
        let key = UnsafeRawPointer(pointer)
        let bits = Int(bitPattern: key)
        let slot = ((bits >> 3) ^ (bits >> 13)) & 1023
        if idSlots[slot].key == key { return idSlots[slot].id }
        let value = nameTable.id(String(cString: pointer))
        idSlots[slot] = (key, value)
        return value
    }

    /// Stops the parse with `message` at `place` (the start-tag checks of both the event and
    /// the record path).
    func fail(at place: (line: Int, column: Int), _ message: String) {
        record(FeedFileError(file: file, line: place.line, column: place.column, message))
    }

    var tooDeep: String { "elements are nested deeper than \(limits.maxDepth) levels" }
    var attributeTooLong: String { "an attribute value is longer than \(limits.maxTextBytes) bytes" }

    func record(_ failure: FeedFileError) {
        if error == nil { error = failure }
        if let context { xmlStopParser(context) }
        events.removeAll()
        items.removeAll()
        builder.reset()
        isBuilding = false
    }

    func flushText() {
        if !text.isEmpty {
            if !textIsBlank { events.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll(keepingCapacity: true)
            textIsBlank = true
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
        guard error == nil, let bytes, count > 0 else { markEnd(); return }
        if depth == 0 { markEnd(); return }
        let run = UnsafeBufferPointer(start: bytes, count: Int(count))
        if let rawSinkReference {
            guard admitText(run, after: runLength) else { return }
            runLength += run.count
            rawSinkReference._withUnsafeGuaranteedRef { $0.text(run) }
            return
        }
        if recordMode {
            recordCharacters(run)
            return
        }
        guard admitText(run, after: text.count) else { return }
        text.append(contentsOf: run)
        markEnd()
    }

    func startElement(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard error == nil else { return }
        if let rawSinkReference {
            rawStart(rawSinkReference, localName, attributeCount, attributes)
            return
        }
        if recordMode {
            recordStart(localName, uri, attributeCount, attributes)
            return
        }
        flushText()
        let start = tagStart() ?? lastEnd
        depth += 1
        sawRoot = true
        if depth > limits.maxDepth {
            fail(at: start, tooDeep)
            return
        }
        var list: [XMLAttribute] = []
        if attributeCount > 0, let attributes {
            list.reserveCapacity(Int(attributeCount))
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<Int(attributeCount) {
                let base = index * 5
                guard let valueStart = attributes[base + 3], let valueEnd = attributes[base + 4] else { continue }
                let length = valueEnd - valueStart
                if length > limits.maxTextBytes {
                    fail(at: start, attributeTooLong)
                    return
                }
                var value = String(decoding: UnsafeBufferPointer(start: valueStart, count: length), as: UTF8.self)
                // Without entity substitution libxml2 hands `&` (from `&amp;` or `&#38;`) in
                // attribute values back as `&#38;`; a literal `&` cannot occur there, so
                // every `&#38;` stands for one `&`.
                if value.utf8.contains(UInt8(ascii: "&")) { value = Self.unescapingAmpersands(value) }
                list.append(XMLAttribute(localName: name(attributes[base]), namespace: name(attributes[base + 2]), value: value))
            }
        }
        events.append(.start(localName: name(localName), namespace: name(uri), attributes: list, line: start.line, column: start.column))
        // libxml2 calls back before consuming the tag's `>`; an `/>` is followed by the end
        // callback, which marks its own place.
        let place = position()
        lastEnd = (place.line, place.column + 1)
    }

    /// Where the start tag being reported begins: libxml2 calls back with its cursor on
    /// the tag's `>`, and the tag's bytes are still in the input buffer, so the `<` is
    /// found by scanning back. Nil when the buffer no longer holds it (then the end of the
    /// previous token is used).
    private func tagStart() -> (line: Int, column: Int)? {
        guard let input = context?.pointee.input, let base = input.pointee.base, let cursor = input.pointee.cur,
            cursor > base
        else { return nil }
        var p = cursor
        var newlines = 0
        var characters = 0
        while true {
            guard p > base else { return nil }
            p -= 1
            let byte = p.pointee
            if byte == UInt8(ascii: "<") { break }
            if byte == 0x0A { newlines += 1 }
            if newlines == 0 && byte & 0xC0 != 0x80 { characters += 1 }
        }
        let line = Int(input.pointee.line) - newlines
        if newlines == 0 { return (line, Int(input.pointee.col) - characters - 1) }
        // The tag spans lines: count the characters before `<` on its first line.
        var q = p
        var before = 0
        while q > base {
            q -= 1
            if q.pointee == 0x0A { return (line, before + 1) }
            if q.pointee & 0xC0 != 0x80 { before += 1 }
        }
        return input.pointee.consumed == 0 ? (line, before + 1) : nil
    }

    static func unescapingAmpersands(_ value: String) -> String {
        var out = ""
        var rest = Substring(value)
        while let range = rest.firstRange(of: "&#38;") {
            out += rest[..<range.lowerBound]
            out += "&"
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    func endElement(_ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
        guard error == nil else { return }
        if let rawSinkReference {
            runLength = 0
            textIsBlank = true
            depth -= 1
            if let localName { rawSinkReference._withUnsafeGuaranteedRef { $0.end(name: localName) } }
            return
        }
        if recordMode {
            recordEnd()
            return
        }
        flushText()
        depth -= 1
        events.append(.end(localName: name(localName), namespace: name(uri)))
        markEnd()
    }

    // MARK: Raw capture: the same checks, no events

    private func rawStart(
        _ sink: Unmanaged<XMLRawSink>, _ localName: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        runLength = 0
        textIsBlank = true
        depth += 1
        sawRoot = true
        if depth > limits.maxDepth {
            fail(at: position(), tooDeep)
            return
        }
        let count = attributes == nil ? 0 : Int(attributeCount)
        for index in 0..<count {
            if let start = attributes?[index * 5 + 3], let end = attributes?[index * 5 + 4], end - start > limits.maxTextBytes {
                fail(at: position(), attributeTooLong)
                return
            }
        }
        guard let localName else { return }
        sink._withUnsafeGuaranteedRef { $0.start(name: localName, attributes: XMLRawAttributes(count: count, pointers: attributes)) }
    }

    // MARK: Record capture: the same checks and places as events, but records built in place

    /// The checks every text run passes, captured as events or into a record: the limit per
    /// text node (`length` bytes of this node so far; false, with the error recorded, when the
    /// run would pass it) and whether the node is still blank.
    @inline(__always)
    private func admitText(_ run: UnsafeBufferPointer<UInt8>, after length: Int) -> Bool {
        if length + run.count > limits.maxTextBytes {
            let place = position()
            record(FeedFileError(
                file: file, line: place.line, column: place.column,
                "text of one element is longer than \(limits.maxTextBytes) bytes (the limit per text node)"))
            return false
        }
        if textIsBlank {
            for byte in run where !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
                textIsBlank = false
                break
            }
        }
        return true
    }

    private func recordCharacters(_ run: UnsafeBufferPointer<UInt8>) {
        guard admitText(run, after: runLength) else { return }
        if isBuilding {
            if runLength == 0 { textMark = builder.textMark }
            // Blank text before an element's first text would be trimmed away: indentation
            // between tags is not copied at all.
            if !(textIsBlank && builder.openElementHasNoText) { builder.appendText(run) }
        }
        runLength += run.count
        markEnd()
    }

    private func flushRecordText() {
        if runLength > 0 {
            if isBuilding { builder.finishText(from: textMark, keep: !textIsBlank) }
            runLength = 0
            textIsBlank = true
        }
    }

    private func recordStart(
        _ localName: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int32,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        flushRecordText()
        let nameID = id(localName)
        var opensScope = false
        var opensRecord = false
        if !isBuilding {
            if nameID == recordScope.name && id(uri) == recordScope.namespace {
                opensScope = true
            } else if scopeDepth != nil {
                let names = recordNames
                opensRecord = nameID == names.0 || nameID == names.1 || nameID == names.2 || nameID == names.3
            }
        }
        let capturing = isBuilding || opensRecord
        var placed = opensRecord
        if isBuilding {
            let names = placedNames
            placed = placesAll || nameID == names.0 || nameID == names.1 || nameID == names.2 || nameID == names.3
        }
        let start = placed ? (tagStart() ?? lastEnd) : lastEnd
        depth += 1
        sawRoot = true
        if depth > limits.maxDepth {
            fail(at: tagStart() ?? lastEnd, tooDeep)
            return
        }
        if opensRecord {
            isBuilding = true
            builder.reset()
        } else if isBuilding && builder.nodes.count >= limits.maxRecordElements, let root = builder.nodes.first {
            record(FeedFileError(
                file: file, line: root.line, column: root.column,
                "<\(nameTable.name(root.name))> holds more than \(limits.maxRecordElements) elements (the limit per record)"))
            return
        }
        if capturing { builder.start(name: nameID, namespace: id(uri), line: start.line, column: start.column) }
        if attributeCount > 0, let attributes {
            // Five pointers per attribute: local name, prefix, URI, value start, value end.
            for index in 0..<Int(attributeCount) {
                let base = index * 5
                guard let valueStart = attributes[base + 3], let valueEnd = attributes[base + 4] else { continue }
                let length = valueEnd - valueStart
                if length > limits.maxTextBytes {
                    fail(at: tagStart() ?? lastEnd, attributeTooLong)
                    return
                }
                guard capturing else { continue }
                let value = UnsafeBufferPointer(start: valueStart, count: length)
                let name = id(attributes[base])
                let namespace = id(attributes[base + 2])
                if value.contains(UInt8(ascii: "&")) {
                    // See `startElement`: every `&#38;` stands for one `&`.
                    var text = Self.unescapingAmpersands(String(decoding: value, as: UTF8.self))
                    text.withUTF8 { builder.addAttribute(name: name, namespace: namespace, value: $0) }
                } else {
                    builder.addAttribute(name: name, namespace: namespace, value: value)
                }
            }
        }
        if opensScope {
            items.append(.scopeStart)
            scopeDepth = depth
        }
        let place = position()
        lastEnd = (place.line, place.column + 1)
    }

    private func recordEnd() {
        flushRecordText()
        depth -= 1
        if isBuilding {
            if builder.end() {
                items.append(.record(builder.take(names: nameTable)))
                isBuilding = false
            }
        } else if let scope = scopeDepth, depth < scope {
            scopeDepth = nil
        }
        markEnd()
    }

    func entityReference(_ entity: UnsafePointer<xmlChar>?) {
        let place = position()
        record(FeedFileError(
            file: file, line: place.line, column: place.column,
            "entity reference &\(name(entity)); is not allowed in feeds (only &amp; &lt; &gt; &quot; &apos; and character references)"))
    }

    func report(_ pointer: UnsafePointer<xmlError>?) {
        guard let problem = pointer?.pointee else { return }
        var message = problem.message.map { String(cString: $0) } ?? "malformed XML"
        while let last = message.last, last.isWhitespace { message.removeLast() }
        let line = problem.line > 0 ? Int(problem.line) : nil
        let column = problem.int2 > 0 ? Int(problem.int2) : nil
        let isWarning = problem.level == XML_ERR_WARNING
        let undeclaredEntity = problem.code == Int32(XML_WAR_UNDECLARED_ENTITY.rawValue)
        let fromIO = problem.domain == Int32(XML_FROM_IO.rawValue)
        if isWarning && !undeclaredEntity && !fromIO {
            warnings.append(Diagnostic(.warning, file: file, line: line, column: column, message))
        } else {
            record(FeedFileError(file: file, line: line, column: column, "malformed XML: \(message)"))
        }
    }

    /// The SAX callbacks: only content events. No DTD callbacks (entity, attribute or
    /// element declarations, internal or external subset) are installed.
    /// (Built per parser: a C struct of function pointers is not `Sendable`, so it is not
    /// kept in a static; building it costs nothing.)
    /// (`_withUnsafeGuaranteedRef`: the parser's user data is the core, kept alive by the
    /// reader for the whole parse, so the callbacks skip a retain and release per call.)
    static func makeSAXHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef {
                $0.startElement(localName, uri, attributeCount, attributes)
            }
        }
        handler.endElementNs = { context, localName, _, uri in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.endElement(localName, uri) }
        }
        handler.characters = { context, bytes, count in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(bytes, count) }
        }
        handler.ignorableWhitespace = { context, bytes, count in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(bytes, count) }
        }
        handler.cdataBlock = { context, bytes, count in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(bytes, count) }
        }
        handler.reference = { context, name in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.entityReference(name) }
        }
        // Comments, processing instructions and the document start only move the place
        // where the next element starts.
        handler.comment = { context, _ in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(nil, 0) }
        }
        handler.processingInstruction = { context, _, _ in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(nil, 0) }
        }
        handler.startDocument = { context in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.characters(nil, 0) }
        }
        handler.serror = { context, error in
            guard let context else { return }
            Unmanaged<XMLParserCore>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.report(UnsafePointer(error)) }
        }
        return handler
    }
}

/// Receives a document's elements and text straight from the parser (raw capture).
/// Names are libxml2's NUL-terminated UTF-8 local names, valid during the call only
/// (compare them with `XMLRawName.matches`).
protocol XMLRawHandler: AnyObject {
    /// An element starts.
    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes)
    /// The element opened last ends.
    func end(name: UnsafePointer<UInt8>)
    /// A run of the current element's text (one text node may come in several runs).
    func text(_ run: UnsafeBufferPointer<UInt8>)
}

/// Forwards raw capture's callbacks to a handler of a known type without retaining it: a
/// class (so the parser core can hold it as `Unmanaged` and call it at +0), generic over the
/// handler (so the handler is reached through `Unmanaged<Handler>`, not an existential whose
/// every load is a retain).
class XMLRawSink {
    func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {}
    func end(name: UnsafePointer<UInt8>) {}
    func text(_ run: UnsafeBufferPointer<UInt8>) {}
}

final class XMLRawSinkOf<Handler: XMLRawHandler>: XMLRawSink {
    private let handler: Unmanaged<Handler>

    init(_ handler: Handler) {
        self.handler = Unmanaged.passUnretained(handler)
    }

    override func start(name: UnsafePointer<UInt8>, attributes: XMLRawAttributes) {
        handler._withUnsafeGuaranteedRef { $0.start(name: name, attributes: attributes) }
    }

    override func end(name: UnsafePointer<UInt8>) {
        handler._withUnsafeGuaranteedRef { $0.end(name: name) }
    }

    override func text(_ run: UnsafeBufferPointer<UInt8>) {
        handler._withUnsafeGuaranteedRef { $0.text(run) }
    }
}

/// The attributes of an element in raw capture, valid only during `start`.
struct XMLRawAttributes {
    let count: Int
    fileprivate let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The local name of attribute `index` (NUL-terminated).
    func name(at index: Int) -> UnsafePointer<UInt8>? { pointers?[index * 5] }

    /// The value bytes of attribute `index` (`&` comes back as `&#38;`, see `startElement`).
    func value(at index: Int) -> UnsafeBufferPointer<UInt8> {
        guard let start = pointers?[index * 5 + 3], let end = pointers?[index * 5 + 4] else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: start, count: end - start)
    }
}

/// Comparison of a raw-capture name with a literal, without a String.
enum XMLRawName {
    @inline(__always) static func matches(_ name: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        let count = literal.utf8CodeUnitCount
        for index in 0..<count where name[index] != bytes[index] { return false }
        return name[count] == 0
    }
}

/// Process-wide libxml2 setup, done once: a `static let` is initialised exactly once,
/// thread-safely, so no mutable global state is shared.
enum LibXML2Setup {
    private static let once: Void = {
        xmlInitParser()
        // Second guard behind the absence of DTD callbacks: nothing is ever fetched.
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    static func ensure() {
        _ = once
        // libxml2 keeps this handler per thread; messages not tied to a parser context
        // land here and are dropped instead of going to stderr.
        xmlSetStructuredErrorFunc(nil) { _, _ in }
    }
}
