/// Rows of STAR 5 `ProcessRepairOrder` BODs (namespace `http://www.starstandard.org/STAR/5`),
/// bare or inside a SOAP envelope, one or many per file, each with one or many
/// `RepairOrder`s (feeds.md 4; element paths in `docs/xml-feeds.md`).
///
/// Each `RepairOrder` yields one `repair_orders` row, then one `ro_labor` row per `Job` and
/// one `ro_parts` row per `ServiceParts`. Inside a repair order, elements are found by local
/// name below the documented parent, so vendor wrappers in between do not matter.
final class STARRepairOrderMapper: RowSource {
    private let reader: XMLStreamReader
    private let dealerOption: String?
    private var dealerCode: String?
    private var documentDepth: Int?
    private var documents = 0
    private var pending: [SourceRow] = []
    private var ownWarnings: [Diagnostic] = []
    private var warned: Set<String> = []
    var warnings: [Diagnostic] { reader.warnings + ownWarnings }

    init(reader: XMLStreamReader, dealerCode: String?) {
        self.reader = reader
        dealerOption = dealerCode
    }

    func nextRow() throws -> SourceRow? {
        while pending.isEmpty {
            guard let order = try nextRepairOrder() else { return nil }
            map(order)
        }
        return pending.removeFirst()
    }

    private func nextRepairOrder() throws -> XMLElementNode? {
        while let event = try reader.next() {
            switch event {
            case let .start(name, namespace, attributes, line, column):
                if name == "ProcessRepairOrder" && namespace == XMLFeedKind.starNamespace {
                    documentDepth = reader.depth
                    documents += 1
                    dealerCode = nil
                } else if documentDepth != nil && name == "ApplicationArea" {
                    let area = try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
                    dealerCode = area.element(at: ["Sender", "DealerNumberID"]).map(\.text).flatMap { $0.isEmpty ? nil : $0 }
                } else if documentDepth != nil && name == "RepairOrder" {
                    return try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
                }
            case .end:
                if let depth = documentDepth, reader.depth < depth { documentDepth = nil }
            case .text:
                continue
            }
        }
        if documents == 0 {
            throw FeedFileError(file: reader.file, "no STAR 5 ProcessRepairOrder element in the document")
        }
        return nil
    }

    private func warn(_ key: String, line: Int, _ message: String) {
        guard warned.insert(key).inserted else { return }
        ownWarnings.append(Diagnostic(.warning, file: reader.file, line: line, message + " (reported once)"))
    }

    private static let parties: [String] = ["OwnerParty", "CustomerParty", "ServiceAdvisorParty", "DealerParty", "ServiceTechnicianParty"]

    /// The identifier of a party element: its `PartyID`, else its first `IdentificationID`.
    private static func partyID(_ party: XMLElementNode?) -> String? {
        guard let party else { return nil }
        return party.value(of: "PartyID") ?? party.value(of: "IdentificationID")
    }

    private static let statuses: [String: String] = [
        "open": "open", "opened": "open", "inprocess": "open", "inprogress": "open", "wip": "open", "pending": "open",
        "complete": "completed", "completed": "completed", "ready": "completed", "finished": "completed",
        "closed": "invoiced", "invoiced": "invoiced", "posted": "invoiced", "finalized": "invoiced", "final": "invoiced",
        "void": "void", "voided": "void", "cancelled": "void", "canceled": "void",
    ]

    static func status(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        let key = text.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
        return statuses[key] ?? text
    }

    /// Sale and cost amounts of a `Pricing` element: a `Price` whose `PriceCode` or
    /// `PriceDescription` mentions "cost" gives the cost, the first other one the sale.
    static func prices(_ pricing: XMLElementNode?) -> (sale: String?, cost: String?) {
        guard let pricing else { return (nil, nil) }
        var sale: String?
        var cost: String?
        for price in pricing.children(named: "Price") {
            let code = ((price.value(of: "PriceCode") ?? "") + " " + (price.value(of: "PriceDescription") ?? "")).lowercased()
            guard let amount = price.value(of: "ChargeAmount") else { continue }
            if code.contains("cost") {
                if cost == nil { cost = amount }
            } else if sale == nil {
                sale = amount
            }
        }
        return (sale, cost)
    }

