import Ledger

/// The open files of one dealer: one writer per feed.
final class DealerFiles {
    private var writers: [String: FeedFileWriter] = [:]

    init(catalogue: FeedCatalogue, folder: String, dealerCode: String, feeds: [String]) throws {
        for name in feeds {
            guard let feed = catalogue.feed(named: name) else {
                throw GeneratorError.unknownColumn(feed: name, column: "*")
            }
            let stage = NetworkGenerator.stageFolder(of: name)
            writers[name] = try FeedFileWriter(feed: feed, path: "\(folder)/\(stage)/\(name)_\(dealerCode).csv")
        }
    }

    func write(_ feed: String, _ values: [String: String]) throws {
        guard let writer = writers[feed] else { throw GeneratorError.unknownColumn(feed: feed, column: "*") }
        try writer.write(values)
    }

    /// Closes every file and returns what was written, sorted by path.
    func close() throws -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        for writer in writers.values {
            try writer.close()
            files.append(GeneratedFile(feed: writer.feed.name, path: writer.path, rows: writer.rowCount))
        }
        return files.sorted { $0.path < $1.path }
    }
}

/// One dealer's months, simulated event by event and written as they happen.
///
/// Only bounded state is kept (staff, the service customers' vehicles, the parts on hand,
/// the fleet and the ROs planned for later months); rows go straight to the files.
final class DealerSimulation {
    struct Employee {
        let id: String
        let name: String
        let role: String
        let hired: CivilDay
        let left: CivilDay?
        func employed(on day: CivilDay) -> Bool { hired <= day && (left.map { day < $0 } ?? true) }
    }

    struct ServiceVehicle {
        let vin: String
        let customerID: String
        let inService: CivilDay
        let kmPerDay: Int
        var lastService: CivilDay
    }

    struct PartState {
        let part: Catalogues.Part
        let bin: String
        let minimum: Int
        let maximum: Int
        var onHand: Int
    }

    struct FleetVehicle {
        let vin: String
        let usage: String
        let inService: CivilDay
        let disposed: CivilDay?
        var km: Int
        func active(on day: CivilDay) -> Bool { inService <= day && (disposed.map { day < $0 } ?? true) }
    }

    struct LaborPlan {
        let op: Catalogues.Operation
        let payType: String
    }

    struct PlannedRO {
        let type: String
        let vin: String
        let opened: CivilMoment
        let labor: [LaborPlan]
        var comebackOf: String? = nil
        var comebackFlag: Bool? = nil
        var customerID: String? = nil
        /// First registration of the vehicle, for its mileage.
        var inService: CivilDay? = nil
    }

    let spec: NetworkSpec
    let dealer: DealerProfile
    let brand: Catalogues.Brand
    let files: DealerFiles
    var rng: SeededGenerator
    /// A second stream for what later versions added (ETAs, freight, certificates held back,
    /// complaints), so that every row the earlier generator wrote stays byte-identical.
    var extra: SeededGenerator
    /// VINs whose certificate of conformity never reached the dealer (no certificate_no).
    var missingCertificates: Set<String> = []
    /// ROs invoiced this month (number, VIN, customer, invoice time), for complaints.
    var invoicedROs: [(roNo: String, vin: String, customer: String?, invoiced: CivilMoment)] = []
    let start: CivilDay
    let asOf: CivilMoment
    var asOfDay: CivilDay { asOf.day }

    var employees: [Employee] = []
    var pool: [ServiceVehicle] = []
    var parts: [PartState] = []
    var fleet: [FleetVehicle] = []
    var pending: [Int: [PlannedRO]] = [:]
    var sequence: [String: Int] = [:]
    var vehicleCounter = 0
    let laborRate: Int

