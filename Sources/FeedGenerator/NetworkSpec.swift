/// What network to generate: its size, the months it covers, its volume and its seed.
public struct NetworkSpec: Sendable, Hashable {
    /// Number of dealers (1…`maximumDealers`).
    public var dealers: Int
    /// Number of regions used (1…6, in the order 华东, 华南, 华北, 东北, 西南, 西北).
    public var regions: Int
    /// Number of brands used (1…3).
    public var brands: Int
    /// The last month generated; data runs up to its last day, 23:59:59 (the as-of instant).
    public var endMonth: CivilMonth
    /// How many months are generated, ending with `endMonth`.
    public var months: Int
    /// Volume multiplier: at 1.0 a dealer has about 40 repair orders, 10 new and 3 used
    /// vehicle sales and 18 test drives a month.
    public var scale: Double
    /// The seed: the same spec always gives byte-identical files.
    public var seed: UInt64

    public init(
        dealers: Int = 4, regions: Int = 2, brands: Int = 2, endMonth: CivilMonth = CivilMonth(year: 2026, month: 10),
        months: Int = 16, scale: Double = 1.0, seed: UInt64 = 1
    ) {
        self.dealers = dealers
        self.regions = regions
        self.brands = brands
        self.endMonth = endMonth
        self.months = months
        self.scale = scale
        self.seed = seed
    }

    /// A spec covering `startMonth` through `endMonth` (both included).
    public init(
        dealers: Int = 4, regions: Int = 2, brands: Int = 2, startMonth: CivilMonth, endMonth: CivilMonth,
        scale: Double = 1.0, seed: UInt64 = 1
    ) {
        self.init(dealers: dealers, regions: regions, brands: brands, endMonth: endMonth,
                  months: endMonth.index - startMonth.index + 1, scale: scale, seed: seed)
    }

    /// The first month generated.
    public var startMonth: CivilMonth { endMonth.adding(-(months - 1)) }

    /// The instant the data describes: nothing happens after it.
    public var asOf: CivilMoment { endMonth.lastDay.at(23, 59, 59) }

    /// The most dealers a network can have: VINs stay unique across the network.
    public static let maximumDealers = 2_000

    /// How many VINs each dealer may create: the 33 × 1,000,000 serials of VIN positions 11–17
    /// shared among the dealers — 200,000 each up to 150 dealers (the VINs of such networks
    /// are those of earlier versions), fewer in larger networks (16,500 each for 2,000).
    public var vehiclesPerDealer: Int {
        dealers <= 150 ? 200_000 : VINCode.alphabet.count * 1_000_000 / dealers
    }

    /// Repair orders per dealer per month (before comebacks, PDI and fleet ROs).
    public var repairOrdersPerMonth: Double { 40 * scale }

    /// Throws `GeneratorError.invalidSpec` when the spec cannot be generated.
    public func validate() throws {
        guard (1...Self.maximumDealers).contains(dealers) else {
            throw GeneratorError.invalidSpec("dealers must be 1…\(Self.maximumDealers), not \(dealers)")
        }
        guard (1...Catalogues.regions.count).contains(regions) else {
            throw GeneratorError.invalidSpec("regions must be 1…\(Catalogues.regions.count), not \(regions)")
        }
        guard (1...Catalogues.brands.count).contains(brands) else {
            throw GeneratorError.invalidSpec("brands must be 1…\(Catalogues.brands.count), not \(brands)")
        }
        guard (1...240).contains(months) else { throw GeneratorError.invalidSpec("months must be 1…240, not \(months)") }
        guard scale > 0, scale <= 1000 else { throw GeneratorError.invalidSpec("scale must be > 0 and ≤ 1000, not \(scale)") }
        guard startMonth.year >= 2010, endMonth.year <= 2100 else {
            throw GeneratorError.invalidSpec("months must lie between 2010 and 2100")
        }
    }
}

/// One dealer of a generated network, as written to `dealers`.
public struct DealerProfile: Sendable, Hashable {
    public var index: Int
    public var code: String
    public var name: String
    public var region: String
    public var subRegion: String
    public var province: String
    public var city: String
    public var plate: String
    public var brandIndex: Int
    public var brand: String
    public var openedOn: CivilDay

    /// The dealers of `spec`, deterministic.
    public static func network(_ spec: NetworkSpec) -> [DealerProfile] {
        var rng = SeededGenerator(seed: spec.seed, stream: 0xDEA1)
        var result: [DealerProfile] = []
        for index in 0..<spec.dealers {
            let regionIndex = index % spec.regions
            let region = Catalogues.regions[regionIndex]
            let inRegion = index / spec.regions
            let city = region.cities[inRegion % region.cities.count]
            let brandIndex = (index / spec.regions + index) % spec.brands
            let brand = Catalogues.brands[brandIndex]
            let word = Catalogues.dealerWords[(index * 5 + rng.int(0..<3)) % Catalogues.dealerWords.count]
            let cityShort = city.city.hasSuffix("市") ? String(city.city.dropLast()) : city.city
            let branch = inRegion >= region.cities.count ? "第\(inRegion / region.cities.count + 1)分店" : ""
            result.append(DealerProfile(
                index: index, code: "DLR" + FeedFormat.padded(index + 1, 3),
                name: "\(cityShort)\(word)\(brand.name)汽车销售服务有限公司\(branch)",
                region: region.name, subRegion: "\(region.name)\(["一", "二", "三"][inRegion % 3])区",
                province: city.province, city: city.city, plate: city.plate,
                brandIndex: brandIndex, brand: brand.name,
                openedOn: CivilDay(2010 + rng.int(0...12), rng.int(1...12), rng.int(1...28))))
        }
        return result
    }
}
