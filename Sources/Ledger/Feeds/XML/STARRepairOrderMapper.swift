/// Rows of STAR 5 `ProcessRepairOrder` BODs (namespace `http://www.starstandard.org/STAR/5`),
/// bare or inside a SOAP envelope, one or many per file, each with one or many
/// `RepairOrder`s (feeds.md 4; element paths in `docs/xml-feeds.md`).
///
/// Each `RepairOrder` yields one `repair_orders` row, then one `ro_labor` row per `Job` and
/// one `ro_parts` row per `ServiceParts`. Inside a repair order, elements are found by local
/// name below the documented parent, so vendor wrappers in between do not matter.
///
/// The reader captures `ApplicationArea` and `RepairOrder` elements as flat records built in
/// its callbacks (`XMLRecord`), and rows come out in fixed column layouts
/// (`SlottedRowSource`): names are compared as ids and only mapped values become strings.
final class STARRepairOrderMapper: SlottedRowSource {
    private let reader: XMLStreamReader
    private let dealerOption: String?
    private var dealerCode: String?
    private var documents = 0
    /// Whether the reader captures records in its callbacks; false when it had been read
    /// from already, then records are captured from events.
    private let capturesInCallbacks: Bool
    /// Event fallback: depth of the open `ProcessRepairOrder`.
    private var documentDepth: Int?
    private var pending: [SlottedRow] = []
    private var head = 0
    private var ownWarnings: [Diagnostic] = []
    private var warned: Set<String> = []
    private let n: Names
    var warnings: [Diagnostic] { reader.warnings + ownWarnings }

    let layouts: [RowLayout] = [
        RowLayout(feed: "repair_orders", columns: [
            "dealer_code", "ro_no", "opened_at", "promised_at", "completed_at", "invoiced_at", "vin", "mileage_km", "status",
            "advisor_id", "comeback_flag",
        ]),
        RowLayout(feed: "ro_labor", columns: [
            "dealer_code", "ro_no", "line_no", "op_code", "description", "pay_type", "sold_hours", "clocked_hours",
            "technician_id", "labor_sale", "labor_cost",
        ]),
        RowLayout(feed: "ro_parts", columns: [
            "dealer_code", "ro_no", "line_no", "part_no", "qty", "unit_price", "unit_cost", "pay_type",
        ]),
    ]

    /// Name ids of the elements the mapping reads.
    private struct Names {
        let applicationArea, repairOrder, sender, dealerNumberID: Int32
        let repairOrderHeader, documentIdentificationGroup, documentIdentification, documentID: Int32
        let opened, promised, completed, invoiced, vehicle, vehicleID, job, inDistanceMeasure, unitCode: Int32
        let repairOrderStatus, statusCode, statusText, serviceAdvisorParty, serviceTechnicianParty, partyID, identificationID: Int32
        let jobNumberString, operationID, operationName, billToPartyType, payerType, soldHours, actualHours: Int32
        let pricing, price, priceCode, priceDescription, chargeAmount, repeatRepairIndicator, serviceParts: Int32
        let itemID, itemQuantity: Int32
        let serviceLabor, laborOperationID, laborOperationDescription, personID: Int32
        let parties: [Int32]