    init(spec: NetworkSpec, dealer: DealerProfile, files: DealerFiles) {
        self.spec = spec
        self.dealer = dealer
        self.brand = Catalogues.brands[dealer.brandIndex]
        self.files = files
        self.rng = SeededGenerator(seed: spec.seed, stream: UInt64(dealer.index + 1))
        self.extra = SeededGenerator(seed: spec.seed, stream: UInt64(dealer.index + 1) + 0x4000)
        self.start = spec.startMonth.firstDay
        self.asOf = spec.asOf
        self.laborRate = 30_000 + 1_000 * (dealer.index % 7)
    }

    // MARK: - Helpers

    func next(_ counter: String) -> Int {
        let value = (sequence[counter] ?? 0) + 1
        sequence[counter] = value
        return value
    }

    func number(_ prefix: String, _ day: CivilDay, _ counter: String, width: Int = 5) -> String {
        let (y, m, _) = day.civil
        return prefix + String(y) + FeedFormat.padded(m, 2) + FeedFormat.padded(next(counter), width)
    }

    func personName() -> String {
        var name = String(rng.pick(Catalogues.surnames))
        name.append(rng.pick(Catalogues.givenCharacters))
        if rng.chance(0.6) { name.append(rng.pick(Catalogues.givenCharacters)) }
        return name
    }

