extension DealerSimulation {
    enum TimelineItem {
        case repairOrder(PlannedRO)
        case counterSale(CivilMoment)
        case weeklyReceipt(CivilDay)

        var time: CivilMoment {
            switch self {
            case .repairOrder(let ro): return ro.opened
            case .counterSale(let time): return time
            case .weeklyReceipt(let day): return day.at(9, 30)
            }
        }
    }

    static let customerTypes: Set<String> = ["maintenance", "repair", "warranty", "recall", "bodyshop"]

    // MARK: - Planning the month

    func service(in month: CivilMonth) throws {
        var items: [TimelineItem] = (pending.removeValue(forKey: month.index) ?? []).map { .repairOrder($0) }
        for _ in 0..<rng.count(around: spec.repairOrdersPerMonth) {
            let day = dayIn(month)
            guard day <= asOfDay, let index = serviceVehicle(on: day) else { continue }
            pool[index].lastService = day
            let type = ["maintenance", "repair", "bodyshop", "warranty", "recall"][rng.weightedIndex([45, 27, 10, 12, 6])]
            items.append(.repairOrder(PlannedRO(
                type: type, vin: pool[index].vin, opened: moment(on: day, from: 8, to: 17), labor: laborPlan(for: type),
                customerID: pool[index].customerID, inService: pool[index].inService)))
        }
        for vehicle in fleet where vehicle.active(on: month.firstDay) && rng.chance(0.25) {
            let day = dayIn(month)
            guard day <= asOfDay else { continue }
            items.append(.repairOrder(PlannedRO(
                type: "internal", vin: vehicle.vin, opened: moment(on: day, from: 8, to: 16),
                labor: [LaborPlan(op: rng.pick(Catalogues.internalOps), payType: "internal")], inService: vehicle.inService)))
        }
        for _ in 0..<rng.count(around: 15 * spec.scale) {
            let day = dayIn(month)
            if day <= asOfDay { items.append(.counterSale(moment(on: day, from: 9, to: 18))) }
        }
        var day = month.firstDay
        while day <= month.lastDay && day <= asOfDay {
            if day.weekday == 1 { items.append(.weeklyReceipt(day)) }
            day = day.adding(1)
        }
        try process(items, in: month)
        try appointmentsWithoutRO(in: month)
    }

    /// Runs the items in time order (ties keep their original order). A comeback planned by
    /// an RO of this month for later in this month joins the queue at its own time, so stock
    /// is always consumed in the order of the timestamps written.
    func process(_ items: [TimelineItem], in month: CivilMonth) throws {
        var queue = items.enumerated().sorted { a, b in
            a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
        }.map(\.element)
        var position = 0
        while position < queue.count {
            let item = queue[position]
            position += 1
            switch item {
            case .repairOrder(let ro): try write(ro)
            case .counterSale(let time): try counterSale(at: time)
            case .weeklyReceipt(let day): try replenish(on: day)
            }
            for ro in pending.removeValue(forKey: month.index) ?? [] {
                var slot = position
                while slot < queue.count && queue[slot].time <= ro.opened { slot += 1 }
                queue.insert(.repairOrder(ro), at: slot)
            }
        }
    }

