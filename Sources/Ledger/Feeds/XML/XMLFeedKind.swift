/// Which XML document a file holds, decided by its root element and namespace (feeds.md 4).
public enum XMLFeedKind: String, Sendable, Equatable, CaseIterable {
    /// OEM `<DealerMaster>` of `<Dealer>` → `dealers`.
    case dealerMaster
    /// OEM `<VehicleShipments>` of `<Shipment>` → `vehicles` + `vehicle_events`.
    case vehicleShipments
    /// OEM `<WarrantyDecisions>` of `<Decision>` → `warranty_claims`.
    case warrantyDecisions
    /// OEM `<PartsPriceList>` of `<Part>` → `parts` (needs a dealer, see `XMLFeedOptions`).
    case partsPriceList
    /// STAR 5 `ProcessRepairOrder` (bare or in a SOAP envelope) → `repair_orders`,
    /// `ro_labor`, `ro_parts`.
    case starRepairOrders
    /// Reynolds & Reynolds ERA `rey_*` documents with Task `SRO` → `repair_orders`,
    /// `ro_labor`, `ro_parts`.
    case reynoldsRepairOrders

    /// The canonical feeds the document yields rows of.
    public var feeds: [String] {
        switch self {
        case .dealerMaster: return ["dealers"]
        case .vehicleShipments: return ["vehicles", "vehicle_events"]
        case .warrantyDecisions: return ["warranty_claims"]
        case .partsPriceList: return ["parts"]
        case .starRepairOrders, .reynoldsRepairOrders: return ["repair_orders", "ro_labor", "ro_parts"]
        }
    }

    /// Namespace of the OEM canonical documents.
    public static let oemNamespace = "urn:ledger-dms:oem:1"
    /// Namespace of STAR 5 BODs.
    public static let starNamespace = "http://www.starstandard.org/STAR/5"
    /// Namespace of Reynolds ERA documents.
    public static let reynoldsNamespace = "http://www.starstandards.org/STAR"
    /// SOAP 1.1 and 1.2 envelope namespaces.
    public static let soapNamespaces: Set<String> = [
        "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope",
    ]

    /// OEM root element → record element.
    static let oemRecords: [String: (kind: XMLFeedKind, record: String)] = [
        "DealerMaster": (.dealerMaster, "Dealer"),
        "VehicleShipments": (.vehicleShipments, "Shipment"),
        "WarrantyDecisions": (.warrantyDecisions, "Decision"),
        "PartsPriceList": (.partsPriceList, "Part"),
    ]
}

/// How XML feeds are read.
public struct XMLFeedOptions: Sendable, Equatable {
    /// The file name used in messages (default: the path).
    public var displayName: String?
    /// `--dealer`: the dealer of rows whose document names none. Required for a
    /// `PartsPriceList` without a `dealer_code` attribute (the OEM list is network-wide).
    public var dealerCode: String?
    public var limits: XMLReaderLimits

    public init(displayName: String? = nil, dealerCode: String? = nil, limits: XMLReaderLimits = XMLReaderLimits()) {
        self.displayName = displayName
        self.dealerCode = dealerCode
        self.limits = limits
    }
}

/// Entry points for XML feeds: detect a file's kind, and open it as a stream of rows.
public enum XMLFeeds {
    /// The kind of XML document at `path`, from its root element (and, in a SOAP envelope,
    /// the first element of the body in a known namespace). Reads only the start of the file.
    ///
    /// Throws `FeedFileError` "unknown XML root <x>" for any other document (exit 65 at the
    /// importer), or for malformed XML met on the way; `InputError` when the file cannot be read.
    public static func detect(path: String, options: XMLFeedOptions = XMLFeedOptions()) throws -> XMLFeedKind {
        let reader = try XMLStreamReader(path: path, displayName: options.displayName, limits: options.limits)
        return try detect(reader)
    }