    func phone() -> String {
        let prefix = rng.pick(["138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "187", "188", "189", "131", "133"])
        return prefix + FeedFormat.padded(rng.int(0...99_999_999), 8)
    }

    func plate() -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
        var text = dealer.plate
        for position in 0..<5 {
            text.append(position < 2 && rng.chance(0.5) ? letters[rng.int(0..<24)] : letters[24 + rng.int(0..<10)])
        }
        return text
    }

    /// A VIN unique in the whole network: the dealer and a counter are coded in positions 11–17.
    func newVIN(wmi: String, descriptor: String, modelYear: Int) throws -> String {
        vehicleCounter += 1
        let block = spec.vehiclesPerDealer
        guard vehicleCounter < block else {
            throw GeneratorError.invalidSpec("more than \(block) vehicles per dealer in a \(spec.dealers)-dealer network; lower the scale")
        }
        let id = dealer.index * block + vehicleCounter
        let plant = VINCode.alphabet[id / 1_000_000]
        return VINCode.make(wmi: wmi, descriptor: descriptor, modelYear: modelYear, plant: plant, serial: id % 1_000_000)
    }

    func moment(on day: CivilDay, from hour: Int, to lastHour: Int) -> CivilMoment {
        day.at(rng.int(hour...lastHour), rng.int(0...59), rng.int(0...59))
    }

    func dayIn(_ month: CivilMonth) -> CivilDay { month.firstDay.adding(rng.int(0..<month.dayCount)) }

    func employee(_ role: String, on day: CivilDay) -> Employee? {
        let candidates = employees.filter { $0.role == role && $0.employed(on: day) }
        return candidates.isEmpty ? nil : rng.pick(candidates)
    }

    func text(_ moment: CivilMoment?) -> String { moment.map { $0 <= asOf ? $0.description : "" } ?? "" }

    func newCustomer(kind: String, on day: CivilDay) throws -> String {
        let id = "C" + FeedFormat.padded(next("customer"), 6)
        let name = kind == "company"
            ? "\(dealer.city.hasSuffix("市") ? String(dealer.city.dropLast()) : dealer.city)\(rng.pick(Catalogues.companyWords))有限公司"
            : personName()
        try files.write("customers", [
            "dealer_code": dealer.code, "customer_id": id, "name": name, "phone": phone(),
            "city": rng.chance(0.9) ? dealer.city : rng.pick(Catalogues.regions[0].cities).city, "kind": kind,
        ])
        return id
    }

    // MARK: - Run

    func run() throws {
        try writeStaff()
        try openServiceBase()
        try openPartsStock()
        try openFleet()
        let first = spec.startMonth
        for warmUp in [-3, -2, -1] { try planNewVehicles(in: first.adding(warmUp), count: rng.count(around: 9 * spec.scale)) }
        for offset in 0..<spec.months {
            let month = first.adding(offset)
            try planNewVehicles(in: month, count: rng.count(around: 10 * spec.scale))
            try planUsedVehicles(in: month)
            try cancelledOrders(in: month)
            invoicedROs.removeAll()
            try service(in: month)
            try complaints(in: month)
            try counterAndStockMovements(in: month)
            try fleetBookings(in: month)
            try expenses(in: month)
            try attendance(in: month)
        }
    }

    // MARK: - Staff

    func writeStaff() throws {
        let roles: [(String, Int)] = [
            ("technician", max(3, Int((6 * spec.scale).rounded()))), ("advisor", max(2, Int((3 * spec.scale).rounded()))),
            ("sales", max(3, Int((5 * spec.scale).rounded()))), ("parts", 2), ("manager", 3), ("other", 1),
        ]
        for (role, count) in roles {
            for index in 0..<count {
                let hired = start.adding(-rng.int(60...2_500))
                var left: CivilDay? = role == "technician" && index == 0 ? start.adding(rng.int(120...300)) : nil
                // Short runs: nobody leaves after the end (the replacement would be hired after it too).
                if let leaving = left, leaving.adding(-30) > asOfDay { left = nil }
                employees.append(Employee(id: "E" + FeedFormat.padded(employees.count + 1, 4), name: personName(), role: role, hired: hired, left: left))
                if left != nil, let leftDay = left {
                    employees.append(Employee(id: "E" + FeedFormat.padded(employees.count + 1, 4), name: personName(), role: role, hired: leftDay.adding(-rng.int(5...20)), left: nil))
                }
            }
        }
        for employee in employees {
            try files.write("employees", [
                "dealer_code": dealer.code, "employee_id": employee.id, "name": employee.name, "role": employee.role,
                "hired_on": employee.hired.description, "left_on": employee.left.map { $0 <= asOfDay ? $0.description : "" } ?? "",
            ])
        }
    }

    func attendance(in month: CivilMonth) throws {
        for (index, employee) in employees.enumerated() where employee.role == "technician" || employee.role == "advisor" {
            var day = month.firstDay
            while day <= month.lastDay && day <= asOfDay {
                defer { day = day.adding(1) }
                guard employee.employed(on: day), day.weekday != index % 7, !rng.chance(0.03) else { continue }
                let hours = [800, 800, 800, 800, 800, 800, 800, 950, 950, 750, 400][rng.int(0..<11)]
                try files.write("attendance", [
                    "dealer_code": dealer.code, "employee_id": employee.id, "work_date": day.description,
                    "hours_present": FeedFormat.hundredths(hours),
                ])
            }
        }
    }

    // MARK: - Vehicles

    func writeVehicle(
        vin: String, model: (brand: String, series: String, code: String, name: String), modelYear: Int, production: CivilDay,
        inService: CivilDay?, newUsed: String, usage: String, owner: String?, serviceLife: Int?, status: String
    ) throws {
        try files.write("vehicles", [
            "vin": vin, "brand": model.brand, "series": model.series, "model_code": model.code, "model_name": model.name,
            "model_year": String(modelYear), "color": rng.pick(Catalogues.colors),
            "engine_no": model.code.prefix(4) + FeedFormat.padded(rng.int(0...99_999_999), 8),
            "plate": inService.map { $0 <= asOfDay } == true ? plate() : "",
            "production_date": production.description,
            "certificate_no": {
                let number = "WDK" + FeedFormat.padded(rng.int(0...999_999), 6) + FeedFormat.padded(rng.int(0...999_999), 6)
                return missingCertificates.contains(vin) ? "" : number
            }(),
            "in_service_on": inService.map { $0 <= asOfDay ? $0.description : "" } ?? "",
            "new_used": newUsed, "usage": usage, "owner_customer_id": owner ?? "", "dealer_code": dealer.code,
            "service_life_years": serviceLife.map(String.init) ?? "", "status": status,
        ])
    }

    func event(_ vin: String, _ type: String, _ time: CivilMoment, _ extra: [String: String] = [:]) throws {
        guard time <= asOf else { return }
        var row = extra
        row["dealer_code"] = dealer.code
        row["vin"] = vin
        row["event_type"] = type
        row["event_time"] = time.description
        try files.write("vehicle_events", row)
    }

    func planNewVehicles(in month: CivilMonth, count: Int) throws {
        for _ in 0..<count { try planNewVehicle(ordered: dayIn(month)) }
    }

    func planNewVehicle(ordered orderedDay: CivilDay) throws {
        let model = rng.pick(brand.models)
        let (year, monthNumber, _) = orderedDay.civil
        let modelYear = monthNumber >= 9 ? year + 1 : year
        let vin = try newVIN(wmi: brand.wmi, descriptor: model.descriptor, modelYear: modelYear)
        let production = orderedDay.adding(-rng.int(5...40))
        let ordered = moment(on: orderedDay, from: 9, to: 17)
        let dispatched = orderedDay.adding(rng.int(2...6)).at(14, rng.int(0...59))
        let arrived = dispatched.day.adding(rng.int(2...6)).at(9, rng.int(0...59))
        let failedPDI = rng.chance(0.05)
        let pdiPassed = failedPDI ? arrived.day.adding(1).at(11) : arrived.adding(minutes: 150)
        let stockedIn = pdiPassed.adding(minutes: 30)
        let cost = model.listPrice * rng.int(86...92) / 100 / 100 * 100
        let damaged = rng.chance(0.03)
        let reference = "FY" + FeedFormat.padded(rng.int(0...99_999_999), 8)
        let carrier = rng.pick(["安吉物流", "中铁特货", "长久物流", "一汽物流"])
        // The OEM's ETA: a promise of 3–6 days (often a day only: 00:00), updated in transit on a
        // quarter of the legs; the freight of the shipment on the dispatch (800–2,500 yuan).
        let eta = dispatched.day.adding(extra.int(3...6))
        let etaText = extra.chance(0.3) ? eta.start.description : eta.at(18).description
        let updatedETA = extra.chance(0.25) ? arrived.day.adding(extra.int(-1...1)).at(extra.pick([12, 18])).description : ""
        let freight = extra.int(16...50) * 5_000
        // The certificate (合格证) often follows the car: a quarter of the cars stocked in during
        // the last 40 days before the end are still without one, and 1 % of the others.
        let certificateHeld = !extra.chance(stockedIn.day >= asOfDay.adding(-40) ? 0.25 : 0.01)
        if !certificateHeld { missingCertificates.insert(vin) }
        try event(vin, "ordered", ordered, ["reference": reference])
        try event(vin, "dispatched", dispatched, ["carrier": carrier, "reference": reference, "eta": etaText, "freight_cost": FeedFormat.money(freight)])
        try event(vin, "in_transit", dispatched.adding(minutes: 120), ["carrier": carrier, "eta": updatedETA])
        let arrivalCertificate = FeedFormat.flag(!rng.chance(0.04))
        try event(vin, "arrived", arrived, ["carrier": carrier, "damaged": FeedFormat.flag(damaged), "certificate_received": certificateHeld ? arrivalCertificate : "0"])
        if failedPDI { try event(vin, "pdi_failed", arrived.adding(minutes: 120)) }
        try event(vin, "pdi_passed", pdiPassed)
        let warehouse = rng.pick(["主库", "二号库"])
        try event(vin, "stocked_in", stockedIn, [
            "cost": FeedFormat.money(cost), "warehouse": warehouse, "bin": "A" + FeedFormat.padded(rng.int(1...80), 2),
            "certificate_received": certificateHeld ? "1" : "0", "damaged": "0", "reference": "RK" + FeedFormat.padded(rng.int(0...9_999_999), 7),
        ])
        if arrived.day >= start && arrived <= asOf {
            let pdi = PlannedRO(type: "pdi", vin: vin, opened: arrived.adding(minutes: 20), labor: [LaborPlan(op: Catalogues.pdiOps[0], payType: "internal")])
            schedule(pdi)
        }

        // The vehicle's fate.
        let fate = rng.int(0..<100)
        if fate < 3 || damaged {
            try event(vin, "returned", stockedIn.day.adding(rng.int(3...20)).at(10), ["reference": "TH" + FeedFormat.padded(rng.int(0...999_999), 6)])
            try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: modelYear, production: production,
                             inService: nil, newUsed: "new", usage: "retail", owner: nil, serviceLife: nil, status: "active")
            return
        }
        if fate < 6 {
            try event(vin, "stocked_out", stockedIn.day.adding(rng.int(10...60)).at(10), ["reference": "DB" + FeedFormat.padded(rng.int(0...999_999), 6)])
            try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: modelYear, production: production,
                             inService: nil, newUsed: "new", usage: "retail", owner: nil, serviceLife: nil, status: "active")
            return
        }
        let ageRoll = rng.int(0..<100)
        let age = ageRoll < 70 ? rng.int(3...45) : ageRoll < 90 ? rng.int(46...90) : rng.int(91...240)
        var orderDay = stockedIn.day.adding(age)
        if rng.chance(0.2) { orderDay = max(orderedDay, stockedIn.day.adding(-rng.int(3...15))) }
        if rng.chance(0.1), age > 20 { try event(vin, "moved", stockedIn.day.adding(rng.int(5...20)).at(16), ["warehouse": warehouse == "主库" ? "二号库" : "主库", "bin": "B" + FeedFormat.padded(rng.int(1...40), 2)]) }
        guard orderDay <= asOfDay else {
            try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: modelYear, production: production,
                             inService: nil, newUsed: "new", usage: "retail", owner: nil, serviceLife: nil, status: "active")
            return
        }
        let typeRoll = rng.int(0..<100)
        let orderType = typeRoll < 85 ? "retail" : typeRoll < 93 ? "fleet" : typeRoll < 97 ? "wholesale" : "demo"
        let customer = try newCustomer(kind: orderType == "fleet" || orderType == "wholesale" ? "company" : "person", on: orderDay)
        let promised = max(orderDay.adding(rng.int(7...20)), stockedIn.day.adding(2))
        let slip = rng.chance(0.65) ? -rng.int(0...4) : rng.int(1...10)
        let deliveredDay = max(promised.adding(slip), stockedIn.day.adding(1), orderDay)
        let delivered = deliveredDay <= asOfDay
        try event(vin, "reserved", max(orderDay.at(16), stockedIn.adding(minutes: 10)))
        if delivered {
            if orderType == "wholesale" {
                try event(vin, "stocked_out", deliveredDay.at(9, 30), ["reference": "PF" + FeedFormat.padded(rng.int(0...999_999), 6)])
            } else {
                if rng.chance(0.88) { try event(vin, "stocked_out", deliveredDay.at(9, 30)) }
                try event(vin, "delivered", deliveredDay.at(15, rng.int(0...59)))
            }
        }
        let discount = model.listPrice * rng.int(3...15) / 100 / 10_000 * 10_000
        let fi = orderType == "retail" && rng.chance(0.7) ? rng.int(150...900) * 1_000 + (rng.chance(0.2) ? rng.int(1...99) * 10 : 0) : 0
        let orderNo = number("XS", orderDay, "order")
        let salesperson = employee("sales", on: orderDay)?.id ?? ""
        try files.write("sales_orders", [
            "dealer_code": dealer.code, "order_no": orderNo, "order_date": orderDay.description, "customer_id": customer, "vin": vin,
            "sale_type": "new", "order_type": orderType, "status": delivered ? "delivered" : "open",
            "list_price": FeedFormat.money(model.listPrice), "discount": FeedFormat.money(discount),
            "sale_price": FeedFormat.money(model.listPrice - discount), "vehicle_cost": FeedFormat.money(cost),
            "fi_income": FeedFormat.money(fi), "promised_delivery_date": rng.chance(0.95) ? promised.description : "",
            "delivered_on": delivered ? deliveredDay.description : "", "salesperson_id": salesperson,
        ])
        let owner = delivered && orderType != "wholesale" ? customer : nil
        try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: modelYear, production: production,
                         inService: owner != nil ? deliveredDay : nil, newUsed: "new", usage: "retail", owner: owner, serviceLife: nil, status: "active")
        if let owner {
            pool.append(ServiceVehicle(vin: vin, customerID: owner, inService: deliveredDay, kmPerDay: rng.int(25...70), lastService: deliveredDay))
            if orderType == "retail" { try survey(kind: "sales", reference: orderNo, after: deliveredDay, probability: 0.5) }
        }
    }

    func planUsedVehicles(in month: CivilMonth) throws {
        for _ in 0..<rng.count(around: 3 * spec.scale) {
            let day = dayIn(month)
            let make = rng.pick(Catalogues.otherMakes)
            let modelYear = rng.int(2016...2023)
            let vin = try newVIN(wmi: make.wmi, descriptor: make.descriptor, modelYear: modelYear)
            let cost = make.price * rng.int(30...60) / 100 / 10_000 * 10_000
            let stockedIn = day.at(11, rng.int(0...59))
            try event(vin, "stocked_in", stockedIn, ["cost": FeedFormat.money(cost), "warehouse": "二手车库", "bin": "U" + FeedFormat.padded(rng.int(1...30), 2), "reference": "ES" + FeedFormat.padded(rng.int(0...999_999), 6)])
            let orderDay = day.adding(rng.int(7...120))
            let firstRegistration = CivilDay(modelYear, rng.int(1...12), rng.int(1...28))
            let nameParts = make.name.split(separator: " ")
            let model = (String(nameParts.first ?? ""), String(nameParts.last ?? ""), make.descriptor, make.name)
            guard orderDay <= asOfDay else {
                try writeVehicle(vin: vin, model: model, modelYear: modelYear, production: firstRegistration.adding(-30), inService: firstRegistration,
                                 newUsed: "used", usage: "retail", owner: nil, serviceLife: nil, status: "active")
                continue
            }
            let customer = try newCustomer(kind: "person", on: orderDay)
            let promised = orderDay.adding(rng.int(3...7))
            let deliveredDay = max(orderDay, promised.adding(rng.int(-2...3)))
            let delivered = deliveredDay <= asOfDay
            try event(vin, "reserved", orderDay.at(15))
            if delivered { try event(vin, "delivered", deliveredDay.at(14, rng.int(0...59))) }
            let listPrice = cost * rng.int(110...125) / 100 / 1_000 * 1_000
            let discount = rng.int(0...5) * 100_000
            let orderNo = number("XS", orderDay, "order")
            try files.write("sales_orders", [
                "dealer_code": dealer.code, "order_no": orderNo, "order_date": orderDay.description, "customer_id": customer, "vin": vin,
                "sale_type": "used", "order_type": "retail", "status": delivered ? "delivered" : "open",
                "list_price": FeedFormat.money(listPrice), "discount": FeedFormat.money(discount),
                "sale_price": FeedFormat.money(listPrice - discount), "vehicle_cost": FeedFormat.money(cost),
                "fi_income": FeedFormat.money(rng.chance(0.4) ? rng.int(80...400) * 1_000 : 0),
                "promised_delivery_date": promised.description, "delivered_on": delivered ? deliveredDay.description : "",
                "salesperson_id": employee("sales", on: orderDay)?.id ?? "",
            ])
            try writeVehicle(vin: vin, model: model, modelYear: modelYear, production: firstRegistration.adding(-30), inService: firstRegistration,
                             newUsed: "used", usage: "retail", owner: delivered ? customer : nil, serviceLife: nil, status: "active")
            if delivered { try survey(kind: "sales", reference: orderNo, after: deliveredDay, probability: 0.4) }
        }
    }

    func cancelledOrders(in month: CivilMonth) throws {
        let count = rng.count(around: 1.0 * spec.scale)
        for index in 0..<count {
            let day = dayIn(month)
            let model = rng.pick(brand.models)
            let rejected = index == 0 && rng.chance(0.15)
            let cancelledOn = day.adding(rng.int(2...20))
            let status = rejected ? "rejected" : cancelledOn <= asOfDay ? "cancelled" : "open"
            let customer = try newCustomer(kind: "person", on: day)
            let discount = model.listPrice * rng.int(3...10) / 100 / 10_000 * 10_000
            try files.write("sales_orders", [
                "dealer_code": dealer.code, "order_no": number("XS", day, "order"), "order_date": day.description, "customer_id": customer,
                "sale_type": "new", "order_type": "retail", "status": status,
                "list_price": FeedFormat.money(model.listPrice), "discount": FeedFormat.money(discount),
                "sale_price": FeedFormat.money(model.listPrice - discount),
                "promised_delivery_date": day.adding(rng.int(10...30)).description,
                "cancelled_on": status == "cancelled" ? cancelledOn.description : "",
                "salesperson_id": employee("sales", on: day)?.id ?? "",
            ])
        }
    }

    // MARK: - Service customers

    func openServiceBase() throws {
        let count = max(20, Int((150 * spec.scale).rounded()))
        for _ in 0..<count {
            let inService = start.adding(-rng.int(90...2_900))
            let (year, _, _) = inService.civil
            let customer = try newCustomer(kind: rng.chance(0.92) ? "person" : "company", on: inService)
            let vin: String
            if rng.chance(0.85) {
                let model = rng.pick(brand.models)
                vin = try newVIN(wmi: brand.wmi, descriptor: model.descriptor, modelYear: year)
                try writeVehicle(vin: vin, model: (brand.name, model.series, model.code, model.name), modelYear: year, production: inService.adding(-rng.int(20...90)),
                                 inService: inService, newUsed: "new", usage: "retail", owner: customer, serviceLife: nil, status: "active")
            } else {
                let make = rng.pick(Catalogues.otherMakes)
                vin = try newVIN(wmi: make.wmi, descriptor: make.descriptor, modelYear: year)
                let nameParts = make.name.split(separator: " ")
                try writeVehicle(vin: vin, model: (String(nameParts.first ?? ""), String(nameParts.last ?? ""), make.descriptor, make.name),
                                 modelYear: year, production: inService.adding(-rng.int(20...90)), inService: inService,
                                 newUsed: "new", usage: "retail", owner: customer, serviceLife: nil, status: "active")
            }
            pool.append(ServiceVehicle(vin: vin, customerID: customer, inService: inService, kmPerDay: rng.int(25...70), lastService: start.adding(-rng.int(0...150))))
        }
    }

    /// A customer vehicle due for a visit on `day`: in service for a while and not seen for 45 days.
    func serviceVehicle(on day: CivilDay) -> Int? {
        guard !pool.isEmpty else { return nil }
        for _ in 0..<12 {
            let index = rng.int(0..<pool.count)
            if pool[index].inService.adding(20) <= day && pool[index].lastService.adding(45) <= day { return index }
        }
        return nil
    }

    func schedule(_ ro: PlannedRO) {
        let (year, month, _) = ro.opened.day.civil
        pending[CivilMonth(year: year, month: month).index, default: []].append(ro)
    }
}
