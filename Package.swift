// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Ledger",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Ledger", targets: ["Ledger"]),
        .executable(name: "dms-import", targets: ["dms-import"]),
        .executable(name: "dms-report", targets: ["dms-report"]),
        .executable(name: "dms-dms", targets: ["dms-dms"]),
        .executable(name: "dms-feedgen", targets: ["dms-feedgen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // The C doors: system libraries found through pkg-config.
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        // OpenSSL's libcrypto, for SHA-256 (Support/SHA256.swift).
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // zlib: inflates the parts of workbooks under the zip-bomb limits (Feeds/XLSX/ZipEntrySource).
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // libpq, the PostgreSQL client library (Database/PostgreSQLDatabase.swift).
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        // zlib's minizip: the zip container of workbooks, read (unzip.h) and written (zip.h).
        .systemLibrary(
            name: "CMinizip", pkgConfig: "minizip",
            providers: [.apt(["libminizip-dev"])]),

        // All behaviour lives here.
        .target(
            name: "Ledger",
            dependencies: ["CSQLite", "CLibXML2", "COpenSSL", "CZlib", "CLibPQ", "CMinizip"]),
        // Deterministic, seeded generator of realistic feed sets and driver-monitoring sessions
        // (tests, demo, bench, `dms-dms generate`).
        .target(name: "FeedGenerator", dependencies: ["Ledger"]),

        // Options, exit codes and diagnostic printing shared by the tools.
        .target(
            name: "LedgerCLI",
            dependencies: [
                "Ledger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "dms-import",
            dependencies: ["Ledger", "LedgerCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "dms-report",
            dependencies: ["Ledger", "LedgerCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "dms-dms",
            dependencies: ["Ledger", "LedgerCLI", "FeedGenerator", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "dms-feedgen",
            dependencies: ["FeedGenerator", "LedgerCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        .target(name: "TestSupport", dependencies: ["Ledger", "CMinizip"], path: "Tests/TestSupport"),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "FeedGenerator", "TestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "CommandLineTests", dependencies: ["Ledger", "FeedGenerator", "TestSupport"]),
    ]
)

// Fuzz targets (`make fuzz`, scripts/fuzz.sh): declared only when LEDGER_FUZZ=1, so normal
// builds, tests and CI never see them. Built with -sanitize=fuzzer into .build-fuzz.
if Context.environment["LEDGER_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzSupport", path: "Fuzz/FuzzSupport"))
    for name in ["FuzzCSVReader", "FuzzValueParsers", "FuzzXMLMapping", "FuzzProfileLoader", "FuzzXLSXReader", "FuzzLegacyWorkbooks"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["Ledger", "FuzzSupport"], path: "Fuzz/\(name)"))
    }
}
