import Foundation
import Testing

@testable import Ledger
@testable import FeedGenerator

/// Networks beyond 150 dealers (the 500-dealer report benchmark of #15): any number up to
/// `NetworkSpec.maximumDealers`, deterministic by seed, VINs unique across the network.
@Suite struct LargeNetworkTests {
    @Test func specsAcceptUpToTheMaximumAndRefuseMore() throws {
        try NetworkSpec(dealers: 500, regions: 6, brands: 3).validate()
        try NetworkSpec(dealers: NetworkSpec.maximumDealers).validate()
        #expect(throws: GeneratorError.self) { try NetworkSpec(dealers: NetworkSpec.maximumDealers + 1).validate() }
        #expect(throws: GeneratorError.self) { try NetworkSpec(dealers: 0).validate() }
        // Up to 150 dealers each keeps 200,000 VINs (the VINs of earlier versions); the serials never overlap.
        #expect(NetworkSpec(dealers: 150).vehiclesPerDealer == 200_000)
        for dealers in [151, 500, NetworkSpec.maximumDealers] {
            let spec = NetworkSpec(dealers: dealers)
            #expect(spec.vehiclesPerDealer * dealers <= VINCode.alphabet.count * 1_000_000)
            #expect(spec.vehiclesPerDealer >= 10_000)
        }
    }

    @Test func fiveHundredDealersHaveDistinctCodesAndNamesInEveryRegion() {
        let spec = NetworkSpec(dealers: 500, regions: 6, brands: 3, seed: 11)
        let dealers = DealerProfile.network(spec)
        #expect(dealers.count == 500)
        #expect(Set(dealers.map(\.code)).count == 500 && dealers.last?.code == "DLR500")
        #expect(Set(dealers.map(\.name)).count == 500)
        #expect(Set(dealers.map(\.region)).count == 6)
        #expect(DealerProfile.network(spec) == dealers)
    }

    /// A generated 500-dealer month: every dealer present, VINs unique across the network,
    /// the same files for the same seed.
    @Test func aFiveHundredDealerMonthIsGeneratedWithUniqueVINs() throws {
        let spec = NetworkSpec(dealers: 500, regions: 6, brands: 3, endMonth: CivilMonth(year: 2026, month: 10), months: 1, scale: 0.05, seed: 5)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("feedgen-500-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        try NetworkGenerator(spec: spec).write(to: base + "/a")
        let names = try FileManager.default.subpathsOfDirectory(atPath: base + "/a").filter { $0.hasSuffix(".csv") }.sorted()
        var dealerCodes: Set<String> = [], vins: [String] = []
        for name in names {
            let parsed = try readGeneratedCSV(base + "/a/" + name)
            switch generatedFeedName(of: name) {
            case "dealers":
                let index = try #require(parsed.header.firstIndex(of: "dealer_code"))
                dealerCodes.formUnion(parsed.rows.map { $0[index] })
            case "vehicles":
                let index = try #require(parsed.header.firstIndex(of: "vin"))
                vins += parsed.rows.map { $0[index] }
            default: break
            }
        }
        #expect(dealerCodes.count == 500)
        #expect(!vins.isEmpty)
        #expect(Set(vins).count == vins.count, "a VIN is generated twice")
        try NetworkGenerator(spec: spec).write(to: base + "/b")
        for name in names.prefix(40) {
            #expect(FileManager.default.contents(atPath: base + "/a/" + name) == FileManager.default.contents(atPath: base + "/b/" + name), "\(name) differs")
        }
    }
}
