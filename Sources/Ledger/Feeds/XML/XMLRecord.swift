/// Names of one document as small integers: every element and attribute name (and
/// namespace) gets an id the first time it is seen, so records compare names as integers.
final class XMLNameTable {
    @exclusivity(unchecked) private(set) var names: [String] = [""]
    @exclusivity(unchecked) private var ids: [String: Int32] = ["": 0]

    /// The id of `name`, adding it when new. The empty string is id 0.
    func id(_ name: String) -> Int32 {
        if let id = ids[name] { return id }
        let id = Int32(names.count)
        names.append(name)
        ids[name] = id
        return id
    }

    func name(_ id: Int32) -> String { names[Int(id)] }
}

/// One captured record (a repair order, an application area) stored flat: nodes in
/// document order (preorder), names as ids of the reader's `XMLNameTable`, text and
/// attribute values as byte ranges of one buffer. Built straight from libxml2's callbacks
/// by an `XMLRecordBuilder` (no event values, no per-element objects) and queried by
/// mappers by name id.
///
/// The subtree of node `i` is the index range `i + 1 ..< end(i)`, so descendant searches
/// are forward scans in document order.
final class XMLRecord {
    struct Node {
        var name: Int32
        var namespace: Int32
        /// Index range of this node's attributes in `attributes`.
        var attributeStart: Int32
        var attributeEnd: Int32
        /// The element's own text (trimmed once the element has ended), in `bytes`.
        var textStart: Int32
        var textEnd: Int32
        /// One past the last node of the subtree (set when the element ends).
        var end: Int32
        /// Where the element's `<` is: exact for the record's element and the names the
        /// capture was asked to place, else the end of the previous token.
        var line: Int
        var column: Int
    }

    struct Attribute {
        var name: Int32
        var namespace: Int32
        var valueStart: Int32
        var valueEnd: Int32
    }

    let names: XMLNameTable
    let nodes: [Node]
    let attributes: [Attribute]
    let bytes: [UInt8]

    init(names: XMLNameTable, nodes: [Node], attributes: [Attribute], bytes: [UInt8]) {
        self.names = names
        self.nodes = nodes
        self.attributes = attributes
        self.bytes = bytes
    }

    // MARK: Queries (node 0 is the record's element)

    @inline(__always) func name(_ node: Int) -> Int32 { nodes[node].name }
    func line(_ node: Int) -> Int { nodes[node].line }
    func column(_ node: Int) -> Int { nodes[node].column }

    /// Whether the node's (trimmed) text is empty.
    func hasText(_ node: Int) -> Bool { nodes[node].textStart != nodes[node].textEnd }

    /// The node's own trimmed text.
    func text(_ node: Int) -> String {
        let n = nodes[node]
        if n.textStart == n.textEnd { return "" }
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(n.textStart)..<Int(n.textEnd)]), as: UTF8.self)
        }
    }

    /// Whether the node's text equals `literal` (ASCII) byte for byte.
    func textEquals(_ node: Int, _ literal: StaticString) -> Bool {
        let n = nodes[node]
        let count = Int(n.textEnd - n.textStart)
        guard count == literal.utf8CodeUnitCount else { return false }
        let start = Int(n.textStart)
        let pointer = literal.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    /// The first child of `node` called `name`.
    func child(_ node: Int, _ name: Int32) -> Int? {
        var index = node + 1
        let end = Int(nodes[node].end)
        while index < end {
            if nodes[index].name == name { return index }
            index = Int(nodes[index].end)
        }
        return nil
    }

    /// The children of `node` called `name`, in document order.
    func children(_ node: Int, _ name: Int32) -> [Int] {
        var found: [Int] = []
        var index = node + 1
        let end = Int(nodes[node].end)
        while index < end {
            if nodes[index].name == name { found.append(index) }
            index = Int(nodes[index].end)
        }
        return found
    }

    /// The node reached by following child names.
    func element(_ node: Int, at path: [Int32]) -> Int? {
        var current = node
        for name in path {
            guard let next = child(current, name) else { return nil }
            current = next
        }
        return current
    }

    /// The first descendant called `name` (document order), not looking inside (nor
    /// matching) elements named in `excluding`.
    func firstDescendant(_ node: Int, _ name: Int32, excluding: [Int32] = []) -> Int? {
        var index = node + 1
        let end = Int(nodes[node].end)
        while index < end {
            let here = nodes[index].name
            if !excluding.isEmpty && excluding.contains(here) {
                index = Int(nodes[index].end)
                continue
            }
            if here == name { return index }
            index += 1
        }
        return nil
    }

    /// Every descendant called `name`, not looking inside matches nor inside elements named
    /// in `excluding`.
    func descendants(_ node: Int, _ name: Int32, excluding: [Int32] = []) -> [Int] {
        var found: [Int] = []
        var index = node + 1
        let end = Int(nodes[node].end)
        while index < end {
            let here = nodes[index].name
            if here == name && (excluding.isEmpty || !excluding.contains(here)) {
                found.append(index)
                index = Int(nodes[index].end)
            } else if !excluding.isEmpty && excluding.contains(here) {
                index = Int(nodes[index].end)
            } else {
                index += 1
            }
        }
        return found
    }

    /// The trimmed text of the first descendant called `name`, nil when absent or empty.
    func value(_ node: Int, of name: Int32, excluding: [Int32] = []) -> String? {
        guard let found = firstDescendant(node, name, excluding: excluding), hasText(found) else { return nil }
        return text(found)
    }

    /// The value of the attribute called `name` (any namespace), if present.
    func attribute(_ node: Int, _ name: Int32) -> String? {
        let n = nodes[node]
        for index in Int(n.attributeStart)..<Int(n.attributeEnd) where attributes[index].name == name {
            let a = attributes[index]
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[Int(a.valueStart)..<Int(a.valueEnd)]), as: UTF8.self)
            }
        }
        return nil
    }
}

