/// Customer complaints (客户投诉): about 2.5 per 100 ROs invoiced in a month, most about an RO,
/// drawn from the second stream so that the other feeds stay as they were.
extension DealerSimulation {
    static let complaintChannels = (["phone", "wechat", "store", "oem_hotline", "online"], [35, 25, 15, 15, 10])
    static let complaintCategories = (
        ["service_quality", "repair_quality", "sales_process", "price", "parts_availability", "attitude", "other"],
        [20, 25, 10, 15, 10, 15, 5]
    )
    static let complaintSeverities = (["low", "medium", "high"], [60, 30, 10])

    func complaints(in month: CivilMonth) throws {
        let count = extra.count(around: Double(invoicedROs.count) * 0.025 + 0.5 * spec.scale)
        for _ in 0..<count {
            let aboutRO = !invoicedROs.isEmpty && extra.chance(0.75)
            let ro = aboutRO ? extra.pick(invoicedROs) : nil
            let opened = ro.map { $0.invoiced.adding(minutes: extra.int(60...(5 * 1_440))) }
                ?? month.firstDay.adding(extra.int(0..<month.dayCount)).at(extra.int(8...20), extra.int(0...59))
            guard opened <= asOf else { continue }
            let number = "TS" + month.compact + FeedFormat.padded(next("complaint"), 4)
            // Resolution: mostly within two days (some exactly 48 h), a tail of a week or more.
            let roll = extra.int(0..<100)
            let minutes = roll < 55 ? extra.int(2...47) * 60 : roll < 62 ? 2_880 : roll < 85 ? extra.int(49...120) * 60 : extra.int(6...20) * 1_440
            let closedAt = opened.adding(minutes: minutes)
            let fate = extra.int(0..<100)
            var status = "closed"
            var closedText = closedAt.description
            // Complaints stay open (or come back re-opened) only recently: old ones are settled.
            let recent = opened.day >= asOfDay.adding(-60)
            if fate < 4 {
                status = "void"
                closedText = ""
            } else if fate < 14, recent, closedAt <= asOf {
                status = "open"  // re-opened: the old closed_at stays filled
            } else if closedAt > asOf || (fate < 40 && recent) {
                status = "open"
                closedText = ""
            }
            let satisfied = status == "closed" ? extra.pick(["1", "1", "1", "1", "1", "1", "0", "0", ""]) : ""
            try files.write("complaints", [
                "dealer_code": dealer.code, "complaint_no": number, "customer_id": ro?.customer ?? "", "vin": ro?.vin ?? "",
                "ro_no": ro?.roNo ?? "", "opened_at": opened.description,
                "channel": Self.complaintChannels.0[extra.weightedIndex(Self.complaintChannels.1)],
                "category": Self.complaintCategories.0[extra.weightedIndex(Self.complaintCategories.1)],
                "severity": Self.complaintSeverities.0[extra.weightedIndex(Self.complaintSeverities.1)],
                "closed_at": closedText, "status": status, "satisfied": satisfied,
            ])
        }
    }
}
