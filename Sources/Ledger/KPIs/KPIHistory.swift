/// What a `KPIEngine` reads once and reuses for every period of a run: vehicle stays, the
/// daily parts ledger, part positions at period ends, the fleet vehicles and the comebacks
/// of a period. Each value is exactly what the engine's query returns for its key, so
/// engines on different connections to one warehouse can share what any of them has read.
struct KPIHistory {
    /// Stays overlapping the range (see `KPIEngine.vehicleStays(from:through:)`).
    var stays: (ClosedRange<LocalDate>, [VehicleStay])?
    /// The daily parts ledger from the date on (see `KPIEngine.partsDays(from:)`).
    var partsDays: (LocalDate, [String: [Int: PartsDay]])?
    var fleet: [FleetVehicle]?
    var comebacks: [ReportingPeriod: (counted: [String: Int64], comebacks: [Comeback])] = [:]
    var positions: [LocalDate: [PartPosition]] = [:]

    /// Adds what `other` has read and this history has not; where both hold stays or a parts
    /// ledger, keeps the one that covers more.
    mutating func adopt(_ other: KPIHistory) {
        if let (range, list) = other.stays,
           stays.map({ range.lowerBound <= $0.0.lowerBound && range.upperBound >= $0.0.upperBound }) ?? true
        {
            stays = (range, list)
        }
        if let (floor, days) = other.partsDays, partsDays.map({ floor < $0.0 }) ?? true {
            partsDays = (floor, days)
        }
        if fleet == nil { fleet = other.fleet }
        comebacks.merge(other.comebacks) { mine, _ in mine }
        positions.merge(other.positions) { mine, _ in mine }
    }
}