    private func map(_ order: XMLElementNode) {
        let header = order.child("RepairOrderHeader") ?? order
        let dealer = dealerCode ?? dealerOption
        if dealer == nil {
            warn("dealer", line: order.line, "no ApplicationArea/Sender/DealerNumberID and no --dealer: rows lack dealer_code and will be rejected")
        }
        var ro: [String: String] = [:]
        var raw = RawSummary("RepairOrder")
        func set(_ column: String, _ value: String?, source: String) {
            raw.add(source, value)
            if let value, !value.isEmpty { ro[column] = value }
        }
        ro["dealer_code"] = dealer
        let roNumber = header.element(at: ["DocumentIdentificationGroup", "DocumentIdentification", "DocumentID"])?.text
            ?? header.value(of: "DocumentID", excluding: Self.parties)
        set("ro_no", roNumber, source: "DocumentID")
        set("opened_at", header.value(of: "RepairOrderOpenedDateTime"), source: "RepairOrderOpenedDateTime")
        set("promised_at", header.value(of: "PromisedRepairCompletionDateTime"), source: "PromisedRepairCompletionDateTime")
        set("completed_at", header.value(of: "RepairOrderCompletedDateTime"), source: "RepairOrderCompletedDateTime")
        set("invoiced_at", header.value(of: "RepairOrderInvoiceDateTime"), source: "RepairOrderInvoiceDateTime")
        let vehicle = header.firstDescendant("Vehicle", excluding: Self.parties) ?? order.firstDescendant("Vehicle", excluding: ["Job"])
        set("vin", vehicle?.value(of: "VehicleID"), source: "VehicleID")
        if let distance = header.firstDescendant("InDistanceMeasure", excluding: Self.parties), !distance.text.isEmpty {
            let unit = distance.attribute("unitCode")
            if unit == nil {
                warn("unitCode", line: distance.line, "InDistanceMeasure without unitCode: taken as kilometers")
            }
            raw.add("InDistanceMeasure", distance.text + (unit.map { " " + $0 } ?? ""))
            ro["mileage_km"] = XMLValueText.kilometres(distance.text, unit: unit)
        }
        if let status = header.firstDescendant("RepairOrderStatus", excluding: Self.parties) {
            let text = status.text.isEmpty ? (status.value(of: "StatusCode") ?? status.value(of: "StatusText")) : status.text
            raw.add("RepairOrderStatus", text)
            if let mapped = Self.status(text) { ro["status"] = mapped }
        }
        set("advisor_id", Self.partyID(header.firstDescendant("ServiceAdvisorParty")), source: "ServiceAdvisorParty")

        var labor: [SourceRow] = []
        var parts: [SourceRow] = []
        var repeatRepair: Bool?
        for (index, job) in order.children(named: "Job").enumerated() {
            let excluded = ["ServiceParts"]
            var line: [String: String] = [:]
            var jobRaw = RawSummary("Job")
            func put(_ column: String, _ value: String?, source: String) {
                jobRaw.add(source, value)
                if let value, !value.isEmpty { line[column] = value }
            }
            line["dealer_code"] = dealer
            line["ro_no"] = ro["ro_no"]
            let number = job.child("JobNumberString")?.text
            let lineNo = (number?.isEmpty == false ? number : nil) ?? String(index + 1)
            put("line_no", lineNo, source: "JobNumberString")
            put("op_code", job.value(of: "OperationID", excluding: excluded), source: "OperationID")
            put("description", job.value(of: "OperationName", excluding: excluded), source: "OperationName")
            let payer = job.value(of: "BillToPartyType", excluding: excluded) ?? job.value(of: "PayerType", excluding: excluded)
            jobRaw.add("PayerType", payer)
            line["pay_type"] = XMLValueText.payType(payer)
            put("sold_hours", job.value(of: "LaborAllowanceHoursNumeric", excluding: excluded), source: "LaborAllowanceHoursNumeric")
            put("clocked_hours", job.value(of: "LaborActualHoursNumeric", excluding: excluded), source: "LaborActualHoursNumeric")
            put("technician_id", Self.partyID(job.firstDescendant("ServiceTechnicianParty", excluding: excluded)), source: "ServiceTechnicianParty")
            let laborPrices = Self.prices(job.child("Pricing"))
            put("labor_sale", laborPrices.sale, source: "ChargeAmount")
            put("labor_cost", laborPrices.cost, source: "CostAmount")
            if let indicator = job.value(of: "RepeatRepairIndicator", excluding: excluded) {
                jobRaw.add("RepeatRepairIndicator", indicator)
                if XMLValueText.boolean(indicator) == "true" {
                    repeatRepair = true
                } else if repeatRepair == nil {
                    repeatRepair = false
                }
            }
            labor.append(SourceRow(feed: "ro_labor", line: job.line, column: job.column, values: line, raw: jobRaw.description))

            for (partIndex, part) in job.descendants("ServiceParts").enumerated() {
                var row: [String: String] = [:]
                var partRaw = RawSummary("ServiceParts")
                func add(_ column: String, _ value: String?, source: String) {
                    partRaw.add(source, value)
                    if let value, !value.isEmpty { row[column] = value }
                }
                row["dealer_code"] = dealer
                row["ro_no"] = ro["ro_no"]
                row["line_no"] = "\(lineNo)-\(partIndex + 1)"
                add("part_no", part.value(of: "ItemID"), source: "ItemID")
                add("qty", part.value(of: "ItemQuantity"), source: "ItemQuantity")
                let partPrices = Self.prices(part.firstDescendant("Pricing"))
                add("unit_price", partPrices.sale, source: "ChargeAmount")
                add("unit_cost", partPrices.cost, source: "CostAmount")
                let partPayer = part.value(of: "BillToPartyType") ?? part.value(of: "PayerType")
                partRaw.add("PayerType", partPayer)
                row["pay_type"] = XMLValueText.payType(partPayer) ?? line["pay_type"]
                parts.append(SourceRow(feed: "ro_parts", line: part.line, column: part.column, values: row, raw: partRaw.description))
            }
        }
        if let repeatRepair { ro["comeback_flag"] = repeatRepair ? "true" : "false" }
        pending.append(SourceRow(feed: "repair_orders", line: order.line, column: order.column, values: ro, raw: raw.description))
        pending.append(contentsOf: labor)
        pending.append(contentsOf: parts)
    }
}