        init(_ t: XMLNameTable) {
            applicationArea = t.id("ApplicationArea")
            repairOrder = t.id("RepairOrder")
            sender = t.id("Sender")
            dealerNumberID = t.id("DealerNumberID")
            repairOrderHeader = t.id("RepairOrderHeader")
            documentIdentificationGroup = t.id("DocumentIdentificationGroup")
            documentIdentification = t.id("DocumentIdentification")
            documentID = t.id("DocumentID")
            opened = t.id("RepairOrderOpenedDateTime")
            promised = t.id("PromisedRepairCompletionDateTime")
            completed = t.id("RepairOrderCompletedDateTime")
            invoiced = t.id("RepairOrderInvoiceDateTime")
            vehicle = t.id("Vehicle")
            vehicleID = t.id("VehicleID")
            job = t.id("Job")
            inDistanceMeasure = t.id("InDistanceMeasure")
            unitCode = t.id("unitCode")
            repairOrderStatus = t.id("RepairOrderStatus")
            statusCode = t.id("StatusCode")
            statusText = t.id("StatusText")
            serviceAdvisorParty = t.id("ServiceAdvisorParty")
            serviceTechnicianParty = t.id("ServiceTechnicianParty")
            partyID = t.id("PartyID")
            identificationID = t.id("IdentificationID")
            jobNumberString = t.id("JobNumberString")
            operationID = t.id("OperationID")
            operationName = t.id("OperationName")
            billToPartyType = t.id("BillToPartyType")
            payerType = t.id("PayerType")
            soldHours = t.id("LaborAllowanceHoursNumeric")
            actualHours = t.id("LaborActualHoursNumeric")
            pricing = t.id("Pricing")
            price = t.id("Price")
            priceCode = t.id("PriceCode")
            priceDescription = t.id("PriceDescription")
            chargeAmount = t.id("ChargeAmount")
            repeatRepairIndicator = t.id("RepeatRepairIndicator")
            serviceParts = t.id("ServiceParts")
            itemID = t.id("ItemID")
            itemQuantity = t.id("ItemQuantity")
            serviceLabor = t.id("ServiceLabor")
            laborOperationID = t.id("LaborOperationID")
            laborOperationDescription = t.id("LaborOperationDescription")
            personID = t.id("ID")
            parties = ["OwnerParty", "CustomerParty", "ServiceAdvisorParty", "DealerParty", "ServiceTechnicianParty"].map { t.id($0) }
        }
    }

    init(reader: XMLStreamReader, dealerCode: String?) {
        self.reader = reader
        dealerOption = dealerCode
        capturesInCallbacks = reader.beginRecordCapture(
            scope: ("ProcessRepairOrder", XMLFeedKind.starNamespace), records: ["ApplicationArea", "RepairOrder"],
            placed: ["Job", "ServiceParts", "InDistanceMeasure"])
        n = Names(reader.names)
    }

    func nextRow() throws -> SourceRow? {
        try nextSlottedRow().map(sourceRow)
    }

    func nextSlottedRow() throws -> SlottedRow? {
        while head == pending.count {
            pending.removeAll(keepingCapacity: true)
            head = 0
            guard let item = try nextItem() else {
                if documents == 0 {
                    throw FeedFileError(file: reader.file, "no STAR 5 ProcessRepairOrder element in the document")
                }
                return nil
            }
            switch item {
            case .scopeStart:
                documents += 1
                dealerCode = nil
            case .record(let record):
                if record.name(0) == n.applicationArea {
                    dealerCode = record.element(0, at: [n.sender, n.dealerNumberID]).flatMap { record.hasText($0) ? record.text($0) : nil }
                } else {
                    map(record)
                }
            }
        }
        head += 1
        return pending[head - 1]
    }

    /// The next document start or captured record.
    private func nextItem() throws -> XMLStreamReader.RecordItem? {
        if capturesInCallbacks { return try reader.nextRecordItem() }
        while let event = try reader.next() {
            switch event {
            case let .start(name, namespace, attributes, line, column):
                if name == "ProcessRepairOrder" && namespace == XMLFeedKind.starNamespace {
                    documentDepth = reader.depth
                    return .scopeStart
                } else if documentDepth != nil && (name == "ApplicationArea" || name == "RepairOrder") {
                    let tree = try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
                    return .record(XMLRecord.from(tree: tree, names: reader.names))
                }
            case .end:
                if let depth = documentDepth, reader.depth < depth { documentDepth = nil }
            case .text:
                continue
            }
        }
        return nil
    }

    private func warn(_ key: String, line: Int, _ message: String) {
        guard warned.insert(key).inserted else { return }
        ownWarnings.append(Diagnostic(.warning, file: reader.file, line: line, message + " (reported once)"))
    }

