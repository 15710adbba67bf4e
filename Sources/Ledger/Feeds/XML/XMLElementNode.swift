/// A small element tree: one record of a feed (a dealer, a shipment, a repair order)
/// captured from the stream so that a mapper can read it in any order.
///
/// Only one record is held at a time, and its size is capped by
/// `XMLReaderLimits.maxRecordElements`, so memory stays bounded for any file size. A class,
/// so that queries hand out references instead of copying subtrees.
public final class XMLElementNode {
    public let localName: String
    public let namespace: String
    public let attributes: [XMLAttribute]
    /// The element's own text (not its descendants'), trimmed.
    @exclusivity(unchecked) public internal(set) var text: String
    @exclusivity(unchecked) public internal(set) var children: [XMLElementNode]
    public let line: Int
    public let column: Int

    public init(
        localName: String, namespace: String = "", attributes: [XMLAttribute] = [], text: String = "",
        children: [XMLElementNode] = [], line: Int = 0, column: Int = 0
    ) {
        self.localName = localName
        self.namespace = namespace
        self.attributes = attributes
        self.text = text
        self.children = children
        self.line = line
        self.column = column
    }

    /// The value of the attribute called `name` (any namespace), if present.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.localName == name }?.value
    }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLElementNode? {
        children.first { $0.localName == name }
    }

    /// The children called `name`, in document order.
    public func children(named name: String) -> [XMLElementNode] {
        children.filter { $0.localName == name }
    }

    /// The element reached by following child names, e.g. `["Sender", "DealerNumberID"]`.
    public func element(at path: [String]) -> XMLElementNode? {
        var node: XMLElementNode = self
        for name in path {
            guard let next = node.child(name) else { return nil }
            node = next
        }
        return node
    }

    /// The first descendant (depth-first, document order) called `name`, not looking inside
    /// elements named in `excluding`.
    public func firstDescendant(_ name: String, excluding: [String] = []) -> XMLElementNode? {
        for child in children where excluding.isEmpty || !excluding.contains(child.localName) {
            if child.localName == name { return child }
            if let found = child.firstDescendant(name, excluding: excluding) { return found }
        }
        return nil
    }

    /// Every descendant called `name`, not looking inside elements named in `excluding`.
    public func descendants(_ name: String, excluding: [String] = []) -> [XMLElementNode] {
        var found: [XMLElementNode] = []
        collect(name, excluding: excluding, into: &found)
        return found
    }

    private func collect(_ name: String, excluding: [String], into found: inout [XMLElementNode]) {
        for child in children where excluding.isEmpty || !excluding.contains(child.localName) {
            if child.localName == name {
                found.append(child)
            } else {
                child.collect(name, excluding: excluding, into: &found)
            }
        }
    }

    /// The trimmed text of the first descendant called `name`, nil when absent or empty.
    public func value(of name: String, excluding: [String] = []) -> String? {
        guard let node = firstDescendant(name, excluding: excluding), !node.text.isEmpty else { return nil }
        return node.text
    }
}

extension XMLStreamReader {
    /// Reads the rest of the element whose `.start` event was just returned into a tree.
    func captureElement(
        localName: String, namespace: String, attributes: [XMLAttribute], line: Int, column: Int
    ) throws -> XMLElementNode {
        var stack = [XMLElementNode(localName: localName, namespace: namespace, attributes: attributes, line: line, column: column)]
        stack.reserveCapacity(16)
        var count = 1
        while let event = try next() {
            switch event {
            case let .start(name, uri, attrs, childLine, childColumn):
                count += 1
                if count > limits.maxRecordElements {
                    throw FeedFileError(
                        file: file, line: line, column: column,
                        "<\(localName)> holds more than \(limits.maxRecordElements) elements (the limit per record)")
                }
                stack.append(XMLElementNode(localName: name, namespace: uri, attributes: attrs, line: childLine, column: childColumn))
            case let .text(value):
                stack[stack.count - 1].text += value
            case .end:
                let done = stack.removeLast()
                done.text = XMLText.trimmed(done.text)
                if stack.isEmpty { return done }
                stack[stack.count - 1].children.append(done)
            }
        }
        throw FeedFileError(file: file, line: line, column: column, "the document ends inside <\(localName)>")
    }
}

/// Small text helpers shared by the XML mappers.
enum XMLText {
    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let firstByte = bytes.first, let lastByte = bytes.last else { return text }
        if !isSpaceByte(firstByte) && !isSpaceByte(lastByte) { return text }
        guard let first = bytes.firstIndex(where: { !isSpaceByte($0) }),
            let last = bytes.lastIndex(where: { !isSpaceByte($0) })
        else { return "" }
        return String(text[first...last])
    }

    @inline(__always) static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
