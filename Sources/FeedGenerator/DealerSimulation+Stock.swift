extension DealerSimulation {
    /// The sign of a movement type on stock (feeds.md, part_movements).
    static func sign(of type: String) -> Int {
        switch type {
        case "opening_balance", "receipt", "return_from_ro", "counter_return", "transfer_in", "stocktake_gain": return 1
        case "receipt_reversal", "issue_to_ro", "counter_sale", "transfer_out", "stocktake_loss": return -1
        default: return 0
        }
    }

    func movement(
        _ type: String, _ document: String, _ line: Int, _ partIndex: Int, _ qty: Int, _ time: CivilMoment,
        price: Int? = nil, reference: String = "", binTo: String = "", filled: String = "", tracked: Bool = true
    ) throws {
        guard time <= asOf else { return }
        let state = parts[partIndex]
        // Stock coming back later than the moment it is decided on is not counted on, so the
        // on-hand figure used for decisions never exceeds the real one at any instant.
        if tracked || Self.sign(of: type) < 0 { parts[partIndex].onHand += Self.sign(of: type) * qty }
        try files.write("part_movements", [
            "dealer_code": dealer.code, "movement_no": document, "line_no": String(line), "part_no": state.part.number,
            "moved_at": time.description, "movement_type": type, "qty": FeedFormat.hundredths(qty),
            "unit_cost": FeedFormat.money(state.part.cost), "unit_price": price.map(FeedFormat.money) ?? "",
            "reference": reference, "bin_from": type == "relocation" || Self.sign(of: type) < 0 ? state.bin : "",
            "bin_to": type == "relocation" ? binTo : Self.sign(of: type) > 0 ? state.bin : "", "filled_from_stock": filled,
        ])
    }

    /// The part master and the opening balance on the first day.
    func openPartsStock() throws {
        let catalogue = Catalogues.parts(prefix: brand.prefix)
        for (index, part) in catalogue.enumerated() {
            let obsolete = Catalogues.obsoleteParts.contains(index)
            let units = part.unit == "升" ? 40 : 3
            let minimum = obsolete ? 0 : max(1, Int((Double(units) * spec.scale).rounded(.up))) * 100
            let maximum = obsolete ? 0 : minimum * 3
            parts.append(PartState(
                part: part, bin: "\(["A", "B", "C"][index % 3])-\(FeedFormat.padded(index / 3 + 1, 2))-\(index % 4 + 1)",
                minimum: minimum, maximum: maximum, onHand: 0))
            try files.write("parts", [
                "dealer_code": dealer.code, "part_no": part.number, "description": part.description, "category": part.category,
                "unit": part.unit, "list_price": FeedFormat.money(part.price), "standard_cost": FeedFormat.money(part.cost),
                "min_stock": FeedFormat.hundredths(minimum), "max_stock": FeedFormat.hundredths(maximum), "bin": parts[index].bin,
            ])
        }
        let document = "QC" + String(start.description.filter { $0 != "-" })
        for index in parts.indices {
            let qty = parts[index].maximum > 0 ? parts[index].maximum : rng.int(3...8) * 100
            try movement("opening_balance", document, index + 1, index, qty, start.at(0, 0))
        }
    }

    func replenish(on day: CivilDay) throws {
        let below = parts.indices.filter { parts[$0].maximum > 0 && parts[$0].onHand < parts[$0].minimum }
        guard !below.isEmpty else { return }
        let document = number("RK", day, "movement")
        let supplierInvoice = "PO" + FeedFormat.padded(rng.int(0...999_999), 6)
        for (line, index) in below.enumerated() {
            let qty = (parts[index].maximum - parts[index].onHand + 99) / 100 * 100
            try movement("receipt", document, line + 1, index, qty, day.at(9, 30), reference: supplierInvoice)
        }
    }

    func counterSale(at time: CivilMoment) throws {
        let index = rng.pick(Catalogues.counterParts)
        let state = parts[index]
        let qty = state.part.unit == "升" ? rng.pick([100, 400, 450]) : rng.int(1...3) * 100
        let wantsMore = rng.chance(0.05)
        guard !wantsMore, state.onHand >= qty else {
            let asked = wantsMore ? state.onHand + rng.int(1...3) * 100 : qty
            try movement("lost_sale", number("QH", time.day, "movement"), 1, index, asked, time, price: state.part.price, filled: "0")
            return
        }
        let document = number("XS", time.day, "movement")
        try movement("counter_sale", document, 1, index, qty, time, price: state.part.price, reference: "FP" + FeedFormat.padded(rng.int(0...9_999_999), 7), filled: "1")
        if rng.chance(0.08) {
            try movement("counter_return", number("XT", time.day, "movement"), 1, index, 100, time.adding(minutes: rng.int(30...240)), price: state.part.price, reference: document, tracked: false)
        }
    }

    func counterAndStockMovements(in month: CivilMonth) throws {
        let active = parts.indices.filter { parts[$0].maximum > 0 }
        guard !active.isEmpty else { return }
        let transferOut = rng.pick(active)
        if parts[transferOut].onHand >= parts[transferOut].minimum + 100 {
            try movement("transfer_out", number("DC", month.firstDay, "movement"), 1, transferOut, 100, moment(on: month.lastDay, from: 19, to: 20), reference: "DB-兄弟店")
        }
        try movement("transfer_in", number("DR", month.firstDay, "movement"), 1, rng.pick(active), rng.int(1...3) * 100, moment(on: dayIn(month), from: 10, to: 16), reference: "DB-兄弟店")
        let relocated = rng.pick(active)
        try movement("relocation", number("YK", month.firstDay, "movement"), 1, relocated, max(100, parts[relocated].onHand / 100 * 100),
                     moment(on: dayIn(month), from: 17, to: 18), binTo: "D-\(FeedFormat.padded(rng.int(1...20), 2))-1")
        if rng.chance(0.5) {
            let returned = rng.pick(active)
            if parts[returned].onHand >= 200 {
                try movement("receipt_reversal", number("TH", month.firstDay, "movement"), 1, returned, 100, moment(on: month.lastDay, from: 19, to: 20), reference: "PO-退货")
            }
        }
        if month.month % 3 == 0 {
            let time = month.lastDay.at(21)
            let document = number("PD", month.firstDay, "movement")
            try movement("stocktake_gain", document, 1, rng.pick(active), 100, time)
            let lost = rng.pick(active)
            if parts[lost].onHand >= 100 { try movement("stocktake_loss", document, 2, lost, 100, time) }
        }
    }

    // MARK: - Fleet

    /// The dealer's demo, loaner and shuttle vehicles, with their disposals and replacements.
    func openFleet() throws {
        let slots: [(usage: String, life: Int)] =
            Array(repeating: ("demo", 2), count: 3 + Int(spec.scale)) + Array(repeating: ("loaner", 4), count: 2 + Int(spec.scale / 2)) + [("fleet", 6)]
        for (slot, kind) in slots.enumerated() {
            var inService: CivilDay
            if slot == slots.count - 2 {
                // Due for scrapping within 90 days of the end, not disposed yet.
                inService = Self.addingYears(-kind.life, to: asOfDay.adding(rng.int(20...80)))
            } else {
                inService = start.adding(-rng.int(30...(kind.life * 365 + 200)))
            }
            while true {
                let due = Self.addingYears(kind.life, to: inService)
                let disposes = due.adding(20) < asOfDay && !(slot == 0 && due >= start) && rng.chance(0.8)
                let disposedOn: CivilDay? = disposes ? due.adding(rng.int(0...20)) : nil
                try addFleetVehicle(usage: kind.usage, life: kind.life, inService: inService, disposedOn: disposedOn)
                guard let disposedOn else { break }
                inService = disposedOn.adding(rng.int(0...5))
                if inService > asOfDay { break }
            }
        }
    }

    func addFleetVehicle(usage: String, life: Int, inService: CivilDay, disposedOn: CivilDay?) throws {
        let model = rng.pick(brand.models)
        let (year, _, _) = inService.civil
        let vin = try newVIN(wmi: brand.wmi, descriptor: model.descriptor, modelYear: year)
        let method = usage == "fleet" ? "scrap" : ["sale", "sale", "auction", "return_to_oem", "scrap"][rng.int(0..<5)]
        try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: year,
                         production: inService.adding(-rng.int(15...60)), inService: inService, newUsed: "new", usage: usage, owner: nil,
                         serviceLife: life, status: disposedOn != nil && method == "scrap" ? "scrapped" : "active")
        fleet.append(FleetVehicle(vin: vin, usage: usage, inService: inService, disposed: disposedOn, km: rng.int(10...500)))
        if let disposedOn {
            let proceeds: Int
            switch method {
            case "scrap": proceeds = rng.int(15...30) * 10_000
            case "return_to_oem": proceeds = model.listPrice * 70 / 100 / 10_000 * 10_000
            default: proceeds = model.listPrice * rng.int(45...65) / 100 / 10_000 * 10_000
            }
            try files.write("vehicle_disposals", [
                "dealer_code": dealer.code, "vin": vin, "disposed_on": disposedOn.description, "method": method,
                "proceeds": FeedFormat.money(proceeds), "certificate_no": method == "scrap" ? "BF" + FeedFormat.padded(rng.int(0...99_999_999), 8) : "",
                "approved_by": employees.first { $0.role == "manager" }?.name ?? "",
            ])
        }
    }

    /// `day` moved by whole calendar years; 29 February becomes 28 February.
    static func addingYears(_ years: Int, to day: CivilDay) -> CivilDay { day.adding(years: years) }

    func fleetBookings(in month: CivilMonth) throws {
        var requests: [String] = []
        requests += Array(repeating: "test_drive", count: rng.count(around: 18 * spec.scale))
        requests += Array(repeating: "loaner", count: rng.count(around: 5 * spec.scale))
        requests += Array(repeating: "internal", count: rng.count(around: 2))
        requests += Array(repeating: "maintenance", count: 1)
        for purpose in requests {
            let futureBooking = month == spec.endMonth && rng.chance(0.1)
            let day = futureBooking ? asOfDay.adding(rng.int(1...5)) : dayIn(month)
            let usage = purpose == "test_drive" ? "demo" : purpose == "loaner" ? "loaner" : nil
            let candidates = fleet.indices.filter { fleet[$0].active(on: day) && (usage == nil || fleet[$0].usage == usage) }
            guard !candidates.isEmpty else { continue }
            let vehicle = rng.pick(candidates)
            let from = day.at(rng.int(9...17), rng.pick([0, 30]))
            let minutes: Int
            switch purpose {
            case "test_drive": minutes = rng.pick([60, 90, 120])
            case "loaner": minutes = rng.int(1...3) * 1_440
            case "internal": minutes = rng.int(2...8) * 60
            default: minutes = 180
            }
            let to = from.adding(minutes: minutes)
            let checkedOut = from.adding(minutes: rng.int(0...20))
            let overdue = rng.chance(0.18)
            let returned = to.adding(minutes: overdue ? rng.int(60...2_880) : -rng.int(0...30))
            let cancelled = !futureBooking && rng.chance(0.05)
            let status = cancelled ? "cancelled" : checkedOut > asOf ? "booked" : returned > asOf ? "out" : "returned"
            var row: [String: String] = [
                "dealer_code": dealer.code, "booking_no": number("JC", day, "booking"), "vin": fleet[vehicle].vin, "purpose": purpose,
                "booked_from": from.description, "booked_to": to.description, "status": status,
                "customer_id": purpose == "test_drive" || purpose == "loaner" ? (pool.isEmpty ? "" : rng.pick(pool).customerID) : "",
            ]
            if status == "out" || status == "returned" {
                row["checked_out_at"] = checkedOut.description
                row["km_out"] = String(fleet[vehicle].km)
                let distance = purpose == "loaner" ? rng.int(40...120) * max(1, minutes / 1_440) : rng.int(5...40)
                if status == "returned" {
                    row["returned_at"] = returned.description
                    row["km_in"] = String(fleet[vehicle].km + distance)
                }
                fleet[vehicle].km += distance
            }
            try files.write("fleet_bookings", row)
        }
    }

    // MARK: - Expenses

    func expenses(in month: CivilMonth) throws {
        let volume = max(0.3, spec.scale)
        for (account, department, category, base) in Catalogues.expenseAccounts {
            let day: CivilDay = category == "personnel" ? month.lastDay : category == "fixed" ? month.firstDay : dayIn(month)
            guard day <= asOfDay else { continue }
            let amount = Int(Double(base) * volume) * rng.int(85...115) / 100
            try files.write("expenses", [
                "dealer_code": dealer.code, "entry_no": number("PZ", month.firstDay, "entry", width: 6), "posting_date": day.description,
                "account": account, "department": department, "category": category, "amount": FeedFormat.money(amount),
            ])
        }
        if rng.chance(0.15) {
            let day = dayIn(month)
            guard day <= asOfDay else { return }
            try files.write("expenses", [
                "dealer_code": dealer.code, "entry_no": number("PZ", month.firstDay, "entry", width: 6), "posting_date": day.description,
                "account": "6601.10 广告宣传费（冲销）", "department": "new", "category": "variable",
                "amount": FeedFormat.money(-rng.int(50...300) * 10_000),
            ])
        }
    }
}