    /// The identifier of a party element: its `PartyID`, else its first `IdentificationID`,
    /// else the `ID` of its `SpecifiedPerson` / `SpecifiedOrganization` (STAR 5.14).
    private func partyID(_ record: XMLRecord, _ party: Int?) -> String? {
        guard let party else { return nil }
        return record.value(party, of: n.partyID) ?? record.value(party, of: n.identificationID)
            ?? record.value(party, of: n.personID)
    }

    /// The technician of a job: the first `ServiceTechnicianParty` below it (not inside its
    /// parts) that names one; real files send an empty one on the job and the named one
    /// in `ServiceLabor`.
    private func technician(_ record: XMLRecord, job: Int) -> String? {
        let excluded = [n.serviceParts]
        if let first = partyID(record, record.firstDescendant(job, n.serviceTechnicianParty, excluding: excluded)) { return first }
        for party in record.descendants(job, n.serviceTechnicianParty, excluding: excluded) {
            if let id = partyID(record, party) { return id }
        }
        return nil
    }

    /// Labor amounts of a job: its own `Pricing`; without one, the `Pricing` of its
    /// `ServiceLabor` elements (summed when there are several; a `Sublet`'s pricing inside
    /// is not labor).
    private func laborPrices(_ record: XMLRecord, job: Int) -> (sale: String?, cost: String?) {
        if let own = record.child(job, n.pricing) {
            let found = prices(record, own)
            return (found.sale, found.cost)
        }
        let labors = record.children(job, n.serviceLabor)
        if labors.count == 1 {
            let found = prices(record, record.child(labors[0], n.pricing))
            return (found.sale, found.cost)
        }
        var sales: [String?] = []
        var costs: [String?] = []
        for labor in labors {
            let found = prices(record, record.child(labor, n.pricing))
            sales.append(found.sale)
            costs.append(found.cost)
        }
        return (XMLValueText.sum(sales), XMLValueText.sum(costs))
    }

    /// Labor hours of a job (`name` is the sold or actual hours element): the first below
    /// the job, except that with several `ServiceLabor` elements and none on the job itself,
    /// the hours of all of them are summed.
    private func laborHours(_ record: XMLRecord, job: Int, _ name: Int32) -> String? {
        let labors = record.children(job, n.serviceLabor)
        if labors.count > 1 && record.child(job, name) == nil {
            return XMLValueText.sum(labors.map { record.value($0, of: name) })
        }
        return record.value(job, of: name, excluding: [n.serviceParts])
    }

