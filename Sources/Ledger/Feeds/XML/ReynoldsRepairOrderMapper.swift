/// Rows of Reynolds & Reynolds ERA repair-order documents: root `rey_*` in namespace
/// `http://www.starstandards.org/STAR`, `ApplicationArea/Sender/Task` = `SRO` (feeds.md 4).
///
/// Each `RoRecord` yields a `repair_orders` row from `Rogen`'s attributes, one `ro_labor`
/// row per `Rolabor/OpCodeLaborInfo` and one `ro_parts` row per job and pay type of
/// `Ropart/PartInfoByJob`. `TechInfo`, `RoAmts` and `PartDetail` are read whether they sit
/// inside their `OpCodeLaborInfo` / `PartInfoByJob` or follow it as siblings. `Rogog`,
/// `Romisc`, `Rosub` and `RoCommentInfo` are not loaded (comments may hold phone numbers).
final class ReynoldsRepairOrderMapper: RowSource {
    private let reader: XMLStreamReader
    private let dealerOption: String?
    private var dealerCode: String?
    private var sawTask = false
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
            guard let record = try nextRecord() else { return nil }
            map(record)
        }
        return pending.removeFirst()
    }

    private func nextRecord() throws -> XMLElementNode? {
        while let event = try reader.next() {
            guard case let .start(name, namespace, attributes, line, column) = event else { continue }
            if reader.depth == 1 {
                guard name.hasPrefix("rey_"), namespace == XMLFeedKind.reynoldsNamespace else {
                    throw FeedFileError(file: reader.file, line: line, column: column, "unknown XML root <\(name)>: expected a Reynolds rey_* document")
                }
            } else if name == "ApplicationArea" && reader.depth == 2 {
                let area = try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
                let task = area.element(at: ["Sender", "Task"])?.text ?? ""
                guard task.uppercased() == "SRO" else {
                    throw FeedFileError(
                        file: reader.file, line: area.line, column: area.column,
                        task.isEmpty
                            ? "Reynolds ApplicationArea has no Sender/Task: only Task SRO (service repair orders) is read"
                            : "Reynolds Task \"\(task)\" is not supported: only Task SRO (service repair orders) is read")
                }
                sawTask = true
                let dealer = area.element(at: ["Sender", "DealerNumber"])?.text ?? ""
                dealerCode = dealer.isEmpty ? nil : dealer
            } else if name == "RoRecord" {
                guard sawTask else {
                    throw FeedFileError(
                        file: reader.file, line: line, column: column,
                        "RoRecord before ApplicationArea/Sender/Task: only Task SRO documents are read")
                }
                return try reader.captureElement(localName: name, namespace: namespace, attributes: attributes, line: line, column: column)
            }
        }
        if !sawTask {
            throw FeedFileError(file: reader.file, "Reynolds document without ApplicationArea/Sender/Task SRO")
        }
        return nil
    }

    private func warn(_ key: String, line: Int, _ message: String) {
        guard warned.insert(key).inserted else { return }
        ownWarnings.append(Diagnostic(.warning, file: reader.file, line: line, message + " (reported once)"))
    }

    static func status(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        return code.uppercased() == "F" ? "invoiced" : code
    }

    static func roType(_ department: String?) -> String? {
        guard let department, !department.isEmpty else { return nil }
        switch department.uppercased() {
        case "S", "P": return "repair"
        case "B": return "bodyshop"
        default: return department
        }
    }

    static func payType(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        switch code.lowercased() {
        case "cust": return "customer"
        case "warr": return "warranty"
        case "intr": return "internal"
        default: return XMLValueText.payType(code)
        }
    }

    /// A job of `Rolabor` or `Ropart`: its head element and the elements that belong to it.
    struct Group {
        var head: XMLElementNode
        var members: [XMLElementNode] = []
    }

    /// Groups `container`'s content: each `headName` element starts a group holding its own
    /// descendants and the following siblings up to the next head.
    static func groups(in containers: [XMLElementNode], head headName: String, members memberNames: Set<String>) -> [Group] {
        var groups: [Group] = []
        for container in containers {
            for child in container.children {
                if child.localName == headName {
                    var group = Group(head: child)
                    for name in memberNames { group.members += child.descendants(name) }
                    groups.append(group)
                } else if memberNames.contains(child.localName), !groups.isEmpty {
                    groups[groups.count - 1].members.append(child)
                }
            }
        }
        return groups
    }

    private func map(_ record: XMLElementNode) {
        let dealer = dealerCode ?? dealerOption
        if dealer == nil {
            warn("dealer", line: record.line, "no ApplicationArea/Sender/DealerNumber and no --dealer: rows lack dealer_code and will be rejected")
        }
        guard let general = record.child("Rogen") else {
            warn("Rogen", line: record.line, "RoRecord without Rogen skipped")
            return
        }
        var ro: [String: String] = [:]
        var raw = RawSummary("Rogen")
        for name in [
            "RoNo", "Vin", "RoCreateDate", "RoCreateTime", "PromiseDate", "PromiseTime", "FinalPostDate", "CustInvoiceDate",
            "MileageIn", "AdvNo", "RoStatus", "DeptType",
        ] {
            raw.add(name, general.attribute(name))
        }
        func attribute(_ name: String) -> String? {
            guard let value = general.attribute(name).map(XMLText.trimmed), !value.isEmpty else { return nil }
            return value
        }
        ro["dealer_code"] = dealer
        ro["ro_no"] = attribute("RoNo")
        ro["vin"] = attribute("Vin")
        ro["opened_at"] = XMLValueText.dateTime(usDate: attribute("RoCreateDate"), time: attribute("RoCreateTime"))
        ro["promised_at"] = XMLValueText.dateTime(usDate: attribute("PromiseDate"), time: attribute("PromiseTime"))
        ro["invoiced_at"] = XMLValueText.dateTime(usDate: attribute("FinalPostDate") ?? attribute("CustInvoiceDate"), time: nil)
        ro["mileage_km"] = attribute("MileageIn").map(XMLValueText.kilometres(fromMiles:))
        ro["advisor_id"] = attribute("AdvNo")
        ro["status"] = Self.status(attribute("RoStatus"))
        ro["ro_type"] = Self.roType(attribute("DeptType"))
        pending.append(SourceRow(feed: "repair_orders", line: general.line, column: general.column, values: ro, raw: raw.description))

        var opCodes: [String: String] = [:]
        for job in Self.groups(in: record.children(named: "Rolabor"), head: "OpCodeLaborInfo", members: ["TechInfo", "RoAmts"]) {
            let head = job.head
            var line: [String: String] = [:]
            line["dealer_code"] = dealer
            var lineRaw = RawSummary("OpCodeLaborInfo")
            for name in ["JobNo", "OpCode", "OpCodeDesc"] { lineRaw.add(name, head.attribute(name)) }
            let jobNo = head.attribute("JobNo").map(XMLText.trimmed) ?? ""
            let opCode = head.attribute("OpCode").map(XMLText.trimmed) ?? ""
            if !jobNo.isEmpty && !opCode.isEmpty { opCodes[jobNo] = opCode }
            line["ro_no"] = ro["ro_no"]
            line["line_no"] = jobNo.isEmpty ? nil : jobNo
            line["op_code"] = opCode.isEmpty ? nil : opCode
            if let description = head.attribute("OpCodeDesc").map(XMLText.trimmed), !description.isEmpty {
                line["description"] = description
            }
            let amounts = job.members.filter { $0.localName == "RoAmts" && ($0.attribute("AmtType") ?? "Job").lowercased() == "job" }
            if let first = amounts.first {
                for amount in amounts {
                    lineRaw.add("PayType", amount.attribute("PayType"))
                    lineRaw.add("TotalAmt", amount.attribute("TotalAmt"))
                    lineRaw.add("DlrCost", amount.attribute("DlrCost"))
                }
                line["pay_type"] = Self.payType(first.attribute("PayType"))
                line["labor_sale"] = XMLValueText.sum(amounts.map { $0.attribute("TotalAmt") })
                line["labor_cost"] = XMLValueText.sum(amounts.map { $0.attribute("DlrCost") })
                if Set(amounts.compactMap { $0.attribute("PayType")?.lowercased() }).count > 1 {
                    warn("split", line: head.line, "a labor job billed to several pay types is loaded as one line with the first pay type")
                }
            }
            let technicians = job.members.filter { $0.localName == "TechInfo" }
            for technician in technicians {
                lineRaw.add("TechNo", technician.attribute("TechNo"))
                lineRaw.add("TechHrs", technician.attribute("TechHrs"))
            }
            line["sold_hours"] = XMLValueText.sum(technicians.map { $0.attribute("TechHrs") })
            var best: (number: String, hours: XMLValueText.Decimal)?
            for technician in technicians {
                guard let number = technician.attribute("TechNo").map(XMLText.trimmed), !number.isEmpty else { continue }
                let hours = technician.attribute("TechHrs").flatMap(XMLValueText.Decimal.init) ?? .zero
                if best == nil || best.map({ $0.hours < hours }) == true { best = (number, hours) }
            }
            line["technician_id"] = best?.number
            pending.append(SourceRow(feed: "ro_labor", line: head.line, column: head.column, values: line, raw: lineRaw.description))
        }

        for job in Self.groups(in: record.children(named: "Ropart"), head: "PartInfoByJob", members: ["PartDetail", "RoAmts"]) {
            let head = job.head
            let jobNo = head.attribute("JobNo").map(XMLText.trimmed) ?? ""
            let firstPart = job.members.first { $0.localName == "PartDetail" && !($0.attribute("PartNo") ?? "").isEmpty }
            let partNo = firstPart?.attribute("PartNo").map(XMLText.trimmed)
                ?? head.attribute("OpCode").map(XMLText.trimmed) ?? opCodes[jobNo]
            // One line per pay type, in order of first appearance.
            var order: [String] = []
            var byPayType: [String: [XMLElementNode]] = [:]
            for amount in job.members where amount.localName == "RoAmts" && (amount.attribute("AmtType") ?? "Job").lowercased() != "total" {
                let payType = XMLText.trimmed(amount.attribute("PayType") ?? "")
                if byPayType[payType] == nil { order.append(payType) }
                byPayType[payType, default: []].append(amount)
            }
            for payType in order {
                let amounts = byPayType[payType] ?? []
                let price = XMLValueText.sum(amounts.flatMap { [$0.attribute("TxblAmt"), $0.attribute("NTxblAmt")] })
                let cost = XMLValueText.sum(amounts.map { $0.attribute("DlrCost") })
                let isZero = [price, cost].allSatisfy { $0.flatMap(XMLValueText.Decimal.init)?.isZero ?? ($0 == nil) }
                if isZero { continue }
                var row: [String: String] = [:]
                var rowRaw = RawSummary("PartInfoByJob")
                rowRaw.add("JobNo", jobNo)
                rowRaw.add("PartNo", partNo)
                for amount in amounts {
                    for name in ["PayType", "TxblAmt", "NTxblAmt", "DlrCost"] { rowRaw.add(name, amount.attribute(name)) }
                }
                row["dealer_code"] = dealer
                row["ro_no"] = ro["ro_no"]
                row["line_no"] = "\(jobNo)-\(payType)"
                row["part_no"] = partNo
                row["qty"] = "1"
                row["unit_price"] = price
                row["unit_cost"] = cost
                row["pay_type"] = Self.payType(payType)
                pending.append(SourceRow(feed: "ro_parts", line: head.line, column: head.column, values: row, raw: rowRaw.description))
            }
        }
    }
}