    func laborPlan(for type: String) -> [LaborPlan] {
        switch type {
        case "maintenance":
            var plan = [LaborPlan(op: rng.pick(Catalogues.maintenanceOps), payType: rng.chance(0.08) ? "warranty" : "customer")]
            if rng.chance(0.3) { plan.append(LaborPlan(op: rng.pick(Catalogues.repairOps), payType: "customer")) }
            return plan
        case "repair":
            let first = rng.int(0..<Catalogues.repairOps.count)
            var plan = [LaborPlan(op: Catalogues.repairOps[first], payType: "customer")]
            if rng.chance(0.35) {
                let second = (first + rng.int(1..<Catalogues.repairOps.count)) % Catalogues.repairOps.count
                plan.append(LaborPlan(op: Catalogues.repairOps[second], payType: "customer"))
            }
            if rng.chance(0.15) { plan.append(LaborPlan(op: rng.pick(Catalogues.warrantyOps), payType: "warranty")) }
            return plan
        case "warranty":
            var plan = [LaborPlan(op: rng.pick(Catalogues.warrantyOps), payType: "warranty")]
            if rng.chance(0.3) { plan.append(LaborPlan(op: rng.pick(Catalogues.maintenanceOps), payType: "customer")) }
            return plan
        case "bodyshop":
            let payer = rng.chance(0.7) ? "insurance" : "customer"
            let first = rng.int(0..<Catalogues.bodyshopOps.count)
            var plan = [LaborPlan(op: Catalogues.bodyshopOps[first], payType: payer)]
            if rng.chance(0.4) {
                plan.append(LaborPlan(op: Catalogues.bodyshopOps[(first + rng.int(1..<Catalogues.bodyshopOps.count)) % Catalogues.bodyshopOps.count], payType: payer))
            }
            if rng.chance(0.2) { plan.append(LaborPlan(op: Catalogues.repairOps[5], payType: "customer")) }
            return plan
        case "recall": return [LaborPlan(op: Catalogues.recallOps[0], payType: "warranty")]
        default: return [LaborPlan(op: rng.pick(Catalogues.internalOps), payType: "internal")]
        }
    }

    // MARK: - Repair orders

    func rate(for payType: String) -> Int {
        switch payType {
        case "warranty": return 20_000
        case "internal": return 15_000
        case "insurance": return laborRate + 3_000
        default: return laborRate
        }
    }

    func partPrice(_ part: Catalogues.Part, payType: String) -> Int {
        switch payType {
        case "warranty": return part.cost * 115 / 100
        case "internal": return part.cost
        default: return part.price
        }
    }

