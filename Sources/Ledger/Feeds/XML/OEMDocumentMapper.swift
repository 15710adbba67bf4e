/// Rows of the OEM canonical XML documents (namespace `urn:ledger-dms:oem:1`, schema in
/// `schemas/oem-v1.xsd`, documented in `docs/xml-feeds.md`).
///
/// Records are the root's children (`Dealer`, `Shipment`, `Decision`, `Part`); their child
/// elements carry canonical field names. Attributes on fields (`currencyID` on amounts) are
/// ignored: amounts are in the dealer's currency. Unknown elements are skipped with one
/// warning per name.
final class OEMDocumentMapper: RowSource {
    private let reader: XMLStreamReader
    private let kind: XMLFeedKind
    private let recordName: String
    private let dealerOption: String?
    private var dealerCode: String?
    private var pending: [SourceRow] = []
    private var started = false
    private var warned: Set<String> = []
    private var ownWarnings: [Diagnostic] = []
    var warnings: [Diagnostic] { reader.warnings + ownWarnings }

    /// Fields of each record and where they go.
    static let fields: [XMLFeedKind: [String]] = [
        .dealerMaster: ["dealer_code", "name", "region", "sub_region", "province", "city", "brand", "opened_on", "status"],
        .vehicleShipments: [
            "vin", "dealer_code", "shipment_no", "brand", "series", "model_code", "model_name", "model_year", "color",
            "engine_no", "production_date", "certificate_no", "shipped_at", "eta", "carrier", "freight_cost", "invoice_price",
        ],
        .warrantyDecisions: ["claim_no", "dealer_code", "status", "approved_amount", "decided_on", "reject_reason"],
        .partsPriceList: ["part_no", "description", "list_price", "dealer_net_price", "superseded_by"],
    ]

    /// Shipment fields that go to the `vehicles` row.
    static let vehicleFields = [
        "vin", "dealer_code", "brand", "series", "model_code", "model_name", "model_year", "color", "engine_no",
        "production_date", "certificate_no",
    ]

    init(reader: XMLStreamReader, kind: XMLFeedKind, dealerCode: String?) {
        self.reader = reader
        self.kind = kind
        recordName = XMLFeedKind.oemRecords.values.first { $0.kind == kind }?.record ?? ""
        dealerOption = dealerCode
    }

    func nextRow() throws -> SourceRow? {
        while pending.isEmpty {
            if !started { try readRoot() }
            guard let record = try nextRecord() else { return nil }
            map(record)
        }
        return pending.removeFirst()
    }

    private func readRoot() throws {
        started = true
        guard let event = try reader.next(), case let .start(name, namespace, attributes, line, column) = event,
            namespace == XMLFeedKind.oemNamespace, XMLFeedKind.oemRecords[name]?.kind == kind
        else {
            throw FeedFileError(file: reader.file, line: 1, "expected the OEM root element of \(kind.rawValue)")
        }
        if kind == .partsPriceList {
            let fromDocument = attributes.first { $0.localName == "dealer_code" }.map { XMLText.trimmed($0.value) }
            dealerCode = (fromDocument?.isEmpty == false ? fromDocument : nil) ?? dealerOption
            if dealerCode == nil {
                throw FeedFileError(
                    file: reader.file, line: line, column: column,
                    "<\(name)> names no dealer: the OEM price list becomes each dealer's part master, so load it with --dealer CODE (or add dealer_code=\"…\" to the root element)")
            }
        } else {
            dealerCode = dealerOption
        }
    }

    private func nextRecord() throws -> XMLElementNode? {
        while let event = try reader.next() {
            switch event {
            case let .start(name, namespace, attributes, line, column):
                if name == recordName && namespace == XMLFeedKind.oemNamespace {
                    return try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
                }
                warn("<\(name)>", line: line, column: column, "unknown element <\(name)> in the \(kind.rawValue) document ignored")
                try reader.skipElement()
            case .text, .end:
                continue
            }
        }
        return nil
    }

    private func warn(_ key: String, line: Int, column: Int, _ message: String) {
        guard warned.insert(key).inserted else { return }
        ownWarnings.append(Diagnostic(.warning, file: reader.file, line: line, column: column, message + " (reported once)"))
    }

    private func map(_ record: XMLElementNode) {
        let known = Set(Self.fields[kind] ?? [])
        var values: [String: String] = [:]
        var raw = RawSummary("<\(record.localName)>")
        for field in record.children {
            guard known.contains(field.localName), field.namespace == XMLFeedKind.oemNamespace else {
                warn(
                    "\(record.localName)/\(field.localName)", line: field.line, column: field.column,
                    "unknown element <\(field.localName)> in <\(record.localName)> ignored")
                continue
            }
            raw.add(field.localName, field.text)
            if !field.text.isEmpty { values[field.localName] = field.text }
        }
        let summary = raw.description
        let line = record.line
        let column = record.column
        switch kind {
        case .dealerMaster, .warrantyDecisions:
            if values["dealer_code"] == nil, let dealerCode { values["dealer_code"] = dealerCode }
            pending.append(SourceRow(feed: kind.feeds[0], line: line, column: column, values: values, raw: summary))
        case .partsPriceList:
            var row: [String: String] = ["dealer_code": dealerCode ?? ""]
            row["part_no"] = values["part_no"]
            row["description"] = values["description"]
            row["list_price"] = values["list_price"]
            row["standard_cost"] = values["dealer_net_price"]
            pending.append(SourceRow(feed: "parts", line: line, column: column, values: row, raw: summary))
        case .vehicleShipments:
            if values["dealer_code"] == nil, let dealerCode { values["dealer_code"] = dealerCode }
            var vehicle: [String: String] = ["new_used": "new"]
            for name in Self.vehicleFields { vehicle[name] = values[name] }
            pending.append(SourceRow(feed: "vehicles", line: line, column: column, values: vehicle, raw: summary))
            for eventType in ["dispatched", "in_transit"] {
                var event: [String: String] = ["event_type": eventType]
                event["dealer_code"] = values["dealer_code"]
                event["vin"] = values["vin"]
                event["event_time"] = values["shipped_at"]
                event["carrier"] = values["carrier"]
                event["cost"] = values["invoice_price"]
                event["reference"] = values["shipment_no"]
                event["eta"] = values["eta"]
                // The freight of a shipment counts once: on its dispatch only (feeds.md 4).
                if eventType == "dispatched" { event["freight_cost"] = values["freight_cost"] }
                pending.append(SourceRow(feed: "vehicle_events", line: line, column: column, values: event, raw: summary))
            }
        case .starRepairOrders, .reynoldsRepairOrders:
            break
        }
    }
}