    /// The job line numbers of a repair order: each `JobNumberString`, else the job's
    /// position; when a number repeats within the order (some DMSs send "00" for every
    /// job), all its jobs are numbered by position, so no job overwrites another.
    private func jobLineNumbers(_ r: XMLRecord, _ jobs: [Int]) -> [String] {
        var numbers: [String] = []
        numbers.reserveCapacity(jobs.count)
        var repeated = false
        for (index, job) in jobs.enumerated() {
            let number = r.child(job, n.jobNumberString).map(r.text)
            let lineNo = (number?.isEmpty == false ? number : nil) ?? String(index + 1)
            if !repeated && numbers.contains(lineNo) { repeated = true }
            numbers.append(lineNo)
        }
        guard repeated else { return numbers }
        warn("jobNumber", line: r.line(jobs[0]), "JobNumberString repeats within a repair order: its jobs are numbered by position (1, 2, …)")
        return jobs.indices.map { String($0 + 1) }
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

    /// Whether the node's text contains "cost" in any letter case. (Only ASCII letters
    /// lowercase to c, o, s, t, so a byte comparison is exact.)
    private static func mentionsCost(_ record: XMLRecord, _ node: Int?) -> Bool {
        guard let node else { return false }
        let start = Int(record.nodes[node].textStart)
        let end = Int(record.nodes[node].textEnd)
        guard end - start >= 4 else { return false }
        return record.bytes.withUnsafeBufferPointer { b in
            for i in start...(end - 4)
            where b[i] | 0x20 == 0x63 && b[i + 1] | 0x20 == 0x6F && b[i + 2] | 0x20 == 0x73 && b[i + 3] | 0x20 == 0x74 {
                return true
            }
            return false
        }
    }

    /// Sale and cost amounts of a `Pricing` element: a `Price` whose `PriceCode` or
    /// `PriceDescription` mentions "cost" gives the cost, the first other one the sale.
    /// `saleIsExtended`: the sale price's `PriceCode` is `ExtendedAmount` (quantity × unit).
    private func prices(_ record: XMLRecord, _ pricing: Int?) -> (sale: String?, cost: String?, saleIsExtended: Bool) {
        guard let pricing else { return (nil, nil, false) }
        var sale: String?
        var cost: String?
        var saleIsExtended = false
        for price in record.children(pricing, n.price) {
            // As `value(of:)`: the first descendant, and only when its text is not empty.
            func nonEmpty(_ name: Int32) -> Int? {
                guard let node = record.firstDescendant(price, name), record.hasText(node) else { return nil }
                return node
            }
            guard let amount = record.value(price, of: n.chargeAmount) else { continue }
            if Self.mentionsCost(record, nonEmpty(n.priceCode)) || Self.mentionsCost(record, nonEmpty(n.priceDescription)) {
                if cost == nil { cost = amount }
            } else if sale == nil {
                sale = amount
                // "ExtendedAmount" has 14 letters: shorter codes need no String.
                if let code = nonEmpty(n.priceCode), record.nodes[code].textEnd - record.nodes[code].textStart >= 14 {
                    saleIsExtended = XMLValueText.isExtendedAmount(record.text(code))
                }
            }
        }
        return (sale, cost, saleIsExtended)
    }

    private func map(_ r: XMLRecord) {
        let order = 0
        let header = r.child(order, n.repairOrderHeader) ?? order
        let dealer = dealerCode ?? dealerOption
        if dealer == nil {
            warn("dealer", line: r.line(order), "no ApplicationArea/Sender/DealerNumberID and no --dealer: rows lack dealer_code and will be rejected")
        }
        var ro = [String?](repeating: nil, count: 11)
        var raw = RawSummary("RepairOrder")
        func set(_ column: Int, _ value: String?, source: String) {
            raw.add(source, value)
            if let value, !value.isEmpty { ro[column] = value }
        }
        ro[0] = dealer
        let roNumber = r.element(header, at: [n.documentIdentificationGroup, n.documentIdentification, n.documentID]).map(r.text)
            ?? r.value(header, of: n.documentID, excluding: n.parties)
        set(1, roNumber, source: "DocumentID")
        set(2, r.value(header, of: n.opened), source: "RepairOrderOpenedDateTime")
        set(3, r.value(header, of: n.promised), source: "PromisedRepairCompletionDateTime")
        set(4, r.value(header, of: n.completed), source: "RepairOrderCompletedDateTime")
        set(5, r.value(header, of: n.invoiced), source: "RepairOrderInvoiceDateTime")
        let vehicle = r.firstDescendant(header, n.vehicle, excluding: n.parties) ?? r.firstDescendant(order, n.vehicle, excluding: [n.job])
        set(6, vehicle.flatMap { r.value($0, of: n.vehicleID) }, source: "VehicleID")
        if let distance = r.firstDescendant(header, n.inDistanceMeasure, excluding: n.parties), r.hasText(distance) {
            let text = r.text(distance)
            let unit = r.attribute(distance, n.unitCode)
            if unit == nil {
                warn("unitCode", line: r.line(distance), "InDistanceMeasure without unitCode: taken as kilometers")
            }
            raw.add("InDistanceMeasure", text + (unit.map { " " + $0 } ?? ""))
            ro[7] = XMLValueText.kilometres(text, unit: unit)
        }
        if let status = r.firstDescendant(header, n.repairOrderStatus, excluding: n.parties) {
            let text = r.hasText(status) ? r.text(status) : (r.value(status, of: n.statusCode) ?? r.value(status, of: n.statusText))
            raw.add("RepairOrderStatus", text)
            if let mapped = Self.status(text) { ro[8] = mapped }
        }
        set(9, partyID(r, r.firstDescendant(header, n.serviceAdvisorParty)), source: "ServiceAdvisorParty")

        let roIndex = pending.count
        pending.append(SlottedRow(layout: 0, line: r.line(order), column: r.column(order), cells: [], raw: raw))
        var parts: [SlottedRow] = []
        var repeatRepair: Bool?
        let excluded = [n.serviceParts]
        let jobs = r.children(order, n.job)
        let lineNumbers = jobs.isEmpty ? [] : jobLineNumbers(r, jobs)
        for (index, job) in jobs.enumerated() {
            var line = [String?](repeating: nil, count: 11)
            var jobRaw = RawSummary("Job")
            func put(_ column: Int, _ value: String?, source: String) {
                jobRaw.add(source, value)
                if let value, !value.isEmpty { line[column] = value }
            }
            line[0] = dealer
            line[1] = ro[1]
            let lineNo = lineNumbers[index]
            put(2, lineNo, source: "JobNumberString")
            put(
                3, r.value(job, of: n.operationID, excluding: excluded) ?? r.value(job, of: n.laborOperationID, excluding: excluded),
                source: "OperationID")
            put(
                4,
                r.value(job, of: n.operationName, excluding: excluded)
                    ?? r.value(job, of: n.laborOperationDescription, excluding: excluded),
                source: "OperationName")
            let payer = r.value(job, of: n.billToPartyType, excluding: excluded) ?? r.value(job, of: n.payerType, excluding: excluded)
            jobRaw.add("PayerType", payer)
            line[5] = XMLValueText.payType(payer)
            put(6, laborHours(r, job: job, n.soldHours), source: "LaborAllowanceHoursNumeric")
            put(7, laborHours(r, job: job, n.actualHours), source: "LaborActualHoursNumeric")
            put(8, technician(r, job: job), source: "ServiceTechnicianParty")
            let laborPrices = laborPrices(r, job: job)
            put(9, laborPrices.sale, source: "ChargeAmount")
            put(10, laborPrices.cost, source: "CostAmount")
            if let indicator = r.value(job, of: n.repeatRepairIndicator, excluding: excluded) {
                jobRaw.add("RepeatRepairIndicator", indicator)
                if XMLValueText.boolean(indicator) == "true" {
                    repeatRepair = true
                } else if repeatRepair == nil {
                    repeatRepair = false
                }
            }
            pending.append(SlottedRow(layout: 1, line: r.line(job), column: r.column(job), cells: line, raw: jobRaw))

            for (partIndex, part) in r.descendants(job, n.serviceParts).enumerated() {
                var row = [String?](repeating: nil, count: 8)
                var partRaw = RawSummary("ServiceParts")
                func add(_ column: Int, _ value: String?, source: String) {
                    partRaw.add(source, value)
                    if let value, !value.isEmpty { row[column] = value }
                }
                row[0] = dealer
                row[1] = ro[1]
                row[2] = "\(lineNo)-\(partIndex + 1)"
                add(3, r.value(part, of: n.itemID), source: "ItemID")
                let quantity = r.value(part, of: n.itemQuantity)
                add(4, quantity, source: "ItemQuantity")
                let partPrices = prices(r, r.firstDescendant(part, n.pricing))
                if partPrices.saleIsExtended, let extended = partPrices.sale {
                    partRaw.add("ExtendedAmount", extended)
                    row[5] = XMLValueText.unitPrice(extended: extended, quantity: quantity)
                } else {
                    add(5, partPrices.sale, source: "ChargeAmount")
                }
                add(6, partPrices.cost, source: "CostAmount")
                let partPayer = r.value(part, of: n.billToPartyType) ?? r.value(part, of: n.payerType)
                partRaw.add("PayerType", partPayer)
                row[7] = XMLValueText.payType(partPayer) ?? line[5]
                parts.append(SlottedRow(layout: 2, line: r.line(part), column: r.column(part), cells: row, raw: partRaw))
            }
        }
        if let repeatRepair { ro[10] = repeatRepair ? "true" : "false" }
        pending[roIndex].cells = ro
        pending.append(contentsOf: parts)
    }
}