    func write(_ ro: PlannedRO) throws {
        let roNo = number("RO", ro.opened.day, "ro")
        let isVoid = ro.type != "pdi" && rng.chance(0.02)
        var waiting = false
        var laborRows: [[String: String]] = []
        var warrantyLabor = 0
        var partLines: [(part: Int, qty: Int, payType: String)] = []
        for (index, plan) in ro.labor.enumerated() {
            var sold = plan.op.hours
            if ro.type == "bodyshop" { sold = sold * rng.int(80...150) / 100 }
            let clocked = sold * rng.int(70...130) / 100
            let technician = employee("technician", on: ro.opened.day)?.id ?? ""
            let sale = sold * rate(for: plan.payType) / 100
            if plan.payType == "warranty" { warrantyLabor += sale }
            laborRows.append([
                "dealer_code": dealer.code, "ro_no": roNo, "line_no": String(index + 1), "op_code": plan.op.code,
                "description": plan.op.description, "pay_type": plan.payType, "technician_id": technician,
                "sold_hours": FeedFormat.hundredths(sold), "clocked_hours": FeedFormat.hundredths(clocked),
                "labor_sale": FeedFormat.money(sale),
                "labor_cost": FeedFormat.money(clocked * 8_500 / 100),
            ])
            for need in plan.op.parts {
                let qty = ro.type == "bodyshop" && need.part == 16 ? need.qty * rng.int(1...3) : need.qty
                partLines.append((need.part, qty, plan.payType))
            }
        }

        // Parts: issued from stock when there is enough, else ordered (the RO waits a day).
        var partRows: [[String: String]] = []
        var issueLines: [(part: Int, qty: Int)] = []
        var lateLines: [(part: Int, qty: Int)] = []
        var taken: [Int: Int] = [:]
        for (index, line) in partLines.enumerated() {
            let state = parts[line.part]
            var filled = true
            if !isVoid {
                if state.onHand - (taken[line.part] ?? 0) >= line.qty {
                    issueLines.append((line.part, line.qty))
                    taken[line.part, default: 0] += line.qty
                } else {
                    filled = false
                    waiting = true
                    lateLines.append((line.part, line.qty))
                }
            }
            partRows.append([
                "dealer_code": dealer.code, "ro_no": roNo, "line_no": String(index + 1), "part_no": state.part.number,
                "qty": FeedFormat.hundredths(line.qty), "unit_price": FeedFormat.money(partPrice(state.part, payType: line.payType)),
                "unit_cost": FeedFormat.money(state.part.cost), "pay_type": line.payType,
                "filled_from_stock": rng.chance(0.02) ? "" : FeedFormat.flag(filled),
            ])
        }
        let issueTime = ro.opened.adding(minutes: 40)
        if !issueLines.isEmpty {
            let doc = number("CK", issueTime.day, "movement")
            for (index, line) in issueLines.enumerated() {
                try movement("issue_to_ro", doc, index + 1, line.part, line.qty, issueTime, reference: roNo)
            }
        }
        if !lateLines.isEmpty {
            // The urgent order is booked in at once (so no later RO can count on stock that
            // has not been received); the part is fitted the next morning.
            let arrival = ro.opened.day.adding(1).at(10)
            let receiptTime = ro.opened.adding(minutes: 5)
            let receipt = number("RK", receiptTime.day, "movement")
            for (index, line) in lateLines.enumerated() {
                let qty = (line.qty + parts[line.part].maximum / 2 + 99) / 100 * 100
                try movement("receipt", receipt, index + 1, line.part, qty, receiptTime, reference: "PO" + FeedFormat.padded(rng.int(0...999_999), 6))
            }
            let doc = number("CK", arrival.day, "movement")
            for (index, line) in lateLines.enumerated() {
                try movement("issue_to_ro", doc, index + 1, line.part, line.qty, arrival.adding(minutes: 30), reference: roNo)
            }
        }
        // A credit line now and then: a part handed back to stores.
        if !isVoid, let first = issueLines.first, rng.chance(0.03) {
            let state = parts[first.part]
            partRows.append([
                "dealer_code": dealer.code, "ro_no": roNo, "line_no": String(partRows.count + 1), "part_no": state.part.number,
                "qty": FeedFormat.hundredths(-100), "unit_price": FeedFormat.money(state.part.price),
                "unit_cost": FeedFormat.money(state.part.cost), "pay_type": "customer", "filled_from_stock": "1",
            ])
            try movement("return_from_ro", number("TL", issueTime.day, "movement"), 1, first.part, 100, issueTime.adding(minutes: 120), reference: roNo, tracked: false)
        }

        // Times and status as of the end of the data.
        let (promisedMinutes, actualMinutes): (Int, Int) = {
            switch ro.type {
            case "maintenance": return (150, rng.int(60...190))
            case "repair":
                let promised = rng.pick([240, 480, 1_440, 2_880])
                return (promised, promised * rng.int(50...120) / 100)
            case "bodyshop":
                let promised = rng.int(3...7) * 1_440
                return (promised, promised * rng.int(60...140) / 100)
            case "warranty": return (1_440, rng.int(600...2_000))
            case "recall": return (90, rng.int(40...120))
            case "pdi": return (120, rng.int(60...150))
            default: return (240, rng.int(120...300))
            }
        }()
        // Near the end some ROs stall (parts back-ordered from the OEM): still open at the end.
        let stalled = ro.opened.day.adding(20) >= asOfDay && ro.type != "pdi" && rng.chance(0.15)
        let completed = ro.opened.adding(minutes: actualMinutes + (waiting ? 1_440 : 0) + (stalled ? 14_400 : 0))
        // Insurance settlements and customers collecting late leave some ROs completed, not invoiced.
        let settlesLate = (ro.type == "bodyshop" && rng.chance(0.2)) || rng.chance(0.03)
        let invoiced = completed.adding(minutes: settlesLate ? rng.int(1...3) * 1_440 : rng.int(10...90))
        let delivered = invoiced.adding(minutes: rng.int(5...90))
        let status = isVoid ? "void" : invoiced <= asOf ? "invoiced" : completed <= asOf ? "completed" : "open"
        let mileage = ro.inService.map { max(5, (ro.opened.day.number - $0.number) * rng.int(25...60)) } ?? rng.int(1_000...60_000)
        try files.write("repair_orders", [
            "dealer_code": dealer.code, "ro_no": roNo, "vin": ro.vin, "opened_at": ro.opened.description,
            "promised_at": rng.chance(0.04) ? "" : ro.opened.adding(minutes: promisedMinutes).description,
            "completed_at": isVoid ? "" : text(completed), "invoiced_at": isVoid ? "" : text(invoiced),
            "delivered_at": isVoid ? "" : text(delivered), "mileage_km": ro.type == "pdi" ? String(rng.int(3...30)) : String(mileage),
            "ro_type": ro.type, "status": status, "advisor_id": employee("advisor", on: ro.opened.day)?.id ?? "",
            "comeback_flag": ro.comebackFlag.map(FeedFormat.flag) ?? "0", "comeback_of_ro": ro.comebackOf ?? "",
            "complaint": rng.pick(Catalogues.complaints[ro.type] ?? ["检查"]), "waiting_parts": FeedFormat.flag(waiting),
        ])
        for row in laborRows { try files.write("ro_labor", row) }
        for row in partRows { try files.write("ro_parts", row) }
        guard !isVoid else { return }
        if invoiced <= asOf { invoicedROs.append((roNo, ro.vin, ro.customerID, invoiced)) }

        if let customer = ro.customerID, Self.customerTypes.contains(ro.type), ro.comebackOf == nil, rng.chance(0.4) {
            try appointment(for: roNo, opened: ro.opened, vin: ro.vin, customer: customer)
        }
        if completed <= asOf, ro.labor.contains(where: { $0.payType == "warranty" }) {
            let partsSale = partLines.filter { $0.payType == "warranty" }
                .map { partPrice(parts[$0.part].part, payType: "warranty") * $0.qty / 100 }.reduce(0, +)
            try warrantyClaim(roNo: roNo, vin: ro.vin, completed: completed.day, amount: warrantyLabor + partsSale)
        }
        if invoiced <= asOf, Self.customerTypes.contains(ro.type) {
            try survey(kind: "service", reference: roNo, after: invoiced.day, probability: 0.3)
        }
        if completed <= asOf, ro.type == "repair" || ro.type == "warranty", ro.comebackOf == nil, ro.comebackFlag == nil, rng.chance(0.07) {
            let opened = moment(on: completed.day.adding(rng.int(2...25)), from: 8, to: 16)
            let variant = rng.int(0..<3)
            schedule(PlannedRO(
                type: "repair", vin: ro.vin, opened: opened,
                labor: [LaborPlan(op: ro.labor[0].op, payType: rng.chance(0.5) ? "internal" : "customer")],
                comebackOf: variant == 0 ? roNo : nil, comebackFlag: variant == 2 ? nil : variant == 0 || variant == 1,
                customerID: ro.customerID, inService: ro.inService))
        }
    }