    /// The kind of document `reader` holds; consumes events up to the decision.
    static func detect(_ reader: XMLStreamReader) throws -> XMLFeedKind {
        guard let first = try reader.next() else {
            throw FeedFileError(file: reader.file, "the XML document has no root element")
        }
        guard case let .start(name, namespace, _, line, column) = first else {
            throw FeedFileError(file: reader.file, "the XML document has no root element")
        }
        if let kind = rootKind(name, namespace) { return kind }
        if name == "Envelope" && XMLFeedKind.soapNamespaces.contains(namespace) {
            // Look into the body, past transport wrappers, for a document we know.
            var seen = 0
            while let event = try reader.next(), seen < 200 {
                guard case let .start(inner, innerNamespace, _, _, _) = event else { continue }
                seen += 1
                if inner == "ProcessRepairOrder" && innerNamespace == XMLFeedKind.starNamespace { return .starRepairOrders }
            }
            throw FeedFileError(
                file: reader.file, line: line, column: column,
                "unknown XML root <\(name)>: a SOAP envelope without a STAR ProcessRepairOrder in its body")
        }
        throw FeedFileError(file: reader.file, line: line, column: column, unknownRootMessage(name, namespace))
    }

    private static func rootKind(_ name: String, _ namespace: String) -> XMLFeedKind? {
        if namespace == XMLFeedKind.oemNamespace, let entry = XMLFeedKind.oemRecords[name] { return entry.kind }
        if namespace == XMLFeedKind.starNamespace && name == "ProcessRepairOrder" { return .starRepairOrders }
        if namespace == XMLFeedKind.reynoldsNamespace && name.hasPrefix("rey_") { return .reynoldsRepairOrders }
        return nil
    }

    private static func unknownRootMessage(_ name: String, _ namespace: String) -> String {
        let shown = namespace.isEmpty ? "no namespace" : "namespace \(namespace)"
        var hint = "expected an OEM document (DealerMaster, VehicleShipments, WarrantyDecisions, PartsPriceList in \(XMLFeedKind.oemNamespace)), a STAR 5 ProcessRepairOrder or a Reynolds rey_* document"
        if XMLFeedKind.oemRecords[name] != nil && namespace != XMLFeedKind.oemNamespace {
            hint = "<\(name)> must be in namespace \(XMLFeedKind.oemNamespace) (add xmlns=\"\(XMLFeedKind.oemNamespace)\")"
        } else if name == "ProcessRepairOrder" {
            hint = "ProcessRepairOrder must be in namespace \(XMLFeedKind.starNamespace)"
        } else if name.hasPrefix("rey_") {
            hint = "Reynolds documents must be in namespace \(XMLFeedKind.reynoldsNamespace)"
        }
        return "unknown XML root <\(name)> (\(shown)): \(hint)"
    }

    /// Opens the XML feed at `path` as a stream of canonical rows, after detecting its kind.
    public static func rowSource(path: String, options: XMLFeedOptions = XMLFeedOptions()) throws -> any RowSource {
        let kind = try detect(path: path, options: options)
        return try rowSource(path: path, kind: kind, options: options)
    }

    /// Opens the XML feed at `path`, known to be of `kind`, as a stream of canonical rows.
    public static func rowSource(path: String, kind: XMLFeedKind, options: XMLFeedOptions = XMLFeedOptions()) throws -> any RowSource {
        let reader = try XMLStreamReader(path: path, displayName: options.displayName, limits: options.limits)
        return rowSource(reader: reader, kind: kind, options: options)
    }

    /// A row source over an open reader positioned at the start of the document.
    public static func rowSource(reader: XMLStreamReader, kind: XMLFeedKind, options: XMLFeedOptions = XMLFeedOptions()) -> any RowSource {
        switch kind {
        case .dealerMaster, .vehicleShipments, .warrantyDecisions, .partsPriceList:
            return OEMDocumentMapper(reader: reader, kind: kind, dealerCode: options.dealerCode)
        case .starRepairOrders:
            return STARRepairOrderMapper(reader: reader, dealerCode: options.dealerCode)
        case .reynoldsRepairOrders:
            return ReynoldsRepairOrderMapper(reader: reader, dealerCode: options.dealerCode)
        }
    }
}

/// A short rendering of the source fields behind a row, for the rejects file.
///
/// Fields are kept as given and rendered only when `description` is asked for (a rejected
/// row), since most rows are never rejected.
struct RawSummary {
    private let element: String
    private var fields: [(name: String, value: String)] = []

    init(_ element: String) { self.element = element }

    mutating func add(_ name: String, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        fields.append((name, value))
    }

    var description: String {
        var text = element
        for field in fields {
            text += " \(field.name)=\"\(field.value.replacingQuotes())\""
        }
        return text
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        if !utf8.contains(where: { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) { return self }
        var out = ""
        for c in self {
            switch c {
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(c)
            }
        }
        return out
    }
}