/// Builds one `XMLRecord` from start, text and end calls. A struct kept inline in the
/// parser's state, so that the callbacks append to its arrays in place.
struct XMLRecordBuilder {
    private(set) var nodes: [XMLRecord.Node] = []
    private var attributes: [XMLRecord.Attribute] = []
    private var bytes: [UInt8] = []
    /// Indexes of the open elements.
    private var open: [Int32] = []

    init() {
        nodes.reserveCapacity(128)
        bytes.reserveCapacity(4096)
        open.reserveCapacity(16)
    }

    /// Opens an element below the element open last.
    mutating func start(name: Int32, namespace: Int32, line: Int, column: Int) {
        let at = Int32(attributes.count)
        let here = Int32(bytes.count)
        nodes.append(XMLRecord.Node(
            name: name, namespace: namespace, attributeStart: at, attributeEnd: at, textStart: here, textEnd: here,
            end: 0, line: line, column: column))
        open.append(Int32(nodes.count - 1))
    }

    /// Adds an attribute to the element opened last (before any child or text of it).
    mutating func addAttribute(name: Int32, namespace: Int32, value: UnsafeBufferPointer<UInt8>) {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: value)
        attributes.append(XMLRecord.Attribute(name: name, namespace: namespace, valueStart: start, valueEnd: Int32(bytes.count)))
        nodes[nodes.count - 1].attributeEnd = Int32(attributes.count)
    }

    /// Where the next text run starts.
    var textMark: Int { bytes.count }

    /// Whether the element open last has no text yet.
    var openElementHasNoText: Bool {
        guard let top = open.last else { return true }
        let node = nodes[Int(top)]
        return node.textStart == node.textEnd
    }

    /// Appends bytes of the current text run.
    @inline(__always) mutating func appendText(_ run: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: run)
    }

    /// Ends the text run that started at `mark`: dropped when `keep` is false (blank),
    /// else added to the open element's own text.
    mutating func finishText(from mark: Int, keep: Bool) {
        guard keep, let top = open.last else {
            bytes.removeSubrange(mark...)
            return
        }
        let index = Int(top)
        let node = nodes[index]
        if node.textStart == node.textEnd {
            nodes[index].textStart = Int32(mark)
            nodes[index].textEnd = Int32(bytes.count)
        } else if Int(node.textEnd) == mark {
            nodes[index].textEnd = Int32(bytes.count)
        } else {
            // Text split by a child: the element's text is the runs joined (rare).
            let joined = Array(bytes[Int(node.textStart)..<Int(node.textEnd)]) + Array(bytes[mark...])
            bytes.removeSubrange(mark...)
            nodes[index].textStart = Int32(bytes.count)
            bytes.append(contentsOf: joined)
            nodes[index].textEnd = Int32(bytes.count)
        }
    }

    /// Ends the element opened last and trims its text. Returns true when that was the
    /// record's element (the record is complete).
    mutating func end() -> Bool {
        guard let top = open.popLast() else { return false }
        let index = Int(top)
        var start = Int(nodes[index].textStart)
        var end = Int(nodes[index].textEnd)
        while start < end && XMLText.isSpaceByte(bytes[start]) { start += 1 }
        while end > start && XMLText.isSpaceByte(bytes[end - 1]) { end -= 1 }
        nodes[index].textStart = Int32(start)
        nodes[index].textEnd = Int32(end)
        nodes[index].end = Int32(nodes.count)
        return open.isEmpty
    }

    /// The record built so far; the builder starts over.
    mutating func take(names: XMLNameTable) -> XMLRecord {
        let record = XMLRecord(names: names, nodes: nodes, attributes: attributes, bytes: bytes)
        reset()
        return record
    }

    mutating func reset() {
        nodes.removeAll(keepingCapacity: true)
        attributes.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
    }
}

extension XMLRecord {
    /// A record built from an element tree captured from events (used when a reader was
    /// already past its start when record capture was asked for).
    static func from(tree: XMLElementNode, names: XMLNameTable) -> XMLRecord {
        var builder = XMLRecordBuilder()
        add(tree, to: &builder, names: names)
        return builder.take(names: names)
    }

    private static func add(_ element: XMLElementNode, to builder: inout XMLRecordBuilder, names: XMLNameTable) {
        builder.start(name: names.id(element.localName), namespace: names.id(element.namespace), line: element.line, column: element.column)
        for attribute in element.attributes {
            var value = attribute.value
            value.withUTF8 { builder.addAttribute(name: names.id(attribute.localName), namespace: names.id(attribute.namespace), value: $0) }
        }
        var text = element.text
        if !text.isEmpty {
            let mark = builder.textMark
            text.withUTF8 { builder.appendText($0) }
            builder.finishText(from: mark, keep: true)
        }
        // Children come after the element's text: the tree's text is already joined.
        for child in element.children { add(child, to: &builder, names: names) }
        _ = builder.end()
    }
}