    // MARK: - Appointments, claims, surveys

    func appointment(for roNo: String, opened: CivilMoment, vin: String, customer: String) throws {
        let arrived = opened.adding(minutes: -rng.int(5...20))
        let scheduledDay = arrived.day
        let scheduled = scheduledDay.at(max(8, min(17, (Int(arrived.seconds - Int64(scheduledDay.number) * 86_400) / 3600) + rng.int(-1...0))), rng.pick([0, 30]))
        let created = moment(on: scheduledDay.adding(-rng.int(1...6)), from: 9, to: 20)
        try files.write("appointments", [
            "dealer_code": dealer.code, "appointment_no": number("YY", created.day, "appointment"), "vin": vin,
            "created_at": created.description, "scheduled_at": scheduled.description, "arrived_at": arrived.description,
            "status": "arrived", "ro_no": roNo,
        ])
    }

    func appointmentsWithoutRO(in month: CivilMonth) throws {
        var outcomes: [String] = []
        outcomes += Array(repeating: "no_show", count: rng.count(around: 0.07 * spec.repairOrdersPerMonth))
        outcomes += Array(repeating: "cancelled", count: rng.count(around: 0.03 * spec.repairOrdersPerMonth))
        if month == spec.endMonth { outcomes += Array(repeating: "booked", count: rng.count(around: 0.12 * spec.repairOrdersPerMonth)) }
        for outcome in outcomes {
            guard !pool.isEmpty else { return }
            let vehicle = rng.pick(pool)
            let scheduledDay = outcome == "booked" ? asOfDay.adding(rng.int(1...7)) : dayIn(month)
            let scheduled = scheduledDay.at(rng.int(8...16), rng.pick([0, 30]))
            var created = moment(on: scheduledDay.adding(-rng.int(1...6)), from: 9, to: 20)
            if created > asOf { created = asOf.adding(minutes: -rng.int(60...3_000)) }
            guard scheduled <= asOf || outcome == "booked" else { continue }
            try files.write("appointments", [
                "dealer_code": dealer.code, "appointment_no": number("YY", created.day, "appointment"), "vin": vehicle.vin,
                "created_at": created.description, "scheduled_at": scheduled.description, "status": outcome,
            ])
        }
    }

