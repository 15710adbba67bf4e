import Ledger

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the generator wrote.
public struct GeneratedFile: Sendable, Hashable {
    /// The feed it holds.
    public var feed: String
    public var path: String
    /// Rows written, header excluded.
    public var rows: Int
}

/// Writes a whole dealer network's feeds as CSV files into a folder.
///
/// Files: `1-network/dealers.csv`, `2-master/<feed>_<DEALER>.csv` (employees, customers,
/// parts, vehicles) and `3-activity/<feed>_<DEALER>.csv` (every other feed). A folder loads in
/// sorted order of relative path, so parents (dealers, employees, repair_orders before
/// ro_labor) load before the rows that refer to them and no orphan warning appears.
/// Dealers are generated one after the other, each from its own seeded stream, and rows are
/// written as they are generated: memory does not grow with the row count.
public struct NetworkGenerator: Sendable {
    public var spec: NetworkSpec
    public var catalogue: FeedCatalogue

    /// The feeds written per dealer: every feed of the catalogue except `dealers`, so that a
    /// feed added to the catalogue gets at least its header (and the tests ask for rows).
    public var dealerFeeds: [String] { catalogue.feeds.map(\.name).filter { $0 != "dealers" } }

    public init(spec: NetworkSpec, catalogue: FeedCatalogue = .standard) {
        self.spec = spec
        self.catalogue = catalogue
    }

    /// Feeds other rows refer to, written to `2-master/`.
    public static let masterFeeds: Set<String> = ["employees", "customers", "parts", "vehicles"]

    /// The sub-folder a feed's files are written to.
    public static func stageFolder(of feed: String) -> String {
        feed == "dealers" ? "1-network" : masterFeeds.contains(feed) ? "2-master" : "3-activity"
    }

    /// Generates the network into `folder` (created when missing) and lists the files written.
    @discardableResult
    public func write(to folder: String) throws -> [GeneratedFile] {
        try spec.validate()
        for stage in ["1-network", "2-master", "3-activity"] { try Self.makeFolder(folder + "/" + stage) }
        let dealers = DealerProfile.network(spec)
        guard let dealerFeed = catalogue.feed(named: "dealers") else {
            throw GeneratorError.unknownColumn(feed: "dealers", column: "*")
        }
        let master = try FeedFileWriter(feed: dealerFeed, path: "\(folder)/\(Self.stageFolder(of: "dealers"))/dealers.csv")
        for dealer in dealers {
            try master.write([
                "dealer_code": dealer.code, "name": dealer.name, "region": dealer.region, "sub_region": dealer.subRegion,
                "province": dealer.province, "city": dealer.city, "brand": dealer.brand, "opened_on": dealer.openedOn.description,
                "status": "active",
            ])
        }
        try master.close()
        var files = [GeneratedFile(feed: "dealers", path: master.path, rows: master.rowCount)]
        for dealer in dealers {
            let dealerFiles = try DealerFiles(catalogue: catalogue, folder: folder, dealerCode: dealer.code, feeds: dealerFeeds)
            let simulation = DealerSimulation(spec: spec, dealer: dealer, files: dealerFiles)
            try simulation.run()
            files += try dealerFiles.close()
        }
        return files
    }

    /// Creates `folder` and its missing parents.
    static func makeFolder(_ folder: String) throws {
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw GeneratorError.io(path: path, code: errno) }
        }
    }
}