    func warrantyClaim(roNo: String, vin: String, completed: CivilDay, amount: Int) throws {
        let submitted = completed.adding(rng.int(1...4))
        guard submitted <= asOfDay else { return }
        let decided = submitted.adding(rng.int(3...45))
        var row: [String: String] = [
            "dealer_code": dealer.code, "claim_no": number("SP", submitted, "claim"), "ro_no": roNo, "vin": vin,
            "submitted_on": submitted.description, "claimed_amount": FeedFormat.money(amount), "submission_count": "1",
        ]
        if decided > asOfDay {
            row["status"] = "submitted"
        } else {
            row["decided_on"] = decided.description
            let roll = rng.int(0..<100)
            switch roll {
            case 0..<64:
                row["status"] = decided.adding(20) <= asOfDay && rng.chance(0.6) ? "paid" : "approved"
                row["approved_amount"] = FeedFormat.money(amount)
            case 64..<74:
                row["status"] = "partially_approved"
                row["approved_amount"] = FeedFormat.money(amount * rng.int(50...90) / 100)
            case 74..<88:
                row["status"] = "rejected"
                row["approved_amount"] = FeedFormat.money(0)
                row["reject_reason"] = rng.pick(Catalogues.rejectReasons)
            default:
                // Rejected once, corrected and resubmitted: the row carries the latest decision.
                row["status"] = "approved"
                row["approved_amount"] = FeedFormat.money(amount)
                row["submission_count"] = String(rng.chance(0.8) ? 2 : 3)
            }
        }
        try files.write("warranty_claims", row)
    }

    func survey(kind: String, reference: String, after day: CivilDay, probability: Double) throws {
        guard rng.chance(probability) else { return }
        let date = day.adding(rng.int(2...7))
        guard date <= asOfDay else { return }
        let base = [10, 10, 10, 9, 9, 9, 8, 8, 7, 6, 5, 3][rng.int(0..<12)]
        let score = rng.chance(0.05) ? "" : rng.chance(0.2) ? "\(max(0, base - 1)).5" : String(base)
        let recommend = rng.chance(0.05) ? "" : String(max(0, min(10, base + rng.int(-1...1))))
        try files.write("csi_surveys", [
            "dealer_code": dealer.code, "survey_id": number("HF", date, "survey", width: 6), "survey_date": date.description,
            "kind": kind, "ref_no": reference, "score": score, "recommend": recommend,
        ])
    }
}
